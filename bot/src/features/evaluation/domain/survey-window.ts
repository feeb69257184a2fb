import { DateTime } from 'luxon';
import type { PairState } from '../../../contracts/cohorts';
import type { EvaluationPlan, SurveyKind } from '../../../contracts/evaluation';

/**
 * When each survey is open for a person, pure: the baseline opens when their pair starts, the
 * pulse at the cohort's mid-point, the final at the cohort's end (or when their pair completes,
 * if sooner); each stays open for its survey's `openDays`. Days are the cohort's: a date means
 * its midnight in the cohort's time zone, and "open for 14 days" means 14 calendar days there
 * (a clock change in between does not move the closing hour).
 */

export interface SurveyWindow {
  opensAt: DateTime;
  closesAt: DateTime;
}

export type WindowState = 'upcoming' | 'open' | 'closed';

export interface CohortDates {
  /** yyyy-mm-dd */
  startDate: string;
  endDate: string;
  timeZone: string;
}

export interface PairDates {
  state: PairState;
  /** ISO date-time the pair was made. */
  createdAt: string;
  /** ISO date-time of its last change (its completion, once completed). */
  updatedAt: string;
}

/** Pairs not yet introduced have not started: no survey is open to them. */
const NOT_STARTED: readonly PairState[] = ['proposed'];

function dayStart(date: string, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day');
}

/**
 * What every pair of a cohort shares: its first and last day and the pulse's day, worked out
 * once (luxon's zone arithmetic is the costly part), as instants in milliseconds.
 */
export interface CohortFrame {
  zone: string;
  startMs: number;
  endMs: number;
  pulseMs: number;
}

export function cohortFrame(cohort: CohortDates): CohortFrame {
  const zone = cohort.timeZone;
  const cohortStart = dayStart(cohort.startDate, zone);
  const cohortEnd = dayStart(cohort.endDate, zone);
  const halfway = Math.floor(cohortEnd.diff(cohortStart, 'days').days / 2);
  return {
    zone,
    startMs: cohortStart.toMillis(),
    endMs: cohortEnd.toMillis(),
    pulseMs: cohortStart.plus({ days: halfway }).toMillis(),
  };
}

/** An ISO instant in milliseconds; one without an offset is read in the cohort's zone. */
function instantMs(iso: string, zone: string): number {
  return /(?:Z|[+-]\d\d:?\d\d)$/.test(iso)
    ? Date.parse(iso)
    : DateTime.fromISO(iso, { zone }).toMillis();
}

/**
 * When each survey opens for a person in this pair, in milliseconds; none before it starts.
 * The baseline when the pair is made (not before the cohort starts), the pulse at the cohort's
 * mid-point unless the pair stopped before it, the final at the cohort's end or when the pair
 * stopped, if sooner.
 */
export function openingTimes(
  frame: CohortFrame,
  pair: PairDates,
): Partial<Record<SurveyKind, number>> {
  if (NOT_STARTED.includes(pair.state)) return {};
  const made = instantMs(pair.createdAt, frame.zone);
  // A pair that completed, or ended early, before the cohort's end is asked the final then.
  const stopped = pair.state === 'completed' || pair.state === 'ended_early';
  const stoppedAt = stopped ? instantMs(pair.updatedAt, frame.zone) : Number.POSITIVE_INFINITY;
  const opens: Partial<Record<SurveyKind, number>> = {
    baseline: Math.max(made, frame.startMs),
    final: Math.min(stoppedAt, frame.endMs),
  };
  // A pair that stopped before the mid-point is not asked how the middle is going.
  if (!(stoppedAt < frame.pulseMs)) opens.pulse = frame.pulseMs;
  return opens;
}

/** The moment each survey opens and closes for a person in this pair; none before it starts. */
export function surveyWindows(
  plan: EvaluationPlan,
  cohort: CohortDates,
  pair: PairDates,
): Partial<Record<SurveyKind, SurveyWindow>> {
  const frame = cohortFrame(cohort);
  const windows: Partial<Record<SurveyKind, SurveyWindow>> = {};
  for (const [kind, ms] of Object.entries(openingTimes(frame, pair)) as [SurveyKind, number][]) {
    const opensAt = DateTime.fromMillis(ms, { zone: frame.zone });
    windows[kind] = { opensAt, closesAt: opensAt.plus({ days: plan.surveys[kind].openDays }) };
  }
  return windows;
}

/** Whether a window is still to open, open (from `opensAt`, up to but not at `closesAt`), or closed. */
export function windowState(window: SurveyWindow, now: DateTime): WindowState {
  const at = now.toMillis();
  if (at < window.opensAt.toMillis()) return 'upcoming';
  return at < window.closesAt.toMillis() ? 'open' : 'closed';
}

/**
 * When a survey closes, in words in the cohort's zone: "the end of Friday 5 March 2027" when it
 * closes at midnight, else "Friday 5 March 2027 at 14:30".
 */
export function closingWords(window: SurveyWindow): string {
  const at = window.closesAt;
  if (at.equals(at.startOf('day'))) {
    return `the end of ${at.minus({ days: 1 }).toFormat('cccc d LLLL yyyy')}`;
  }
  return at.toFormat("cccc d LLLL yyyy 'at' HH:mm");
}
