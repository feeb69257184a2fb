import { type CohortAggregate, MIN_AGGREGATE_PEOPLE } from '../../../contracts/cohort-summary';
import {
  type CohortSummary,
  PAIR_HEALTHS,
  type PairHealth,
  type PairHealthRow,
} from '../../../contracts/cohorts';

/** A cohort's figures from its pairs' health, or none when too few people would be counted. */
export function cohortAggregate(
  cohort: CohortSummary,
  participants: number,
  rows: readonly Pick<PairHealthRow, 'health' | 'held' | 'minimumMet'>[],
): CohortAggregate {
  if (participants < MIN_AGGREGATE_PEOPLE) {
    return {
      cohort,
      suppressed: true,
      reason: `Figures are shown for ${MIN_AGGREGATE_PEOPLE} or more people, so nobody can be singled out.`,
    };
  }
  const byHealth = Object.fromEntries(PAIR_HEALTHS.map((h) => [h, 0])) as Record<
    PairHealth,
    number
  >;
  for (const row of rows) byHealth[row.health] += 1;
  return {
    cohort,
    suppressed: false,
    figures: {
      participants,
      pairs: rows.length,
      byHealth,
      meetingsHeld: rows.reduce((sum, r) => sum + r.held, 0),
      pairsMetMinimum: rows.filter((r) => r.minimumMet).length,
    },
  };
}
