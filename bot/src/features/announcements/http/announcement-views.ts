import type {
  Announcement as AnnouncementWire,
  AnnouncementReport,
} from '../../../contracts/announcements';
import { toCsv } from '../../../platform/http/csv-export';
import type { Announcement, Recipient } from '../domain/announcement';
import type { DeliveryReport } from '../domain/delivery-report';

/** What coordinators see of an announcement: never anything a pair wrote. */
export function announcementView(a: Announcement): AnnouncementWire {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    text: a.text,
    link: a.link ?? null,
    eventId: a.eventId ?? null,
    audience: a.audience.kind,
    participantIds: a.audience.participantIds ?? [],
    lists: a.audience.lists ?? [],
    alsoInChannel: a.alsoInChannel,
    sendAt: a.sendAt,
    status: a.status,
    recipientCount: a.recipientCount ?? null,
    createdByName: a.createdByName,
    createdAt: a.createdAt,
    startedAt: a.startedAt ?? null,
    completedAt: a.completedAt ?? null,
    cancelledAt: a.cancelledAt ?? null,
  };
}

/** The report as the API answers it; without the per-person rows when `withRecipients` is false. */
export function reportView(report: DeliveryReport, withRecipients: boolean): AnnouncementReport {
  const rows: Recipient[] = withRecipients ? report.recipients : [];
  return {
    announcement: announcementView(report.announcement),
    counts: report.counts,
    channelPost: report.channelPost,
    recipientsIncluded: withRecipients,
    recipients: rows.map((r) => ({
      participantId: r.participantId,
      displayName: r.displayName,
      status: r.status,
      reason: r.reason ?? null,
      attempts: r.attempts,
      sentAt: r.sentAt ?? null,
      acknowledgedAt: r.acknowledgedAt ?? null,
    })),
  };
}

/** The report as a spreadsheet: one row per person (written by the one CSV writer). */
export function reportCsv(report: DeliveryReport): string {
  const rows = report.recipients.map((r) => [
    r.displayName,
    r.status,
    r.reason ?? '',
    r.sentAt ?? '',
    r.acknowledgedAt ?? '',
  ]);
  return toCsv(['name', 'status', 'reason', 'sent_at', 'acknowledged_at'], rows);
}
