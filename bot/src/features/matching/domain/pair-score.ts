import { overlap, type CompiledPool } from './compiled-pool';
import type { MatchWeights } from './matching-input';

/**
 * A pair's fit, in whole points (0 to the sum of the weights), so that totals add up
 * exactly and the solver compares integers.
 */
export function pairScore(
  pool: CompiledPool,
  w: MatchWeights,
  mentor: number,
  mentee: number,
): number {
  let score = 0;
  const wanted = pool.wantedCount[mentee]!;
  if (wanted > 0)
    score += (w.perspectives * overlap(pool, pool.shared, mentor, pool.wanted, mentee)) / wanted;
  if (pool.organisation[mentor] !== pool.organisation[mentee]) score += w.crossOrganisation;
  const slots = pool.slotCount[mentee]!;
  if (slots > 0)
    score += (w.availability * overlap(pool, pool.slots, mentor, pool.slots, mentee)) / slots;
  if (pool.location[mentor] !== 0 && pool.location[mentor] === pool.location[mentee])
    score += w.location;
  return Math.round(score);
}

const nameOf = (pool: CompiledPool, i: number): string =>
  pool.people[i]!.displayName ?? pool.people[i]!.id;

/** The reasons for a pair's score, in words a programme team reads. */
export function pairReasons(pool: CompiledPool, mentor: number, mentee: number): string[] {
  const reasons: string[] = [];
  const wanted = pool.wantedCount[mentee]!;
  const covered = overlap(pool, pool.shared, mentor, pool.wanted, mentee);
  reasons.push(
    wanted === 0
      ? `${nameOf(pool, mentee)} named no perspectives to learn`
      : `covers ${covered} of ${wanted} perspective${wanted === 1 ? '' : 's'} ${nameOf(pool, mentee)} wants to learn`,
  );
  reasons.push(
    pool.organisation[mentor] !== pool.organisation[mentee]
      ? 'different organisations'
      : 'same organisation',
  );
  const slots = pool.slotCount[mentee]!;
  if (slots > 0) {
    const shared = overlap(pool, pool.slots, mentor, pool.slots, mentee);
    reasons.push(
      shared === 0
        ? 'no availability in common'
        : `${shared} of ${slots} availability slots in common`,
    );
  }
  if (pool.location[mentor] !== 0 && pool.location[mentor] === pool.location[mentee])
    reasons.push('same location');
  return reasons;
}

/** Warnings a coordinator should see before publishing a proposed pair. */
export function pairWarnings(pool: CompiledPool, mentor: number, mentee: number): string[] {
  const warnings: string[] = [];
  if (pool.slotCount[mentee]! > 0 && overlap(pool, pool.slots, mentor, pool.slots, mentee) === 0) {
    warnings.push('no availability slot in common: they will need to agree a time');
  }
  if (
    pool.wantedCount[mentee]! > 0 &&
    overlap(pool, pool.shared, mentor, pool.wanted, mentee) === 0
  ) {
    warnings.push(`none of the perspectives ${nameOf(pool, mentee)} wants to learn`);
  }
  return warnings;
}
