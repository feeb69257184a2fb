import * as z from 'zod';
import {
  type EvaluationPlan,
  type RespondentRole,
  type ResponseState,
  type SurveyItem,
  type SurveyKind,
  RESPONSE_STATES,
  answerSchema,
  EVALUATION_LIMITS,
  type Answer,
} from './evaluation';

/**
 * The evaluation routes on the wire: a cohort's plan as its programme team reads and saves it,
 * and the surveys open to a person with their own saved answers. Nothing here ever carries
 * another person's answers.
 */

/** Why a plan can no longer be edited (see `planEditable`). */
export const PLAN_LOCKS = ['cohort_started', 'answers_recorded'] as const;
export type PlanLockReason = (typeof PLAN_LOCKS)[number];

export const PLAN_LOCK_WORDS: Record<PlanLockReason, string> = {
  cohort_started: 'The cohort has started, so its evaluation plan can no longer change',
  answers_recorded: 'Someone has already answered a survey, so the plan can no longer change',
};

/** `GET`/`PUT /api/cohorts/{id}/evaluation/plan`: the plan (the default until saved). */
export interface EvaluationPlanDetail {
  cohortId: string;
  plan: EvaluationPlan;
  /** False while the default plan is shown (then the first save sends no If-Match). */
  saved: boolean;
  editable: boolean;
  lockedBy?: PlanLockReason;
  /** The saved plan's ETag (send as If-Match); absent until saved. */
  etag?: string;
}

/** `PUT /api/me/surveys/{cohortId}/{survey}`: a person's answers, saved part way or sent. */
export const saveSurveyAnswersSchema = z
  .object({
    /** The plan version the survey was shown at (`planVersion` of the open survey). */
    planVersion: z
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(EVALUATION_LIMITS.planVersionMax, `must be at most ${EVALUATION_LIMITS.planVersionMax}`),
    state: z.enum(RESPONSE_STATES, { message: 'must be partial or submitted' }),
    answers: z
      .array(answerSchema)
      .max(EVALUATION_LIMITS.itemsPerSurvey, `at most ${EVALUATION_LIMITS.itemsPerSurvey} answers`),
    /** The ETag of the saved answers last read; left out for the first save. */
    etag: z.string({ message: 'must be the etag you last read' }).max(2048).optional(),
  })
  .strict();

export type SaveSurveyAnswers = z.output<typeof saveSurveyAnswersSchema>;

/** A person's own saved answers to one survey. */
export interface MyResponse {
  state: ResponseState;
  answers: Answer[];
  /** ISO date-time of the last save. */
  savedAt: string;
  etag: string;
}

/** One survey open to a person now: only the items of their side. */
export interface OpenSurvey {
  cohortId: string;
  cohortName: string;
  survey: SurveyKind;
  role: RespondentRole;
  planVersion: number;
  items: SurveyItem[];
  /** ISO date-time the survey opened and closes (in the cohort's time zone offset). */
  opensAt: string;
  closesAt: string;
  /** The closing date in words ("Friday 5 March 2027"). */
  closesOn: string;
  /** The person's own saved answers, null until they save. */
  response: MyResponse | null;
}

/** `GET /api/me/surveys`. */
export interface MySurveys {
  surveys: OpenSurvey[];
}
