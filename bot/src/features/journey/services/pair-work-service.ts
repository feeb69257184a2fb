import type { ActionChange, GoalInput, NewAction, NewGoal } from '../../../contracts/journey';
import { dueDateProblem, todayIn } from '../../../contracts/dates';
import { AppError } from '../../../platform/errors';
import { newId } from '../../cohorts';
import type { FitInput, ReviewInput } from '../domain/journey-inputs';
import type { AgreedAction, FinalReview, FitCheck, Goal } from '../domain/pair-space';
import type { Versioned } from '../../../platform/storage/versioned';
import { rowKeys } from '../store/pair-space-repository';
import type { JourneyCore } from './journey-core';
import { refuse } from './journey-refusals';
import type { PairContext, PairSpaceContext } from './pair-context';

/**
 * What partners keep together between meetings: their goals and agreed actions (from the tab
 * and the cards), and the private answers they give (the fit check, the final review). Every
 * change to something both partners edit is conditional on the version the writer read.
 */
export class PairWorkService {
  constructor(private readonly core: JourneyCore) {}

  /** A due date from the tab: real, not past in the pair's zone, within the programme (dates.ts). */
  private checkDue(ctx: PairSpaceContext, dueDate: string): void {
    const today = todayIn(ctx.timeZone, this.core.now());
    const problem = dueDateProblem(dueDate, { today, programme: ctx.cohort });
    if (problem) throw AppError.invalidFields([{ field: 'dueDate', message: problem }]);
  }

  private get pairSpaces() {
    return this.core.stores.pairSpaces;
  }

  async addGoal(
    ctx: PairSpaceContext,
    participantId: string,
    input: NewGoal,
  ): Promise<Versioned<Goal>> {
    this.core.memberOfSpace(ctx, participantId);
    const now = this.core.now().toISOString();
    const goal: Goal = {
      id: newId(),
      pairId: ctx.pair.value.id,
      ...input,
      createdBy: participantId,
      updatedBy: participantId,
      createdAt: now,
      updatedAt: now,
    };
    return this.pairSpaces.insert(goal.pairId, rowKeys.goal(goal.id), goal);
  }

  /** A stale `etag` fails with `stale` and the latest goal; nothing is overwritten. */
  async updateGoal(
    ctx: PairSpaceContext,
    participantId: string,
    goalId: string,
    input: GoalInput,
    etag: string,
  ): Promise<Versioned<Goal>> {
    this.core.memberOfSpace(ctx, participantId);
    const current = ctx.space.goals.find((g) => g.value.id === goalId);
    if (!current) throw refuse.goalGone();
    const goal: Goal = {
      ...current.value,
      ...input,
      updatedBy: participantId,
      updatedAt: this.core.now().toISOString(),
    };
    return this.pairSpaces.replace(goal.pairId, rowKeys.goal(goal.id), goal, etag);
  }

  /** An action agreed in the tab; its owner is reminded like one agreed in chat. */
  async addAction(
    ctx: PairSpaceContext,
    participantId: string,
    input: NewAction,
  ): Promise<Versioned<AgreedAction>> {
    const { partnerId } = this.core.memberOfSpace(ctx, participantId);
    this.checkDue(ctx, input.dueDate);
    const action: AgreedAction = {
      id: newId(),
      pairId: ctx.pair.value.id,
      text: input.text,
      ownerId: input.owner === 'me' ? participantId : partnerId,
      dueDate: input.dueDate,
      createdBy: participantId,
      createdAt: this.core.now().toISOString(),
    };
    const saved = await this.pairSpaces.insert(action.pairId, rowKeys.action(action.id), action);
    await this.core.syncJobs(await this.core.load(ctx.cohort.id, action.pairId));
    return saved;
  }

  /** A change from the tab; a stale `etag` fails with `stale` and the latest action. */
  async changeAction(
    ctx: PairSpaceContext,
    participantId: string,
    actionId: string,
    change: ActionChange,
    etag: string,
  ): Promise<Versioned<AgreedAction>> {
    this.core.memberOfSpace(ctx, participantId);
    const current = ctx.space.actions.find((a) => a.value.id === actionId);
    if (!current) throw refuse.actionGone('That action no longer exists');
    if (change.dueDate !== undefined && change.dueDate !== current.value.dueDate) {
      this.checkDue(ctx, change.dueDate);
    }
    const action: AgreedAction = { ...current.value };
    if (change.text !== undefined) action.text = change.text;
    if (change.dueDate !== undefined) action.dueDate = change.dueDate;
    if (change.done === true) action.doneAt = current.value.doneAt ?? this.core.now().toISOString();
    if (change.done === false) delete action.doneAt;
    return this.pairSpaces.replace(action.pairId, rowKeys.action(action.id), action, etag);
  }

  /** "Done" on an action card: done once, however often it is clicked. */
  async completeAction(
    ctx: PairContext,
    participantId: string,
    actionId: string,
  ): Promise<AgreedAction> {
    this.core.member(ctx, participantId);
    const action = ctx.space.actions.find((a) => a.value.id === actionId);
    if (!action) throw refuse.actionGone();
    if (action.value.doneAt) return action.value;
    const done = { ...action.value, doneAt: this.core.now().toISOString() };
    const saved = await this.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.action(actionId),
      done,
      action.etag,
    );
    action.value = saved.value;
    action.etag = saved.etag;
    return done;
  }

  async saveReview(
    ctx: PairContext,
    participantId: string,
    input: ReviewInput,
  ): Promise<FinalReview> {
    this.core.member(ctx, participantId);
    const review: FinalReview = {
      pairId: ctx.pair.value.id,
      authorId: participantId,
      wentWell: input.wentWell,
      couldImprove: input.improve,
      choice: input.choice,
      createdAt: this.core.now().toISOString(),
    };
    await this.pairSpaces.put(ctx.pair.value.id, rowKeys.review(participantId), review);
    return review;
  }

  async answerFit(ctx: PairContext, participantId: string, input: FitInput): Promise<FitCheck> {
    this.core.member(ctx, participantId);
    const answer: FitCheck = {
      pairId: ctx.pair.value.id,
      authorId: participantId,
      rating: input.rating,
      wantsCoordinator: input.wantsCoordinator,
      createdAt: this.core.now().toISOString(),
    };
    await this.pairSpaces.put(ctx.pair.value.id, rowKeys.fitCheck(participantId), answer);
    return answer;
  }
}
