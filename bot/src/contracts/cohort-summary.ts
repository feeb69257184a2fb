import type { CohortSummary, PairHealth } from './cohorts';

/**
 * A cohort in numbers, as a sponsor (or the programme team) may see it: counts only, never a
 * name. Aggregates never cover fewer than `MIN_AGGREGATE_PEOPLE` people: below that, counts could
 * single someone out, so none are given.
 */

export const MIN_AGGREGATE_PEOPLE = 5;

export interface CohortFigures {
  participants: number;
  pairs: number;
  /** Pairs in each health (every health listed, zero included). */
  byHealth: Record<PairHealth, number>;
  meetingsHeld: number;
  /** Pairs that have held the cohort's minimum number of meetings. */
  pairsMetMinimum: number;
}

/** `GET /api/cohorts/{id}/summary`. */
export type CohortAggregate =
  | { cohort: CohortSummary; suppressed: false; figures: CohortFigures }
  | { cohort: CohortSummary; suppressed: true; reason: string };
