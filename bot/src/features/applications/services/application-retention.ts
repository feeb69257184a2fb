import type { MatchOutcome } from '../../../contracts/applications';
import type { ApplicationDeps } from '../ports';

/**
 * What the retention feature may read and delete of applications (issue 17): the facts its rules
 * need (no answers), and deleting one application once its period has passed.
 */
export class ApplicationRetention {
  constructor(private readonly deps: Pick<ApplicationDeps, 'stores'>) {}

  /** Each application's id and matching outcome. */
  async list(cohortId: string): Promise<{ applicantId: string; matchOutcome?: MatchOutcome }[]> {
    const apps = await this.deps.stores.applications.listByCohort(cohortId);
    return apps.map(({ value }) => ({
      applicantId: value.applicantId,
      ...(value.matchOutcome ? { matchOutcome: value.matchOutcome } : {}),
    }));
  }

  remove(cohortId: string, applicantId: string): Promise<boolean> {
    return this.deps.stores.applications.remove(cohortId, applicantId);
  }
}
