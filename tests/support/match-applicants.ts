import type {
  ApplicantOutcome,
  MatchApplicant,
  MatchApplicants,
} from '../../bot/src/features/matching/index';

/**
 * A plain stand-in for the applications feature's side of matching (another feature's port):
 * the applicants of each cohort, and every outcome recorded back, in order.
 */
export class TestApplicants implements MatchApplicants {
  readonly byCohort = new Map<string, MatchApplicant[]>();
  readonly outcomes: { cohortId: string; applicantId: string; outcome: string }[] = [];

  async forMatching(cohortId: string): Promise<MatchApplicant[]> {
    return [...(this.byCohort.get(cohortId) ?? [])];
  }

  async markOutcomes(cohortId: string, outcomes: readonly ApplicantOutcome[]) {
    for (const { applicantId, outcome } of outcomes) {
      this.outcomes.push({ cohortId, applicantId, outcome });
    }
  }
}

export function applicant(id: string, over: Partial<MatchApplicant> = {}): MatchApplicant {
  return {
    id,
    displayName: id,
    email: `${id}@trust.nhs.uk`,
    role: 'mentor',
    arrangement: 'reverse',
    bandIndex: 1,
    organisation: 'North Trust',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
    ...over,
  };
}
