import {
  GOAL_STATUSES as CONTRACT_GOAL_STATUSES,
  type GoalStatus,
  type MeetingStatus,
  type PairMeeting,
} from '../../../bot/src/contracts/journey';
import { formatDate, formatMinutes } from '../shared/format';

const weekdayDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** '2027-03-10T14:00:00Z' → 'Wednesday 10 March, 14:00' in the person's own time zone. */
export function formatMeetingTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${weekdayDate.format(date)}, ${time.format(date)}`;
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
export function describeMeetingWhen(m: PairMeeting): string {
  if (m.plannedAt && m.status !== 'unplanned') {
    const length = m.heldMinutes ?? m.plannedMinutes;
    const parts = [formatMeetingTime(m.plannedAt)];
    if (length) parts.push(formatMinutes(length));
    if (m.mode) parts.push(m.mode === 'in_person' ? 'in person' : m.mode);
    return parts.join(' · ');
  }
  if (m.windowStart && m.windowEnd) {
    return `To book between ${formatDate(m.windowStart)} and ${formatDate(m.windowEnd)}`;
  }
  return 'Not booked yet';
}

/** Today as yyyy-mm-dd in the person's own time zone, for a date input's default. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
