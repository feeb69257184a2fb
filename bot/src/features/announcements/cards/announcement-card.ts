import type { Announcement } from '../domain/announcement';
import type { CardJson } from '../../../platform/teams/cards/render';
import { CARD_VERSION, heading } from '../../../platform/teams/cards/render';
import { execute, finishCard, openUrl, subtle, text } from '../../../platform/teams/cards/card-kit';

export interface AnnouncementCardData {
  cohortId: string;
  announcementId: string;
  title: string;
  /** Markdown subset Teams renders (bold, italic, lists, links). */
  text: string;
  link?: { url: string; label: string };
  fromName: string;
  cohortName: string;
  /** Once the person pressed "Got it", the button gives way to a thank-you line. */
  acknowledged?: boolean;
  /** Posted in the programme channel: no "Got it" (that is for each person's own copy). */
  forChannel?: boolean;
}

/** A coordinator's announcement as each person receives it, with a "Got it" button. */
export function buildAnnouncementCard(data: AnnouncementCardData): CardJson {
  const actions: object[] = [];
  if (data.link) actions.push(openUrl(data.link.label, data.link.url));
  if (!data.acknowledged && !data.forChannel) {
    actions.push(
      execute(
        'Got it',
        'announcement.ack',
        { cohortId: data.cohortId, announcementId: data.announcementId },
        { style: 'positive', tooltip: `Got it: ${data.title}` },
      ),
    );
  }
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      subtle(`Announcement · ${data.cohortName}`, { spacing: 'None' }),
      heading(data.title),
      text(data.text),
      subtle(`From ${data.fromName}, your programme team`, { spacing: 'Medium' }),
      ...(data.acknowledged && !data.forChannel
        ? [text('✓ Thanks. Your programme team can see you have read this.', { color: 'Good' })]
        : []),
    ],
    ...(actions.length > 0 ? { actions } : {}),
  } as CardJson;
  finishCard(card);
  return card;
}

/** The card as people get it; `forChannel` leaves out "Got it" (a channel has no one reader). */
export function cardForAnnouncement(
  a: Announcement,
  cohortName: string,
  acknowledged: boolean,
  forChannel = false,
): CardJson {
  return buildAnnouncementCard({
    cohortId: a.cohortId,
    announcementId: a.id,
    title: a.title,
    text: a.text,
    link: a.link,
    fromName: a.createdByName,
    cohortName,
    acknowledged,
    forChannel,
  });
}
