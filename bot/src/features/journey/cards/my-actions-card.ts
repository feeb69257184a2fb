import { cardTemplate, type CardJson, heading } from '../../../platform/teams/cards/render';
import { expandJourneyCard, subtle } from '../../../platform/teams/cards/card-kit';
import { execute } from './journey-verbs';

export interface MyActionsItem {
  actionId: string;
  pairId: string;
  text: string;
  ownerName: string;
  /** e.g. "14 March" */
  dueText: string;
  overdue: boolean;
  done: boolean;
}

export interface MyActionsCardData {
  actions: MyActionsItem[];
  cardVersion: number;
}

/** Most actions one card lists; the rest are counted (the card must stay under 28 KB). */
export const MY_ACTIONS_LIMIT = 20;

const template = cardTemplate([
  heading('My actions'),
  subtle('${summary}', { spacing: 'None' }),
  {
    type: 'Container',
    $data: '${items}',
    separator: true,
    spacing: 'Medium',
    items: [
      { type: 'TextBlock', text: '${text}', wrap: true, weight: 'Bolder' },
      {
        type: 'TextBlock',
        text: '${statusText}',
        wrap: true,
        spacing: 'None',
        isSubtle: '${!overdue}',
        color: "${if(overdue, 'Attention', 'Default')}",
      },
      {
        type: 'ActionSet',
        $when: '${!done}',
        actions: [
          execute(
            'Done',
            'action.done',
            { pairId: '${pairId}', actionId: '${actionId}', cardVersion: '${$root.cardVersion}' },
            { tooltip: '${doneTooltip}' },
          ),
        ],
      },
    ],
  },
  subtle('${moreText}', { $when: "${moreText != ''}", spacing: 'Medium' }),
]);

const rank = (a: MyActionsItem) => (a.done ? 2 : a.overdue ? 0 : 1);

export function buildMyActionsCard(data: MyActionsCardData): CardJson {
  const sorted = [...data.actions].sort((a, b) => rank(a) - rank(b));
  const shown = sorted.slice(0, MY_ACTIONS_LIMIT);
  const open = data.actions.filter((a) => !a.done).length;
  const overdue = data.actions.filter((a) => !a.done && a.overdue).length;
  const summary =
    data.actions.length === 0
      ? 'You have no agreed actions yet. When you and your partner agree actions after a meeting, they appear here and I remind whoever owns each one.'
      : open === 0
        ? 'All done. Nothing is waiting.'
        : `${open} open${overdue ? `, ${overdue} overdue` : ''}.`;
  return expandJourneyCard(template, {
    cardVersion: data.cardVersion,
    summary,
    items: shown.map((a) => ({
      actionId: a.actionId,
      pairId: a.pairId,
      text: a.text,
      done: a.done,
      overdue: !a.done && a.overdue,
      statusText: a.done
        ? `✓ Done · ${a.ownerName}`
        : a.overdue
          ? `⚠ Overdue · ${a.ownerName} · was due ${a.dueText}`
          : `${a.ownerName} · due ${a.dueText}`,
      doneTooltip: `Mark as done: ${a.text.length > 80 ? `${a.text.slice(0, 79)}…` : a.text}`,
    })),
    moreText:
      sorted.length > shown.length
        ? `And ${sorted.length - shown.length} more. Open the programme tab to see them all.`
        : '',
  });
}
