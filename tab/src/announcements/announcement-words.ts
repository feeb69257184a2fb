import { formatDay, formatTime } from '../calendar/calendar-format';
import {
  type AudienceCount,
  countAudiences,
  partsOf,
} from '../../../bot/src/contracts/audience-counts';
import type { CohortParticipant, PairHealthRow } from '../coordinator/coordinator-api';
import type {
  Announcement,
  AnnouncementRecipient,
  AnnouncementReport,
  Audience,
  BroadcastKind,
  RecipientStatus,
} from '../../../bot/src/contracts/announcements';

/**
 * The words the tab uses for announcements, and the small sums behind them (who an audience
 * reaches today, which recipients a filter shows). Event invitations and reminders travel the
 * same way and appear in the list.
 */

/** Whether the report should keep being read: sending, due to send, or still finishing. */
export function isUnderway(report: Pick<AnnouncementReport, 'announcement' | 'counts'>): boolean {
  const { status } = report.announcement;
  if (status === 'scheduled' || status === 'sending') return true;
  return report.counts.queued + report.counts.sending > 0;
}

/** 'Tue 3 March 2026, 14:00' in the viewer's time zone. */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDay(date)}, ${formatTime(date)}`;
}

const shortFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** '3 Mar, 14:02', for the recipients table. */
export function formatShort(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortFormat.format(date);
}

export const KIND_WORDS: Record<BroadcastKind, string> = {
  announcement: 'Announcement',
  'event-invitation': 'Event invitation',
  'event-reminder': 'Reminder',
};

export function describeKind(kind: BroadcastKind): string {
  return KIND_WORDS[kind] ?? 'Announcement';
}

/** Who it went to, in words: 'To everyone in the cohort', 'To 2 chosen people'. */
export function describeAudience(
  a: Pick<Announcement, 'kind' | 'audience' | 'participantIds'>,
): string {
  if (a.kind === 'event-reminder') return "To those who said they're going";
  switch (a.audience) {
    case 'cohort':
      return 'To everyone in the cohort';
    case 'mentors':
      return 'To mentors';
    case 'mentees':
      return 'To mentees';
    case 'needs_check_in':
      return 'To pairs needing a check-in';
    case 'people': {
      const n = a.participantIds.length;
      return n === 0 ? 'To chosen people' : `To ${n} chosen ${n === 1 ? 'person' : 'people'}`;
    }
    default:
      return 'To people in the cohort';
  }
}

/** The announcement's state in words: 'Scheduled for Tue 3 March 2026, 14:00', 'Sent …'. */
export function describeStatus(a: Announcement): string {
  switch (a.status) {
    case 'scheduled':
      return `Scheduled for ${formatWhen(a.sendAt)}`;
    case 'sending':
      return 'Sending';
    case 'sent':
      return a.completedAt ? `Sent ${formatWhen(a.completedAt)}` : 'Sent';
    case 'cancelled':
      return a.cancelledAt ? `Cancelled ${formatWhen(a.cancelledAt)}` : 'Cancelled';
    default:
      return a.status;
  }
}

export const RECIPIENT_WORDS: Record<RecipientStatus, string> = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  blocked: 'Blocked the app',
  failed: 'Not delivered',
  unconfirmed: 'Not confirmed',
  cancelled: 'Cancelled',
};

/** The report's filter: one status, those who pressed "Got it", or those still waiting. */
export type RecipientFilter =
  'all' | 'read' | 'waiting' | Exclude<RecipientStatus, 'queued' | 'sending'>;

export const FILTER_WORDS: Record<RecipientFilter, string> = {
  all: 'Everyone',
  sent: 'Sent',
  read: 'Read ("Got it")',
  waiting: 'Waiting to send',
  blocked: 'Blocked the app',
  failed: 'Not delivered',
  unconfirmed: 'Not confirmed',
  cancelled: 'Cancelled',
};

export const FILTERS: readonly RecipientFilter[] = [
  'all',
  'sent',
  'read',
  'waiting',
  'blocked',
  'failed',
  'unconfirmed',
  'cancelled',
];

export function matchesFilter(r: AnnouncementRecipient, filter: RecipientFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'read') return r.acknowledgedAt !== null;
  if (filter === 'waiting') return r.status === 'queued' || r.status === 'sending';
  return r.status === filter;
}

/**
 * How many people each audience reaches today, worked out from the roster and pairs' health
 * as the service does (reciprocal partners are both mentor and mentee, and the count says how
 * many; ended pairs count for neither). The service works it out again when it sends.
 */
export function audienceSizes(
  people: CohortParticipant[],
  pairs: PairHealthRow[] | undefined,
): Partial<Record<Audience, AudienceCount>> {
  const pairById = new Map((pairs ?? []).map((p) => [p.pairId, p]));
  let needy = 0;
  const counted = people.map((person) => {
    const pair = person.pairId ? pairById.get(person.pairId) : undefined;
    const live = pair !== undefined && pair.state !== 'ended_early';
    const reciprocal = live && pair.arrangement === 'reciprocal';
    if (live && (pair.health === 'needs_check_in' || pair.health === 'at_risk')) needy += 1;
    return { parts: partsOf(person.role, reciprocal), reciprocal };
  });
  const counts = countAudiences(counted);
  const sizes: Partial<Record<Audience, AudienceCount>> = { cohort: counts.everyone };
  if (pairs) {
    sizes.mentors = counts.mentors;
    sizes.mentees = counts.mentees;
    sizes.needs_check_in = { people: needy, reciprocal: 0 };
  }
  return sizes;
}

/** A file name people recognise: 'announcement-welcome-to-the-cohort-2027-05-01.csv'. */
export function reportCsvFilename(title: string, today: Date = new Date()): string {
  const slug =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'announcement';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `announcement-${slug}-${date}.csv`;
}
