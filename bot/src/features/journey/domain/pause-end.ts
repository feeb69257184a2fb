import type { Pair } from '../../cohorts';
import type { JourneyJob } from './journey-jobs';
import { compactInstant } from './journey-schedule';
import { type PairStatusDetail, SYSTEM_ACTOR, pauseHasEnded } from './pair-lifecycle';

/**
 * A pause for a set time ends by itself (docs/journey.md, "Pausing"). Pausing "for 4 weeks"
 * schedules one `pause-end` job at the pause's end; when it runs, the pair resumes exactly as a
 * partner's "resume" does (reminders planned again), and each partner gets a kind
 * `pause-over` notice. A stale job does nothing: the pair was resumed or ended meanwhile, or
 * paused again (that pause has its own end, and its own job). Pure: `now` is a parameter.
 *
 * Ids:
 *   pause-end:{pairId}:{until yyyyMMddTHHmmZ}
 *   pause-over:{pairId}:{until yyyyMMddTHHmmZ}:{participantId}
 */

/** The job that ends a pause at `until` (UTC ISO). */
export function pauseEndJob(pair: Pick<Pair, 'id' | 'cohortId'>, until: string): JourneyJob {
  return {
    id: `pause-end:${pair.id}:${compactInstant(until)}`,
    kind: 'pause-end',
    dueAt: until,
    cohortId: pair.cohortId,
    pairId: pair.id,
    payload: { until },
  };
}

/** The kind notices to both partners once the pause ended, due now. */
export function pauseOverNotices(
  pair: Pick<Pair, 'id' | 'cohortId' | 'mentorId' | 'menteeId'>,
  until: string,
  now: Date,
): JourneyJob[] {
  return [pair.mentorId, pair.menteeId].map((participantId) => ({
    id: `pause-over:${pair.id}:${compactInstant(until)}:${participantId}`,
    kind: 'pause-over',
    dueAt: now.toISOString(),
    cohortId: pair.cohortId,
    pairId: pair.id,
    recipientId: participantId,
    payload: { until },
  }));
}

function sameInstant(a: string | undefined, b: unknown): boolean {
  return a !== undefined && typeof b === 'string' && Date.parse(a) === Date.parse(b);
}

/**
 * True when the pair is active because this pause ended by itself: the system resumed it, at or
 * after the pause's end. (A partner or the coordinator who resumed sooner told the other.)
 */
export function resumedByPauseEnd(
  pair: Pick<Pair, 'state'>,
  detail: PairStatusDetail,
  until: unknown,
): boolean {
  if (pair.state !== 'active' || detail.resumedBy !== SYSTEM_ACTOR || !detail.resumedAt) {
    return false;
  }
  const end = typeof until === 'string' ? Date.parse(until) : NaN;
  return !Number.isNaN(end) && Date.parse(detail.resumedAt) >= end;
}

/** What a due `pause-end` job means now. */
export type PauseEndStep =
  /** The pause this job was made for has ended: resume, then tell both. */
  | { kind: 'resume' }
  /** Already resumed by this job (a retry after a crash): tell both (the notices' ids are fixed). */
  | { kind: 'tell' }
  /** Not yet (the clock moved back): try again at the pause's end. */
  | { kind: 'wait'; at: Date }
  /** Resumed or ended meanwhile, or paused again: nothing to do. */
  | { kind: 'nothing' };

export function pauseEndStep(
  pair: Pair,
  detail: PairStatusDetail,
  job: Pick<JourneyJob, 'payload'>,
  now: Date,
): PauseEndStep {
  const until = job.payload.until;
  if (resumedByPauseEnd(pair, detail, until)) return { kind: 'tell' };
  if (pair.state !== 'paused' || !sameInstant(detail.pausedUntil, until)) {
    return { kind: 'nothing' };
  }
  if (!pauseHasEnded(pair, detail, now)) return { kind: 'wait', at: new Date(detail.pausedUntil!) };
  return { kind: 'resume' };
}
