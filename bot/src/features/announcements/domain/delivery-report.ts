import type { ChannelPost } from '../../../contracts/announcements';
import {
  type Announcement,
  type DeliveryCounts,
  type Recipient,
  deliveryCounts,
} from './announcement';

/**
 * The delivery report: people only (counts and rows), with the programme channel's post kept
 * apart, so every view (tab, API, CSV, chat summary) counts the same people.
 */
export interface DeliveryReport {
  announcement: Announcement;
  counts: DeliveryCounts;
  recipients: Recipient[];
  channelPost: ChannelPost | null;
}

export function reportOf(announcement: Announcement, rows: Recipient[]): DeliveryReport {
  const recipients = rows.filter((r) => !isChannelRow(r));
  const channel = rows.find(isChannelRow);
  return {
    announcement,
    counts: deliveryCounts(recipients),
    recipients,
    channelPost: channel ? { status: channel.status, reason: channel.reason ?? null } : null,
  };
}

/** The recipient row that stands for the programme channel's post. */
export function channelMarker(announcementId: string): string {
  return `channel-${announcementId}`;
}

export function isChannelRow(r: Pick<Recipient, 'participantId'>): boolean {
  return r.participantId.startsWith('channel-');
}
