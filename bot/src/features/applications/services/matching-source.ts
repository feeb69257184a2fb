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
   * Records what a published run did with an applicant, on their application (the status stays
   * "accepted"). Retried when someone else changed the application meanwhile; an applicant who
   * has gone (withdrew and was removed) is skipped.
   */
  async recordOutcome(cohortId: string, applicantId: string, outcome: MatchOutcome): Promise<void> {
    const { applications } = this.deps.stores;
    for (let attempt = 0; ; attempt++) {
      const found = await applications.get(cohortId, applicantId);
      if (!found) return;
      const next = {
        ...found.value,
        matchOutcome: outcome,
        matchOutcomeAt: this.deps.now().toISOString(),
      };
      try {
        await applications.update(next, found.etag, async () => undefined);
        return;
      } catch (error) {
        if (attempt >= 2 || !(error instanceof AppError) || error.reason !== 'stale') throw error;
      }
    }
  }
}
