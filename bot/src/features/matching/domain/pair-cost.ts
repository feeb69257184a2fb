import type { MatchAim, MatchWeights } from './matching-input';

/**
 * How a pair's score becomes the cost the assignment solver minimises, in whole numbers
 * (`cost = -(score * scale + offset)`), chosen by the aim:
 * - most matched: scale 1, offset M > the largest possible total: the most pairs, then the best
 *   total fit;
 * - best fit: scale K > the pairs possible, offset 1: the largest total fit, then the most pairs.
 * A forbidden pair, and a padded "unpaired" place, cost 0: exactly as leaving both people
 * unpaired, so the solver never chooses among infinite costs. Every allowed pair costs below 0,
 * so a cost is read back to its score exactly (`scoreOfCost`).
 */
export interface PairCost {
  readonly scale: number;
  readonly offset: number;
}

export function pairCost(aim: MatchAim, weights: MatchWeights, pairsPossible: number): PairCost {
  const maxScore = Math.ceil(Object.values(weights).reduce((a, b) => a + b, 0));
  const cost: PairCost =
    aim === 'most-matched'
      ? { scale: 1, offset: maxScore * pairsPossible + 1 }
      : { scale: pairsPossible + 1, offset: 1 };
  // Costs are kept in 32-bit integers (half the memory of doubles, and exact).
  if (maxScore * cost.scale + cost.offset > 0x7fffffff)
    throw new RangeError('the pool is too large for whole-number costs');
  return cost;
}

/** The score a cost stands for, or -1 for a forbidden pair (cost 0). */
export function scoreOfCost(cost: number, { scale, offset }: PairCost): number {
  return cost === 0 ? -1 : (-cost - offset) / scale;
}
