import type { MatchAim, MatchCandidate, MatchWeights } from './matching-input';

/**
 * What the reciprocal-pool engine takes in: a pool where anyone may be paired with anyone
 * (each partner both shares and learns), so there are no roles and no band gap.
 */

/** A person in a reciprocal pool: a reverse-pool candidate without a role. */
export type ReciprocalCandidate = Omit<MatchCandidate, 'role'>;

export interface ReciprocalSettings {
  readonly weights?: Partial<MatchWeights>;
  readonly aim: MatchAim;
}

/** Two people, in no particular order. */
export interface ReciprocalPairIds {
  readonly personAId: string;
  readonly personBId: string;
}

export interface ReciprocalInput {
  readonly candidates: readonly ReciprocalCandidate[];
  readonly settings: ReciprocalSettings;
  readonly lockedPairs?: readonly ReciprocalPairIds[];
  /** Two people the coordinator said never to pair, in any order. */
  readonly neverPair?: readonly (readonly [string, string])[];
  /** Pairs from earlier cohorts (either order): never proposed again. */
  readonly previousPairs?: readonly (readonly [string, string])[];
}
