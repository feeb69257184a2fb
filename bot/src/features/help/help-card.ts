/** A command as help lists it. */
export interface CommandInfo {
  command: string;
  description: string;
}
import {
  type CardJson,
  cardTemplate,
  expandCard,
  heading,
} from '../../platform/teams/cards/render';

export interface HelpCardData {
  commands: CommandInfo[];
}

const template = cardTemplate([
  heading('Commands'),
  { type: 'TextBlock', text: 'Type any of these in our chat:', wrap: true },
  {
    type: 'ColumnSet',
    $data: '${commands}',
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'auto',
        items: [{ type: 'TextBlock', text: '**${command}**', wrap: true }],
      },
      {
        type: 'Column',
        width: 'stretch',
        items: [{ type: 'TextBlock', text: '${description}', wrap: true }],
      },
    ],
  },
  {
    type: 'TextBlock',
    text: 'Worried about your pairing? You can always contact your programme team directly; they never see what you write in your reflections.',
    wrap: true,
    isSubtle: true,
    spacing: 'Medium',
  },
]);

export function buildHelpCard(data: HelpCardData): CardJson {
  return expandCard(template, { commands: data.commands });
}
