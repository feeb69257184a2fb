import { type ChannelPost, RECIPIENT_STATUSES } from '../../../contracts/announcements';
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

/** The counts-only report: the same counts, no rows (read from the delivery counters). */
export function countsReport(
  announcement: Announcement,
  counts: DeliveryCounts,
  channelPost: ChannelPost | null,
): DeliveryReport {
  return { announcement, counts, recipients: [], channelPost };
}

type Counted = Pick<Recipient, 'participantId' | 'status' | 'acknowledgedAt'>;

/**
 * What one row's change does to the counts: `from` undefined for a new row. The programme
 * channel's row is never counted (people only).
 */
export function countsDelta(from: Counted | undefined, to: Counted): DeliveryCounts {
  const delta = deliveryCounts([]);
  if (isChannelRow(to)) return delta;
  const before = from ? deliveryCounts([from]) : delta;
  const after = deliveryCounts([to]);
  return addCounts(after, before, -1);
}

/** `a + sign × b`, field by field. */
export function addCounts(a: DeliveryCounts, b: DeliveryCounts, sign = 1): DeliveryCounts {
  const sum = { ...a };
  for (const key of COUNT_FIELDS) sum[key] = a[key] + sign * b[key];
  return sum;
}

export function isZeroDelta(delta: DeliveryCounts): boolean {
  return COUNT_FIELDS.every((key) => delta[key] === 0);
}

/** Every column of the counts: the total, each recipient status (the contract's), and "Got it". */
export const COUNT_FIELDS: readonly (keyof DeliveryCounts)[] = [
  'total',
  ...RECIPIENT_STATUSES,
  'acknowledged',
];

/** The recipient row that stands for the programme channel's post. */
export function channelMarker(announcementId: string): string {
  return `channel-${announcementId}`;
}

export function isChannelRow(r: Pick<Recipient, 'participantId'>): boolean {
  return r.participantId.startsWith('channel-');
}
