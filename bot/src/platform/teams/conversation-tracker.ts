import { type Activity, TurnContext } from 'botbuilder';
import type { StoredConversation } from './conversation-repository';

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
