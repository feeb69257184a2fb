import { newId } from '../../cohorts';
import {
  type BookingPlacement,
  outsideWindowWords,
  placeBooking,
} from '../domain/booking-placement';
import type { BookingInput, PreparationInput, ReflectionInput } from '../domain/journey-inputs';
import type { AgreedAction, Meeting, Preparation, Reflection } from '../domain/pair-space';
import { AppError } from '../../../platform/errors';
import { type PairSpaceWrite, rowKeys } from '../store/pair-space-repository';
import type { JourneyCore } from './journey-core';
import { refuse } from './journey-refusals';
import type { PairContext } from './pair-context';

/** What a reflection card saves: the meeting's outcome, the reflection and the agreed actions. */
export interface ReflectionSaved {
  meeting: Meeting;
  /** The answer contradicted what was already recorded (held), which stands unchanged. */
  outcomeKept?: boolean;
  reflection?: Reflection;
  actions: AgreedAction[];
}

/** A reflection written in the tab, on a meeting already held. */
export interface TabReflection {
  learned: string;
  doDifferently: string;
  share: boolean;
}

/**
 * A pair's meetings: booking one, logging one held outside the plan, preparing for one and
 * reflecting on it afterwards. Refusals are AppErrors (see journey-refusals.ts).
 */
export class MeetingService {
  constructor(private readonly core: JourneyCore) {}

  private get pairSpaces() {
    return this.core.stores.pairSpaces;
  }

  async bookMeeting(
    ctx: PairContext,
    participantId: string,
    id: string,
    booking: BookingInput,
  ): Promise<Meeting> {
    this.core.member(ctx, participantId);
    if (ctx.pair.value.state !== 'active') throw refuse.notMeeting();
    const asked = this.core.meeting(ctx, id);
    if (!asked) throw refuse.meetingNotInPlan();
    if (asked.value.status === 'held') throw refuse.meetingHeld();
    const placement = this.placement(ctx, id, booking.plannedAt)!;
    if (!placement.inWindow && !booking.confirmOutsideWindow) {
      const words = outsideWindowWords(placement, booking.plannedAt, ctx.timeZone, this.core.now());
      throw refuse.outsideWindow(words, {
        meetingNumber: placement.asked.number,
        countsAs: placement.countsAs.number,
      });
    }
    const meeting = this.core.meeting(ctx, placement.countsAs.id)!;
    id = placement.countsAs.id;
    const next: Meeting = {
      ...meeting.value,
      status: 'planned',
      plannedAt: booking.plannedAt.toISOString(),
      plannedMinutes: booking.minutes,
      mode: booking.mode,
      outcomeBy: participantId,
      updatedAt: this.core.now().toISOString(),
    };
    const saved = await this.pairSpaces.replace(
      ctx.pair.value.id,
      rowKeys.meeting(id),
      next,
      meeting.etag,
    );
    meeting.value = saved.value;
    meeting.etag = saved.etag;
    await this.core.syncJobs(ctx);
    return next;
  }

  /** Where a booking for meeting `id` at `plannedAt` lands in the plan; undefined if unknown. */
  placement(ctx: PairContext, id: string, plannedAt: Date): BookingPlacement | undefined {
    const asked = this.core.meeting(ctx, id);
    if (!asked) return undefined;
    const meetings = ctx.space.meetings.map((m) => m.value);
    return placeBooking(meetings, asked.value, plannedAt);
  }

  /** Logs a meeting held outside the plan: it counts towards the pair's progress. */
  async logMeeting(
    ctx: PairContext,
    participantId: string,
    heldAt: Date,
    minutes: number,
  ): Promise<Meeting> {
    this.core.member(ctx, participantId);
    if (ctx.pair.value.state !== 'active' && ctx.pair.value.state !== 'paused') {
      throw refuse.notMeeting();
    }
    const now = this.core.now().toISOString();
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
      updatedAt: now,
    };
    const held: Meeting = {
      ...base,
      status: 'held',
      plannedAt: heldAt.toISOString(),
      plannedMinutes: minutes,
      heldMinutes: minutes,
      outcomeBy: participantId,
      updatedAt: now,
    };
    const pairId = ctx.pair.value.id;
    if (open) await this.pairSpaces.replace(pairId, rowKeys.meeting(held.id), held, open.etag);
    else await this.pairSpaces.insert(pairId, rowKeys.meeting(held.id), held);
    await this.core.saveStatus(ctx, { ...ctx.status, missedInARow: 0, updatedAt: now });
    await this.core.syncJobs(await this.core.load(ctx.cohort.id, pairId));
    return held;
  }

  async savePreparation(
    ctx: PairContext,
    participantId: string,
    id: string,
    input: PreparationInput,
  ): Promise<Preparation> {
    this.core.member(ctx, participantId);
    if (!this.core.meeting(ctx, id)) throw refuse.meetingNotInPlan();
    const preparation: Preparation = {
      pairId: ctx.pair.value.id,
      meetingId: id,
      authorId: participantId,
      topics: input.topics,
      shared: input.share,
      updatedAt: this.core.now().toISOString(),
    };
    // One author's own row, rewritten whole: the newest version is theirs by definition.
    await this.pairSpaces.put(
      ctx.pair.value.id,
      rowKeys.preparation(id, participantId),
      preparation,
    );
    return preparation;
  }

  /** Preparation from the tab: only for a meeting that is still coming up. */
  async prepareUpcoming(
    ctx: PairContext,
    participantId: string,
    id: string,
    input: PreparationInput,
  ): Promise<Preparation> {
    const meeting = this.core.meeting(ctx, id);
    if (!meeting) throw refuse.meetingNotInPlan('That meeting is not in your plan');
    if (meeting.value.status !== 'planned') throw refuse.meetingNotPlanned();
    return this.savePreparation(ctx, participantId, id, input);
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
  ): Promise<ReflectionSaved> {
    const who = this.core.member(ctx, participantId);
    const meeting = this.core.meeting(ctx, id);
    if (!meeting) throw refuse.meetingNotInPlan();
    const now = this.core.now();

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
    if (input.learned || input.doDifferently) {
      reflection = {
        id: newId(),
        pairId: ctx.pair.value.id,
        meetingId: id,
        authorId: participantId,
        learned: input.learned,
        doDifferently: input.doDifferently,
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
    await this.pairSpaces.commit(ctx.pair.value.id, writes);
    await this.core.syncJobs(await this.core.load(ctx.cohort.id, ctx.pair.value.id));
    const outcomeKept = meeting.value.status === 'held' && input.outcome !== 'held';
    return { meeting: next, reflection, actions, ...(outcomeKept ? { outcomeKept } : {}) };
  }

  /** A reflection from the tab: only on a meeting recorded as held, and never empty. */
  async reflectOnHeld(
    ctx: PairContext,
    participantId: string,
    id: string,
    input: TabReflection,
  ): Promise<Reflection> {
    const meeting = this.core.meeting(ctx, id);
    if (!meeting) throw refuse.meetingNotInPlan('That meeting is not in your plan');
    if (meeting.value.status !== 'held') throw refuse.meetingNotHeld();
    const saved = await this.saveReflection(ctx, participantId, id, {
      outcome: 'held',
      minutes: meeting.value.heldMinutes,
      learned: input.learned,
      doDifferently: input.doDifferently,
      share: input.share,
      actions: [],
    });
    if (!saved.reflection) throw AppError.badRequest('write what you learned');
    return saved.reflection;
  }
}
