import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import { expandJourneyCard, text } from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface ActionReminderCardData {
  pairId: string;
  actionId: string;
  cardVersion: number;
  /** The agreed action, as the pair wrote it. */
  text: string;
  /** e.g. "Friday 14 March" */
  dueText: string;
  isDueToday: boolean;
  /** Render the card as done (after "Done"), with no button. */
  done?: boolean;
}

const template = cardTemplate(
  [
    heading('${title}'),
    text('${text}', { weight: 'Bolder' }),
    { type: 'FactSet', facts: [{ title: 'Due', value: '${dueLine}' }] },
    text('✓ Done', { $when: '${done}', spacing: 'Medium' }),
  ],
  [
    {
      ...execute(
        'Done',
        'action.done',
        { pairId: '${pairId}', actionId: '${actionId}', cardVersion: '${cardVersion}' },
        { style: 'positive', tooltip: 'Mark this action as done' },
      ),
      $when: '${!done}',
    },
  ],
);

export function buildActionReminderCard(data: ActionReminderCardData): CardJson {
  const done = Boolean(data.done);
  return expandJourneyCard(template, {
    title: done
      ? 'Action done'
      : data.isDueToday
        ? 'Due today: an action you agreed'
        : 'Coming up: an action you agreed',
    text: data.text,
    dueLine: data.isDueToday ? `Today, ${data.dueText}` : data.dueText,
    done,
    pairId: data.pairId,
    actionId: data.actionId,
    cardVersion: data.cardVersion,
  });
}
