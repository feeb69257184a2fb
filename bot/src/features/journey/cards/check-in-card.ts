import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import { expandJourneyCard, subtle, text } from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface CheckInCardData {
  pairId: string;
  /** The missed meeting, when there was one in the plan. */
  meetingId?: string;
  cardVersion: number;
  /** The meeting that did not happen. */
  meetingNumber: number;
  partnerName: string;
  /** How many planned meetings in a row have not happened, this one included. */
  missedInARow: number;
}

const template = cardTemplate(
  [
    heading('Checking in'),
    text("Meeting ${meetingNumber} didn't happen — that's OK. Want to plan the next one?"),
    text('${streakText}', { $when: "${streakText != ''}" }),
    subtle(
      'If something about the pairing is not working, you can pause it or talk to your programme coordinator in confidence. Type "help" to see how.',
      { spacing: 'Medium' },
    ),
  ],
  [
    execute(
      'Plan our next meeting',
      'meeting.plan',
      { pairId: '${pairId}', meetingId: '${meetingId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
    execute('Pause reminders for 2 weeks', 'reminders.pause', {
      pairId: '${pairId}',
      cardVersion: '${cardVersion}',
      weeks: 2,
    }),
  ],
);

export function buildCheckInCard(data: CheckInCardData): CardJson {
  const streakText =
    data.missedInARow >= 2
      ? `That's ${data.missedInARow} planned meetings in a row that haven't happened. Busy spells happen to everyone. Your programme coordinator may get in touch to see if they can help; they see only that meetings were missed, nothing that you or ${data.partnerName} wrote.`
      : '';
  return expandJourneyCard(template, {
    meetingNumber: data.meetingNumber,
    streakText,
    pairId: data.pairId,
    meetingId: data.meetingId ?? '',
    cardVersion: data.cardVersion,
  });
}
