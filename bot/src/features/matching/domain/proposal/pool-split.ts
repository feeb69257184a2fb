import type { MatchCandidate } from '../matching-input';
import type { ReciprocalCandidate } from '../reciprocal-input';
import {
  idsByEmail,
  normEmail,
  personOf,
  reversePoolOf,
  type MatchApplicant,
  type OutOfPool,
} from './applicant';

/** The kinds of mentoring a cohort may offer (cohort.arrangements). */
export type PoolArrangement = 'reverse' | 'reciprocal';

/** The reciprocal pool before matching: who may join it, and who joins only for a second chance. */
export interface ReciprocalPoolPlan {
  readonly candidates: readonly ReciprocalCandidate[];
  /**
   * People who said "either" and are in the reverse pool too: they join the reciprocal pool only
   * when the reverse pool leaves them unmatched (or a reciprocal lock names them).
   */
  readonly secondChance: readonly string[];
}

export interface Pools {
  /** The reverse pool's candidates, roles given ("either" placed by `reversePoolOf`). */
  readonly reverse: readonly MatchCandidate[];
  readonly reciprocal: ReciprocalPoolPlan;
  /** Everyone in neither pool, with the reason (not waitlisted at publishing). */
  readonly outOfPool: readonly OutOfPool[];
  /** Every applicant's line manager (an applicant id, or `email:` for one who did not apply). */
  readonly lines: ReadonlyMap<string, string | undefined>;
}

/**
 * The candidates with each line manager who is not in this pool skipped over, up to the first
 * one who is (or someone who did not apply): the engine follows reporting lines only through
 * the people it is given, so a line through an applicant matched elsewhere (the other pool, a
 * reverse pair) would otherwise be cut there and a skip-level line missed.
 */
export function withinPool<T extends { readonly id: string; readonly lineManagerId?: string }>(
  candidates: readonly T[],
  lines: ReadonlyMap<string, string | undefined>,
): T[] {
  const inPool = new Set(candidates.map((c) => c.id));
  return candidates.map((c) => {
    let manager = c.lineManagerId;
    const seen = new Set<string>([c.id]);
    while (manager !== undefined && !inPool.has(manager) && lines.has(manager)) {
      if (seen.has(manager)) break;
      seen.add(manager);
      const above = lines.get(manager);
      if (above === undefined) break;
      manager = above;
    }
    return manager === c.lineManagerId ? c : { ...c, lineManagerId: manager };
  });
}

const offers = (offered: readonly PoolArrangement[]): string =>
  `this cohort offers ${offered.join(' and ')} mentoring only`;

/**
 * Splits applicants between the two pools by the arrangement they asked for and the ones the
 * cohort offers (docs/matching.md, "Two pools in one run"):
 * - "reverse" joins the reverse pool, "reciprocal" the reciprocal pool, when the cohort offers it;
 *   otherwise they are out of both, with the reason;
 * - "either": the reverse pool first, when offered; when the cohort also offers reciprocal, those
 *   the reverse pool leaves unmatched (or cannot take: a band off the ladder) join the reciprocal
 *   pool for a second chance; when it offers reciprocal only, they go straight there.
 * Anyone without a verified work email is in neither (they could not be added at publishing).
 */
export function poolsOf(
  applicants: readonly MatchApplicant[],
  offered: readonly PoolArrangement[] = ['reverse', 'reciprocal'],
): Pools {
  const reverseOffered = offered.includes('reverse');
  const reciprocalOffered = offered.includes('reciprocal');
  const leaveOut = new Map<string, string>();
  const outOfPool: OutOfPool[] = [];
  const reciprocal: MatchApplicant[] = [];
  const secondChance: string[] = [];

  for (const a of applicants) {
    const wantsReverse = a.arrangement !== 'reciprocal';
    const wantsReciprocal = a.arrangement !== 'reverse';
    const inReverse = wantsReverse && reverseOffered;
    const inReciprocal = wantsReciprocal && reciprocalOffered && normEmail(a.email) !== '';
    if (!inReverse) {
      leaveOut.set(
        a.id,
        a.arrangement === 'reciprocal'
          ? 'asked for reciprocal mentoring: matched in the reciprocal pool'
          : `asked for reverse mentoring: ${offers(offered)}`,
      );
    }
    if (inReciprocal) {
      reciprocal.push(a);
      if (inReverse) secondChance.push(a.id);
    } else if (!inReverse) {
      outOfPool.push({
        id: a.id,
        reason:
          normEmail(a.email) === '' && wantsReciprocal && reciprocalOffered
            ? 'no verified work email on their application: add them to the roster by hand'
            : `asked for ${a.arrangement} mentoring: ${offers(offered)}`,
      });
    }
  }

  const reverse = reversePoolOf(applicants, leaveOut);
  const idByEmail = idsByEmail(applicants);
  const inReciprocal = new Set(reciprocal.map((a) => a.id));
  const lines = new Map(applicants.map((a) => [a.id, personOf(a, idByEmail).lineManagerId]));
  return {
    lines,
    reverse: withinPool(reverse.candidates, lines),
    reciprocal: { candidates: reciprocal.map((a) => personOf(a, idByEmail)), secondChance },
    outOfPool: [
      ...outOfPool,
      // Someone left out of the reverse pool for a reason of their own (a band off the ladder,
      // no email) who may not join the reciprocal pool.
      ...reverse.outOfPool.filter((o) => !inReciprocal.has(o.id) && !leaveOut.has(o.id)),
    ],
  };
}
