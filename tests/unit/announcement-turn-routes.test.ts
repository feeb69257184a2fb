import {
  ANNOUNCEMENT_VERBS,
  AnnouncementActions,
  announcementCommands,
} from '../../bot/src/features/announcements';
import type { AnnouncementActionDeps } from '../../bot/src/features/announcements';
import { createLogger } from '../../bot/src/platform/logger';
import { MESSAGES } from '../../bot/src/platform/teams/messages';
import type { CardJson } from '../../bot/src/platform/teams/cards/render';
import { mergeCardVerbs, mergeCommands } from '../../bot/src/platform/teams/turn-routes';

const COORDINATOR = { userId: 'coordinator-1', name: 'Cora', timeZone: 'Europe/London' };
const PERSON = { userId: 'person-1', name: 'Pat', timeZone: 'Europe/London' };

function actionsFor(coordinators: string[]) {
  const deps = {
    announcements: {
      composerChoices: async () => ({ cohorts: [{ id: 'c1', name: 'Spring' }], people: [] }),
    },
    identity: {
      isCoordinator: async (userId: string) => coordinators.includes(userId),
      membershipsOf: async () => [],
    },
    now: () => new Date('2027-03-01T10:00:00Z'),
    log: createLogger('silent'),
  } as unknown as AnnouncementActionDeps;
  return new AnnouncementActions(deps);
}

const texts = (card: CardJson) => JSON.stringify(card);

describe('announcement turn routes', () => {
  it("has one handler per announcement verb (the RSVP is the calendar's)", () => {
    const actions = actionsFor([]);
    expect(Object.keys(actions.verbs).sort()).toEqual([...ANNOUNCEMENT_VERBS].sort());
    expect(Object.keys(actions.verbs)).not.toContain('event.rsvp');
    const merged = mergeCardVerbs(actions.verbs);
    expect(merged.size).toBe(ANNOUNCEMENT_VERBS.length);
  });

  it("checks the coordinator on every coordinator verb; 'Got it' is for anyone", async () => {
    const actions = actionsFor([COORDINATOR.userId]);
    const refused = await actions.verbs['announcement.compose'](PERSON, {});
    expect(texts(refused.card)).toContain('Only the programme team can do that');
    const composer = await actions.verbs['announcement.compose'](COORDINATOR, {});
    expect(texts(composer.card)).toContain('New announcement');
    const ack = await actions.verbs['announcement.ack'](PERSON, { cohortId: 'c1' });
    expect(texts(ack.card)).toContain('This announcement was not sent to you');
  });

  it('"announce" is a hidden command: the composer in a personal chat, elsewhere to the own chat', async () => {
    const actions = actionsFor([COORDINATOR.userId]);
    const sent: string[] = [];
    const [announce] = mergeCommands(
      announcementCommands({
        identity: { isCoordinator: async (userId) => userId === COORDINATOR.userId },
        actions,
        sendToOwnChat: async (userId) => {
          sent.push(userId);
          return true;
        },
      }),
    );
    expect(announce).toMatchObject({ command: 'announce', hidden: true });
    expect(await announce!.run({ actor: PERSON, scope: 'personal' })).toEqual({
      text: MESSAGES.coordinatorsOnly,
    });
    const personal = await announce!.run({ actor: COORDINATOR, scope: 'personal' });
    expect('cards' in personal && texts(personal.cards[0]!)).toContain('New announcement');
    expect(await announce!.run({ actor: COORDINATOR, scope: 'team' })).toEqual({
      text: MESSAGES.composerInChat,
    });
    expect(sent).toEqual([COORDINATOR.userId]);
  });
});
