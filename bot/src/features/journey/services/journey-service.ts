import {
  DEFAULT_CONTRACT_TERMS,
  agreeTo,
  bothAgreed,
  editTerms,
  newContract,
} from '../domain/contract';
import { newId } from '../../cohorts/domain/ids';
import type { Job } from '../../../platform/storage/jobs/job';
import { jobsForPair } from '../domain/journey-schedule';
import type {
  BookingInput,
  ContractEditInput,
  FitInput,
  PauseInput,
  PreparationInput,
  ReflectionInput,
  ReviewInput,
} from '../domain/journey-inputs';
import { planWindows } from '../domain/meeting-plan';
import { type PairEvent, applyPairEvent } from '../domain/pair-lifecycle';
import type {
  AgreedAction,
  Contract,
  FinalReview,
  FitCheck,
  Meeting,
  Preparation,
  Reflection,
} from '../domain/pair-space';
import { resolveTimeZone } from '../domain/send-window';
import type { Logger } from '../../../platform/logger';
import { type PairSpaceWrite, rowKeys } from '../store/pair-space-repository';
import { ConflictError } from '../../../platform/storage/errors';
import type { Repositories } from '../../../app/repositories';
import { type PairContext, loadPairContext, sides } from './pair-context';

/** Where jobs go; the scheduler's job store implements it. */
export interface JobSink {
  schedule(jobs: Job[]): Promise<unknown>;
}

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const refuse = (reason: string): Outcome<never> => ({ ok: false, reason });

export function meetingId(n: number): string {
  return `m${String(n).padStart(2, '0')}`;
}

/**
 * The pair journey's commands: every change a partner makes from a card or a command, and
 * what the scheduler does at each step. Each method reads the pair's context, applies the
 * domain rule, writes with ETags (a stale write fails rather than overwriting), and keeps the
 * pair's scheduled jobs in step.
 */
export class JourneyService {
  constructor(
    private readonly repos: Repositories,
    private readonly jobs: JobSink,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  load(cohortId: string, pairId: string): Promise<PairContext> {
    return loadPairContext(this.repos, cohortId, pairId, this.now());
  }

  /** Schedules every job this pair should have now; known job ids are left as they are. */
  async syncJobs(ctx: PairContext): Promise<void> {
    const now = this.now();
    const jobs = jobsForPair({
      pair: ctx.pair.value,
      cohort: ctx.cohort,
      activeSince: ctx.status.activeSince ? new Date(ctx.status.activeSince) : undefined,
      timeZone: ctx.timeZone,
      meetings: ctx.space.meetings.map((m) => m.value),
      actions: ctx.space.actions.map((a) => a.value),
      now,
    });
    await this.jobs.schedule(jobs);
  }

  /** Schedules the introduction of newly imported pairs. */
  async scheduleIntroductions(cohortId: string, pairIds: string[]): Promise<void> {
    for (const pairId of pairIds) await this.syncJobs(await this.load(cohortId, pairId));
  }

  private async applyEvent(ctx: PairContext, event: PairEvent): Promise<Outcome<PairContext>> {
    const now = this.now();
    const result = applyPairEvent(ctx.pair.value, event, now, ctx.status);
    if (!result.ok) return refuse(result.reason);
    const status = { ...ctx.status, ...result.detail, updatedAt: now.toISOString() };
    await this.saveStatus(ctx, status);
    const pair = await this.repos.pairs.update(result.pair, ctx.pair.etag);
    this.log.info({ pairId: ctx.pair.value.id, change: result.change }, 'pair state changed');
    return ok({ ...ctx, pair, status });
  }

  private async saveStatus(ctx: PairContext, status: PairContext['status']): Promise<void> {
    const key = rowKeys.status();
    if (ctx.space.status) {
      ctx.space.status = await this.repos.pairSpaces.replace(
        ctx.pair.value.id,
        key,
        status,
        ctx.space.status.etag,
      );
    } else {
      ctx.space.status = await this.repos.pairSpaces.insert(ctx.pair.value.id, key, status);
    }
    ctx.status = status;
  }

  /**
   * The introduction went out: the pair is introduced and its contract awaits both. Both
   * partners' introductions may finish at the same moment (on different instances), so this is
   * idempotent: whoever loses a race reloads and finds the work done.
   */
  async introduce(ctx: PairContext): Promise<PairContext> {
    let current = ctx;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        if (!current.space.contract) {
          current.space.contract = await this.repos.pairSpaces.insert<Contract>(
            current.pair.value.id,
            rowKeys.contract(),
            newContract(current.pair.value.id, DEFAULT_CONTRACT_TERMS, this.now()),
          );
        }
        if (current.pair.value.state !== 'proposed') return current;
        const moved = await this.applyEvent(current, { type: 'introduce' });
        return moved.ok ? moved.value : current;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        current = await this.load(current.cohort.id, current.pair.value.id);
      }
    }
    return current;
  }

  /** A partner agrees the contract; once both have, the pair is active and its plan begins. */
  async agreeContract(
    ctx: PairContext,
    participantId: string,
    version: number,
    timeZone: string | undefined,
  ): Promise<Outcome<PairContext>> {
    const who = sides(ctx, participantId);
    if (!who) return refuse('You are not part of this pairing.');
    // Both partners often agree at nearly the same moment: an agreement is safe to apply again
    // on the latest version, so a lost race is retried rather than dropped.
    let agreedContract: Contract | undefined;
    for (let attempt = 0; attempt < 5 && !agreedContract; attempt++) {
      if (!ctx.space.contract) return refuse('The contract is not ready yet.');
      const agreed = agreeTo(ctx.space.contract.value, who.myRole, version, this.now());
      if (!agreed.ok) return refuse(agreed.reason);
      try {
        ctx.space.contract = await this.repos.pairSpaces.replace(
          ctx.pair.value.id,
          rowKeys.contract(),
          agreed.contract,
          ctx.space.contract.etag,
        );
        agreedContract = agreed.contract;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        ctx = await this.load(ctx.cohort.id, ctx.pair.value.id);
      }
    }
    if (!agreedContract) return refuse('The contract is busy just now; please try again.');
    if (!bothAgreed(agreedContract) || ctx.pair.value.state !== 'introduced') return ok(ctx);

    // The plan runs in the mentee's zone (they usually book), else the agreeing person's.
    const zone = resolveTimeZone(ctx.status.timeZone ?? timeZone);
    const activated = await this.applyEvent(
      { ...ctx, status: { ...ctx.status, timeZone: zone } },
      { type: 'contract-agreed' },
    );
    if (!activated.ok) return activated;
    const active = activated.value;
    const windows = planWindows(active.cohort.cadence, this.now(), zone);
    const meetings: Meeting[] = windows.map((w) => ({
      id: meetingId(w.number),
      pairId: active.pair.value.id,
      number: w.number,
      windowStart: w.start.toISOString(),
      windowEnd: w.end.toISOString(),
      status: 'unplanned',
      updatedAt: this.now().toISOString(),
    }));
    await this.repos.pairSpaces.insertMany(
      active.pair.value.id,
      meetings.map((m) => ({ rowKey: rowKeys.meeting(m.id), value: m })),
    );
    const reloaded = await this.load(active.cohort.id, active.pair.value.id);
    await this.syncJobs(reloaded);
    return ok(reloaded);
  }

  async editContract(
    ctx: PairContext,
    participantId: string,
    terms: ContractEditInput,
  ): Promise<Outcome<PairContext>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    if (!ctx.space.contract) return refuse('The contract is not ready yet.');
    if (ctx.pair.value.state !== 'introduced') {
      return refuse('The contract can be changed only before you both agree it.');
    }
    ctx.space.contract = await this.repos.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.contract(),
      editTerms(ctx.space.contract.value, terms, participantId, this.now()),
      ctx.space.contract.etag,
    );
    return ok(ctx);
  }

  private meeting(ctx: PairContext, id: string) {
    return ctx.space.meetings.find((m) => m.value.id === id);
  }

  async bookMeeting(
    ctx: PairContext,
    participantId: string,
    id: string,
    booking: BookingInput,
  ): Promise<Outcome<Meeting>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    if (ctx.pair.value.state !== 'active') return refuse('This pairing is not meeting just now.');
    const meeting = this.meeting(ctx, id);
    if (!meeting) return refuse('That meeting is not in your plan.');
    if (meeting.value.status === 'held') return refuse('That meeting has already been held.');
    const next: Meeting = {
      ...meeting.value,
      status: 'planned',
      plannedAt: booking.plannedAt.toISOString(),
      plannedMinutes: booking.minutes,
      mode: booking.mode,
      outcomeBy: participantId,
      updatedAt: this.now().toISOString(),
    };
    const saved = await this.repos.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.meeting(id),
      next,
      meeting.etag,
    );
    meeting.value = saved.value;
    meeting.etag = saved.etag;
    await this.syncJobs(ctx);
    return ok(next);
  }

  /** Logs a meeting held outside the plan: it counts towards the pair's progress. */
  async logMeeting(
    ctx: PairContext,
    participantId: string,
    heldAt: Date,
    minutes: number,
  ): Promise<Outcome<Meeting>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    if (ctx.pair.value.state !== 'active' && ctx.pair.value.state !== 'paused') {
      return refuse('This pairing is not meeting just now.');
    }
    // It fills the open window's meeting if that one has not happened; else it is an extra.
    const open = ctx.space.meetings.find(
      (m) =>
        m.value.number !== undefined &&
        m.value.status !== 'held' &&
        m.value.windowStart <= heldAt.toISOString() &&
        heldAt.toISOString() < m.value.windowEnd,
    );
    const base: Meeting = open?.value ?? {
      id: `x${newId().slice(0, 8)}`,
      pairId: ctx.pair.value.id,
      windowStart: heldAt.toISOString(),
      windowEnd: heldAt.toISOString(),
      status: 'held',
      updatedAt: this.now().toISOString(),
    };
    const held: Meeting = {
      ...base,
      status: 'held',
      plannedAt: heldAt.toISOString(),
      plannedMinutes: minutes,
      heldMinutes: minutes,
      outcomeBy: participantId,
      updatedAt: this.now().toISOString(),
    };
    if (open) {
      await this.repos.pairSpaces.replace(
        ctx.pair.value.id,
        rowKeys.meeting(held.id),
        held,
        open.etag,
      );
    } else {
      await this.repos.pairSpaces.insert(ctx.pair.value.id, rowKeys.meeting(held.id), held);
    }
    await this.saveStatus(ctx, {
      ...ctx.status,
      missedInARow: 0,
      updatedAt: this.now().toISOString(),
    });
    await this.syncJobs(await this.load(ctx.cohort.id, ctx.pair.value.id));
    return ok(held);
  }

  async savePreparation(
    ctx: PairContext,
    participantId: string,
    id: string,
    input: PreparationInput,
  ): Promise<Outcome<Preparation>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    if (!this.meeting(ctx, id)) return refuse('That meeting is not in your plan.');
    const preparation: Preparation = {
      pairId: ctx.pair.value.id,
      meetingId: id,
      authorId: participantId,
      topics: input.topics,
      shared: input.share,
      updatedAt: this.now().toISOString(),
    };
    // One author's own row, rewritten whole: the newest version is theirs by definition.
    await this.repos.pairSpaces.put(
      ctx.pair.value.id,
      rowKeys.preparation(id, participantId),
      preparation,
    );
    return ok(preparation);
  }

  /**
   * After a meeting: records what happened (the first report decides held or cancelled; a
   * reschedule plans it again), the author's private reflection and the agreed actions.
   */
  async saveReflection(
    ctx: PairContext,
    participantId: string,
    id: string,
    input: ReflectionInput,
  ): Promise<Outcome<{ meeting: Meeting; reflection?: Reflection; actions: AgreedAction[] }>> {
    const who = sides(ctx, participantId);
    if (!who) return refuse('You are not part of this pairing.');
    const meeting = this.meeting(ctx, id);
    if (!meeting) return refuse('That meeting is not in your plan.');
    const now = this.now();

    let next = meeting.value;
    const writes: PairSpaceWrite[] = [];
    if (meeting.value.status !== 'held') {
      if (input.outcome === 'held') {
        next = { ...next, status: 'held', heldMinutes: input.minutes, outcomeBy: participantId };
      } else if (input.outcome === 'rescheduled' && input.rescheduledTo) {
        next = {
          ...next,
          status: 'planned',
          plannedAt: input.rescheduledTo.toISOString(),
          outcomeBy: participantId,
        };
      } else {
        const by = input.outcome === 'cancelled_by_me' ? participantId : who.partner.id;
        next = { ...next, status: 'cancelled', outcomeBy: by };
      }
      next = { ...next, updatedAt: now.toISOString() };
      writes.push({ rowKey: rowKeys.meeting(id), value: next, etag: meeting.etag });
    }

    let reflection: Reflection | undefined;
    if (input.learned || input.differently) {
      reflection = {
        id: newId(),
        pairId: ctx.pair.value.id,
        meetingId: id,
        authorId: participantId,
        learned: input.learned,
        doDifferently: input.differently,
        sharedWithPartner: input.share,
        createdAt: now.toISOString(),
      };
      writes.push({ rowKey: rowKeys.reflection(participantId, reflection.id), value: reflection });
    }
    const actions: AgreedAction[] = input.actions.map((a) => ({
      id: newId(),
      pairId: ctx.pair.value.id,
      meetingId: id,
      text: a.text,
      ownerId: a.owner === 'me' ? participantId : who.partner.id,
      dueDate: a.dueDate,
      createdBy: participantId,
      createdAt: now.toISOString(),
    }));
    writes.push(...actions.map((a) => ({ rowKey: rowKeys.action(a.id), value: a })));
    if (next.status === 'held' && ctx.status.missedInARow !== 0) {
      const status = { ...ctx.status, missedInARow: 0, updatedAt: now.toISOString() };
      writes.push({ rowKey: rowKeys.status(), value: status, etag: ctx.space.status?.etag });
    }
    // The outcome, the reflection and the actions are saved together or not at all.
    await this.repos.pairSpaces.commit(ctx.pair.value.id, writes);
    await this.syncJobs(await this.load(ctx.cohort.id, ctx.pair.value.id));
    return ok({ meeting: next, reflection, actions });
  }

  async completeAction(
    ctx: PairContext,
    participantId: string,
    actionId: string,
  ): Promise<Outcome<AgreedAction>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const action = ctx.space.actions.find((a) => a.value.id === actionId);
    if (!action) return refuse('That action no longer exists.');
    if (action.value.doneAt) return ok(action.value);
    const done = { ...action.value, doneAt: this.now().toISOString() };
    const saved = await this.repos.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.action(actionId),
      done,
      action.etag,
    );
    action.value = saved.value;
    action.etag = saved.etag;
    return ok(done);
  }

  async pause(
    ctx: PairContext,
    participantId: string,
    input: PauseInput,
  ): Promise<Outcome<PairContext>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const until = input.weeks
      ? new Date(this.now().getTime() + input.weeks * 7 * 24 * 3600 * 1000).toISOString()
      : undefined;
    return this.applyEvent(ctx, { type: 'pause', by: participantId, reason: input.reason, until });
  }

  async resume(ctx: PairContext, participantId: string): Promise<Outcome<PairContext>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const resumed = await this.applyEvent(ctx, { type: 'resume', by: participantId });
    if (resumed.ok) await this.syncJobs(resumed.value);
    return resumed;
  }

  async end(
    ctx: PairContext,
    participantId: string,
    reason?: string,
  ): Promise<Outcome<PairContext>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    return this.applyEvent(ctx, { type: 'end-early', by: participantId, reason });
  }

  /** The programme's end for this pair. */
  async complete(ctx: PairContext): Promise<Outcome<PairContext>> {
    return this.applyEvent(ctx, { type: 'complete' });
  }

  /** A plan window closed: a window with no held meeting is missed; returns missed in a row. */
  async closeWindow(ctx: PairContext, n: number): Promise<number> {
    const meeting = ctx.space.meetings.find((m) => m.value.number === n);
    if (!meeting || meeting.value.status === 'held') return 0;
    if (meeting.value.status !== 'missed') {
      const missed: Meeting = {
        ...meeting.value,
        status: 'missed',
        updatedAt: this.now().toISOString(),
      };
      const saved = await this.repos.pairSpaces.replace(
        ctx.pair.value.id,
        rowKeys.meeting(missed.id),
        missed,
        meeting.etag,
      );
      meeting.value = saved.value;
      meeting.etag = saved.etag;
    }
    const missedInARow = ctx.status.missedInARow + 1;
    await this.saveStatus(ctx, {
      ...ctx.status,
      missedInARow,
      updatedAt: this.now().toISOString(),
    });
    return missedInARow;
  }

  async saveReview(
    ctx: PairContext,
    participantId: string,
    input: ReviewInput,
  ): Promise<Outcome<FinalReview>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const review: FinalReview = {
      pairId: ctx.pair.value.id,
      authorId: participantId,
      wentWell: input.wentWell,
      couldImprove: input.improve,
      choice: input.choice,
      createdAt: this.now().toISOString(),
    };
    await this.repos.pairSpaces.put(ctx.pair.value.id, rowKeys.review(participantId), review);
    return ok(review);
  }

  async answerFit(
    ctx: PairContext,
    participantId: string,
    input: FitInput,
  ): Promise<Outcome<FitCheck>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const answer: FitCheck = {
      pairId: ctx.pair.value.id,
      authorId: participantId,
      rating: input.rating,
      wantsCoordinator: input.wantsCoordinator,
      createdAt: this.now().toISOString(),
    };
    await this.repos.pairSpaces.put(ctx.pair.value.id, rowKeys.fitCheck(participantId), answer);
    return ok(answer);
  }

  /** Pauses this person's reminders for a number of weeks (their partner's are unaffected). */
  async pauseReminders(
    ctx: PairContext,
    participantId: string,
    weeks: number,
  ): Promise<Outcome<string>> {
    if (!sides(ctx, participantId)) return refuse('You are not part of this pairing.');
    const until = new Date(this.now().getTime() + weeks * 7 * 24 * 3600 * 1000).toISOString();
    await this.saveStatus(ctx, {
      ...ctx.status,
      remindersPausedUntil: { ...ctx.status.remindersPausedUntil, [participantId]: until },
      updatedAt: this.now().toISOString(),
    });
    return ok(until);
  }
}
