import { DEMO_COORDINATOR, demoCohortInput, demoRosterCsv } from './demo-cohort';
import type { Logger } from '../../platform/logger';
import type { Repositories } from '../../app/repositories';
import type { RosterService } from '../cohorts/services/roster-service';

/** Seeds the clearly marked demo cohort when the store holds no cohort at all. */
export async function seedDemoCohortIfEmpty(
  repos: Repositories,
  roster: RosterService,
  log: Logger,
  now: Date,
): Promise<boolean> {
  const cohorts = await repos.cohorts.list();
  if (cohorts.length > 0) return false;
  await repos.roles.grant({
    userId: DEMO_COORDINATOR.userId,
    role: 'coordinator',
    grantedBy: 'demo-seed',
    grantedAt: now.toISOString(),
  });
  const cohort = await roster.createCohort(demoCohortInput(now), DEMO_COORDINATOR.userId, true);
  const outcome = await roster.importRoster(cohort.id, demoRosterCsv());
  if (!outcome.ok) {
    throw new Error(`Demo roster is invalid: ${JSON.stringify(outcome.problems)}`);
  }
  log.info({ cohortId: cohort.id, ...outcome }, 'seeded the demo cohort');
  return true;
}
