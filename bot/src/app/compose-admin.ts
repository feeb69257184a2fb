import type { AuditLog } from '../contracts/audit';
import {
  type AdminDeps,
  BulkPairsService,
  CohortSettingsService,
  PairAdminService,
  PeopleService,
  teamsMessages,
} from '../features/cohort-admin/index';
import { type Cohort, type Pair, RosterService } from '../features/cohorts/index';
import type { CoordinatorPairService, JourneyService } from '../features/journey/index';
import type { Logger } from '../platform/logger';
import type { ProactiveSender } from '../platform/teams/proactive-sender';
import type { Repositories } from './repositories';

/**
 * The programme team's changes to cohorts, people and pairs (issue 14) and the roster import,
 * over the journey: new pairs are introduced, and their cohort's survey sweep starts (their
 * baseline) however they were made: imported, added by hand or published by matching.
 */
export function composeAdmin(deps: {
  repos: Repositories;
  journey: Pick<JourneyService, 'load' | 'scheduleIntroductions' | 'scheduleIntroductionsOf'>;
  coordinatorPairs: CoordinatorPairService;
  /** The evaluation's survey sweep for a cohort that has new pairs. */
  startSurveySweep: (cohortId: string) => Promise<void>;
  /** Retention's daily runs, started by the first close. */
  startRetention: () => Promise<unknown>;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}) {
  const { journey, startSurveySweep } = deps;
  const introduce = async (cohortId: string, pairIds: string[]) => {
    await journey.scheduleIntroductions(cohortId, pairIds);
    await startSurveySweep(cohortId);
  };
  const admin: AdminDeps = {
    stores: deps.repos,
    journey: {
      pairs: deps.coordinatorPairs,
      load: (cohortId: string, pairId: string) => journey.load(cohortId, pairId),
      scheduleIntroductions: introduce,
      scheduleIntroductionsOf: async (cohort: Cohort, pairs: readonly Pair[]) => {
        await journey.scheduleIntroductionsOf(cohort, pairs);
        await startSurveySweep(cohort.id);
      },
    },
    messages: teamsMessages(deps.sender, deps.log),
    audit: deps.audit,
    closes: {
      cohortClosed: async () => {
        await deps.startRetention();
      },
    },
    now: deps.now,
  };
  const pairAdmin = new PairAdminService(admin);
  return {
    roster: new RosterService(deps.repos, deps.now, introduce, deps.audit),
    pairAdmin,
    people: new PeopleService(admin, pairAdmin),
    settings: new CohortSettingsService(admin),
    bulkPairs: new BulkPairsService(admin),
  };
}
