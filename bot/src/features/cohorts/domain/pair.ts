import type { Arrangement, PairState } from '../../../contracts/cohorts';

export type { Arrangement, PairState };

/** A mentor and a mentee matched in one cohort. */
export interface Pair {
  id: string;
  cohortId: string;
  /** The reverse mentor: the more junior partner. */
  mentorId: string;
  /** The senior partner being mentored. */
  menteeId: string;
  arrangement: Arrangement;
  state: PairState;
  createdAt: string;
  updatedAt: string;
}

export function partnerOf(pair: Pair, participantId: string): string | undefined {
  if (pair.mentorId === participantId) return pair.menteeId;
  if (pair.menteeId === participantId) return pair.mentorId;
  return undefined;
}
