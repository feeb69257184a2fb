import {
  GOAL_STATUSES as CONTRACT_GOAL_STATUSES,
  type GoalStatus,
  type MeetingStatus,
  type PairMeeting,
} from '../../../bot/src/contracts/journey';
import { formatMinutes } from '../shared/format';
import { DEFAULT_LOCALE } from '../shared/locale';
import { formatDayWords, formatInstantWords } from '../shared/local-dates';

/** '2027-03-10T14:00:00Z' → 'Wednesday 10 March at 14:00' in the person's zone and locale. */
export function formatMeetingTime(iso: string, locale = DEFAULT_LOCALE): string {
  return formatInstantWords(iso, locale);
}

/** The calendar day of a UTC instant that starts a day in the person's zone, in words. */
function dayOfInstant(iso: string, locale: string, lastDay = false): string {
  const at = new Date(new Date(iso).getTime() - (lastDay ? 1 : 0));
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return formatDayWords(day, locale);
}

const goalStatuses: Record<GoalStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  achieved: 'Achieved',
  set_aside: 'Set aside',
};

/** Goal statuses in the order the form offers them (the contract's order). */
export const GOAL_STATUSES: readonly GoalStatus[] = CONTRACT_GOAL_STATUSES;

export function describeGoalStatus(status: GoalStatus): string {
  return goalStatuses[status] ?? status;
}

const meetingStatuses: Record<MeetingStatus, string> = {
  unplanned: 'Not booked yet',
  planned: 'Booked',
  held: 'Held',
  cancelled: 'Cancelled',
  missed: 'Missed',
};

export function describeMeetingStatus(status: MeetingStatus): string {
  return meetingStatuses[status] ?? status;
}

/** When a meeting is, or should be, in words. */
export function describeMeetingWhen(m: PairMeeting, locale = DEFAULT_LOCALE): string {
  if (m.plannedAt && m.status !== 'unplanned') {
    const length = m.heldMinutes ?? m.plannedMinutes;
    const parts = [formatMeetingTime(m.plannedAt, locale)];
    if (length) parts.push(formatMinutes(length));
    if (m.mode) parts.push(m.mode === 'in_person' ? 'in person' : m.mode);
    return parts.join(' · ');
  }
  if (m.windowStart && m.windowEnd) {
    // The window's end is the start of the next one: the last day to book is the day before.
    return `To book between ${dayOfInstant(m.windowStart, locale)} and ${dayOfInstant(m.windowEnd, locale, true)}`;
  }
  return 'Not booked yet';
}

/** Today as yyyy-mm-dd in the person's own time zone, for a date input's default. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
