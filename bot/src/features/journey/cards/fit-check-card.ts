import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import {
  expandJourneyCard,
  field,
  type FormState,
  formModel,
  subtle,
  text,
} from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export type FitCheckInputId = 'rating' | 'wantsCoordinator';

export interface FitCheckCardData extends FormState<FitCheckInputId> {
  pairId: string;
  cardVersion: number;
  partnerName: string;
}

/** The `rating` choices: 1 (not well) to 5 (very well), as in FitCheck.rating. */
export const FIT_RATINGS = [
  { value: '1', title: '1 – Not well at all' },
  { value: '2', title: '2 – Not very well' },
  { value: '3', title: '3 – Not sure yet' },
  { value: '4', title: '4 – Well' },
  { value: '5', title: '5 – Very well' },
];

const template = cardTemplate(
  [
    heading('How is it going with ${partnerName}?'),
    text(
      'You have had your first meeting. This is a quick, private check on how the pairing feels for you.',
    ),
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        text(
          '🔒 Only you and the programme team see that you asked; your partner never sees this.',
        ),
      ],
    },
    ...field({
      type: 'Input.ChoiceSet',
      id: 'rating',
      label: 'How well is the pairing working for you?',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose the answer closest to how you feel.',
      choices: FIT_RATINGS,
    }),
    ...field({
      type: 'Input.Toggle',
      id: 'wantsCoordinator',
      label: 'Talk to the coordinator',
      title: "I'd like a word with the programme coordinator",
      valueOn: 'true',
      valueOff: 'false',
    }),
    subtle(
      'If you switch this on, the coordinator will get in touch with you privately. Pairings sometimes do not fit, and that is nobody’s fault; a new match is possible.',
      { spacing: 'Small' },
    ),
  ],
  [
    execute(
      'Send',
      'fit.answer',
      { pairId: '${pairId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
  ],
);

export function buildFitCheckCard(data: FitCheckCardData): CardJson {
  return expandJourneyCard(template, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    form: formModel({ rating: '', wantsCoordinator: 'false' }, data),
  });
}
