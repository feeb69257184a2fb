import { type CardJson, CARD_VERSION, heading } from '../../../platform/teams/cards/render';
import { finishCard, text } from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface BookingConfirmCardData {
  /** The booking as typed, sent again with the confirmation. */
  booking: Record<string, string>;
  pairId: string;
  meetingId: string;
  cardVersion: number;
  /** The meeting it will count as. */
  countsAs: number;
  /** Which meeting it was for, what is outside and what it will count as. */
  words: string;
}

/** A booking outside its meeting's window: says which meeting it will count as, then asks. */
export function buildBookingConfirmCard(data: BookingConfirmCardData): CardJson {
  const ids = { pairId: data.pairId, meetingId: data.meetingId, cardVersion: data.cardVersion };
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [heading('Book it outside its window?'), text(data.words)],
    actions: [
      execute(
        `Yes, book it as meeting ${data.countsAs}`,
        'meeting.booked',
        { ...data.booking, ...ids, confirmOutsideWindow: 'true' },
        { style: 'positive' },
      ),
      execute('Choose another date', 'meeting.plan', ids),
    ],
  } as CardJson;
  finishCard(card);
  return card;
}
