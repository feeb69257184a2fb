import type {
  AnnouncementReport,
  DeliveryCounts,
  RecipientStatus,
} from '../../../../bot/src/contracts/announcements';
import { plural } from '../../coordinator/coordinator-api';
import { describeStatus, isUnderway } from '../announcement-words';

/** The badge colour of each recipient status in the table. */
export const STATUS_COLOUR: Record<
  RecipientStatus,
  'success' | 'danger' | 'warning' | 'informative' | 'subtle'
> = {
  queued: 'informative',
  sending: 'informative',
  sent: 'success',
  blocked: 'danger',
  failed: 'danger',
  unconfirmed: 'warning',
  cancelled: 'subtle',
};

/** The tiles above the table, in the order people read them. */
export const TILES: {
  key: string;
  label: string;
  value: (c: DeliveryCounts) => number;
  bad?: boolean;
}[] = [
  { key: 'sent', label: 'Sent', value: (c) => c.sent },
  { key: 'read', label: 'Read (“Got it”)', value: (c) => c.acknowledged },
  { key: 'waiting', label: 'Waiting to send', value: (c) => c.queued + c.sending },
  { key: 'blocked', label: 'Blocked the app', value: (c) => c.blocked, bad: true },
  { key: 'failed', label: 'Not delivered', value: (c) => c.failed, bad: true },
  { key: 'unconfirmed', label: 'Not confirmed', value: (c) => c.unconfirmed, bad: true },
  { key: 'cancelled', label: 'Cancelled', value: (c) => c.cancelled },
];

/** One sentence for the live region when the state of a send changes. */
export function outcomeWords(report: AnnouncementReport, counts: DeliveryCounts): string {
  const { announcement: a } = report;
  const title = `“${a.title}”`;
  if (a.status === 'scheduled') return `${title} is ${describeStatus(a).toLowerCase()}.`;
  if (isUnderway(report)) {
    return a.status === 'cancelled'
      ? `Stopping ${title}.`
      : `Sending ${title} to ${plural(counts.total, 'person', 'people')}.`;
  }
  const parts = [`${counts.sent} sent`];
  if (counts.failed > 0) parts.push(`${counts.failed} not delivered`);
  if (counts.blocked > 0) parts.push(`${counts.blocked} blocked the app`);
  if (counts.unconfirmed > 0) parts.push(`${counts.unconfirmed} not confirmed`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} cancelled`);
  if (a.status === 'cancelled' && counts.total === 0)
    return `${title} is cancelled. Nobody got it.`;
  return `${a.status === 'cancelled' ? 'Stopped' : 'Finished sending'} ${title}: ${parts.join(', ')}.`;
}
