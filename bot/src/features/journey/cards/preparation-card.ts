import { JOURNEY_LIMITS } from '../../../contracts/journey';
import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  field,
  type FormState,
  formModel,
  subheading,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export type PreparationInputId = 'topics' | 'share';

export interface PreparationCardData extends FormState<PreparationInputId> {
  pairId: string;
  meetingId: string;
  cardVersion: number;
  meetingNumber: number;
  /** e.g. "on Thursday 10 April at 14:00" */
  meetingWhenText: string;
  partnerName: string;
  /** The pair's open agreed actions (shared by nature). */
  openActions: { text: string; ownerName: string; dueText: string }[];
  /** The partner's preparation, only when they chose to share it. */
  partnerPreparation?: string;
  /** What the recipient saved before, if anything. */
  myTopics?: string;
}

const template = cardTemplate(
  [
    heading('Prepare for meeting ${meetingNumber}'),
    text('Your meeting with ${partnerName} is ${meetingWhenText}.'),
    subheading('Open actions'),
    {
      type: 'TextBlock',
      $data: '${openActions}',
      text: '• ${text} (${ownerName}, due ${dueText})',
      wrap: true,
      spacing: 'Small',
    },
    subtle('No open actions.', { $when: '${count(openActions) == 0}', spacing: 'Small' }),
    {
      type: 'Container',
      $when: "${partnerPreparation != ''}",
      items: [
        subheading('${partnerName} would like to cover'),
        text('${partnerPreparation}', { spacing: 'Small' }),
      ],
    },
    subheading('Your preparation'),
    ...field({
      type: 'Input.Text',
      id: 'topics',
      label: 'What would you like to cover?',
      placeholder: 'For example: a question, something from last time, an aim to revisit',
      isMultiline: true,
      maxLength: JOURNEY_LIMITS.preparationTopics,
      isRequired: true,
      errorMessage: 'Write at least one thing you would like to cover.',
    }),
    ...field({
      type: 'Input.Toggle',
      id: 'share',
      label: 'Sharing',
      title: 'Share with ${partnerName}',
      valueOn: 'true',
      valueOff: 'false',
    }),
    subtle(
      'Sharing helps you both make the most of the time. Switch it off to keep your notes to yourself.',
      { spacing: 'Small' },
    ),
  ],
  [
    execute(
      'Save my preparation',
      'preparation.save',
      { pairId: '${pairId}', meetingId: '${meetingId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
  ],
);

export function buildPreparationCard(data: PreparationCardData): CardJson {
  return expandJourneyCard(template, {
    pairId: data.pairId,
    meetingId: data.meetingId,
    cardVersion: data.cardVersion,
    meetingNumber: data.meetingNumber,
    meetingWhenText: data.meetingWhenText,
    partnerName: data.partnerName,
    openActions: data.openActions,
    partnerPreparation: data.partnerPreparation?.trim() ?? '',
    form: formModel({ topics: data.myTopics ?? '', share: 'true' }, data),
  });
}
