import type { Server } from 'restify';
import type { AuditLog } from '../contracts/audit';
import type { SensitiveService } from '../features/applications/index';
import type { IdentityService } from '../features/cohorts/index';
import {
  type ResultsService,
  type SurveyService,
  type SurveySendingPorts,
  createEvaluation,
  createSurveySending,
  isSurveyJob,
  registerEvaluationRoutes,
  registerReportRoutes,
} from '../features/evaluation/index';
import type { JourneyService, NudgeDelivery } from '../features/journey/index';
import type { HttpEnv } from '../platform/http/route';
import type { Logger } from '../platform/logger';
import type { Job } from '../platform/storage/jobs/job';
import type { JobStore } from '../platform/storage/jobs/job-store';
import type { HandlerResult } from '../platform/storage/jobs/scheduler';
import type { TableStore } from '../platform/storage/table-store';
import { equalityFactsFrom } from './equality-facts';
import { participationFactsFrom } from './participation-facts';
import type { Repositories } from './repositories';

/** What the scheduled sending of surveys needs from the composition root. */
export interface SurveySendingWiring {
  /** Is this one of the evaluation's jobs (routed here, never bundled with journey nudges)? */
  isJob(job: Job): boolean;
  handleJob(job: Job): Promise<HandlerResult>;
  /** New pairs were introduced: sweep the cohort now. */
  startSweep(cohortId: string): Promise<void>;
  /** On start: today's sweep for every open cohort. */
  startAllSweeps(): Promise<number>;
}

/**
 * Evaluation (issue 16): the cohort's plan, each person's own surveys and the results, over the
 * cohorts' stores and the signed-in person's memberships; and the surveys' scheduled sending,
 * which delivers through the journey's `NudgeDelivery` (the same working hours, the same daily
 * ledger: one message a day per person, shared with the nudges). Returns the route
 * registration, the survey service the chat cards share with the routes, and the sending.
 */
export function composeEvaluation(deps: {
  store: TableStore;
  repos: Repositories;
  identity: Pick<IdentityService, 'membershipsOf'>;
  audit: AuditLog;
  jobs: Pick<JobStore, 'schedule' | 'get'>;
  journey: Pick<JourneyService, 'load'>;
  delivery: Pick<NudgeDelivery, 'deliver'>;
  /** SURVEY_SENDING: false schedules no sweep (surveys are then answered only on request). */
  sendSurveys: boolean;
  log: Logger;
  now: () => Date;
  /** The special-category answers, read only as counts for the equality breakdowns. */
  sensitive: Pick<SensitiveService, 'countsByGroup'>;
}): {
  register: (server: Server, http: HttpEnv) => void;
  surveys: SurveyService;
  /** Keeps a closed cohort's suppressed summary before retention deletes its rows. */
  results: Pick<ResultsService, 'keepSummary' | 'keepBreakdowns'>;
  sending: SurveySendingWiring;
} {
  const evaluationDeps = {
    cohorts: deps.repos.cohorts,
    pairs: deps.repos.pairs,
    membershipsOf: (userId: string) => deps.identity.membershipsOf(userId),
    audit: deps.audit,
    now: deps.now,
    participation: participationFactsFrom(deps.repos.pairSpaces, deps.repos.events),
    equality: equalityFactsFrom(deps.repos.participants, deps.sensitive),
  };
  const { plans, surveys, results, reports, quotes } = createEvaluation(deps.store, evaluationDeps);
  const ports: SurveySendingPorts = {
    jobs: deps.jobs,
    cohorts: deps.repos.cohorts,
    // The person's pair as the journey reads it: their time zone, the cohort's working hours,
    // and their paused reminders (a survey card waits while they paused, like any nudge).
    deliver: async (to, jobIds, cards) =>
      deps.delivery.deliver(
        await deps.journey.load(to.cohortId, to.pairId),
        to.participantId,
        jobIds,
        cards,
        false,
      ),
    log: deps.log,
  };
  const { sending, jobs } = createSurveySending(deps.store, evaluationDeps, ports);
  return {
    register: (server, http) => {
      registerEvaluationRoutes(server, { http, plans, surveys, results, quotes });
      registerReportRoutes(server, { http, reports });
    },
    surveys,
    results,
    sending: {
      isJob: isSurveyJob,
      handleJob: jobs.handle,
      startSweep: async (cohortId) => {
        if (deps.sendSurveys) await sending.startSweep(cohortId);
      },
      startAllSweeps: async () => (deps.sendSurveys ? sending.startAllSweeps() : 0),
    },
  };
}
