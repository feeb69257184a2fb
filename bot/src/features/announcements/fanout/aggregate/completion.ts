import {
  type Announcement,
  type Expanding,
  FINAL_STATUSES,
  type Recipient,
  isAbandoned,
  unconfirmedAfterCrash,
} from '../../domain/announcement';
import {
  type DeliveryReport,
  channelMarker,
  countsReport,
  reportOf,
} from '../../domain/delivery-report';
import { ConflictError } from '../../../../platform/storage/errors';
import type { Versioned } from '../../../../platform/storage/versioned';
import type { AnnouncementRepository } from '../../store/announcement-repository';
import type { CoordinatorSummary } from './coordinator-summary';

/**
 * Aggregate: the rows the sends left behind become the announcement's outcome. Rows whose
 * sender died become unconfirmed; a drained send is marked sent (one instance wins) and its
 * coordinator gets the summary; the full report is read from the same rows, the counts from
 * the delivery counters that move with them.
 */
export class Completion {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly summary: CoordinatorSummary,
    private readonly now: () => Date,
  ) {}

  /** The delivery report as stored now. */
  async report(cohortId: string, id: string): Promise<DeliveryReport | undefined> {
    const announcement = await this.repo.get(cohortId, id);
    if (!announcement) return undefined;
    const rows = (await this.repo.listRecipients(id)).map((r) => r.value);
    return reportOf(announcement.value, rows);
  }

  /**
   * The counts-only report: from the delivery counters (32 point reads) and the channel post's
   * row, never every person's row.
   */
  async reportCounts(cohortId: string, id: string): Promise<DeliveryReport | undefined> {
    const [announcement, counts, channel] = await Promise.all([
      this.repo.get(cohortId, id),
      this.repo.counts(id),
      this.repo.getRecipient(id, channelMarker(id)),
    ]);
    if (!announcement) return undefined;
    const post = channel
      ? { status: channel.value.status, reason: channel.value.reason ?? null }
      : null;
    return countsReport(announcement.value, counts, post);
  }

  /**
   * Rows whose sender died (their lease has run out while `sending`) become unconfirmed. Reads
   * only the rows being sent, so it is cheap while a large send is under way.
   */
  async releaseAbandoned(id: string): Promise<number> {
    const now = this.now();
    let released = 0;
    for (const r of await this.repo.listRecipients(id, 'sending')) {
      if (isAbandoned(r.value, now) && (await this.markUnconfirmed(r, now))) released += 1;
    }
    return released;
  }

  /** An abandoned row becomes unconfirmed (ETag-guarded); false if someone moved it first. */
  private async markUnconfirmed(r: Versioned<Recipient>, now: Date): Promise<boolean> {
    try {
      await this.repo.replaceRecipient(unconfirmedAfterCrash(r.value, now), r);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
  }

  /**
   * Finishes sends that have drained: rows whose sender died become unconfirmed; when nobody
   * is queued or sending, the announcement is marked sent (one instance wins) and the
   * coordinator gets the summary in chat.
   */
  async finishIfDrained(cohortId: string, id: string): Promise<boolean> {
    const current = await this.repo.get(cohortId, id);
    if (!current) return true;
    const expanding: Expanding = current.value;
    // Not everyone has a row yet: finishing now would leave the rest out.
    if (expanding.status === 'sending' && expanding.expandingUntil) return false;
    const rows = await this.repo.listRecipients(id);
    const now = this.now();
    const settled = await this.settle(current.value, rows, now);
    if (!settled) return false;
    // Sending → sent, or a cancelled send's end noted: one ETag-guarded write, so of the instances
    // finding it drained only the winner tells the coordinator.
    const finishing =
      current.value.status === 'sending' ||
      (current.value.status === 'cancelled' && !current.value.completedAt);
    if (!finishing) {
      await this.repo.clearActive(current.value);
      return true;
    }
    let finished: Announcement;
    try {
      finished = (
        await this.repo.replace(
          {
            ...current.value,
            status: current.value.status === 'sending' ? 'sent' : 'cancelled',
            completedAt: now.toISOString(),
          },
          current.etag,
        )
      ).value;
    } catch (error) {
      if (error instanceof ConflictError) return false; // another instance finished it
      throw error;
    }
    await this.repo.clearActive(current.value);
    if (finished.kind === 'announcement') {
      // Counted from the counters, which move with the rows: the same numbers as the settled rows.
      const report = await this.reportCounts(finished.cohortId, finished.id);
      if (report) await this.summary.tell({ ...report, announcement: finished });
    }
    return true;
  }

  /**
   * One pass over the rows: the abandoned become unconfirmed, and a cancelled send's queued
   * become cancelled. Every row as it stands after the pass (the coordinator's summary is
   * counted from it), or undefined while anyone is still open.
   */
  private async settle(
    a: Announcement,
    rows: Versioned<Recipient>[],
    now: Date,
  ): Promise<Recipient[] | undefined> {
    let open = 0;
    const settled: Recipient[] = [];
    for (const r of rows) {
      if (isAbandoned(r.value, now)) {
        const next = unconfirmedAfterCrash(r.value, now);
        if (await this.markUnconfirmed(r, now)) settled.push(next);
        else open += 1;
        continue;
      }
      if (!FINAL_STATUSES.has(r.value.status)) {
        if (a.status === 'cancelled' && r.value.status === 'queued') {
          const next: Recipient = { ...r.value, status: 'cancelled', updatedAt: now.toISOString() };
          try {
            await this.repo.replaceRecipient(next, r);
            settled.push(next);
            continue;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        open += 1;
      } else {
        settled.push(r.value);
      }
    }
    return open > 0 ? undefined : settled;
  }
}
