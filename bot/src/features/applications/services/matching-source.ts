import {
  type ApplicationArrangement,
  type ApplicationForm,
  type ApplicationRole,
  type AvailabilitySlot,
  DEFAULT_APPLICATION_SETTINGS,
  type MatchOutcome,
  type MeetingMode,
} from '../../../contracts/applications';
import { AppError } from '../../../platform/errors';
import type { ApplicationDeps } from '../ports';
import type { SensitiveService } from './sensitive-service';

/**
 * What the matching feature reads of a cohort's accepted applicants: the answers it matches on,
 * the position on the ladder, and lived experience as opaque tokens, never as values.
 */
export interface MatchingApplicant {
  applicantId: string;
  name: string;
  email?: string;
  /** The applicant's Entra object id. */
  aadObjectId: string;
  role: ApplicationRole;
  arrangement: ApplicationArrangement;
  /** Position on the cohort's ladder, 0 the most junior; -1 if the band left the ladder. */
  bandIndex: number;
  organisation: string;
  lineManagerEmail: string;
  perspectivesShared: string[];
  perspectivesWanted: string[];
  meetingMode: MeetingMode;
  location?: string;
  availability: AvailabilitySlot[];
  /** Opaque: equal tokens mean the same answer, nothing more. */
  livedExperienceTokens: string[];
}

export class MatchingSource {
  constructor(
    private readonly deps: Pick<ApplicationDeps, 'stores' | 'now'>,
    private readonly sensitive: Pick<SensitiveService, 'tokensByApplicant'>,
  ) {}

  /** The cohort's band gap: its application settings' `minimumBandGap`, or the default. */
  async minimumBandGap(cohortId: string): Promise<number> {
    const saved = await this.deps.stores.settings.get(cohortId);
    return saved?.value.minimumBandGap ?? DEFAULT_APPLICATION_SETTINGS.minimumBandGap;
  }

  async acceptedForMatching(cohortId: string): Promise<MatchingApplicant[]> {
    const [settings, apps, tokens] = await Promise.all([
      this.deps.stores.settings.get(cohortId),
      this.deps.stores.applications.listByCohort(cohortId),
      this.sensitive.tokensByApplicant(cohortId),
    ]);
    const ladder = settings?.value.ladder ?? DEFAULT_APPLICATION_SETTINGS.ladder;
    return apps
      .map((a) => a.value)
      .filter((a) => a.status === 'accepted')
      .map((a) => {
        const form = a.answers as ApplicationForm;
        return {
          applicantId: a.applicantId,
          name: a.name,
          ...(a.email ? { email: a.email } : {}),
          aadObjectId: a.applicantId,
          role: form.role,
          arrangement: form.arrangement,
          bandIndex: ladder.indexOf(form.band),
          organisation: form.organisation,
          lineManagerEmail: form.lineManager.email,
          perspectivesShared: form.perspectivesShared,
          perspectivesWanted: form.perspectivesWanted,
          meetingMode: form.meetingMode,
          ...(form.location ? { location: form.location } : {}),
          availability: form.availability,
          livedExperienceTokens: tokens.get(a.applicantId) ?? [],
        };
      });
  }

  /**
   * Records what a published run did with many applicants at once: the cohort's applications
   * are read once and written back 100 to a transaction, each under the ETag read (the status
   * stays "accepted"). An outcome already recorded is left as it is (a retry writes nothing);
   * applications someone changed meanwhile are read again and retried; an applicant who has gone
   * is skipped.
   */
  async recordOutcomes(
    cohortId: string,
    outcomes: readonly { applicantId: string; outcome: MatchOutcome }[],
  ): Promise<void> {
    const { applications } = this.deps.stores;
    const wanted = new Map(outcomes.map((o) => [o.applicantId, o.outcome]));
    for (let attempt = 0; ; attempt++) {
      const at = this.deps.now().toISOString();
      const changes = (await applications.listByCohort(cohortId)).flatMap(({ value, etag }) => {
        const outcome = wanted.get(value.applicantId);
        if (!outcome || value.matchOutcome === outcome) return [];
        return [{ value: { ...value, matchOutcome: outcome, matchOutcomeAt: at }, etag }];
      });
      if (changes.length === 0) return;
      const refused = await applications.replaceMany(cohortId, changes);
      if (refused === 0) return;
      if (attempt >= 2) {
        throw AppError.coded(
          'stale',
          'precondition_failed',
          'Some applications kept changing while their outcomes were recorded; try again',
        );
      }
    }
  }
}
