import { brokenRule, HARD_RULES, HARD_RULE_WORDS, type HardRule } from './hard-rules';
import type { ScoredReversePool, UnmatchedPerson } from './reverse-pool';

function ruleWords(ruledOut: Partial<Record<HardRule, number>>): string {
  return HARD_RULES.filter((r) => ruledOut[r])
    .map((r) => `${ruledOut[r]} ${HARD_RULE_WORDS[r]}`)
    .join('; ');
}

/**
 * Why each free person stayed unpaired: either every person on the other side breaks a hard
 * rule with them (counted per rule), or everyone they could be paired with was paired with
 * someone else (a shortage). The solver never leaves two people unpaired who may be paired.
 */
export function explainUnmatched(
  scored: ScoredReversePool,
  pairedRow: Int32Array,
  pairedCol: Int32Array,
): UnmatchedPerson[] {
  const { ctx, mentors, mentees, matrix } = scored;
  const out: UnmatchedPerson[] = [];
  const explain = (
    self: number,
    others: readonly number[],
    isMentor: boolean,
    possible: number,
  ): void => {
    const person = ctx.pool.people[self]!;
    const other = isMentor ? 'mentee' : 'mentor';
    if (possible > 0) {
      out.push({
        id: person.id,
        role: person.role,
        cause: 'shortage',
        ruledOut: {},
        reason: `all ${possible} possible ${other}${possible === 1 ? ' was' : 's were'} paired with someone else`,
      });
      return;
    }
    const ruledOut: Partial<Record<HardRule, number>> = {};
    for (const o of others) {
      const rule = isMentor ? brokenRule(ctx, self, o) : brokenRule(ctx, o, self);
      if (rule) ruledOut[rule] = (ruledOut[rule] ?? 0) + 1;
    }
    out.push({
      id: person.id,
      role: person.role,
      cause: 'rules',
      ruledOut,
      reason:
        others.length === 0
          ? `no ${other}s were left to pair with`
          : `no possible ${other}: ${ruleWords(ruledOut)}`,
    });
  };
  mentors.forEach((m, r) => {
    if (pairedRow[r]! >= 0) return;
    let possible = 0;
    for (let c = 0; c < mentees.length; c++) if (matrix.scoreAt(r, c) >= 0) possible++;
    explain(m, mentees, true, possible);
  });
  mentees.forEach((e, c) => {
    if (pairedCol[c]! >= 0) return;
    let possible = 0;
    for (let r = 0; r < mentors.length; r++) if (matrix.scoreAt(r, c) >= 0) possible++;
    explain(e, mentors, false, possible);
  });
  return out;
}
