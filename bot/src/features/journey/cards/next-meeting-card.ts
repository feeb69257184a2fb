import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import { expandJourneyCard, subtle, text } from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface NextMeetingCardData {
  /** Set with `whenText` when a meeting is planned. */
  meetingNumber?: number;
  plannedMeetings: number;
  /** e.g. "Thursday 10 April at 14:00" */
  whenText?: string;
  /** e.g. "Online (Teams)" */
  modeText?: string;
  partnerName: string;
  /** e.g. "2 of 6 held, minimum 3 × 1 h" */
  progressSummary: string;
  pairId: string;
  meetingId?: string;
  cardVersion: number;
}

const template = cardTemplate(
  [
    heading('${title}'),
    {
      type: 'FactSet',
      $when: '${planned}',
      facts: [{ $data: '${facts}', title: '${title}', value: '${value}' }],
    },
    text('${nudge}', { $when: '${!planned}' }),
    subtle('Progress: ${progressSummary}', { spacing: 'Medium' }),
  ],
  [
    {
      ...execute(
        'Plan it',
        'meeting.plan',
        { pairId: '${pairId}', meetingId: '${meetingId}', cardVersion: '${cardVersion}' },
        { style: 'positive' },
      ),
      $when: '${!planned}',
    },
  ],
);

export function buildNextMeetingCard(data: NextMeetingCardData): CardJson {
  const planned = Boolean(data.whenText);
  const number = data.meetingNumber ? ` ${data.meetingNumber} of ${data.plannedMeetings}` : '';
  const facts = [
    { title: 'When', value: data.whenText },
    { title: 'How', value: data.modeText },
    { title: 'With', value: data.partnerName },
  ].filter((f): f is { title: string; value: string } => Boolean(f.value));
  return expandJourneyCard(template, {
    title: planned ? `Your next meeting${number}` : 'No meeting planned yet',
    planned,
    facts,
    nudge: `Your next meeting with ${data.partnerName} isn't planned yet. A quick message to find a time is all it takes.`,
    progressSummary: data.progressSummary,
    pairId: data.pairId,
    meetingId: data.meetingId ?? '',
    cardVersion: data.cardVersion,
  });
}
