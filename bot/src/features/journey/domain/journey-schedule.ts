import { DateTime } from 'luxon';
import type { Cohort } from '../../cohorts';
import type { JourneyJob, JourneyJobKind, ScheduledJob } from './journey-jobs';
import { planWindows, type PlanWindow } from './meeting-plan';
import type { Pair } from '../../cohorts';
import type { PairStatusDetail } from './pair-lifecycle';
import type { AgreedAction, Meeting } from './pair-space';
import { resolveTimeZone } from './send-window';
import { cohortTimeZone, contractDueBy } from './working-days';

/**
 * Which jobs should exist for one pair (docs/journey.md, "Scheduled work"). Pure: the facts and
 * `now` are parameters. Ids are deterministic, so scheduling the same set twice is harmless.
 *
 * The set is complete, past jobs included: callers insert ids they do not already hold (a job
 * due before the scheduler's read cursor belongs in the current minute's partition), and the
 * sender asks isJobStillWanted before sending, which drops jobs whose purpose has gone.
 *
 * Ids:
 *   introduction:{pairId}:{participantId}
 *   booking:{pairId}:{n}:{participantId}
 *   preparation:{pairId}:{n}:{plannedAt yyyyMMddTHHmmZ}:{participantId}
 *   reflection:{pairId}:{n}:{plannedAt yyyyMMddTHHmmZ}:{participantId}
 *   window-close:{pairId}:{n}
 *   fit-check:{pairId}:{participantId}
 *   final-review:{pairId}:{participantId}
 *   action:{actionId}:before | action:{actionId}:due
 *   contract-chaser:{pairId}:{participantId}
 * Preparation and reflection ids carry the planned time, so a rescheduled meeting gets new
 * prompts and the old ones are skipped by isJobStillWanted.
 */

export interface PairFacts {
  pair: Pair;
  cohort: Cohort;
  /** When the pair became active; falls back to meeting 1's window start. */
  activeSince?: Date;
  /** When the pair was introduced: its contract is chased five working days later. */
  introducedAt?: Date;
  /** The pair's time zone (reminders at 09:00 local); unknown → Europe/London. */
  timeZone: string;
  meetings: Meeting[];
  actions: AgreedAction[];
  now: Date;
}

export interface JobFacts {
  pair: Pair;
  meetings: Meeting[];
  actions: AgreedAction[];
  /** When given, booking nudges after their window and preparation after the meeting lapse. */
  now?: Date;
  /** When given, window-close for a window that closed before the latest resume lapses. */
  detail?: PairStatusDetail;
}

export const PREPARATION_LEAD_DAYS = 2;
export const REFLECTION_DELAY_MINUTES = 60;
export const FIT_CHECK_DELAY_DAYS = 1;
export const ACTION_REMINDER_LEAD_DAYS = 2;
export const ACTION_REMINDER_HOUR = 9;

function iso(d: DateTime | Date): string {
  return d instanceof Date ? d.toISOString() : d.toUTC().toISO()!;
}

/** 2027-02-10T14:00:00.000Z → 20270210T1400Z, for ids. */
export function compactInstant(instant: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmm'Z'");
}

function sameInstant(a: string | undefined, b: unknown): boolean {
  if (a === undefined || typeof b !== 'string') return false;
  const ta = Date.parse(a);
  return !Number.isNaN(ta) && ta === Date.parse(b);
}

/** The meeting for plan window n: a held one first, then planned, then any. */
export function meetingForWindow(meetings: readonly Meeting[], n: number): Meeting | undefined {
  const candidates = meetings.filter((m) => m.number === n);
  return (
    candidates.find((m) => m.status === 'held') ??
    candidates.find((m) => m.status === 'planned') ??
    candidates[0]
  );
}

function needsBooking(meeting: Meeting | undefined): boolean {
  return !meeting || meeting.status === 'unplanned' || meeting.status === 'cancelled';
}

function heldAt(m: Meeting): number {
  return Date.parse(m.plannedAt ?? m.updatedAt);
}

function firstHeld(meetings: readonly Meeting[]): Meeting | undefined {
  return meetings
    .filter((m) => m.status === 'held' && !Number.isNaN(heldAt(m)))
    .sort((a, b) => heldAt(a) - heldAt(b))[0];
}

export function jobsForPair(input: PairFacts): JourneyJob[] {
  const { pair, cohort, now } = input;
  const zone = resolveTimeZone(input.timeZone);
  const partners = [pair.mentorId, pair.menteeId];
  const jobs: JourneyJob[] = [];
  const add = (
    id: string,
    kind: JourneyJobKind,
    dueAt: string,
    recipientId: string | undefined,
    payload: JourneyJob['payload'],
  ): void => {
    const job: JourneyJob = { id, kind, dueAt, cohortId: pair.cohortId, pairId: pair.id, payload };
    if (recipientId !== undefined) job.recipientId = recipientId;
    jobs.push(job);
  };

  if (pair.state === 'proposed') {
    for (const p of partners) {
      const role = p === pair.mentorId ? 'mentor' : 'mentee';
      add(`introduction:${pair.id}:${p}`, 'introduction', iso(now), p, { role });
    }
    return sortJobs(jobs);
  }
  if (pair.state === 'introduced') {
    if (!input.introducedAt || Number.isNaN(input.introducedAt.getTime())) return [];
    // One gentle chaser to both, five working days on, in the cohort's time zone.
    const due = contractDueBy(input.introducedAt, cohortTimeZone(cohort, zone));
    for (const p of partners) {
      add(`contract-chaser:${pair.id}:${p}`, 'contract-chaser', iso(due), p, {});
    }
    return sortJobs(jobs);
  }
  if (pair.state !== 'active') return [];

  const meetings = input.meetings.filter((m) => m.pairId === pair.id);
  const activeSince =
    input.activeSince ??
    (() => {
      const first = meetings.find((m) => m.number === 1);
      return first ? new Date(first.windowStart) : undefined;
    })();
  const windows: PlanWindow[] =
    activeSince && !Number.isNaN(activeSince.getTime())
      ? planWindows(cohort.cadence, activeSince, zone, cohort.endDate)
      : [];
  const planned = windows.length;

  for (const w of windows) {
    const n = w.number;
    const windowPayload = {
      meetingNumber: n,
      plannedMeetings: planned,
      windowStart: iso(w.start),
      windowEnd: iso(w.end),
    };
    const meeting = meetingForWindow(meetings, n);
    if (needsBooking(meeting)) {
      for (const p of partners) {
        add(`booking:${pair.id}:${n}:${p}`, 'booking-nudge', iso(w.start), p, windowPayload);
      }
    }
    if (
      meeting?.plannedAt &&
      (meeting.status === 'planned' || meeting.status === 'held') &&
      !Number.isNaN(Date.parse(meeting.plannedAt))
    ) {
      const at = DateTime.fromISO(meeting.plannedAt, { zone });
      const minutes = meeting.plannedMinutes ?? cohort.cadence.minimumMinutes;
      const meetingPayload = {
        meetingNumber: n,
        plannedMeetings: planned,
        meetingId: meeting.id,
        plannedAt: iso(at),
      };
      const stamp = compactInstant(meeting.plannedAt);
      for (const p of partners) {
        // A held meeting keeps its reflection prompts (the partner may not have reflected yet),
        // but needs no more preparation.
        if (meeting.status === 'planned') {
          const prepareAt = iso(at.minus({ days: PREPARATION_LEAD_DAYS }));
          add(`preparation:${pair.id}:${n}:${stamp}:${p}`, 'preparation-prompt', prepareAt, p, {
            ...meetingPayload,
            moment: prepareAt,
            staleAfter: iso(at),
          });
        }
        add(
          `reflection:${pair.id}:${n}:${stamp}:${p}`,
          'reflection-prompt',
          iso(at.plus({ minutes: minutes + REFLECTION_DELAY_MINUTES })),
          p,
          meetingPayload,
        );
      }
    }
    add(`window-close:${pair.id}:${n}`, 'window-close', iso(w.end), undefined, {
      ...windowPayload,
      lastWindow: n === planned,
    });
  }

  const first = firstHeld(meetings);
  if (first) {
    const due = DateTime.fromMillis(heldAt(first), { zone }).plus({ days: FIT_CHECK_DELAY_DAYS });
    for (const p of partners) {
      add(`fit-check:${pair.id}:${p}`, 'fit-check', iso(due), p, { meetingId: first.id });
    }
  }

  const last = windows[windows.length - 1];
  if (last) {
    for (const p of partners) {
      add(`final-review:${pair.id}:${p}`, 'final-review', iso(last.end), p, {
        plannedMeetings: planned,
      });
    }
  }

  for (const action of input.actions) {
    if (action.pairId !== pair.id || action.doneAt) continue;
    const dueDay = DateTime.fromISO(action.dueDate, { zone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(action.dueDate) || !dueDay.isValid) continue;
    const dueAt = dueDay.startOf('day').set({ hour: ACTION_REMINDER_HOUR });
    const beforeAt = iso(dueAt.minus({ days: ACTION_REMINDER_LEAD_DAYS }));
    const payload = { actionId: action.id, dueDate: action.dueDate };
    // "Coming up" is wrong once "due today" is due; "due today" is wrong from the next day.
    add(`action:${action.id}:before`, 'action-reminder', beforeAt, action.ownerId, {
      ...payload,
      when: 'before',
      moment: beforeAt,
      staleAfter: iso(dueAt),
    });
    add(`action:${action.id}:due`, 'action-reminder', iso(dueAt), action.ownerId, {
      ...payload,
      when: 'due',
      moment: iso(dueAt),
      staleAfter: iso(dueDay.startOf('day').plus({ days: 1 })),
    });
  }

  return sortJobs(jobs);
}

function sortJobs(jobs: JourneyJob[]): JourneyJob[] {
  return jobs.sort((a, b) =>
    a.dueAt === b.dueAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.dueAt < b.dueAt ? -1 : 1,
  );
}

/**
 * False when the job's purpose has gone: the pair is no longer active (an introduction is
 * wanted while the pair is proposed or introduced; a final review also once completed, since
 * that is where each partner chooses to continue informally or finish), the recipient is no
 * longer a partner, the meeting was booked, moved, cancelled or held, or the action is done.
 */
export function isJobStillWanted(job: ScheduledJob, facts: JobFacts): boolean {
  const { pair, now } = facts;
  if (job.pairId !== pair.id) return false;
  if (job.recipientId !== undefined && ![pair.mentorId, pair.menteeId].includes(job.recipientId)) {
    return false;
  }
  if (job.kind === 'introduction') {
    return pair.state === 'proposed' || pair.state === 'introduced';
  }
  // The contract is still awaited: once both agree, the pair is active and needs no chaser.
  if (job.kind === 'contract-chaser') return pair.state === 'introduced';
  if (job.kind === 'final-review' && pair.state === 'completed') return true;
  if (pair.state !== 'active') return false;

  const meetings = facts.meetings.filter((m) => m.pairId === pair.id);
  const n = job.payload.meetingNumber;
  const meeting = typeof n === 'number' ? meetingForWindow(meetings, n) : undefined;

  switch (job.kind) {
    case 'booking-nudge': {
      if (!needsBooking(meeting)) return false;
      const end = Date.parse(String(job.payload.windowEnd));
      return !(now && !Number.isNaN(end) && now.getTime() >= end);
    }
    case 'preparation-prompt': {
      if (meeting?.status !== 'planned') return false;
      if (!sameInstant(meeting.plannedAt, job.payload.plannedAt)) return false;
      return !(now && now.getTime() >= Date.parse(meeting.plannedAt!));
    }
    case 'reflection-prompt':
      return (
        (meeting?.status === 'planned' || meeting?.status === 'held') &&
        sameInstant(meeting.plannedAt, job.payload.plannedAt)
      );
    case 'window-close': {
      if (meeting?.status === 'held') return false;
      const end = Date.parse(String(job.payload.windowEnd));
      const resumed = facts.detail?.resumedAt ? Date.parse(facts.detail.resumedAt) : NaN;
      return !(!Number.isNaN(end) && !Number.isNaN(resumed) && end <= resumed);
    }
    case 'fit-check':
      return meetings.some((m) => m.status === 'held');
    case 'final-review':
      return true;
    case 'action-reminder': {
      const action = facts.actions.find((a) => a.id === job.payload.actionId);
      return !!action && action.pairId === pair.id && !action.doneAt;
    }
    default:
      return false;
  }
}
