import {
  PREFER_NOT_TO_SAY,
  SENSITIVE_CATEGORIES,
  type SensitiveAnswers,
  type SensitiveCategory,
} from '../../../contracts/applications';

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

/** Per category, per answer, per group: how many people. */
export type GroupedCounts<G extends string> = Partial<
  Record<SensitiveCategory, Record<string, Partial<Record<G, number>>>>
>;

/**
 * Counts per answer and group, for a report that applies its own small-number rule (the
 * evaluation's breakdowns: shown only when every cell reaches five). An answer given without
 * consent, "prefer not to say" and no answer are all counted under `PREFER_NOT_TO_SAY`, so they
 * cannot be told apart. No person's value leaves: only the counts.
 */
export function countByGroup<G extends string>(
  people: readonly { answers: SensitiveAnswers; group: G }[],
): GroupedCounts<G> {
  const result: GroupedCounts<G> = {};
  for (const category of SENSITIVE_CATEGORIES) {
    const byAnswer: Record<string, Partial<Record<G, number>>> = {};
    for (const { answers, group } of people) {
      const answer = answers[category];
      const key = answer?.consent ? answer.value : PREFER_NOT_TO_SAY;
      const row = (byAnswer[key] ??= {});
      row[group] = (row[group] ?? 0) + 1;
    }
    result[category] = byAnswer;
  }
  return result;
}
