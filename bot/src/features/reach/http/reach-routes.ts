import type { Server } from 'restify';
import type { CohortReach, InstallAnswer } from '../../../contracts/reach';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { ReachService } from '../services/reach-service';

/** What the reach routes use. */
export interface ReachRouteDeps {
  http: HttpEnv;
  /** 404 for a cohort that does not exist. */
  cohorts: { get(cohortId: string): Promise<{ value: { id: string } }> };
  reach: Pick<ReachService, 'cohortReach' | 'installFor' | 'installForEveryone'>;
}

/** Who the bot cannot message yet, and installing the app for them: the cohort's coordinators. */
export function registerReachRoutes(server: Server, deps: ReachRouteDeps): void {
  const { http, cohorts, reach } = deps;

  server.get(
    '/api/cohorts/:cohortId/reach',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const body: CohortReach = await reach.cohortReach(cohort.value.id);
      return { body };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/participants/:participantId/install-app',
    coordinatorRoute(http, async ({ params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const body: InstallAnswer = await reach.installFor(
        cohort.value.id,
        params.participantId ?? '',
        caller,
      );
      log.info({ results: body.results.map((r) => r.result) }, 'app install for one person');
      return { body };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/reach/install-app',
    coordinatorRoute(http, async ({ params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const body: InstallAnswer = await reach.installForEveryone(cohort.value.id, caller);
      log.info({ results: body.results.map((r) => r.result) }, 'app install for everyone');
      return { body };
    }),
  );
}
