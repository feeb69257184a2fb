import type { MatchCandidate, MeetingMode } from '../matching-input';

/**
 * Someone accepted for matching, as the applications feature hands them over (through the
 * `MatchApplicants` port). Pure data.
 */
export interface MatchApplicant {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly aadObjectId?: string;
  readonly role: 'mentor' | 'mentee' | 'either';
  readonly arrangement: 'reverse' | 'reciprocal' | 'either';
  /** Position on the cohort's seniority ladder: 0 is the most junior band. */
  readonly bandIndex: number;
  readonly organisation: string;
  readonly lineManagerEmail?: string;
  readonly perspectivesShared: readonly string[];
  readonly perspectivesWanted: readonly string[];
  readonly meetingMode: MeetingMode;
  readonly location?: string;
  readonly availability: readonly string[];
  readonly livedExperience?: readonly string[];
}

/** Someone left out of the reverse pool before matching, with the reason in words. */
export interface OutOfPool {
  readonly id: string;
  readonly reason: string;
}

export interface ReversePool {
  readonly candidates: MatchCandidate[];
  readonly outOfPool: OutOfPool[];
}

export const normEmail = (email: string | undefined): string => (email ?? '').trim().toLowerCase();

/** Why an applicant cannot be matched in the reverse pool, if they cannot. */
function outOfPoolReason(a: MatchApplicant): string | undefined {
  if (a.arrangement === 'reciprocal')
    return 'asked for reciprocal mentoring only: not part of the reverse pool';
  if (a.bandIndex < 0 || !Number.isInteger(a.bandIndex))
    return "their band is not on the cohort's ladder any more: correct the ladder or their application";
  // A participant is known by their work email: without one they could not be added at publish.
  if (normEmail(a.email) === '')
    return 'no verified work email on their application: add them to the roster by hand';
  return undefined;
}

/**
 * Turns applicants into the reverse pool's candidates.
 *
 * - Arrangement: "reverse" and "either" join the reverse pool; "reciprocal" only does not (it is
 *   matched in the reciprocal pool), and is listed in `outOfPool`, as is anyone whose band left
 *   the ladder or who has no verified work email (they could not be added at publish).
 * - Role "either": the rule is "fill the short side, juniors as mentors". Those who said
 *   "either" are sorted by band, most junior first (then by id, so the rule is repeatable); the
 *   first k become mentors and the rest mentees, with k chosen so the two sides come out as
 *   even as possible (k = (mentees + either − mentors) / 2, rounded, kept between 0 and all).
 * - Line manager: a manager who also applied is named by their applicant id, so the reporting
 *   line is followed through them; one who did not apply is named by their email.
 * - `leaveOut`: people the caller leaves out (by id), with the reason (see `poolsOf`).
 */
export function reversePoolOf(
  applicants: readonly MatchApplicant[],
  leaveOut: ReadonlyMap<string, string> = new Map(),
): ReversePool {
  const outOfPool: OutOfPool[] = [];
  const inPool = applicants.filter((a) => {
    const reason = leaveOut.get(a.id) ?? outOfPoolReason(a);
    if (reason) outOfPool.push({ id: a.id, reason });
    return reason === undefined;
  });
  const idByEmail = new Map(applicants.map((a) => [normEmail(a.email), a.id]));
  const mentors = inPool.filter((a) => a.role === 'mentor').length;
  const mentees = inPool.filter((a) => a.role === 'mentee').length;
  const either = inPool
    .filter((a) => a.role === 'either')
    .sort((a, b) => a.bandIndex - b.bandIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const k = Math.min(
    either.length,
    Math.max(0, Math.round((mentees + either.length - mentors) / 2)),
  );
  const eitherRole = new Map(either.map((a, i) => [a.id, i < k ? 'mentor' : 'mentee'] as const));

  const candidates = inPool.map((a): MatchCandidate => ({
    ...personOf(a, idByEmail),
    role: a.role === 'either' ? eitherRole.get(a.id)! : a.role,
  }));
  return { candidates, outOfPool };
}

/**
 * An applicant as the engine sees them, without a role (the reciprocal pool's candidate). The
 * line manager is named by applicant id when they applied (`idByEmail` covers every applicant),
 * otherwise by email, so reporting lines are followed through everyone.
 */
export function personOf(
  a: MatchApplicant,
  idByEmail: ReadonlyMap<string, string>,
): Omit<MatchCandidate, 'role'> {
  const manager = normEmail(a.lineManagerEmail);
  return {
    id: a.id,
    displayName: a.displayName,
    bandIndex: a.bandIndex,
    organisation: a.organisation,
    lineManagerId: manager === '' ? undefined : (idByEmail.get(manager) ?? `email:${manager}`),
    perspectivesShared: a.perspectivesShared,
    perspectivesWanted: a.perspectivesWanted,
    meetingMode: a.meetingMode,
    location: a.location,
    availability: a.availability,
  };
}

/** Applicants' emails, normalised, to their ids. */
export const idsByEmail = (applicants: readonly MatchApplicant[]): Map<string, string> =>
  new Map(applicants.map((a) => [normEmail(a.email), a.id]));
