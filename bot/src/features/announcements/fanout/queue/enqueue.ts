import type { Announcement } from '../../domain/announcement';
import { eachLimited } from '../../../../platform/storage/batch';
import type { AnnouncementRepository } from '../../store/announcement-repository';
import { type FanoutMessage, type FanoutQueue, MAX_MESSAGE_CHARS } from './fanout-queue';

/**
 * People per queue message. A worker spreads one message's people over its lanes (and keeps the
 * message invisible while it works), so messages can be large: fewer queue operations per person.
 */
export const RECIPIENTS_PER_MESSAGE = 50;

/** Queue messages written at once. */
const SENDS_AT_ONCE = 16;

/**
 * Queue: every recipient still `queued` goes onto the fan-out queue, in messages of up to
 * RECIPIENTS_PER_MESSAGE people. Each message carries its rows as read here, so the worker need
 * not read them again before writing its intent.
 */
export class FanoutEnqueuer {
  constructor(
    private readonly repo: Pick<AnnouncementRepository, 'listRecipients'>,
    private readonly queue: Pick<FanoutQueue, 'send'>,
  ) {}

  async enqueueQueued(a: Pick<Announcement, 'id' | 'cohortId'>): Promise<void> {
    const queued = await this.repo.listRecipients(a.id, 'queued');
    const messages: FanoutMessage[] = [];
    let current: FanoutMessage | undefined;
    let chars = 0;
    for (const r of queued) {
      const entry = { etag: r.etag, value: r.value };
      const size = JSON.stringify(entry).length + r.value.participantId.length * 2 + 8;
      if (
        !current ||
        current.participantIds.length >= RECIPIENTS_PER_MESSAGE ||
        chars + size > MAX_MESSAGE_CHARS
      ) {
        current = { cohortId: a.cohortId, announcementId: a.id, participantIds: [], rows: {} };
        messages.push(current);
        chars = 200;
      }
      current.participantIds.push(r.value.participantId);
      current.rows![r.value.participantId] = entry;
      chars += size;
    }
    await eachLimited(messages, SENDS_AT_ONCE, (message) => this.queue.send(message));
  }
}
