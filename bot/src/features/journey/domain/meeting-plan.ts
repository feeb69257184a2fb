import { DateTime } from 'luxon';
import type { Cadence } from '../../cohorts';
import type { Meeting } from './pair-space';
import { resolveTimeZone } from './send-window';

/**
 * The meeting plan (docs/journey.md): `plannedMeetings` contiguous windows, each one cadence
 * period long, the first starting at local midnight of the day the pair became active.
 * Pure: every instant is a parameter.
 */

export interface PlanWindow {
  /** 1-based, matching Meeting.number. */
  number: number;
  /** Inclusive. */
  start: Date;
  /** Exclusive; the next window's start. */
  end: Date;
}

export interface Progress {
  held: number;
  planned: number;
  /** Held meetings at least cadence.minimumMinutes long. */
  qualifying: number;
  minimumMet: boolean;
  /** e.g. "3 of 6 held, minimum 3 × 1 h met". */
  summary: string;
}

/**
 * Monthly windows are calendar months from the activation day; month arithmetic clamps, and
 * each window is counted from the first so a short month does not shift the rest
 * (active 31 January: 31 Jan, 28 Feb, 31 Mar, 30 Apr…). Fortnightly windows are 14 local days.
 * An unknown time zone falls back to Europe/London.
 *
 * Given the cohort's `endDate` (yyyy-mm-dd, its last day), the plan never runs past it: a
 * window that would end later ends at the close of that day, and a window that would start
 * after it is left out (a pair that starts late plans fewer meetings).
 */
export function planWindows(
  cadence: Cadence,
  activeSince: Date,
  timeZone: string,
  endDate?: string,
): PlanWindow[] {
  const zone = resolveTimeZone(timeZone);
  const first = DateTime.fromJSDate(activeSince, { zone }).startOf('day');
  const boundary = (i: number): Date =>
    (cadence.frequency === 'monthly' ? first.plus({ months: i }) : first.plus({ days: 14 * i }))
      .startOf('day')
      .toJSDate();
  const limit = programmeLimit(endDate, zone);
  const count = Math.max(0, Math.floor(cadence.plannedMeetings));
  const windows: PlanWindow[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = boundary(i);
    if (limit && start.getTime() >= limit.getTime()) break;
    const end = boundary(i + 1);
    windows.push({
      number: i + 1,
      start,
      end: limit && end.getTime() > limit.getTime() ? limit : end,
    });
  }
  return windows;
}

/** Local midnight after the cohort's last day: no window may end later. */
function programmeLimit(endDate: string | undefined, zone: string): Date | undefined {
  if (!endDate) return undefined;
  const last = DateTime.fromISO(endDate, { zone });
  return last.isValid ? last.plus({ days: 1 }).startOf('day').toJSDate() : undefined;
}

/** The window containing `now` (start inclusive, end exclusive), if any. */
export function windowAt(windows: readonly PlanWindow[], now: Date): PlanWindow | undefined {
  const t = now.getTime();
  return windows.find((w) => w.start.getTime() <= t && t < w.end.getTime());
}

/** "45 min", "1 h", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Meetings held against the plan and the cohort's minimum. */
export function progress(cadence: Cadence, meetings: readonly Meeting[]): Progress {
  const held = meetings.filter((m) => m.status === 'held');
  const qualifying = held.filter((m) => (m.heldMinutes ?? 0) >= cadence.minimumMinutes).length;
  const minimumMet = qualifying >= cadence.minimumMeetings;
  const heldText =
    qualifying < held.length
      ? `${held.length} of ${cadence.plannedMeetings} held (${qualifying} of at least ${formatMinutes(cadence.minimumMinutes)})`
      : `${held.length} of ${cadence.plannedMeetings} held`;
  const minimumText = `minimum ${cadence.minimumMeetings} × ${formatMinutes(cadence.minimumMinutes)}`;
  return {
    held: held.length,
    planned: cadence.plannedMeetings,
    qualifying,
    minimumMet,
    summary: `${heldText}, ${minimumText} ${minimumMet ? 'met' : 'not yet met'}`,
  };
}

/**
 * How many plan windows in a row, ending with the latest closed one, were missed.
 * Only meetings in the plan (with a number) count. Without `now`, a window is closed once its
 * meeting is `held` or `missed` (window-close marks it). With `now`, a window is closed once its
 * end has passed, and a closed window with no held meeting counts as missed even if the
 * window-close job has not marked it yet.
 */
export function consecutiveMissed(meetings: readonly Meeting[], now?: Date): number {
  const byNumber = new Map<number, Meeting[]>();
  for (const m of meetings) {
    if (m.number === undefined) continue;
    byNumber.set(m.number, [...(byNumber.get(m.number) ?? []), m]);
  }
  const held = (n: number): boolean => (byNumber.get(n) ?? []).some((m) => m.status === 'held');
  const markedMissed = (n: number): boolean =>
    !held(n) && (byNumber.get(n) ?? []).some((m) => m.status === 'missed');
  const closed = (n: number): boolean =>
    now
      ? (byNumber.get(n) ?? []).some((m) => Date.parse(m.windowEnd) <= now.getTime())
      : held(n) || markedMissed(n);
  // Windows before a closed one are closed too; one with no meeting record counts as missed
  // only when `now` says it is over.
  const missed = (n: number): boolean => (now ? !held(n) : markedMissed(n));

  const latestClosed = [...byNumber.keys()].sort((a, b) => b - a).find(closed);
  if (latestClosed === undefined) return 0;
  let count = 0;
  for (let n = latestClosed; n >= 1 && missed(n); n -= 1) count += 1;
  return count;
}
