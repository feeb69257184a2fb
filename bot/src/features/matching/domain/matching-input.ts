/**
 * What the reverse-pool matching engine takes in: the people, the cohort's settings, and the
 * coordinator's decisions (locked pairs, never-pair list) plus earlier cohorts' pairs.
 * Pure data: no I/O here or anywhere under domain/.
 */

export type MatchRole = 'mentor' | 'mentee';
export type MeetingMode = 'online' | 'in-person' | 'either';
export type MatchAim = 'most-matched' | 'best-fit';

export interface MatchCandidate {
  readonly id: string;
  /** Used in the reasons in words; the id when absent. */
  readonly displayName?: string;
  readonly role: MatchRole;
  /** Position on the cohort's seniority ladder: 0 is the most junior band. */
  readonly bandIndex: number;
  readonly organisation: string;
  readonly lineManagerId?: string;
  /** Perspectives this person can share (a mentor's matter for scoring). */
  readonly perspectivesShared: readonly string[];
  /** Perspectives this person wants to learn (a mentee's matter for scoring). */
  readonly perspectivesWanted: readonly string[];
  readonly meetingMode: MeetingMode;
  readonly location?: string;
  /** Availability slots, any stable labels ("mon-am", "thu-pm"). */
  readonly availability: readonly string[];
  /**
   * Opaque tokens derived from the person's optional special-category answers (each given with
   * its own consent). Used only to score "differing lived experience"; never shown, never put
   * into a reason or warning.
   */
  readonly livedExperience?: readonly string[];
}

export interface MatchWeights {
  /** Share of the mentee's wanted perspectives the mentor can share. */
  readonly perspectives: number;
  /**
   * Given when both have lived-experience tokens and the mentor has at least one the mentee
   * has not.
   */
  readonly livedExperience: number;
  readonly crossOrganisation: number;
  /** Share of the mentee's availability slots the mentor shares. */
  readonly availability: number;
  readonly location: number;
}

/** Sensible defaults, shown to the coordinator: a pair scores 0 to 100 points. */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  perspectives: 40,
  livedExperience: 15,
  crossOrganisation: 15,
  availability: 20,
  location: 10,
};

export interface MatchSettings {
  /** The mentor is at least this many bands more junior than the mentee (at least 1). */
  readonly minimumBandGap: number;
  readonly weights?: Partial<MatchWeights>;
  readonly aim: MatchAim;
}

/** A pair given as [mentorId, menteeId]. */
export interface PairIds {
  readonly mentorId: string;
  readonly menteeId: string;
}

export interface MatchInput {
  readonly candidates: readonly MatchCandidate[];
  readonly settings: MatchSettings;
  readonly lockedPairs?: readonly PairIds[];
  /** Two people the coordinator said never to pair, in any order. */
  readonly neverPair?: readonly (readonly [string, string])[];
  /** Pairs from earlier cohorts (either order): never proposed again. */
  readonly previousPairs?: readonly (readonly [string, string])[];
}

export function resolveWeights(weights: Partial<MatchWeights> | undefined): MatchWeights {
  const merged = { ...DEFAULT_MATCH_WEIGHTS, ...weights };
  for (const value of Object.values(merged)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError('weights are finite and >= 0');
  }
  return merged;
}
