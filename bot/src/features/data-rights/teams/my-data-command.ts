import { ERASURE_WORDS } from '../../../contracts/data-rights';
import type { CardJson } from '../../../platform/teams/cards/render';
import { finishCard, openUrl, subheading, text } from '../../../platform/teams/cards/card-kit';
import type { CommandRoute } from '../../../platform/teams/turn-routes';

export interface MyDataCommandDeps {
  /** The service's public address, when known: the card links the tab's "Your data". */
  publicUrl?: string;
}

export const MY_DATA_PERSONAL_ONLY =
  'Your data is yours alone: type "my data" in your own chat with me.';

/** The card that points to the tab's "Your data" section, where the archive is downloaded. */
export function buildMyDataCard(publicUrl?: string): CardJson {
  const body: object[] = [
    subheading('Your data'),
    text(
      'You can download everything this app holds about you: your profile, cohorts, applications (with your own special-category answers), your pair, contract, goals and actions, your own preparation and reflections, survey answers, RSVPs, announcements and audit entries about you.',
    ),
    text('Open the app’s tab and choose "Download my data" under "Your data".', {
      isSubtle: true,
    }),
    subheading('Erasing your data'),
    text(
      `You can also ask, under "Your data", for your data to be erased. ${ERASURE_WORDS.confirm}`,
    ),
  ];
  const card: CardJson = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: publicUrl ? [openUrl('Your data', `${publicUrl}/tab/index.html#your-data`)] : [],
  };
  finishCard(card);
  return card;
}

/**
 * `my data`, typed in personal chat (hidden from help and the manifest, whose command list is
 * at Teams' limit of ten): a card linking the tab's export. Only the person's own chat.
 */
export function myDataCommand(deps: MyDataCommandDeps): CommandRoute {
  return {
    command: 'my data',
    description: 'Download everything the app holds about you',
    hidden: true,
    run: async ({ scope }) => {
      if (scope !== 'personal') return { text: MY_DATA_PERSONAL_ONLY };
      return { cards: [buildMyDataCard(deps.publicUrl)] };
    },
  };
}
