import {
  type Announcement,
  type AudienceMember,
  type Expanding,
  type Recipient,
  isPastItsMoment,
} from '../../domain/announcement';
import { cancelSend } from '../../services/cancel-send';
import type { Logger } from '../../../../platform/logger';
import { ConflictError } from '../../../../platform/storage/errors';
import type { AnnouncementRepository } from '../../store/announcement-repository';
import type { FanoutEnqueuer } from '../queue/enqueue';
import type { ChannelPoster } from '../send/channel-post';
import type { AudienceResolver } from './audience';

/** How long one instance may take to expand an audience and queue it before another takes over. */
const EXPANSION_LEASE_MS = 5 * 60_000;

/** Tries at ending the expansion against concurrent writes (a cancel, a late due row). */
const END_ATTEMPTS = 10;

/**
 * Prepare: a due announcement's audience becomes one recipient row each, and goes forward to the
 * queue (and the channel post, when asked for).
 */
export class AudienceExpansion {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly audience: AudienceResolver,
    private readonly enqueuer: FanoutEnqueuer,
    private readonly channel: ChannelPoster,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /**
   * Expands the audience into recipient rows and queues them. Safe to call more than once and
   * on several instances at once (the sweep calls it while the send is due): one instance claims
   * the expansion with an ETag-guarded write and a lease; the others leave it alone, and take it
   * over only if the lease runs out with the send still marked due (the instance died midway).
   * Existing recipient rows are never touched, and a recipient is sent to only by the worker
   * that moves its row from queued to sending.
   */
  async start(cohortId: string, id: string): Promise<'started' | 'stale' | undefined> {
    const current = await this.repo.get(cohortId, id);
    if (!current) return;
    const a: Expanding = current.value;
    if (a.status === 'cancelled' || a.status === 'sent') {
      await this.repo.clearDue(a);
      return;
    }
    const now = this.now();
    if (a.status === 'scheduled' && Date.parse(a.sendAt) > now.getTime()) return;
    if (a.status === 'scheduled' && isPastItsMoment(a, now)) {
      // Its moment passed while nobody ran it (downtime): skipped, never sent late.
      await cancelSend(this.repo, cohortId, id, this.now);
      return 'stale';
    }
    const expandingUntil = new Date(now.getTime() + EXPANSION_LEASE_MS).toISOString();
    let audience: AudienceMember[];
    let claimed: Announcement;
    if (a.status === 'scheduled') {
      audience = await this.audience.audienceOf(a);
      const next: Expanding = {
        ...a,
        status: 'sending',
        startedAt: now.toISOString(),
        recipientCount: audience.length,
        expandingUntil,
      };
      if (!(await this.tryReplace(next, current.etag))) return; // another has it
      claimed = next;
    } else {
      // Sending already: expanded (its due row is just late going), being expanded, or the
      // instance expanding it died (its lease has run out).
      if (!a.expandingUntil) {
        await this.repo.clearDue(a);
        return;
      }
      if (Date.parse(a.expandingUntil) > now.getTime()) return;
      const next: Expanding = { ...a, expandingUntil };
      if (!(await this.tryReplace(next, current.etag))) return;
      claimed = next;
      audience = await this.audience.audienceOf(a);
      this.log.info({ id }, 'taking over an expansion whose instance stopped');
    }
    await this.repo.markActive(a);
    const at = this.now().toISOString();
    await this.repo.addRecipients(
      a.id,
      audience.map((m): Recipient => ({
        announcementId: a.id,
        participantId: m.participantId,
        userId: m.userId,
        displayName: m.displayName,
        status: 'queued',
        attempts: 0,
        round: claimed.round,
        updatedAt: at,
      })),
    );
    await this.enqueuer.enqueueQueued(claimed);
    await this.endExpansion(cohortId, id);
    await this.repo.clearDue(a);
    if (a.alsoInChannel) await this.channel.post(claimed);
    return 'started';
  }

  private async tryReplace(next: Announcement, etag: string): Promise<boolean> {
    try {
      await this.repo.replace(next, etag);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /** Every recipient has a row and a queue message: the send may now finish when drained. */
  private async endExpansion(cohortId: string, id: string): Promise<void> {
    for (let attempt = 0; attempt < END_ATTEMPTS; attempt++) {
      const current = await this.repo.get(cohortId, id);
      const value: Expanding | undefined = current?.value;
      if (!current || !value?.expandingUntil) return;
      const { expandingUntil: _done, ...rest } = value;
      if (await this.tryReplace(rest, current.etag)) return;
    }
  }
}
