import { changesBetween } from '../../../contracts/audit';
import type { CohortChange } from '../../../contracts/cohort-admin';
import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Actor, Cohort } from '../../cohorts';
import { closingOutcome, cohortStatus } from '../domain/pair-rules';
import type { AdminDeps } from '../ports';
import { by, refuseIfArchived } from './shared';

const FIELDS = [
  'name',
  'startDate',
  'endDate',
  'timeZone',
  'workingHours',
  'cadence',
  'arrangements',
] as const;

/** The reason recorded on pairs a cohort's close ends. */
export const CLOSE_REASON = 'The cohort was closed';

/**
 * A cohort's own settings, its close and its archive. Every change names the version it was
 * decided on (If-Match): a cohort changed since is refused with the latest, never overwritten.
 */
export class CohortSettingsService {
  constructor(private readonly deps: AdminDeps) {}

  async edit(
    cohortId: string,
    etag: string,
    input: CohortChange,
    actor: Actor,
  ): Promise<Versioned<Cohort>> {
    const current = await this.at(cohortId, etag);
    refuseIfArchived(current.value);
    const next: Cohort = { ...current.value, ...input };
    const saved = await this.deps.stores.cohorts.update(next, etag);
    const changes = changesBetween(current.value, next, FIELDS);
    if (changes.length > 0) {
      await this.deps.audit.record({
        ...by(actor),
        action: 'cohort.updated',
        target: 'cohort',
        targetId: cohortId,
        targetLabel: next.name,
        cohortId,
        changes,
        reason: null,
      });
    }
    return saved;
  }

  /**
   * Closes the cohort: no more journey messages for it (the job handler skips a closed
   * cohort's jobs), its active pairs are completed and pairs that never started or are paused
   * are ended with CLOSE_REASON. Nobody is messaged by the close itself.
   */
  async close(
    cohortId: string,
    etag: string,
    reason: string | undefined,
    actor: Actor,
  ): Promise<{ cohort: Versioned<Cohort>; completed: number; ended: number }> {
    const current = await this.at(cohortId, etag);
    if (cohortStatus(current.value) !== 'open') {
      throw AppError.coded('conflict', 'cohort_closed', `${current.value.name} is already closed`);
    }
    const at = this.deps.now().toISOString();
    // The cohort first, so no journey message goes out while its pairs are being finished.
    const saved = await this.deps.stores.cohorts.update(
      { ...current.value, status: 'closed', closedAt: at },
      etag,
    );
    let completed = 0;
    let ended = 0;
    const pairs = await this.deps.stores.pairs.listByCohort(cohortId);
    for (const pair of pairs) {
      const outcome = closingOutcome(pair.state);
      if (outcome === 'none') continue;
      const ctx = await this.deps.journey.load(cohortId, pair.id);
      if (outcome === 'complete') {
        await this.deps.journey.pairs.complete(ctx);
        completed += 1;
      } else {
        await this.deps.journey.pairs.end(ctx, actor.userId, CLOSE_REASON);
        ended += 1;
      }
    }
    await this.deps.audit.record({
      ...by(actor),
      action: 'cohort.closed',
      target: 'cohort',
      targetId: cohortId,
      targetLabel: current.value.name,
      cohortId,
      changes: [
        { field: 'status', before: 'open', after: 'closed' },
        { field: 'pairs completed', before: null, after: String(completed) },
        { field: 'pairs ended', before: null, after: String(ended) },
      ],
      reason: reason?.trim() || null,
    });
    await this.deps.closes.cohortClosed(cohortId);
    return { cohort: saved, completed, ended };
  }

  /** Archives a closed cohort: read-only, and hidden from the cohort lists unless asked for. */
  async archive(cohortId: string, etag: string, actor: Actor): Promise<Versioned<Cohort>> {
    const current = await this.at(cohortId, etag);
    const status = cohortStatus(current.value);
    if (status === 'archived') {
      throw AppError.coded('conflict', 'cohort_archived', `${current.value.name} is archived`);
    }
    if (status !== 'closed') {
      throw AppError.coded(
        'conflict',
        'cohort_open',
        `Close ${current.value.name} before archiving it`,
      );
    }
    const saved = await this.deps.stores.cohorts.update(
      { ...current.value, status: 'archived', archivedAt: this.deps.now().toISOString() },
      etag,
    );
    await this.deps.audit.record({
      ...by(actor),
      action: 'cohort.archived',
      target: 'cohort',
      targetId: cohortId,
      targetLabel: current.value.name,
      cohortId,
      changes: [{ field: 'status', before: status, after: 'archived' }],
      reason: null,
    });
    return saved;
  }

  /** The cohort at `etag`: 404 when there is none, 412 with the latest when it changed since. */
  private async at(cohortId: string, etag: string): Promise<Versioned<Cohort>> {
    const current = await this.deps.stores.cohorts.get(cohortId);
    if (!current) throw AppError.notFound('No cohort has that id');
    if (current.etag !== etag) {
      throw new ConflictError(
        `${current.value.name} changed since you read it; nothing was changed`,
        current,
      );
    }
    return current;
  }
}
