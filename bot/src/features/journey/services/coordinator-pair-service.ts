import { ConflictError } from '../../../platform/storage/errors';
import type { JourneyCore } from './journey-core';
import type { PairContext } from './pair-context';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The programme team's own changes to a pair's state, through the same lifecycle as a
 * partner's (domain/pair-lifecycle.ts): pausing stops the reminders exactly as when a partner
 * pauses (no job is wanted while a pair is not active), resuming schedules them again, ending
 * stops them for good. The coordinator's object id is the `by` and their reason is recorded
 * in the pair's status (for the programme team only). Each change names the pair's version it
 * was decided on: a pair changed since (by a partner or another coordinator) is refused as
 * stale with the latest version, never overwritten.
 */
export class CoordinatorPairService {
  constructor(private readonly core: JourneyCore) {}

  /** The pair's context, refused as stale unless its row is still at `etag`. */
  async loadAt(cohortId: string, pairId: string, etag: string): Promise<PairContext> {
    const ctx = await this.core.load(cohortId, pairId);
    if (ctx.pair.etag !== etag) {
      throw new ConflictError('This pair changed since you read it; nothing was changed', ctx.pair);
    }
    return ctx;
  }

  async pause(
    ctx: PairContext,
    by: string,
    input: { reason: string; weeks?: number },
  ): Promise<PairContext> {
    const until = input.weeks
      ? new Date(this.core.now().getTime() + input.weeks * WEEK_MS).toISOString()
      : undefined;
    return this.core.applyEvent(ctx, { type: 'pause', by, reason: input.reason, until });
  }

  async resume(ctx: PairContext, by: string): Promise<PairContext> {
    const resumed = await this.core.applyEvent(ctx, { type: 'resume', by });
    await this.core.syncJobs(resumed);
    return resumed;
  }

  end(ctx: PairContext, by: string, reason: string): Promise<PairContext> {
    return this.core.applyEvent(ctx, { type: 'end-early', by, reason });
  }

  /** The programme's end for an active pair (closing its cohort). */
  complete(ctx: PairContext): Promise<PairContext> {
    return this.core.applyEvent(ctx, { type: 'complete' });
  }
}
