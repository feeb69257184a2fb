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

/** A pair that ended early frees both people to be paired again; any other state holds them. */
export function holdsItsPeople(pair: Pair): boolean {
  return pair.state !== 'ended_early';
}

/** Each participant's pair that still holds them (the newest, should there be two). */
export function currentPairs(pairs: readonly Pair[]): Map<string, string> {
  const pairOf = new Map<string, string>();
  const ordered = [...pairs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const pair of ordered.filter(holdsItsPeople)) {
    pairOf.set(pair.mentorId, pair.id);
    pairOf.set(pair.menteeId, pair.id);
  }
  return pairOf;
}
