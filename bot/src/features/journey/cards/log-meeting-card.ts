import { JOURNEY_LIMITS } from '../../../contracts/journey';
import {
  type FormState,
  expandJourneyCard,
  field,
  formModel,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';
import { type CardJson, cardTemplate, heading } from '../../../platform/teams/cards/render';

export type LogMeetingInputId = 'date' | 'time' | 'minutes';

export interface LogMeetingCardData extends FormState<LogMeetingInputId> {
  pairId: string;
  cardVersion: number;
  partnerName: string;
}

const template = cardTemplate(
  [
    heading('Log a meeting'),
    text(
      'Met ${partnerName} outside the plan? Record it here and it counts towards your programme.',
    ),
    ...field({
      type: 'Input.Date',
      id: 'date',
      label: 'When did you meet?',
      isRequired: true,
      errorMessage: 'Please choose a date',
    }),
    ...field({
      type: 'Input.Time',
      id: 'time',
      label: 'At what time?',
      isRequired: true,
      errorMessage: 'Please choose a time',
    }),
    ...field({
      type: 'Input.Number',
      id: 'minutes',
      label: 'How long, in minutes?',
      isRequired: true,
      min: JOURNEY_LIMITS.meetingMinutesMin,
      max: JOURNEY_LIMITS.meetingMinutesMax,
      errorMessage: 'Please say how long, in minutes',
    }),
  ],
  [
    execute(
      'Log it',
      'meeting.log',
      { pairId: '${pairId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
  ],
);

/** "log meeting": record a meeting held outside the plan, so it counts towards progress. */
export function buildLogMeetingCard(data: LogMeetingCardData): CardJson {
  return expandJourneyCard(template, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    form: formModel({ date: '', time: '', minutes: '60' }, data, ['minutes']),
  });
}
