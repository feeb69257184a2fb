import { JOURNEY_LIMITS } from '../../../contracts/journey';
import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  field,
  type FormState,
  formModel,
  MEETING_MODE_CHOICES,
  openUrl,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export type BookingInputId = 'date' | 'time' | 'minutes' | 'mode';

export interface BookingNudgeCardData extends FormState<BookingInputId> {
  pairId: string;
  meetingId: string;
  cardVersion: number;
  meetingNumber: number;
  plannedMeetings: number;
  partnerName: string;
  /** The end of this meeting's window, e.g. "by 14 April". */
  windowEndText: string;
  /** Deep link to a new Teams meeting with the partner. */
  meetingUrl: string;
}

const template = cardTemplate(
  [
    heading('Time to plan your meeting ${meetingNumber} of ${plannedMeetings}'),
    text(
      'Find a time with ${partnerName} ${windowEndText}. Once it is in your calendars, tell me when it is and I will remind you both to prepare.',
    ),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: field({
            type: 'Input.Date',
            id: 'date',
            label: 'Date',
            isRequired: true,
            errorMessage: 'Choose the date you have booked.',
          }),
        },
        {
          type: 'Column',
          width: 'stretch',
          items: field({
            type: 'Input.Time',
            id: 'time',
            label: 'Start time',
            isRequired: true,
            errorMessage: 'Choose the start time.',
          }),
        },
      ],
    },
    ...field({
      type: 'Input.Number',
      id: 'minutes',
      label: 'How long (minutes)',
      min: JOURNEY_LIMITS.meetingMinutesMin,
      max: JOURNEY_LIMITS.meetingMinutesMax,
      isRequired: true,
      errorMessage: `Enter how many minutes, between ${JOURNEY_LIMITS.meetingMinutesMin} and ${JOURNEY_LIMITS.meetingMinutesMax}.`,
    }),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'mode',
      label: 'How you will meet',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose online or in person.',
      choices: MEETING_MODE_CHOICES,
    }),
    subtle('Only one of you needs to tell me.', { spacing: 'Medium' }),
  ],
  [
    execute(
      "I've booked it",
      'meeting.booked',
      { pairId: '${pairId}', meetingId: '${meetingId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
    openUrl('Schedule in Teams', '${meetingUrl}'),
  ],
);

export function buildBookingNudgeCard(data: BookingNudgeCardData): CardJson {
  return expandJourneyCard(template, {
    pairId: data.pairId,
    meetingId: data.meetingId,
    cardVersion: data.cardVersion,
    meetingNumber: data.meetingNumber,
    plannedMeetings: data.plannedMeetings,
    partnerName: data.partnerName,
    windowEndText: data.windowEndText,
    meetingUrl: data.meetingUrl,
    form: formModel({ date: '', time: '', minutes: '60', mode: '' }, data, ['minutes']),
  });
}
