import { DEMO_COORDINATOR, DEMO_PARTICIPANTS, type DemoPerson } from './demo-cohort';
import { DEV_TENANT_ID } from '../../contracts/dev';

/**
 * The Microsoft 365 Agents Playground's mock tenant (`.m365agentsplayground.yml`, schema 0.1.1),
 * filled with the demo cohort's people so a newcomer chats as a real demo participant.
 * The schema is strict: exactly five users besides the current one, at most one extra channel.
 */

export interface PlaygroundUser {
  /** Channel account id: what `activity.from.id` carries. */
  id: string;
  name: string;
  /** Spelled as the Playground's schema spells it. */
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export const PLAYGROUND_BOT = { id: '28:reverse-mentoring-bot', name: 'Reverse Mentoring' };

export function playgroundUser(person: DemoPerson): PlaygroundUser {
  const [givenName = person.name, ...rest] = person.name.split(' ');
  return {
    id: `29:${person.userId}`,
    name: person.name,
    userPrincipleName: person.email,
    aadObjectId: person.userId,
    givenName,
    surname: rest.join(' '),
    email: person.email,
  };
}

/** The demo tenant: you are `currentUser` (a reverse mentor), with your mentee and the coordinator nearby. */
export function demoPlaygroundConfig(
  currentUser: DemoPerson = DEMO_PARTICIPANTS[0]!,
): PlaygroundConfig {
  const others = [DEMO_COORDINATOR, ...DEMO_PARTICIPANTS].filter(
    (p) => p.userId !== currentUser.userId,
  );
  return {
    version: '0.1.1',
    tenantId: DEV_TENANT_ID,
    bot: PLAYGROUND_BOT,
    currentUser: playgroundUser(currentUser),
    users: others.slice(0, 5).map(playgroundUser),
    personalChat: { id: `a:personal-${currentUser.userId}` },
    groupChat: { id: '19:demo-group-chat@thread.v2', name: 'Demo programme team chat' },
    team: {
      id: '19:demo-programme-team@thread.tacv2',
      name: 'Reverse Mentoring Programme',
      aadGroupId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      channels: [{ id: '19:demo-cohort-channel@thread.tacv2', name: 'Demo cohort' }],
    },
  };
}
