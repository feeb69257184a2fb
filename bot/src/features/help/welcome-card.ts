import {
  type CardJson,
  cardTemplate,
  expandCard,
  heading,
} from '../../platform/teams/cards/render';
import { PRIVACY_NOTICE_QUERY } from '../../contracts/privacy';
import { safeCardLinks } from '../../platform/teams/cards/card-links';

export interface WelcomeCardData {
  /** First name of the person, or empty in a team or group chat. */
  firstName?: string;
  scope: 'personal' | 'team' | 'groupChat';
  /** The service's public address (PUBLIC_URL): the card links to the privacy notice there. */
  publicUrl?: string;
}

/** The privacy notice in the tab, at the service's public address. */
export function privacyNoticeUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/index.html${PRIVACY_NOTICE_QUERY}`;
}

const template = cardTemplate(
  [
    heading('${greeting}'),
    {
      type: 'TextBlock',
      text: 'I help your reverse mentoring programme run smoothly. In reverse mentoring a more junior colleague, often from an under-represented group, mentors a senior leader; pairs meet monthly for six months.',
      wrap: true,
    },
    {
      type: 'TextBlock',
      text: 'What I do',
      weight: 'Bolder',
      wrap: true,
      spacing: 'Medium',
    },
    {
      type: 'FactSet',
      facts: [
        {
          title: 'Meetings',
          value: 'Remind you to plan each monthly meeting, and help you prepare',
        },
        {
          title: 'Reflections',
          value: 'Ask how it went; your reflections stay private unless you share them',
        },
        { title: 'Actions', value: 'Keep track of what you and your partner agreed' },
        { title: 'Programme', value: 'Bring you news and events from your programme team' },
      ],
    },
    {
      type: 'TextBlock',
      text: '${scopeNote}',
      wrap: true,
      isSubtle: true,
      spacing: 'Medium',
    },
  ],
  [
    {
      type: 'Action.Submit',
      title: 'Show commands',
      data: { msteams: { type: 'imBack', value: 'help' } },
    },
  ],
);

export function buildWelcomeCard(data: WelcomeCardData): CardJson {
  const greeting = data.firstName ? `Welcome, ${data.firstName}` : 'Welcome to reverse mentoring';
  const scopeNote =
    data.scope === 'personal'
      ? 'Type "help" at any time to see what you can ask me. Nothing you tell me here is shared with your partner or the programme team unless you choose to share it.'
      : 'In this chat I post programme news and events for everyone. For anything about your own pairing, message me privately.';
  const card = expandCard(template, { greeting, scopeNote });
  if (!data.publicUrl) return card;
  const privacy = {
    type: 'Action.OpenUrl',
    title: 'How your information is used',
    url: privacyNoticeUrl(data.publicUrl),
  };
  const linked = { ...card, actions: [...((card.actions as object[] | undefined) ?? []), privacy] };
  safeCardLinks(linked);
  return linked;
}
