import { DateTime } from 'luxon';
import type { PairState } from '../../../contracts/cohorts';
import type { PairNextStep } from '../../../contracts/journey';
import type { Meeting, Reflection } from './pair-space';
import { resolveTimeZone } from './send-window';

/**
 * The one thing a partner should do now, which My pair leads with. In order:
 * 1. a pair that is not meeting waits (proposed, introduced, paused) or is done (completed,
 *    ended early);
 * 2. reflect on the latest held meeting, if this partner has not reflected on it yet;
 * 3. prepare for the next booked meeting still ahead;
 * 4. book the first meeting of the plan not yet booked or held whose window is still open, by
 *    the last day of that window (in the cohort's zone);
 * 5. otherwise the plan is over: done.
 * Pure: `now` and the zone are parameters.
 */
export function nextStep(input: {
  state: PairState;
  participantId: string;
  meetings: readonly Meeting[];
  reflections: readonly Reflection[];
  now: Date;
  timeZone: string;
}): PairNextStep {
  const none = { meetingId: null, meetingNumber: null, at: null, byDate: null };
  const { state, meetings, now } = input;
  if (state === 'proposed' || state === 'introduced' || state === 'paused') {
    return { kind: 'wait', ...none };
  }
  if (state === 'completed' || state === 'ended_early') return { kind: 'done', ...none };

  const nowIso = now.toISOString();
  const latestHeld = meetings
    .filter((m) => m.status === 'held')
    .sort((a, b) => (b.plannedAt ?? b.updatedAt).localeCompare(a.plannedAt ?? a.updatedAt))[0];
  const reflected = input.reflections.some(
    (r) => r.authorId === input.participantId && r.meetingId === latestHeld?.id,
  );
  if (latestHeld && !reflected) {
    return {
      ...none,
      kind: 'reflect',
      meetingId: latestHeld.id,
      meetingNumber: latestHeld.number ?? null,
      at: latestHeld.plannedAt ?? null,
    };
  }

  const booked = meetings
    .filter((m) => m.status === 'planned' && (m.plannedAt ?? '') >= nowIso)
    .sort((a, b) => (a.plannedAt ?? '').localeCompare(b.plannedAt ?? ''))[0];
  if (booked) {
    return {
      ...none,
      kind: 'prepare',
      meetingId: booked.id,
      meetingNumber: booked.number ?? null,
      at: booked.plannedAt ?? null,
    };
  }

  const toBook = meetings
    .filter((m) => m.number !== undefined && m.status === 'unplanned' && m.windowEnd > nowIso)
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0))[0];
  if (toBook) {
    // The window's end is exclusive: the last day to book is the day before it, locally.
    const lastDay = DateTime.fromISO(toBook.windowEnd, { zone: resolveTimeZone(input.timeZone) })
      .minus({ milliseconds: 1 })
      .toISODate();
    return {
      ...none,
      kind: 'book',
      meetingId: toBook.id,
      meetingNumber: toBook.number ?? null,
      byDate: lastDay,
    };
  }
  return { kind: 'done', ...none };
}
