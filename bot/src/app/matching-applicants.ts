import type { MatchingApplicant, MatchingSource } from '../features/applications/index';
import type { MatchApplicant, MatchApplicants } from '../features/matching/index';

/**
 * The applications feature as the matching feature's source of people: the cohort's accepted
 * applicants who are ready for matching (trained, when the cohort requires it), and each
 * published outcome written back on their application. Lived experience crosses as opaque
 * tokens only; no special-category answer does.
 */
export function applicantsForMatching(
  source: Pick<MatchingSource, 'acceptedForMatching' | 'recordOutcomes'>,
  ready: (cohortId: string) => Promise<Set<string>>,
): MatchApplicants {
  return {
    async forMatching(cohortId) {
      const [accepted, readyIds] = await Promise.all([
        source.acceptedForMatching(cohortId),
        ready(cohortId),
      ]);
      return accepted.filter((a) => readyIds.has(a.applicantId)).map(asMatchApplicant);
    },
    markOutcomes: (cohortId, outcomes) => source.recordOutcomes(cohortId, outcomes),
  };
}

function asMatchApplicant(a: MatchingApplicant): MatchApplicant {
  return {
    id: a.applicantId,
    displayName: a.name,
    email: a.email ?? '',
    aadObjectId: a.aadObjectId,
    role: a.role,
    arrangement: a.arrangement,
    bandIndex: a.bandIndex,
    organisation: a.organisation,
    lineManagerEmail: a.lineManagerEmail,
    perspectivesShared: a.perspectivesShared,
    perspectivesWanted: a.perspectivesWanted,
    meetingMode: a.meetingMode,
    ...(a.location ? { location: a.location } : {}),
    availability: a.availability,
    livedExperience: a.livedExperienceTokens,
  };
}
