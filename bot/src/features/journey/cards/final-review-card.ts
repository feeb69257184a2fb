import { JOURNEY_LIMITS } from '../../../contracts/journey';
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

export type FinalReviewInputId = 'wentWell' | 'improve' | 'choice';

export interface FinalReviewCardData extends FormState<FinalReviewInputId> {
  pairId: string;
  cardVersion: number;
  partnerName: string;
  /** e.g. "You met 5 times out of 6 planned, 5 hours 30 minutes in all." */
  heldSummary: string;
}

const template = cardTemplate(
  [
    heading('Looking back on your pairing with ${partnerName}'),
    text('${heldSummary}'),
    text(
      'Your pairing is coming to the end of the programme. Take a few minutes to look back, then choose what happens next.',
    ),
    subtle("${partnerName} doesn't see what you write here.", { spacing: 'Small' }),
    ...field({
      type: 'Input.Text',
      id: 'wentWell',
      label: 'What went well',
      isMultiline: true,
      maxLength: JOURNEY_LIMITS.reviewText,
    }),
    ...field({
      type: 'Input.Text',
      id: 'improve',
      label: 'What could have been better',
      isMultiline: true,
      maxLength: JOURNEY_LIMITS.reviewText,
    }),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'choice',
      label: 'After the programme, would you like to…',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose whether to carry on informally or finish here.',
      choices: [
        { title: 'Carry on meeting informally', value: 'continue_informally' },
        { title: 'Finish here', value: 'finish' },
      ],
    }),
    subtle('You may each choose differently, and nobody needs to explain.', { spacing: 'Small' }),
  ],
  [
    execute(
      'Save my review',
      'review.save',
      { pairId: '${pairId}', cardVersion: '${cardVersion}' },
      { style: 'positive' },
    ),
  ],
);

export function buildFinalReviewCard(data: FinalReviewCardData): CardJson {
  return expandJourneyCard(template, {
    pairId: data.pairId,
    cardVersion: data.cardVersion,
    partnerName: data.partnerName,
    heldSummary: data.heldSummary,
    form: formModel({ wentWell: '', improve: '', choice: '' }, data),
  });
}
