import { overlap, type CompiledPool } from './compiled-pool';
import type { MatchWeights } from './matching-input';
import { livedExperienceDiffers } from './pair-score';

/**
 * A reciprocal pair's fit, symmetric in the two people, in whole points (0 to the sum of the
 * weights): each person's share of the perspectives they want to learn that the other can
 * share counts for half the perspectives weight, and likewise each person's share of their
 * availability slots the other also has; cross-organisation and location as in the reverse pool;
 * lived experience when either brings a token the other lacks (both having answered).
 */
export function reciprocalScore(pool: CompiledPool, w: MatchWeights, a: number, b: number): number {
  let score = 0;
  const wantedA = pool.wantedCount[a]!;
  const wantedB = pool.wantedCount[b]!;
  if (wantedA > 0)
    score += (w.perspectives * overlap(pool, pool.shared, b, pool.wanted, a)) / (2 * wantedA);
  if (wantedB > 0)
    score += (w.perspectives * overlap(pool, pool.shared, a, pool.wanted, b)) / (2 * wantedB);
  if (pool.organisation[a] !== pool.organisation[b]) score += w.crossOrganisation;
  const slotsA = pool.slotCount[a]!;
  const slotsB = pool.slotCount[b]!;
  if (slotsA > 0 || slotsB > 0) {
    const common = overlap(pool, pool.slots, a, pool.slots, b);
    if (slotsA > 0) score += (w.availability * common) / (2 * slotsA);
    if (slotsB > 0) score += (w.availability * common) / (2 * slotsB);
  }
  if (pool.location[a] !== 0 && pool.location[a] === pool.location[b]) score += w.location;
  if (livedDiffers(pool, a, b)) score += w.livedExperience;
  return Math.round(score);
}

const nameOf = (pool: CompiledPool, i: number): string =>
  pool.people[i]!.displayName ?? pool.people[i]!.id;

function coverage(pool: CompiledPool, learner: number, sharer: number): string {
  const wanted = pool.wantedCount[learner]!;
  if (wanted === 0) return `${nameOf(pool, learner)} named no perspectives to learn`;
  const covered = overlap(pool, pool.shared, sharer, pool.wanted, learner);
  return `covers ${covered} of ${wanted} perspective${wanted === 1 ? '' : 's'} ${nameOf(pool, learner)} wants to learn`;
}

/** Either partner brings lived experience the other lacks (never which: tokens stay opaque). */
function livedDiffers(pool: CompiledPool, a: number, b: number): boolean {
  return livedExperienceDiffers(pool, a, b) || livedExperienceDiffers(pool, b, a);
}

/** The reasons for a reciprocal pair's score, in words, for both people. */
export function reciprocalReasons(pool: CompiledPool, a: number, b: number): string[] {
  const reasons = [coverage(pool, a, b), coverage(pool, b, a)];
  reasons.push(
    pool.organisation[a] !== pool.organisation[b] ? 'different organisations' : 'same organisation',
  );
  if (pool.slotCount[a]! > 0 || pool.slotCount[b]! > 0) {
    const common = overlap(pool, pool.slots, a, pool.slots, b);
    reasons.push(
      common === 0
        ? 'no availability in common'
        : `${common} availability slot${common === 1 ? '' : 's'} in common`,
    );
  }
  if (pool.location[a] !== 0 && pool.location[a] === pool.location[b])
    reasons.push('same location');
  if (livedDiffers(pool, a, b)) reasons.push('different lived experience');
  return reasons;
}

/** Warnings a coordinator should see before publishing a reciprocal pair. */
export function reciprocalWarnings(pool: CompiledPool, a: number, b: number): string[] {
  const warnings: string[] = [];
  if (
    (pool.slotCount[a]! > 0 || pool.slotCount[b]! > 0) &&
    overlap(pool, pool.slots, a, pool.slots, b) === 0
  )
    warnings.push('no availability slot in common: they will need to agree a time');
  for (const [learner, sharer] of [
    [a, b],
    [b, a],
  ] as const) {
    if (
      pool.wantedCount[learner]! > 0 &&
      overlap(pool, pool.shared, sharer, pool.wanted, learner) === 0
    )
      warnings.push(`none of the perspectives ${nameOf(pool, learner)} wants to learn`);
  }
  return warnings;
}
