import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../logger';
import type { ConversationRepository } from './conversation-repository';

export type SendOutcome =
  | { status: 'sent'; activityId?: string }
  | { status: 'no-conversation' }
  | { status: 'blocked'; detail: string }
  | { status: 'failed'; detail: string; retryable: boolean };

/**
 * Sends messages to people outside a turn, through the conversation reference stored on their
 * latest activity. `continueConversationAsync` does not reject when the send inside it fails
 * (the error goes to onTurnError), so the outcome is caught and recorded inside the callback.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly conversations: ConversationRepository,
    private readonly log: Logger,
    /** Waits for a slot under Teams' rate, shared with the fan-out (see FanoutWorker.pace). */
    private readonly pace: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async sendToUser(userId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    const stored = await this.conversations.getPersonal(userId);
    if (!stored) return { status: 'no-conversation' };
    await this.pace();
    const reference = JSON.parse(stored.referenceJson) as ConversationReference;
    let outcome = { status: 'failed', detail: 'not attempted', retryable: true } as SendOutcome;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      try {
        const response = await context.sendActivity(activity);
        outcome = { status: 'sent', activityId: response?.id };
      } catch (error) {
        outcome = classify(error);
      }
    });
    if (outcome.status !== 'sent') {
      this.log.warn({ userId, outcome }, 'proactive send did not go through');
    }
    return outcome;
  }
}

function classify(error: unknown): SendOutcome {
  const e = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    body?: unknown;
    details?: unknown;
  };
  const status = e.statusCode;
  const detail = `${status ?? ''} ${e.code ?? ''} ${e.message ?? String(error)}`.trim();
  const said = detail + JSON.stringify(e.body ?? '') + JSON.stringify(e.details ?? '');
  if (status === 403 && /MessageWritesBlocked|ConversationBlockedByUser/i.test(said)) {
    return { status: 'blocked', detail };
  }
  const retryable = status === undefined || status === 412 || status === 429 || status >= 500;
  return { status: 'failed', detail, retryable };
}
