import type { ApiClient } from '../app/api-client';
import { formatDay, formatTime } from '../calendar/calendar-format';
import type { CohortParticipant, PairHealthRow } from '../coordinator/coordinator-api';

/**
 * Announcements a coordinator sends to a cohort, as the API gives them, and the words the tab
 * uses for them. Event invitations and reminders travel the same way and appear in the list.
 */

export const AUDIENCES = ['cohort', 'mentors', 'mentees', 'needs_check_in', 'people'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The audience select's choices. */
export const AUDIENCE_CHOICES: Record<Audience, string> = {
  cohort: 'Everyone in the cohort',
  mentors: 'Mentors',
  mentees: 'Mentees',
  needs_check_in: 'Pairs needing a check-in',
  people: 'Chosen people',
};

export type BroadcastKind = 'announcement' | 'event-invitation' | 'event-reminder';
export type AnnouncementStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled';
export type RecipientStatus =
  'queued' | 'sending' | 'sent' | 'blocked' | 'failed' | 'unconfirmed' | 'cancelled';

/** One announcement, as `GET /api/cohorts/{id}/announcements` lists it. */
export interface Announcement {
  id: string;
  kind: BroadcastKind;
  title: string;
  text: string;
  link: { url: string; label: string } | null;
  eventId: string | null;
  audience: Audience;
  participantIds: string[];
  alsoInChannel: boolean;
  /** UTC ISO instant when sending starts (or started). */
  sendAt: string;
  status: AnnouncementStatus;
  /** Set once sending starts and the audience is known. */
  recipientCount: number | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

export interface DeliveryCounts {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  blocked: number;
  failed: number;
  unconfirmed: number;
  cancelled: number;
  acknowledged: number;
}

export interface AnnouncementRecipient {
  participantId: string;
  displayName: string;
  status: RecipientStatus;
  reason: string | null;
  attempts: number;
  sentAt: string | null;
  acknowledgedAt: string | null;
}

export interface AnnouncementReport {
  announcement: Announcement;
  counts: DeliveryCounts;
  recipients: AnnouncementRecipient[];
}

/** What the form sends: `sendAt` left out means now. */
export interface AnnouncementInput {
  title: string;
  text: string;
  linkUrl?: string;
  linkLabel?: string;
  audience: Audience;
  participantIds?: string[];
  alsoInChannel: boolean;
  sendAt?: string;
}

/** The API's limits, checked in the form before sending. */
export const MAX_TITLE = 140;
export const MAX_TEXT = 4000;
export const MAX_LINK_LABEL = 40;

const base = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/announcements`;
const one = (cohortId: string, id: string) => `${base(cohortId)}/${encodeURIComponent(id)}`;

export async function listAnnouncements(
  client: ApiClient,
  cohortId: string,
): Promise<Announcement[]> {
  const answer = await client.request<{ announcements: Announcement[] }>(base(cohortId));
  return [...answer.announcements].sort(newestFirst);
}

export function createAnnouncement(
  client: ApiClient,
  cohortId: string,
  input: AnnouncementInput,
): Promise<Announcement> {
  return client.request<Announcement>(base(cohortId), { method: 'POST', body: input });
}

export function getReport(
  client: ApiClient,
  cohortId: string,
  id: string,
): Promise<AnnouncementReport> {
  return client.request<AnnouncementReport>(one(cohortId, id));
}

/** Just the counts (the per-person rows left out): for the list of announcements. */
export async function getReportCounts(
  client: ApiClient,
  cohortId: string,
  id: string,
): Promise<DeliveryCounts> {
  const report = await client.request<AnnouncementReport>(`${one(cohortId, id)}?recipients=none`);
  return report.counts;
}

export function getReportCsv(client: ApiClient, cohortId: string, id: string): Promise<string> {
  return client.requestText(`${one(cohortId, id)}/report.csv`);
}

export function cancelAnnouncement(
  client: ApiClient,
  cohortId: string,
  id: string,
): Promise<Announcement> {
  return client.request<Announcement>(`${one(cohortId, id)}/cancel`, { method: 'POST' });
}

export async function resendUnconfirmed(
  client: ApiClient,
  cohortId: string,
  id: string,
): Promise<number> {
  const answer = await client.request<{ queued: number }>(
    `${one(cohortId, id)}/resend-unconfirmed`,
    { method: 'POST' },
  );
  return answer.queued;
}

/** Newest first, by when it was written (reminders come after the invitation they belong to). */
export function newestFirst(a: Announcement, b: Announcement): number {
  const rank = (x: Announcement) => (x.kind === 'event-reminder' ? 1 : 0);
  const written = (x: Announcement) => Math.floor((Date.parse(x.createdAt) || 0) / 1000);
  return written(b) - written(a) || rank(a) - rank(b) || a.id.localeCompare(b.id);
}

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
 * as the service does (reciprocal partners are both mentor and mentee; ended pairs count for
 * neither). The service works it out again when it sends.
 */
export function audienceSizes(
  people: CohortParticipant[],
  pairs: PairHealthRow[] | undefined,
): Partial<Record<Audience, number>> {
  const pairById = new Map((pairs ?? []).map((p) => [p.pairId, p]));
  let mentors = 0;
  let mentees = 0;
  let needy = 0;
  for (const person of people) {
    const pair = person.pairId ? pairById.get(person.pairId) : undefined;
    const live = pair && pair.state !== 'ended_early';
    const both = live && pair.arrangement === 'reciprocal';
    if (both || person.role === 'mentor') mentors += 1;
    if (both || person.role === 'mentee') mentees += 1;
    if (live && (pair.health === 'needs_check_in' || pair.health === 'at_risk')) needy += 1;
  }
  const sizes: Partial<Record<Audience, number>> = { cohort: people.length };
  if (pairs) {
    sizes.mentors = mentors;
    sizes.mentees = mentees;
    sizes.needs_check_in = needy;
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
