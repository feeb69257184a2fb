import {
  DEFAULT_CONTRACT_TERMS,
  agreeTo,
  bothAgreed,
  editTerms,
  newContract,
} from '../domain/contract';
import type { ContractEditInput, PauseInput } from '../domain/journey-inputs';
import { planWindows } from '../domain/meeting-plan';
import { SYSTEM_ACTOR } from '../domain/pair-lifecycle';
import { type PauseEndStep, pauseEndStep, pauseOverNotices } from '../domain/pause-end';
import type { Contract, Meeting } from '../domain/pair-space';
import { resolveTimeZone } from '../domain/send-window';
import { ConflictError } from '../../../platform/storage/errors';
import type { Cohort, Pair } from '../../cohorts';
import { rowKeys } from '../store/pair-space-repository';
import type { Caller, JourneyCore, MyPair } from './journey-core';
import { isRefusal, refuse } from './journey-refusals';
import type { PairContext } from './pair-context';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function meetingId(n: number): string {
  return `m${String(n).padStart(2, '0')}`;
}

/**
 * The pair's journey as a whole: finding a person's pairs, the introduction, the relationship
 * contract, pausing, resuming and ending, the plan's windows closing, and the scheduled jobs
 * kept in step. (Meetings are in meeting-service.ts; goals, actions and answers in
 * pair-work-service.ts.) A refusal is thrown as an AppError (see journey-refusals.ts).
 */
export class JourneyService {
  constructor(private readonly core: JourneyCore) {}

  load(cohortId: string, pairId: string): Promise<PairContext> {
    return this.core.load(cohortId, pairId);
  }

  /** The caller's pair with this id; `not_found` unless they are one of its partners. */
  requirePair(caller: Caller, pairId: string): Promise<MyPair> {
    return this.core.requirePair(caller, pairId);
  }

  /** The same check, answering the pair's space only (the tab's goal and action writes). */
  requirePairSpace(caller: Caller, pairId: string) {
    return this.core.requirePairSpace(caller, pairId);
  }

  /** Every pair the caller is in. */
  pairsOf(caller: Caller, options?: { skipMissing?: boolean }): Promise<MyPair[]> {
    return this.core.pairsOf(caller, options);
  }

  /** Schedules every job this pair should have now; known job ids are left as they are. */
  syncJobs(ctx: PairContext): Promise<void> {
    return this.core.syncJobs(ctx);
  }

  /**
   * Someone just installed the app (Teams opened their chat with it): an introduction that was
   * waiting for them to become reachable is due now, not at the next daily retry. A first
   * install also links them to the roster by the email their Teams account gives.
   */
  async wakePendingFor(caller: Caller): Promise<number> {
    const jobs = this.core.deps.jobs;
    if (!jobs.reschedule || !caller.userId) return 0;
    const memberships = await this.core.deps.memberships.membershipsOf(caller.userId, caller.email);
    const now = this.core.now();
    let moved = 0;
    for (const m of memberships) {
      if (!m.pairId) continue;
      // Only a pending introduction moves (false when it went out already or never existed).
      if (await jobs.reschedule(`introduction:${m.pairId}:${m.participantId}`, now)) moved += 1;
    }
    return moved;
  }

  /** Schedules the introduction of newly imported pairs. */
  async scheduleIntroductions(cohortId: string, pairIds: string[]): Promise<void> {
    for (const pairId of pairIds) await this.syncJobs(await this.load(cohortId, pairId));
  }

  /** Schedules the introductions of pairs just made, all at once (see JourneyCore.syncJobsOfMany). */
  scheduleIntroductionsOf(cohort: Cohort, pairs: readonly Pair[]): Promise<void> {
    return this.core.syncJobsOfMany(cohort, pairs);
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
          current.space.contract = await this.core.stores.pairSpaces.insert<Contract>(
            current.pair.value.id,
            rowKeys.contract(),
            newContract(current.pair.value.id, DEFAULT_CONTRACT_TERMS, this.core.now()),
          );
        }
        if (current.pair.value.state !== 'proposed') return current;
        let introduced: PairContext;
        try {
          introduced = await this.core.applyEvent(current, { type: 'introduce' });
        } catch (error) {
          if (isRefusal(error)) return current;
          throw error;
        }
        // The contract's one gentle chaser, five working days on.
        await this.syncJobs(introduced);
        return introduced;
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
  ): Promise<PairContext> {
    const who = this.core.member(ctx, participantId);
    // Both partners often agree at nearly the same moment: an agreement is safe to apply again
    // on the latest version, so a lost race is retried rather than dropped.
    let agreedContract: Contract | undefined;
    for (let attempt = 0; attempt < 5 && !agreedContract; attempt++) {
      if (!ctx.space.contract) throw refuse.contractNotReady();
      const agreed = agreeTo(ctx.space.contract.value, who.myRole, version, this.core.now());
      if (!agreed.ok) throw refuse.contractChanged(agreed.reason);
      try {
        ctx.space.contract = await this.core.stores.pairSpaces.replace(
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
    if (!agreedContract) throw refuse.contractBusy();
    if (!bothAgreed(agreedContract) || ctx.pair.value.state !== 'introduced') return ctx;

    // The plan runs in the mentee's zone (they usually book), else the agreeing person's.
    const zone = resolveTimeZone(ctx.status.timeZone ?? timeZone);
    const active = await this.core.applyEvent(
      { ...ctx, status: { ...ctx.status, timeZone: zone } },
      { type: 'contract-agreed' },
    );
    const now = this.core.now();
    const meetings: Meeting[] = planWindows(
      active.cohort.cadence,
      now,
      zone,
      active.cohort.endDate,
    ).map((w) => ({
      id: meetingId(w.number),
      pairId: active.pair.value.id,
      number: w.number,
      windowStart: w.start.toISOString(),
      windowEnd: w.end.toISOString(),
      status: 'unplanned',
      updatedAt: now.toISOString(),
    }));
    await this.core.stores.pairSpaces.insertMany(
      active.pair.value.id,
      meetings.map((m) => ({ rowKey: rowKeys.meeting(m.id), value: m })),
    );
    const reloaded = await this.load(active.cohort.id, active.pair.value.id);
    await this.syncJobs(reloaded);
    return reloaded;
  }

  async editContract(
    ctx: PairContext,
    participantId: string,
    terms: ContractEditInput,
  ): Promise<PairContext> {
    this.core.member(ctx, participantId);
    if (!ctx.space.contract) throw refuse.contractNotReady();
    if (ctx.pair.value.state !== 'introduced') throw refuse.contractAgreed();
    ctx.space.contract = await this.core.stores.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.contract(),
      editTerms(ctx.space.contract.value, terms, participantId, this.core.now()),
      ctx.space.contract.etag,
    );
    return ctx;
  }

  async pause(ctx: PairContext, participantId: string, input: PauseInput): Promise<PairContext> {
    this.core.member(ctx, participantId);
    const until = input.weeks
      ? new Date(this.core.now().getTime() + input.weeks * WEEK_MS).toISOString()
      : undefined;
    return this.core.applyEvent(ctx, {
      type: 'pause',
      by: participantId,
      reason: input.reason,
      until,
    });
  }

  async resume(ctx: PairContext, participantId: string): Promise<PairContext> {
    this.core.member(ctx, participantId);
    const resumed = await this.core.applyEvent(ctx, { type: 'resume', by: participantId });
    await this.syncJobs(resumed);
    return resumed;
  }

  /**
   * A pause for a set time reached its end (its `pause-end` job is due): the pair resumes as if
   * a partner resumed it, its reminders are planned again, and both partners are to be told.
   * Does nothing when it was resumed, ended or paused again meanwhile; a retry after a crash
   * only tells (the notices' ids are fixed, so nobody is told twice).
   */
  async endTimedPause(ctx: PairContext, until: string): Promise<PauseEndStep> {
    const now = this.core.now();
    const step = pauseEndStep(ctx.pair.value, ctx.status, { payload: { until } }, now);
    if (step.kind === 'resume') {
      const resumed = await this.core.applyEvent(ctx, { type: 'resume', by: SYSTEM_ACTOR });
      await this.syncJobs(resumed);
    }
    if (step.kind === 'resume' || step.kind === 'tell') {
      await this.core.deps.jobs.schedule(pauseOverNotices(ctx.pair.value, until, now));
    }
    return step;
  }

  async end(ctx: PairContext, participantId: string, reason?: string): Promise<PairContext> {
    this.core.member(ctx, participantId);
    return this.core.applyEvent(ctx, { type: 'end-early', by: participantId, reason });
  }

  /** The programme's end for this pair. */
  complete(ctx: PairContext): Promise<PairContext> {
    return this.core.applyEvent(ctx, { type: 'complete' });
  }

  /** A plan window closed: a window with no held meeting is missed; returns missed in a row. */
  async closeWindow(ctx: PairContext, n: number): Promise<number> {
    const meeting = ctx.space.meetings.find((m) => m.value.number === n);
    if (!meeting || meeting.value.status === 'held') return 0;
    const now = this.core.now().toISOString();
    if (meeting.value.status !== 'missed') {
      const missed: Meeting = { ...meeting.value, status: 'missed', updatedAt: now };
      const saved = await this.core.stores.pairSpaces.replace(
        ctx.pair.value.id,
        rowKeys.meeting(missed.id),
        missed,
        meeting.etag,
      );
      meeting.value = saved.value;
      meeting.etag = saved.etag;
    }
    const missedInARow = ctx.status.missedInARow + 1;
    await this.core.saveStatus(ctx, { ...ctx.status, missedInARow, updatedAt: now });
    return missedInARow;
  }

  /** Pauses this person's reminders for a number of weeks (their partner's are unaffected). */
  async pauseReminders(ctx: PairContext, participantId: string, weeks: number): Promise<string> {
    this.core.member(ctx, participantId);
    const now = this.core.now();
    const until = new Date(now.getTime() + weeks * WEEK_MS).toISOString();
    await this.core.saveStatus(ctx, {
      ...ctx.status,
      remindersPausedUntil: { ...ctx.status.remindersPausedUntil, [participantId]: until },
      updatedAt: now.toISOString(),
    });
    return until;
  }
}
