import { overlap, type CompiledPool } from './compiled-pool';
import type { MatchWeights } from './matching-input';

/**
 * Lived experience differs: both have tokens and the mentor has at least one the mentee has
 * not (the mentor brings an experience the mentee does not share).
 */
export function livedExperienceDiffers(
  pool: CompiledPool,
  mentor: number,
  mentee: number,
): boolean {
  if (pool.livedCount[mentor]! === 0 || pool.livedCount[mentee]! === 0) return false;
  const w = pool.wordsPerMask;
  for (let k = 0; k < w; k++) {
    if ((pool.lived[mentor * w + k]! & ~pool.lived[mentee * w + k]!) !== 0) return true;
  }
  return false;
}

/**
 * A pair's fit, in whole points (0 to the sum of the weights), so that totals add up
 * exactly and the solver compares integers. `scoreMatrix` computes the same sum, term by term
 * in the same order, for every pair at once.
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
  if (livedExperienceDiffers(pool, mentor, mentee)) score += w.livedExperience;
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
  // The tokens and their values stay out of every reason: only that they differ.
  if (livedExperienceDiffers(pool, mentor, mentee)) reasons.push('different lived experience');
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
