import type { Logger } from '../../platform/logger';
import type { CohortService, IdentityService, RosterService } from '../cohorts/index';
import { DEMO_COORDINATOR, demoCohortInput, demoRosterCsv } from './demo-cohort';

export interface DemoSeedDeps {
  cohorts: Pick<CohortService, 'list'>;
  identity: Pick<IdentityService, 'grantProgrammeAdmin'>;
  roster: Pick<RosterService, 'createCohort' | 'importRoster'>;
  log: Logger;
}

/** Seeds the clearly marked demo cohort when the store holds no cohort at all. */
export async function seedDemoCohortIfEmpty(deps: DemoSeedDeps, now: Date): Promise<boolean> {
  const { cohorts, identity, roster, log } = deps;
  if ((await cohorts.list()).length > 0) return false;
  await identity.grantProgrammeAdmin(DEMO_COORDINATOR.userId, 'demo-seed', now);
  const cohort = await roster.createCohort(demoCohortInput(now), DEMO_COORDINATOR.userId, true);
  const imported = await roster.importRoster(cohort.id, demoRosterCsv(), DEMO_COORDINATOR.userId);
  log.info({ cohortId: cohort.id, ok: true, ...imported }, 'seeded the demo cohort');
  return true;
}
