import type { Server } from 'restify';
import type { AuditLog } from '../contracts/audit';
import type { SensitiveService } from '../features/applications/index';
import type { IdentityService } from '../features/cohorts/index';
import {
  type SurveyService,
  createEvaluation,
  registerEvaluationRoutes,
  registerReportRoutes,
} from '../features/evaluation/index';
import type { HttpEnv } from '../platform/http/route';
import type { TableStore } from '../platform/storage/table-store';
import { equalityFactsFrom } from './equality-facts';
import { participationFactsFrom } from './participation-facts';
import type { Repositories } from './repositories';

/**
 * Evaluation (issue 16): the cohort's plan, each person's own surveys and the results, over the
 * cohorts' stores and the signed-in person's memberships. Returns the route registration and the
 * survey service the chat cards share with the routes.
 */
export function composeEvaluation(deps: {
  store: TableStore;
  repos: Repositories;
  identity: Pick<IdentityService, 'membershipsOf'>;
  audit: AuditLog;
  now: () => Date;
  /** The special-category answers, read only as counts for the equality breakdowns. */
  sensitive: Pick<SensitiveService, 'countsByGroup'>;
}): { register: (server: Server, http: HttpEnv) => void; surveys: SurveyService } {
  const { plans, surveys, results, reports, quotes } = createEvaluation(deps.store, {
    cohorts: deps.repos.cohorts,
    pairs: deps.repos.pairs,
    membershipsOf: (userId) => deps.identity.membershipsOf(userId),
    audit: deps.audit,
    now: deps.now,
    participation: participationFactsFrom(deps.repos.pairSpaces),
    equality: equalityFactsFrom(deps.repos.participants, deps.sensitive),
  });
  return {
    register: (server, http) => {
      registerEvaluationRoutes(server, { http, plans, surveys, results, quotes });
      registerReportRoutes(server, { http, reports });
    },
    surveys,
  };
}
