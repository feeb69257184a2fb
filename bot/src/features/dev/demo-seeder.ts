import type { Logger } from '../../platform/logger';
import type { CohortService, IdentityService, RosterService } from '../cohorts/index';
import { DEMO_COORDINATOR, DEMO_SPONSOR, demoCohortInput, demoRosterCsv } from './demo-cohort';
import { seedStagedDemo } from './demo-journey';
import { type DemoJourneyDeps, DemoTimeline } from './demo-timeline';

export interface DemoSeedDeps {
  cohorts: Pick<CohortService, 'list'>;
  identity: Pick<IdentityService, 'grantProgrammeAdmin' | 'grantCohortRole'>;
  roster: Pick<RosterService, 'createCohort' | 'importRoster'>;
  log: Logger;
  /** Given, the staged demo: pairs at every stage of the journey. Else three pairs just matched. */
  journey?: DemoJourneyDeps;
}

/**
 * Seeds the clearly marked demo cohort when the store holds no cohort at all, so a restart
 * (or a second instance) never seeds it twice. `now` is the service's clock: the demo's dates
 * are relative to it.
 */
export async function seedDemoCohortIfEmpty(deps: DemoSeedDeps, now: Date): Promise<boolean> {
  const { cohorts, identity, roster, log } = deps;
  if ((await cohorts.list()).length > 0) return false;
  await identity.grantProgrammeAdmin(DEMO_COORDINATOR.userId, 'demo-seed', now);
  if (deps.journey) {
    try {
      const cohortId = await seedStagedDemo(new DemoTimeline(deps.journey, log), now);
      await identity.grantCohortRole(DEMO_SPONSOR.userId, 'sponsor', cohortId, 'demo-seed', now);
      log.info({ cohortId, ok: true }, 'seeded the demo cohort, its pairs at every stage');
    } catch (error) {
      // Not retried: the cohort exists now. Say so plainly rather than leave half a demo unexplained.
      log.error(
        { err: error, ok: false },
        'the demo cohort was seeded only in part; start with empty storage to seed it again',
      );
    }
    return true;
  }
  const cohort = await roster.createCohort(demoCohortInput(now), DEMO_COORDINATOR.userId, true);
  const imported = await roster.importRoster(cohort.id, demoRosterCsv(), DEMO_COORDINATOR.userId);
  await identity.grantCohortRole(DEMO_SPONSOR.userId, 'sponsor', cohort.id, 'demo-seed', now);
  log.info({ cohortId: cohort.id, ok: true, ...imported }, 'seeded the demo cohort');
  return true;
}
