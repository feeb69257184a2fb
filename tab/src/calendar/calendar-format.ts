import {
  type CalendarEvent,
  EVENT_TYPE_WORDS,
  type EventAudience,
  type RsvpResponse,
} from '../../../bot/src/contracts/calendar';

/*
 * Events are stored as UTC instants and shown in the viewer's own time zone (the browser's,
 * which inside Teams is the person's), with en-GB words: 'Tue 3 March 2026, 14:00–15:30'.
 */

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' });

/** The viewer's time zone, e.g. 'Europe/London'. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'your local time';
}

/** 'Tue 3 March 2026' (en-GB puts a comma after the weekday; we leave it out). */
export function formatDay(date: Date): string {
  const parts = dayFormat.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

export function formatTime(date: Date): string {
  return timeFormat.format(date);
}

/** 'Tue 3 March 2026, 14:00–15:30', or both days when an event runs past midnight. */
export function formatEventWhen(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime())) return startIso;
  if (Number.isNaN(end.getTime())) return `${formatDay(start)}, ${formatTime(start)}`;
  const startDay = formatDay(start);
  const endDay = formatDay(end);
  if (startDay === endDay) return `${startDay}, ${formatTime(start)}–${formatTime(end)}`;
  return `${startDay}, ${formatTime(start)} to ${endDay}, ${formatTime(end)}`;
}

/** The month an event starts in, in the viewer's time zone: key '2026-03', label 'March 2026'. */
export function monthOf(iso: string): { key: string; label: string } {
  const date = new Date(iso);
  const key = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  return { key, label: monthFormat.format(date) };
}

/** Events grouped by the month they start in, keeping their order. */
export function groupByMonth(
  events: CalendarEvent[],
): { key: string; label: string; events: CalendarEvent[] }[] {
  const groups: { key: string; label: string; events: CalendarEvent[] }[] = [];
  for (const event of events) {
    const month = monthOf(event.start);
    const last = groups[groups.length - 1];
    if (last && last.key === month.key) last.events.push(event);
    else groups.push({ ...month, events: [event] });
  }
  return groups;
}

const audienceWords: Record<EventAudience, string> = {
  everyone: 'For everyone',
  mentors: 'For mentors',
  mentees: 'For mentees',
};

export function describeAudience(audience: EventAudience): string {
  return audienceWords[audience] ?? 'For everyone';
}

/** Choices for the form's audience select. */
export const AUDIENCE_CHOICES: Record<EventAudience, string> = {
  everyone: 'Everyone in the cohort',
  mentors: 'Mentors only',
  mentees: 'Mentees only',
};

export function describeType(event: Pick<CalendarEvent, 'type' | 'typeText'>): string {
  return event.typeText ?? EVENT_TYPE_WORDS[event.type] ?? 'Programme event';
}

const answerWords: Record<RsvpResponse, string> = {
  yes: 'Going',
  maybe: 'Maybe',
  no: 'Not going',
};

export function describeAnswer(response: RsvpResponse): string {
  return answerWords[response];
}

/** Places still free, or undefined when the event has no limit. */
export function placesLeft(event: Pick<CalendarEvent, 'capacity' | 'going'>): number | undefined {
  if (event.capacity === undefined || event.capacity === null) return undefined;
  return Math.max(0, event.capacity - event.going);
}

/** Full for this viewer: no places left and they do not already hold one. */
export function isFullFor(event: CalendarEvent): boolean {
  return placesLeft(event) === 0 && event.myResponse !== 'yes';
}

/** Whether the event has finished. */
export function isPast(event: Pick<CalendarEvent, 'end'>, now: Date): boolean {
  return new Date(event.end).getTime() < now.getTime();
}

/** A link we can offer as "Join Teams meeting" (or another online meeting). */
export function meetingLink(location: string): { href: string; teams: boolean } | undefined {
  const text = location.trim();
  if (!/^https:\/\/\S+$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    const teams = /(^|\.)teams\.(microsoft|live)\.com$/i.test(url.hostname);
    return { href: url.toString(), teams };
  } catch {
    return undefined;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A UTC instant as the viewer's local `yyyy-mm-dd` and `hh:mm`, for date and time inputs. */
export function toLocalInputs(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** The viewer's local date and time as a UTC ISO instant, or undefined when incomplete. */
export function fromLocalInputs(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const local = new Date(y!, m! - 1, d!, h!, min!);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

/** A file name people recognise: 'peer-support-meeting.ics'. */
export function icsFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'programme-event'}.ics`;
}
