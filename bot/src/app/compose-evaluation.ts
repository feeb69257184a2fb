import type { Server } from 'restify';
import type { AuditLog } from '../contracts/audit';
import type { IdentityService } from '../features/cohorts/index';
import {
  type SurveyService,
  createEvaluation,
  registerEvaluationRoutes,
} from '../features/evaluation/index';
import type { HttpEnv } from '../platform/http/route';
import type { TableStore } from '../platform/storage/table-store';
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
}): { register: (server: Server, http: HttpEnv) => void; surveys: SurveyService } {
  const { plans, surveys, results } = createEvaluation(deps.store, {
    cohorts: deps.repos.cohorts,
    pairs: deps.repos.pairs,
    membershipsOf: (userId) => deps.identity.membershipsOf(userId),
    audit: deps.audit,
    now: deps.now,
    participation: participationFactsFrom(deps.repos.pairSpaces, deps.repos.events),
  });
  return {
    register: (server, http) => registerEvaluationRoutes(server, { http, plans, surveys, results }),
    surveys,
  };
}
