import { type Activity, TurnContext } from 'botbuilder';
import type { StoredConversation } from './conversation-repository';

/**
 * Whether the adapter authenticated this turn: it puts the identity the request proved in the
 * turn state (an anonymous but authenticated identity on a purely local instance, where bot
 * authentication is off). A turn without one, or with an unauthenticated one, never came
 * through BotAuthentication, so nothing it claims may be stored.
 */
export function turnAuthenticated(context: TurnContext): boolean {
  const identity = context.turnState.get(context.adapter.BotIdentityKey) as
    { isAuthenticated?: boolean } | undefined;
  return identity?.isAuthenticated === true;
}

/**
 * The conversation reference to store for this turn, or undefined: only an authenticated turn
 * (see turnAuthenticated) may replace where a person's messages go.
 */
export function conversationToStore(
  context: TurnContext,
  now: Date,
): StoredConversation | undefined {
  return turnAuthenticated(context) ? conversationFromActivity(context.activity, now) : undefined;
}

/** Builds the stored form of a conversation reference from an incoming activity. */
export function conversationFromActivity(
  activity: Activity,
  now: Date,
): StoredConversation | undefined {
  const reference = TurnContext.getConversationReference(activity);
  const conversation = activity.conversation;
  if (!conversation?.id || !activity.serviceUrl) return undefined;
  const type = conversation.conversationType;
  const conversationType: StoredConversation['conversationType'] =
    type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const tenantId =
    conversation.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
    '';
  const userId = activity.from?.aadObjectId?.toLowerCase();
  if (conversationType === 'personal' && !userId) return undefined;
  return {
    userId: conversationType === 'personal' ? userId : undefined,
    tenantId,
    serviceUrl: activity.serviceUrl,
    conversationId: conversation.id,
    conversationType,
    timeZone: activity.localTimezone || undefined,
    referenceJson: JSON.stringify({
      ...reference,
      conversation: { ...reference.conversation, tenantId },
    }),
    updatedAt: now.toISOString(),
  };
}
