import { ACTION_OWNERS, JOURNEY_LIMITS, REFLECTION_OUTCOMES } from '../../../contracts/journey';
import { ACTION_SLOTS } from '../domain/reflection-input';
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

const L = JOURNEY_LIMITS;

type ActionSlot = 1 | 2 | 3;
type ActionInputId = `action${ActionSlot}${'Text' | 'Owner' | 'Due'}`;

export type ReflectionInputId =
  | 'outcome'
  | 'minutes'
  | 'newDate'
  | 'newTime'
  | 'learned'
  | 'doDifferently'
  | 'share'
  | ActionInputId;

export interface ReflectionCardData extends FormState<ReflectionInputId> {
  pairId: string;
  meetingId: string;
  cardVersion: number;
  meetingNumber: number;
  /** e.g. "on Thursday 10 April at 14:00" */
  meetingWhenText: string;
  partnerName: string;
}

/** The values of the `outcome` input, and of each `action<n>Owner` input. */
export { ACTION_OWNERS, REFLECTION_OUTCOMES };

const SLOTS = ACTION_SLOTS as ActionSlot[];

function actionFields(n: ActionSlot): object {
  return {
    type: 'Container',
    spacing: 'Medium',
    items: [
      ...field({
        type: 'Input.Text',
        id: `action${n}Text`,
        label: `Action ${n}: what`,
        ...(n === 1 ? { placeholder: 'For example: share the draft policy for comments' } : {}),
        maxLength: L.actionText,
      }),
      {
        type: 'ColumnSet',
        spacing: 'Small',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: field({
              type: 'Input.ChoiceSet',
              id: `action${n}Owner`,
              label: `Action ${n}: who`,
              placeholder: 'Choose who',
              choices: [
                { title: 'Me', value: 'me' },
                { title: '${partnerName}', value: 'partner' },
              ],
            }),
          },
          {
            type: 'Column',
            width: 'stretch',
            items: field({ type: 'Input.Date', id: `action${n}Due`, label: `Action ${n}: due by` }),
          },
        ],
      },
    ],
  };
}

const template = cardTemplate(
  [
    heading('How did meeting ${meetingNumber} go?'),
    text('Your meeting with ${partnerName} was planned ${meetingWhenText}.'),
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        text(
          '🔒 Your reflection is private to you unless you choose to share it. Your programme team never sees it.',
        ),
      ],
    },
    ...field({
      type: 'Input.ChoiceSet',
      id: 'outcome',
      label: 'Did the meeting happen?',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Tell me whether the meeting happened.',
      choices: [
        { title: 'Yes, we met', value: 'held' },
        { title: 'We moved it to another time', value: 'rescheduled' },
        { title: 'I had to cancel it', value: 'cancelled_by_me' },
        { title: '${partnerName} had to cancel it', value: 'cancelled_by_partner' },
      ],
    }),
    ...field({
      type: 'Input.Number',
      id: 'minutes',
      label: 'If you met: how long, in minutes',
      min: L.meetingMinutesMin,
      max: L.meetingMinutesMax,
      errorMessage: `Enter the number of minutes, between ${L.meetingMinutesMin} and ${L.meetingMinutesMax}.`,
    }),
    {
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: field({ type: 'Input.Date', id: 'newDate', label: 'If you moved it: new date' }),
        },
        {
          type: 'Column',
          width: 'stretch',
          items: field({ type: 'Input.Time', id: 'newTime', label: 'If you moved it: new time' }),
        },
      ],
    },
    subheading('Your reflection'),
    ...field({
      type: 'Input.Text',
      id: 'learned',
      label: 'What I learned',
      isMultiline: true,
      maxLength: L.reflectionText,
    }),
    ...field({
      type: 'Input.Text',
      id: 'doDifferently',
      label: 'What I will do differently',
      isMultiline: true,
      maxLength: L.reflectionText,
    }),
    ...field({
      type: 'Input.Toggle',
      id: 'share',
      label: 'Sharing',
      title: 'Share this reflection with ${partnerName}',
      valueOn: 'true',
      valueOff: 'false',
    }),
    subheading('Agreed actions'),
    subtle(
      'Optional, up to three. Actions are shared with ${partnerName} so you can both see what you agreed, and I remind whoever owns each one.',
      { spacing: 'None' },
    ),
    ...SLOTS.map(actionFields),
  ],
  [
    execute(
      'Save my reflection',
      'reflection.save',
      { pairId: '${pairId}', meetingId: '${meetingId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
  ],
);

export function buildReflectionCard(data: ReflectionCardData): CardJson {
  const defaults = {
    outcome: '',
    minutes: '',
    newDate: '',
    newTime: '',
    learned: '',
    doDifferently: '',
    share: 'false',
  } as Record<ReflectionInputId, string>;
  for (const n of SLOTS) {
    defaults[`action${n}Text`] = '';
    defaults[`action${n}Owner`] = '';
    defaults[`action${n}Due`] = '';
  }
  return expandJourneyCard(template, {
    pairId: data.pairId,
    meetingId: data.meetingId,
    cardVersion: data.cardVersion,
    meetingNumber: data.meetingNumber,
    meetingWhenText: data.meetingWhenText,
    partnerName: data.partnerName,
    form: formModel(defaults, data, ['minutes']),
  });
}
