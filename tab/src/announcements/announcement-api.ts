import type { ApiClient } from '../app/api-client';
import type {
  Announcement,
  AnnouncementList,
  AnnouncementReport,
  CreateAnnouncementRequest,
  DeliveryCounts,
  ResendAnswer,
} from '../../../bot/src/contracts/announcements';

/**
 * The announcements API, as the tab calls it. The shapes, limits and enums are the contract's
 * (bot/src/contracts/announcements.ts), shared with the service; the words the tab uses for
 * them are in announcement-words.ts.
 */

const base = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}/announcements`;
const one = (cohortId: string, id: string) => `${base(cohortId)}/${encodeURIComponent(id)}`;

export async function listAnnouncements(
  client: ApiClient,
  cohortId: string,
): Promise<Announcement[]> {
  const answer = await client.request<AnnouncementList>(base(cohortId));
  return [...answer.announcements].sort(newestFirst);
}

export function createAnnouncement(
  client: ApiClient,
  cohortId: string,
  input: CreateAnnouncementRequest,
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
  const answer = await client.request<ResendAnswer>(`${one(cohortId, id)}/resend-unconfirmed`, {
    method: 'POST',
  });
  return answer.queued;
}

/** Newest first, by when it was written (reminders come after the invitation they belong to). */
export function newestFirst(a: Announcement, b: Announcement): number {
  const rank = (x: Announcement) => (x.kind === 'event-reminder' ? 1 : 0);
  const written = (x: Announcement) => Math.floor((Date.parse(x.createdAt) || 0) / 1000);
  return written(b) - written(a) || rank(a) - rank(b) || a.id.localeCompare(b.id);
}
