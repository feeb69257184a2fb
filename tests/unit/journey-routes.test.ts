import { DEFAULT_CADENCE } from '../../bot/src/features/cohorts/domain/cohort';
import {
  JOURNEY_JOB_KINDS,
  JOURNEY_VERBS,
  JourneyJobHandler,
  type PairContext,
  journeyCardVerbs,
  journeyCommands,
} from '../../bot/src/features/journey';
import type { CardActionDeps } from '../../bot/src/features/journey/teams/card-actions';
import { refuse } from '../../bot/src/features/journey/services/journey-refusals';
import { createLogger } from '../../bot/src/platform/logger';
import { ConflictError } from '../../bot/src/platform/storage/errors';
import { commandCatalogue } from '../../bot/src/app/bot-routes';

const COMMANDS = commandCatalogue();
import type { Actor } from '../../bot/src/platform/teams/turn-routes';

/**
 * The journey's typed route tables, driven through the narrow interfaces they are given (no
 * storage, no Teams): card verbs, commands and job kinds.
 */

const NOW = new Date('2027-03-10T10:00:00Z');
const log = createLogger('silent');
const AMA: Actor = { userId: 'u-ama', name: 'Ama', timeZone: 'Europe/London' };

function pairContext(): PairContext {
  const person = (id: string, name: string, role: 'mentor' | 'mentee') => ({
    id,
    cohortId: 'c-1',
    displayName: name,
    email: `${id}@example.org`,
    userId: `u-${id}`,
    role,
    createdAt: '2027-01-01T00:00:00Z',
  });
  return {
    cohort: {
      id: 'c-1',
      name: 'Cohort 3',
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      cadence: DEFAULT_CADENCE,
      isDemo: false,
      createdBy: 'u-coordinator',
      createdAt: '2027-01-01T00:00:00Z',
    },
    pair: {
      etag: 'e-1',
      value: {
        id: 'pair-7',
        cohortId: 'c-1',
        mentorId: 'ama',
        menteeId: 'dev',
        arrangement: 'reverse',
        state: 'active',
        createdAt: '2027-01-01T00:00:00Z',
        updatedAt: '2027-01-01T00:00:00Z',
      },
    },
    mentor: person('ama', 'Ama Mensah', 'mentor'),
    mentee: person('dev', 'Dev Patel', 'mentee'),
    space: {
      pairId: 'pair-7',
      meetings: [
        {
          etag: 'e-m',
          value: {
            id: 'm02',
            pairId: 'pair-7',
            number: 2,
            windowStart: '2027-03-04T00:00:00Z',
            windowEnd: '2027-04-04T00:00:00Z',
            status: 'planned',
            plannedAt: '2027-03-20T10:00:00Z',
            updatedAt: '2027-03-01T00:00:00Z',
          },
        },
      ],
      actions: [],
      preparations: [],
      reflections: [],
      reviews: [],
      fitChecks: [],
      goals: [],
    },
    status: { pairId: 'pair-7', missedInARow: 0, remindersPausedUntil: {}, updatedAt: '' },
    timeZone: 'Europe/London',
  };
}

const unused = () => Promise.reject(new Error('not expected in this test'));

function cardDeps(overrides: Partial<Record<string, unknown>> = {}): CardActionDeps {
  const ctx = pairContext();
  const deps = {
    journey: {
      requirePair: async (_caller: unknown, pairId: string) => {
        if (pairId !== 'pair-7') throw refuse.noSuchPair();
        return { ctx, participantId: 'ama' };
      },
      load: async () => pairContext(),
      agreeContract: unused,
      editContract: unused,
      pause: unused,
      resume: unused,
      end: unused,
      pauseReminders: unused,
    },
    meetings: {
      bookMeeting: unused,
      logMeeting: unused,
      savePreparation: unused,
      saveReflection: unused,
    },
    work: { completeAction: unused, answerFit: unused, saveReview: unused },
    now: () => NOW,
    log,
  };
  for (const [path, value] of Object.entries(overrides)) {
    const [group, name] = path.split('.') as [keyof typeof deps, string];
    (deps[group] as Record<string, unknown>)[name] = value;
  }
  return deps as unknown as CardActionDeps;
}

const textOf = (card: unknown) => JSON.stringify(card);

describe('the journey card verbs', () => {
  it('has one handler for every verb the journey cards send', () => {
    expect(Object.keys(journeyCardVerbs(cardDeps())).sort()).toEqual([...JOURNEY_VERBS].sort());
  });

  it('refuses a card of another pairing with the pair routes’ refusal, before anything else', async () => {
    const table = journeyCardVerbs(cardDeps());
    await expect(
      table['preparation.save'](AMA, { pairId: 'pair-9', topics: 'x' }),
    ).rejects.toMatchObject({ reason: 'not_found', message: 'You have no pairing with that id' });
  });

  it('shows a refusal in the words the journey gives it, under the verb’s own title', async () => {
    const table = journeyCardVerbs(
      cardDeps({ 'meetings.logMeeting': () => Promise.reject(refuse.notMeeting()) }),
    );
    const result = await table['meeting.log'](AMA, {
      pairId: 'pair-7',
      date: '2027-03-09',
      time: '10:00',
      minutes: '60',
    });
    expect(textOf(result.card)).toContain('Not logged');
    expect(textOf(result.card)).toContain('This pairing is not meeting just now.');
  });

  it('answers a click that raced another change with the verb’s own latest card', async () => {
    const raced = () => Promise.reject(new ConflictError('changed'));
    const table = journeyCardVerbs(
      cardDeps({ 'meetings.savePreparation': raced, 'journey.pauseReminders': raced }),
    );
    const prepared = await table['preparation.save'](AMA, {
      pairId: 'pair-7',
      meetingId: 'm02',
      topics: 'What I typed is kept',
    });
    expect(textOf(prepared.card)).toContain('What I typed is kept');
    const paused = await table['reminders.pause'](AMA, { pairId: 'pair-7', weeks: '2' });
    expect(textOf(paused.card)).toContain('meeting 2');
  });
});

describe('the journey commands', () => {
  const commands = journeyCommands({
    journey: { pairsOf: async () => [] },
    now: () => NOW,
  });

  it('are listed with the descriptions help shows, in the order help shows them', () => {
    const listed = COMMANDS.filter((c) => commands.some((j) => j.command === c.command));
    expect(commands.map(({ command, description }) => ({ command, description }))).toEqual(listed);
    expect(commands.map((c) => c.command)).toEqual([
      'my pair',
      'next meeting',
      'log meeting',
      'actions',
      'reflect',
      'pause',
      'resume',
      'end pairing',
    ]);
  });

  it('tell someone without a pair so, and someone Teams did not name who they are', async () => {
    for (const route of commands) {
      expect(await route.run({ actor: AMA, scope: 'personal' })).toEqual({
        text: expect.stringContaining("You're not paired with anyone yet"),
      });
    }
    const myPair = commands.find((c) => c.command === 'my pair')!;
    expect(await myPair.run({ actor: { ...AMA, userId: '' }, scope: 'personal' })).toEqual({
      text: expect.stringContaining('I could not tell who you are'),
    });
  });
});

describe('the journey job kinds', () => {
  it('skips a job of a kind the journey does not know, without reading the pair', async () => {
    const handler = new JourneyJobHandler({
      journey: {
        load: unused,
        introduce: unused,
        complete: unused,
        closeWindow: unused,
        endTimedPause: unused,
      },
      delivery: { deliver: unused, alert: unused, timeZoneOf: unused },
      followUps: { schedule: unused },
      now: () => NOW,
      log,
    });
    const job = { id: 'x:1', dueAt: NOW.toISOString(), cohortId: 'c-1', pairId: 'pair-7' };
    await expect(handler.handle({ ...job, kind: 'announcement-send', payload: {} })).resolves.toBe(
      'skipped',
    );
    expect(JOURNEY_JOB_KINDS).toContain('introduction');
  });
});
