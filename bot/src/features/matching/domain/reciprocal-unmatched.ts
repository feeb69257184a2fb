import type { ReciprocalUnmatched, ScoredReciprocalPool } from './reciprocal-pool';
import {
  reciprocalBrokenRule,
  RECIPROCAL_RULE_WORDS,
  RECIPROCAL_RULES,
  type ReciprocalRule,
} from './reciprocal-rules';

function ruleWords(ruledOut: Partial<Record<ReciprocalRule, number>>): string {
  return RECIPROCAL_RULES.filter((r) => ruledOut[r])
    .map((r) => `${ruledOut[r]} ${RECIPROCAL_RULE_WORDS[r]}`)
    .join('; ');
}

/**
 * Why each free person stayed unpaired: either a hard rule rules out every other free person
 * (counted per rule), or everyone they could be paired with was paired with someone else (a
 * shortage). The solver never leaves out two people who may be paired: every allowed pair
 * adds weight under both aims.
 */
export function explainReciprocalUnmatched(
  scored: ScoredReciprocalPool,
  mate: Int32Array,
): ReciprocalUnmatched[] {
  const { ctx, free, score } = scored;
  const f = free.length;
  const out: ReciprocalUnmatched[] = [];
  for (let i = 0; i < f; i++) {
    if (mate[i]! >= 0) continue;
    const id = ctx.pool.people[free[i]!]!.id;
    let possible = 0;
    for (let j = 0; j < f; j++) if (score[i * f + j]! >= 0) possible++;
    if (possible > 0) {
      out.push({
        id,
        cause: 'shortage',
        ruledOut: {},
        reason: `all ${possible} possible partner${possible === 1 ? ' was' : 's were'} paired with someone else`,
      });
      continue;
    }
    const ruledOut: Partial<Record<ReciprocalRule, number>> = {};
    for (let j = 0; j < f; j++) {
      if (j === i) continue;
      const rule = reciprocalBrokenRule(ctx, free[i]!, free[j]!);
      if (rule) ruledOut[rule] = (ruledOut[rule] ?? 0) + 1;
    }
    out.push({
      id,
      cause: 'rules',
      ruledOut,
      reason:
        f === 1 ? 'no one was left to pair with' : `no possible partner: ${ruleWords(ruledOut)}`,
    });
  }
  return out;
}
