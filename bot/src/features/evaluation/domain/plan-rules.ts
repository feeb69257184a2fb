import type { DateTime } from 'luxon';
import type { PlanLockReason } from '../../../contracts/evaluation-api';
import type { FieldProblem } from '../../../contracts/field-problem';
import { problemsOf } from '../../../contracts/field-problem';
import {
  evaluationPlanSchema,
  type EvaluationPlan,
  type RespondentRole,
  type Survey,
  type SurveyItem,
} from '../../../contracts/evaluation';

/**
 * The evaluation plan's rules, pure: when a coordinator may still change it, and whether a plan
 * as sent is acceptable (every limit, unique item ids, scales that run upwards, and a final
 * that repeats every baseline scale item, each problem naming its field).
 */

export type PlanLock = PlanLockReason;

export interface PlanEditability {
  editable: boolean;
  /** Why not, when not. */
  lockedBy?: PlanLock;
}

/**
 * A plan is editable before the cohort starts, and never once anyone has answered (even a
 * partial answer: changing an item under someone's saved answer would mix two questions).
 * The cohort starts at `cohortStartsAt` (an instant: its start date's midnight in the cohort's
 * time zone); from that instant on, the plan is fixed.
 */
export function planEditable(input: {
  now: DateTime;
  cohortStartsAt: DateTime;
  answersRecorded: number;
}): PlanEditability {
  if (input.answersRecorded > 0) return { editable: false, lockedBy: 'answers_recorded' };
  if (input.now.toMillis() >= input.cohortStartsAt.toMillis()) {
    return { editable: false, lockedBy: 'cohort_started' };
  }
  return { editable: true };
}

/** The plan as sent, parsed and checked, or the problems, each naming its field. */
export function validatePlan(
  body: unknown,
): { plan: EvaluationPlan } | { problems: FieldProblem[] } {
  const parsed = evaluationPlanSchema.safeParse(body);
  return parsed.success ? { plan: parsed.data } : { problems: problemsOf(parsed.error) };
}

/** The items of a survey that a person in `role` is asked, in the survey's order. */
export function itemsFor(survey: Survey, role: RespondentRole): SurveyItem[] {
  return survey.items.filter((item) => item.audience === 'both' || item.audience === role);
}
