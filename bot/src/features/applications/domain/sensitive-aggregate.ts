import { SENSITIVE_CATEGORIES, type SensitiveAnswers } from '../../../contracts/applications';

/**
 * Special-category answers counted for reports, never covering fewer than five people: a
 * category with fewer than five answers is left out, and within one, answers given by fewer than
 * five are folded into one "other answers" count, itself shown only when it reaches five.
 */

/** The fewest people an aggregate may cover. */
export const AGGREGATE_FLOOR = 5;

export const FOLDED = 'other answers';

/** Per category, how many gave each answer (only counts of five or more). */
export type SensitiveAggregate = Partial<Record<string, Record<string, number>>>;

export function aggregateAnswers(people: readonly SensitiveAnswers[]): SensitiveAggregate {
  const result: SensitiveAggregate = {};
  for (const category of SENSITIVE_CATEGORIES) {
    const counts = new Map<string, number>();
    for (const answers of people) {
      const answer = answers[category];
      if (answer?.consent) counts.set(answer.value, (counts.get(answer.value) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    if (total < AGGREGATE_FLOOR) continue;
    const shown: Record<string, number> = {};
    let folded = 0;
    for (const [value, n] of counts) {
      if (n >= AGGREGATE_FLOOR) shown[value] = n;
      else folded += n;
    }
    if (folded >= AGGREGATE_FLOOR) shown[FOLDED] = folded;
    result[category] = shown;
  }
  return result;
}
