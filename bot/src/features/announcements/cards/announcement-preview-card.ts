import { RECIPROCAL_COUNT_NOTE, peopleWords } from '../../../contracts/audience-counts';
import type { CardJson } from '../../../platform/teams/cards/render';
import { CARD_VERSION, heading } from '../../../platform/teams/cards/render';
import { execute, finishCard, subtle, text } from '../../../platform/teams/cards/card-kit';

export interface PreviewCardData {
  /** The card the recipients will get, shown as it will look. */
  announcementCard: CardJson;
  audienceWords: string;
  recipientCount: number;
  /** Of them, people in reciprocal pairs, when the audience is mentors or mentees. */
  reciprocalCount?: number;
  whenWords: string;
  alsoInChannel: boolean;
  /** The draft, carried on the buttons so Send and Edit need nothing stored yet. */
  draft: Record<string, string>;
}

/** What will be sent, to whom and when; nothing goes out until "Send" is pressed. */
export function buildPreviewCard(data: PreviewCardData): CardJson {
  const reach = { people: data.recipientCount, reciprocal: data.reciprocalCount ?? 0 };
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      heading('Preview'),
      text(
        `To **${data.audienceWords}**: ${peopleWords(reach)}${
          data.alsoInChannel ? ', and the programme channel' : ''
        }. Sends ${data.whenWords}.`,
      ),
      ...(reach.reciprocal > 0 ? [subtle(RECIPROCAL_COUNT_NOTE)] : []),
      {
        type: 'Container',
        style: 'emphasis',
        bleed: false,
        items: (data.announcementCard.body as object[]).filter(
          (item) => (item as { type?: string }).type !== undefined,
        ),
      },
      subtle('Recipients also get a "Got it" button, so you can see who has read it.'),
    ],
    actions: [
      execute('Send', 'announcement.send', data.draft, { style: 'positive' }),
      execute('Edit', 'announcement.edit', data.draft, { associatedInputs: 'none' }),
    ],
  } as CardJson;
  finishCard(card);
  return card;
}
