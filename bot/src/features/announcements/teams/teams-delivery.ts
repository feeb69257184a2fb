import type {
  Activity,
  CloudAdapter,
  ConversationParameters,
  ConversationReference,
  TurnContext,
} from 'botbuilder';
import type { AttemptOutcome } from '../domain/announcement';
import type { Logger } from '../../../platform/logger';
import type {
  ConversationRepository,
  StoredConversation,
} from '../../../platform/teams/conversation-repository';

/**
 * One message to one person's personal chat with the bot, for the fan-out. Unlike the
 * journey's ProactiveSender it reports every outcome precisely and leaves retrying to the
 * fan-out (which paces and backs off): the SDK's own retry policy is taken off the connector
 * client, so each attempt is exactly one request to Teams.
 */
export class TeamsDelivery {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationRepository,
    private readonly log: Logger,
  ) {}

  /** `known`: the person's stored conversation when the caller has just read it. */
  async sendToUser(
    userId: string,
    activity: Partial<Activity>,
    known?: StoredConversation,
  ): Promise<AttemptOutcome> {
    const stored = known ?? (await this.conversations.getPersonal(userId));
    if (!stored) return { kind: 'no-conversation', detail: 'no stored conversation' };
    const first = await this.send(stored, activity);
    if (first.kind !== 'no-conversation') return first;
    // Teams lost the chat (404 ConversationNotFound): create it again and send once more.
    this.log.info({ userId }, 'conversation not found; creating it again');
    const second = await this.recreateAndSend(stored, activity);
    return second.kind === 'no-conversation'
      ? { kind: 'fatal', detail: `Teams could not find or recreate the chat (${second.detail})` }
      : second;
  }

  /** Posts a new message in a team channel (the programme channel). */
  async sendToChannel(
    channel: { channelId: string; serviceUrl: string; tenantId: string },
    activity: Partial<Activity>,
  ): Promise<AttemptOutcome> {
    const parameters = {
      isGroup: true,
      channelData: { channel: { id: channel.channelId }, tenant: { id: channel.tenantId } },
      activity: activity as Activity,
      tenantId: channel.tenantId,
    } as ConversationParameters;
    return this.create(channel.serviceUrl, parameters, undefined);
  }

  private async send(stored: StoredConversation, activity: Partial<Activity>) {
    const reference = JSON.parse(stored.referenceJson) as ConversationReference;
    let outcome: AttemptOutcome = { kind: 'retry', detail: 'not attempted' };
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        withoutSdkRetries(context);
        try {
          const response = await context.sendActivity(activity);
          outcome = {
            kind: 'sent',
            activityId: response?.id,
            conversationId: stored.conversationId,
          };
        } catch (error) {
          outcome = classify(error);
        }
      });
    } catch (error) {
      outcome = classify(error);
    }
    return outcome;
  }

  private async recreateAndSend(
    stored: StoredConversation,
    activity: Partial<Activity>,
  ): Promise<AttemptOutcome> {
    const reference = JSON.parse(stored.referenceJson) as ConversationReference;
    const member = reference.user?.id ?? stored.userId ?? '';
    const parameters = {
      isGroup: false,
      bot: reference.bot,
      members: [{ id: member, name: reference.user?.name ?? '', aadObjectId: stored.userId }],
      tenantId: stored.tenantId,
      channelData: { tenant: { id: stored.tenantId } },
    } as unknown as ConversationParameters;
    return this.create(stored.serviceUrl, parameters, activity, stored);
  }

  private async create(
    serviceUrl: string,
    parameters: ConversationParameters,
    activity: Partial<Activity> | undefined,
    stored?: StoredConversation,
  ): Promise<AttemptOutcome> {
    let outcome: AttemptOutcome = { kind: 'retry', detail: 'not attempted' };
    try {
      await this.adapter.createConversationAsync(
        this.botAppId,
        'msteams',
        serviceUrl,
        'https://api.botframework.com',
        parameters,
        async (context) => {
          withoutSdkRetries(context);
          const conversationId = context.activity.conversation.id;
          if (stored) {
            const reference = JSON.parse(stored.referenceJson) as ConversationReference;
            await this.conversations.save({
              ...stored,
              conversationId,
              referenceJson: JSON.stringify({
                ...reference,
                conversation: { ...reference.conversation, id: conversationId },
              }),
              updatedAt: new Date().toISOString(),
            });
          }
          if (!activity) {
            // The activity went with the create call (a channel post).
            outcome = { kind: 'sent', activityId: context.activity.id, conversationId };
            return;
          }
          try {
            const response = await context.sendActivity(activity);
            outcome = { kind: 'sent', activityId: response?.id, conversationId };
          } catch (error) {
            outcome = classify(error);
          }
        },
      );
    } catch (error) {
      outcome = classify(error);
    }
    return outcome;
  }
}

interface PipelineOwner {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

/** Each attempt is one request: the fan-out, not the SDK, decides when to try again. */
function withoutSdkRetries(context: TurnContext): void {
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const key = adapter.ConnectorClientKey;
  if (!key) return;
  const connector = context.turnState.get(key) as PipelineOwner | undefined;
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) return;
  for (const name of ['defaultRetryPolicy', 'throttlingRetryPolicy', 'exponentialRetryPolicy'])
    pipeline.removePolicy({ name });
}

/** Teams' answers, as the fan-out needs them (see docs/announcements.md). */
export function classify(error: unknown): AttemptOutcome {
  const e = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    body?: unknown;
    /** botbuilder 4.23 puts the parsed error body here (and its code in `code`). */
    details?: unknown;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode;
  const text = `${e.code ?? ''} ${e.message ?? String(error)} ${safeJson(e.body)} ${safeJson(e.details)}`;
  const detail = `${status ?? 'no answer'} ${(e.code ?? e.message ?? '').slice(0, 200)}`.trim();
  if (
    status === 403 &&
    /MessageWritesBlocked|ConversationBlockedByUser|BotDisabledByAdmin/i.test(text)
  ) {
    return { kind: 'blocked', detail };
  }
  if (status === 404 && /ConversationNotFound|conversation/i.test(text)) {
    return { kind: 'no-conversation', detail };
  }
  if (status === undefined || status === 412 || status === 429 || status >= 500) {
    const retryAfter = Number(e.response?.headers?.get?.('retry-after') ?? NaN);
    return {
      kind: 'retry',
      detail,
      retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
    };
  }
  return { kind: 'fatal', detail };
}

function safeJson(value: unknown): string {
  try {
    return value === undefined ? '' : JSON.stringify(value);
  } catch {
    return '';
  }
}
