import type { AnnouncementStatus, DeliveryCounts } from '../domain/announcement';
import type { CardJson } from '../../../platform/teams/cards/render';
import { CARD_VERSION, heading } from '../../../platform/teams/cards/render';
import { execute, finishCard, subtle, text } from '../../../platform/teams/cards/card-kit';

export interface DeliveryReportCardData {
  cohortId: string;
  announcementId: string;
  title: string;
  status: AnnouncementStatus;
  counts: DeliveryCounts;
  /** Where the full per-person report is (the tab). */
  reportUrl?: string;
  /** The programme channel's post, when the announcement went there too (not in the counts). */
  channelPost?: { status: string; reason: string | null } | null;
}

function channelWords(post: { status: string; reason: string | null }): string {
  if (post.status === 'sent') return 'Posted';
  if (post.status === 'failed') return `Not posted${post.reason ? `: ${post.reason}` : ''}`;
  if (post.status === 'unconfirmed') return 'Unconfirmed: check the channel';
  return 'Posting';
}

const STATUS_WORDS: Record<AnnouncementStatus, string> = {
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Finished sending',
  cancelled: 'Cancelled',
};

/** The coordinator's delivery summary in chat: counts, and what they can do next. */
export function buildDeliveryReportCard(data: DeliveryReportCardData): CardJson {
  const c = data.counts;
  const ids = { cohortId: data.cohortId, announcementId: data.announcementId };
  const actions: object[] = [execute('Refresh', 'announcement.report', ids)];
  if (data.status === 'sending' || data.status === 'scheduled') {
    actions.push(execute('Cancel sending', 'announcement.cancel', ids, { style: 'destructive' }));
  }
  if (c.unconfirmed > 0) {
    actions.push(
      execute(`Resend to ${c.unconfirmed} unconfirmed`, 'announcement.resend', ids, {
        style: 'positive',
      }),
    );
  }
  if (data.reportUrl)
    actions.push({ type: 'Action.OpenUrl', title: 'Full report', url: data.reportUrl });
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      subtle(`Delivery report · ${STATUS_WORDS[data.status]}`, { spacing: 'None' }),
      heading(data.title),
      {
        type: 'FactSet',
        facts: [
          { title: 'Audience', value: String(c.total) },
          { title: 'Sent', value: String(c.sent) },
          { title: 'Read ("Got it")', value: String(c.acknowledged) },
          { title: 'Waiting to send', value: String(c.queued + c.sending) },
          { title: 'Blocked the app', value: String(c.blocked) },
          { title: 'Failed', value: String(c.failed) },
          { title: 'Unconfirmed', value: String(c.unconfirmed) },
          ...(c.cancelled > 0 ? [{ title: 'Cancelled', value: String(c.cancelled) }] : []),
          ...(data.channelPost
            ? [{ title: 'Programme channel', value: channelWords(data.channelPost) }]
            : []),
        ],
      },
      ...(c.unconfirmed > 0
        ? [
            text(
              'Unconfirmed: a send was under way when a server stopped, so Teams may or may not have delivered it. Resending may give those people a second copy.',
              { isSubtle: true },
            ),
          ]
        : []),
    ],
    actions,
  } as CardJson;
  finishCard(card);
  return card;
}
