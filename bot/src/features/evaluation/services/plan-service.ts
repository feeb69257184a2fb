import { DateTime } from 'luxon';
import { changesBetween } from '../../../contracts/audit';
import { type EvaluationPlanDetail, PLAN_LOCK_WORDS } from '../../../contracts/evaluation-api';
import type { EvaluationPlan } from '../../../contracts/evaluation';
import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Cohort } from '../../cohorts';
import { defaultEvaluationPlan } from '../domain/default-plan';
import { planEditable, validatePlan } from '../domain/plan-rules';
import type { EvaluationDeps } from '../ports';

/**
 * A cohort's evaluation plan, for those who run the cohort: read (the default until saved) and
 * saved before the cohort starts and before anyone answers, If-Match once saved. Each save
 * raises the plan's version by one and is audited.
 */
export class PlanService {
  constructor(private readonly deps: EvaluationDeps) {}

  /** The cohort (404 when none) and its plan as stored, or undefined while the default applies. */
  private async load(
    cohortId: string,
  ): Promise<{ cohort: Cohort; stored?: Versioned<EvaluationPlan>; plan: EvaluationPlan }> {
    const [cohort, stored] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    return { cohort: cohort.value, stored, plan: stored?.value ?? defaultEvaluationPlan() };
  }

  private async editability(cohort: Cohort) {
    const zone = cohort.timeZone ?? DEFAULT_COHORT_TIME_ZONE;
    return planEditable({
      now: DateTime.fromJSDate(this.deps.now()),
      cohortStartsAt: DateTime.fromISO(cohort.startDate, { zone }).startOf('day'),
      answersRecorded: (await this.deps.store.anyResponse(cohort.id)) ? 1 : 0,
    });
  }

  async detail(cohortId: string): Promise<EvaluationPlanDetail> {
    const { cohort, stored, plan } = await this.load(cohortId);
    const editability = await this.editability(cohort);
    return {
      cohortId,
      plan,
      saved: stored !== undefined,
      editable: editability.editable,
      ...(editability.lockedBy ? { lockedBy: editability.lockedBy } : {}),
      ...(stored ? { etag: stored.etag } : {}),
    };
  }

  /**
   * Saves the plan as sent (checked by `validatePlan`, each problem naming its field), refused
   * with 409 and the reason once the plan is locked. The first save sends no If-Match (a second
   * first save gets 412); later ones must.
   */
  async save(
    cohortId: string,
    etag: string | undefined,
    body: unknown,
    actor: { userId: string; name: string },
  ): Promise<EvaluationPlanDetail> {
    const { cohort, stored, plan: before } = await this.load(cohortId);
    const checked = validatePlan(body);
    if ('problems' in checked) throw AppError.invalidFields(checked.problems);
    const editability = await this.editability(cohort);
    if (!editability.editable && editability.lockedBy) {
      throw AppError.coded('conflict', 'plan_locked', PLAN_LOCK_WORDS[editability.lockedBy], {
        lockedBy: editability.lockedBy,
      });
    }
    if (stored && etag === undefined) {
      throw AppError.coded(
        'precondition_required',
        'precondition_required',
        'Send If-Match with the ETag you last read',
      );
    }
    const plan: EvaluationPlan = { ...checked.plan, version: before.version + 1 };
    const saved =
      etag === undefined
        ? await this.deps.store.createPlan(cohortId, plan)
        : await this.deps.store.updatePlan(cohortId, plan, etag);
    await this.deps.audit.record({
      action: 'evaluation.plan_saved',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'cohort',
      targetId: cohortId,
      targetLabel: cohort.name,
      cohortId,
      changes: changesBetween(before, plan, ['version', 'minGroupSize']),
      reason: null,
    });
    return { cohortId, plan, saved: true, editable: true, etag: saved };
  }
}
