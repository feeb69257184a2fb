import {
  ANNOUNCEMENT_VERBS,
  AnnouncementActions,
  announcementCommands,
} from '../../bot/src/features/announcements';
import type { AnnouncementActionDeps } from '../../bot/src/features/announcements';
import { AppError } from '../../bot/src/platform/errors';
import { createLogger } from '../../bot/src/platform/logger';
import { MESSAGES } from '../../bot/src/platform/teams/messages';
import type { CardJson } from '../../bot/src/platform/teams/cards/render';
import { mergeCardVerbs, mergeCommands } from '../../bot/src/platform/teams/turn-routes';

const COORDINATOR = { userId: 'coordinator-1', name: 'Cora', timeZone: 'Europe/London' };
const PERSON = { userId: 'person-1', name: 'Pat', timeZone: 'Europe/London' };

/** The service's checks, as the real one answers them for these coordinators and nobody sent. */
function accessFor(coordinators: string[]) {
  return {
    requireCoordinator: async (userId: string) => {
      if (!coordinators.includes(userId)) throw AppError.forbidden('Only the programme team');
    },
    acknowledgeBy: async () => {
      throw AppError.notFound('This announcement was not sent to you');
    },
  };
}

function actionsFor(coordinators: string[]) {
  const deps = {
    announcements: {
      composerChoices: async () => ({ cohorts: [{ id: 'c1', name: 'Spring' }], people: [] }),
      ...accessFor(coordinators),
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

  it("asks the service's checks on every coordinator verb and on 'Got it'", async () => {
    const actions = actionsFor([COORDINATOR.userId]);
    await expect(actions.verbs['announcement.compose'](PERSON, {})).rejects.toMatchObject({
      reason: 'forbidden',
    });
    const composer = await actions.verbs['announcement.compose'](COORDINATOR, {});
    expect(texts(composer.card)).toContain('New announcement');
    await expect(actions.verbs['announcement.ack'](PERSON, { cohortId: 'c1' })).rejects.toThrow(
      'This announcement was not sent to you',
    );
  });

  it('"announce" is a hidden command: the composer in a personal chat, elsewhere to the own chat', async () => {
    const actions = actionsFor([COORDINATOR.userId]);
    const sent: string[] = [];
    const [announce] = mergeCommands(
      announcementCommands({
        announcements: accessFor([COORDINATOR.userId]),
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
