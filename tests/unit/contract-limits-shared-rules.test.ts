import type { ZodType } from 'zod';
import * as announcements from '../../bot/src/contracts/announcements';
import * as calendar from '../../bot/src/contracts/calendar';
import * as cohorts from '../../bot/src/contracts/cohorts';
import * as cohortAdmin from '../../bot/src/contracts/cohort-admin';
import * as cohortSettings from '../../bot/src/contracts/cohort-settings';
import * as people from '../../bot/src/contracts/people';
import {
  DATE_LIMITS,
  dueDateProblem,
  eventTimeProblem,
  instantOf,
  isCalendarDate,
  todayIn,
} from '../../bot/src/contracts/dates';
import * as dev from '../../bot/src/contracts/dev';
import { isWellFormedId, malformedIdFields } from '../../bot/src/contracts/ids';
import * as journey from '../../bot/src/contracts/journey';
import * as journeyCardData from '../../bot/src/contracts/journey-card-data';
import { ECHO_LIMIT, excerpt, textProblem } from '../../bot/src/contracts/text';
import { parseRoster } from '../../bot/src/features/cohorts/domain/roster-import';
import {
  parseContractEdit,
  parseEnd,
  parsePause,
  parsePreparation,
  parseReflection,
  parseReview,
} from '../../bot/src/features/journey/domain/journey-inputs';
import { MESSAGES } from '../../bot/src/platform/teams/messages';
import { isUnavailable } from '../../bot/src/platform/storage/errors';

/**
 * The rules every contract shares (issue 13, items 5, 6, 8, 10, 11): the one text rule, the one
 * date rule, the one id rule and a range for every number. Each is checked on every schema the
 * contracts export and on the card parsers and the roster, so a new field that forgets its rule
 * fails here.
 */

type Def = {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  options?: ZodType[];
  element?: ZodType;
};
const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every leaf of a schema with its path: strings, and numbers with their upper bound. */
function leaves(schema: ZodType, path = ''): { path: string; type: string; max?: number }[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape!).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
    case 'optional':
    case 'default':
    case 'nullable':
      return leaves(def.innerType!, path);
    case 'pipe': {
      const out = leaves(def.out!, path);
      // A number read from text or a union is bounded by the pipe's end.
      return out.some((l) => l.type === 'number') ? out : [...leaves(def.in!, path), ...out];
    }
    case 'union':
      return def.options!.flatMap((o) => leaves(o, path));
    case 'array':
      return leaves(def.element!, `${path}[]`);
    case 'number':
      return [{ path, type: 'number', max: (schema as unknown as { maxValue: number }).maxValue }];
    default:
      return [{ path, type: def.type }];
  }
}

const SCHEMAS: Record<string, ZodType> = Object.fromEntries(
  Object.entries({
    ...announcements,
    ...calendar,
    ...cohorts,
    ...cohortAdmin,
    ...cohortSettings,
    ...people,
    ...dev,
    ...journey,
    ...journeyCardData,
  }).filter(([, v]) => typeof v === 'object' && v !== null && '_zod' in (v as object)) as [
    string,
    ZodType,
  ][],
);

const START = '2027-04-01T09:00:00Z';
const END = '2027-04-01T10:00:00Z';
/** A valid body of each schema, and its free-text fields (`*`: multi-line). */
const TEXT_FIELDS: Record<string, { body: Record<string, unknown>; fields: string[] }> = {
  createAnnouncementBody: {
    body: { title: 'Hello', text: 'Body', audience: 'cohort', linkLabel: 'Open' },
    fields: ['title', 'text*', 'linkLabel'],
  },
  linkChannelBody: {
    body: { channelId: '19:a@thread.tacv2', teamId: 't1', channelName: 'General' },
    fields: ['channelId', 'teamId', 'channelName'],
  },
  eventInputSchema: {
    body: { type: 'induction', title: 'Induction', start: START, end: END, location: 'Room 1' },
    fields: ['title', 'description*', 'location'],
  },
  newCohortSchema: {
    body: { name: 'Cohort 3', startDate: '2027-03-01', endDate: '2027-08-31' },
    fields: ['name', 'timeZone'],
  },
  cohortChangeSchema: {
    body: {
      name: 'Cohort 3',
      startDate: '2027-03-01',
      endDate: '2027-08-31',
      timeZone: 'Europe/London',
      workingHours: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
      cadence: { frequency: 'monthly', plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60 },
      arrangements: ['reverse'],
    },
    fields: ['name', 'timeZone'],
  },
  closeCohortSchema: { body: { reason: 'Done' }, fields: ['reason'] },
  newParticipantSchema: {
    body: { displayName: 'Ann', email: 'ann@trust.nhs.uk', role: 'mentor', band: '6' },
    fields: ['displayName', 'jobTitle', 'organisation', 'band'],
  },
  participantChangeSchema: {
    body: { displayName: 'Ann', email: 'ann@trust.nhs.uk', jobTitle: 'Nurse' },
    fields: ['displayName', 'jobTitle', 'organisation', 'band'],
  },
  removeParticipantSchema: { body: {}, fields: ['reason*'] },
  moveParticipantSchema: { body: { toCohortId: 'c1' }, fields: ['reason*'] },
  pausePairSchema: { body: { reason: 'Leave' }, fields: ['reason*'] },
  resumePairSchema: { body: {}, fields: ['reason*'] },
  endPairSchema: { body: { reason: 'Fit' }, fields: ['reason*'] },
  devTokenRequestSchema: {
    body: { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Ann' },
    fields: ['name'],
  },
  newGoalSchema: { body: { text: 'Goal', note: 'n' }, fields: ['text', 'note*'] },
  goalChangeSchema: {
    body: { text: 'Goal', status: 'in_progress', note: 'n' },
    fields: ['text', 'note*'],
  },
  newActionSchema: {
    body: { text: 'Act', owner: 'me', dueDate: '2027-04-01' },
    fields: ['text'],
  },
  actionChangeSchema: { body: { text: 'Act' }, fields: ['text'] },
  preparationBodySchema: { body: { topics: 'Rota' }, fields: ['topics*'] },
  reflectionBodySchema: { body: { learned: 'a' }, fields: ['learned*', 'doDifferently*'] },
};

const HIDDEN = ['\u0000', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ud800', '\udc00'];

describe('the one text rule', () => {
  it('covers every free-text field of every contract schema', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      // Ids, dates, the link and emails are checked by their own rules; everything else is free text.
      const free = (path: string) =>
        !/(Id|Ids\[\]|Date|start|end|sendAt|now|linkUrl|email)$/.test(path);
      const strings = leaves(schema)
        .filter((l) => l.type === 'string' && free(l.path))
        .map((l) => l.path);
      const covered = (TEXT_FIELDS[name]?.fields ?? []).map((f) => f.replace('*', '')).filter(free);
      expect({ name, strings: strings.sort() }).toEqual({ name, strings: covered.sort() });
    }
  });

  it.each(Object.entries(TEXT_FIELDS))(
    '%s refuses hidden characters, naming the field',
    (name, t) => {
      const schema = SCHEMAS[name]!;
      expect(schema.safeParse(t.body).success).toBe(true);
      for (const entry of t.fields) {
        const field = entry.replace('*', '');
        for (const char of HIDDEN) {
          const result = schema.safeParse({ ...t.body, [field]: `ab${char}cd` });
          expect(result.success).toBe(false);
          expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field);
        }
        const lines = schema.safeParse({ ...t.body, [field]: 'one\ntwo\tthree' }).success;
        expect({ field, lines }).toEqual({ field, lines: entry.endsWith('*') });
      }
    },
  );

  it('holds on the cards and in the roster, with words that say which character and where', () => {
    const bad = 'Tea\u202Eand cake';
    const contract = {
      confidentiality: 'a',
      frequency: 'b',
      mode: 'online',
      boundaries: 'c',
      pauseOrEnd: 'd',
      raisingConcerns: 'e',
    };
    const now = new Date('2027-03-10T10:00:00Z');
    const refusedField = (r: { ok: boolean; errors?: Record<string, string> }) =>
      r.ok ? [] : Object.keys(r.errors!);
    expect(refusedField(parseContractEdit({ ...contract, boundaries: bad }))).toEqual([
      'boundaries',
    ]);
    expect(refusedField(parseReview({ wentWell: bad, improve: 'ok', choice: 'finish' }))).toEqual([
      'wentWell',
    ]);
    expect(refusedField(parsePreparation({ topics: bad }))).toEqual(['topics']);
    expect(refusedField(parseEnd({ reason: bad }))).toEqual(['reason']);
    expect(refusedField(parsePause({ weeks: '2', reason: bad }))).toEqual(['reason']);
    const reflection = { outcome: 'cancelled_by_me', learned: 'ok' };
    expect(
      refusedField(parseReflection({ ...reflection, doDifferently: bad }, 'UTC', now)),
    ).toEqual(['doDifferently']);
    const action = { action1Text: bad, action1Owner: 'me', action1Due: '2027-03-20' };
    expect(refusedField(parseReflection({ ...reflection, ...action }, 'UTC', now))).toEqual([
      'action1Text',
    ]);
    for (const column of ['display_name', 'organisation', 'job_title']) {
      const values: Record<string, string> = {
        email: 'a@trust.nhs.uk',
        display_name: 'Ann',
        role: 'mentor',
        organisation: 'Trust',
        job_title: 'Nurse',
        [column]: bad,
      };
      const csv = `${Object.keys(values).join(',')}\n${Object.values(values).join(',')}`;
      const result = parseRoster(csv);
      expect(result.ok ? [] : result.problems.map((p) => p.column)).toEqual([column]);
    }
    expect(textProblem(bad)).toBe(
      'must not contain a hidden text-direction mark (U+202E at character 4); retype it without',
    );
  });

  it('says back at most a short excerpt of anything typed', () => {
    const flood = `${'a'.repeat(20_000)}`;
    expect(excerpt(flood).length).toBeLessThanOrEqual(ECHO_LIMIT + 1);
    expect(excerpt('a\u202Eb\u0000c')).toBe('a b c');
    expect(MESSAGES.unknown(flood).length).toBeLessThan(200);
  });
});

describe('every number has a range', () => {
  it('no number in any contract schema is unbounded', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      for (const leaf of leaves(schema).filter((l) => l.type === 'number')) {
        expect({ name, path: leaf.path, bounded: leaf.max! <= 100_000 }).toEqual({
          name,
          path: leaf.path,
          bounded: true,
        });
      }
    }
  });

  it('reminders pause 1 to 12 weeks; a contract version is a small whole number', () => {
    const { reminderPauseWeeksMin: min, reminderPauseWeeksMax: max } = journey.JOURNEY_LIMITS;
    const weeks = (w: unknown) =>
      journeyCardData.reminderPauseSchema.safeParse({ weeks: w }).success;
    expect([min, max, String(max), undefined].map(weeks)).toEqual([true, true, true, true]);
    expect([min - 1, max + 1, '1e12', 'Infinity', 100000, 2.5, '2.5', -1, {}].map(weeks)).toEqual(
      Array(9).fill(false),
    );
    const version = (v: unknown) =>
      journeyCardData.contractAgreeSchema.safeParse({ contractVersion: v });
    expect(version(1).success && version('3').success).toBe(true);
    expect([0, 1e9, 'NaN', null, '1e3'].map((v) => version(v).success)).toEqual(
      Array(5).fill(false),
    );
  });

  it('an event holds 1 to 1,000 people', () => {
    expect(calendar.EVENT_LIMITS.capacityMax).toBe(1000);
  });
});

describe('the one date rule', () => {
  it('a date is a real calendar date written yyyy-mm-dd, in a programme’s years', () => {
    expect(['2027-02-28', '2028-02-29', '2000-01-01', '2100-12-31'].map(isCalendarDate)).toEqual(
      Array(4).fill(true),
    );
    const bad = [
      '2027-02-31',
      '2027-02-29',
      '9999-99-99',
      '0000-00-00',
      '9999-12-31',
      '1',
      '27-2-1',
    ];
    expect(bad.map(isCalendarDate)).toEqual(Array(bad.length).fill(false));
  });

  it('an instant has a real date, a real time and its zone', () => {
    expect(instantOf('2027-03-01T09:00:00Z')).toBe(Date.UTC(2027, 2, 1, 9));
    expect(instantOf('2027-03-01T10:00:00.000+01:00')).toBe(Date.UTC(2027, 2, 1, 9));
    const bad = [
      '1',
      '2027-03-01',
      '2027-03-01T09:00:00',
      '2027-02-31T09:00:00Z',
      '2027-03-01T24:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '2027-03-01T09:00:00+25:00',
    ];
    expect(bad.map(instantOf)).toEqual(Array(bad.length).fill(undefined));
  });

  it('a due date is not past in the person’s zone and falls within the programme and its margin', () => {
    const programme = { startDate: '2027-03-01', endDate: '2027-08-31' };
    // 23:30 on 9 March in London is already 10 March in Auckland.
    const now = new Date('2027-03-09T23:30:00Z');
    expect(todayIn('Europe/London', now)).toBe('2027-03-09');
    expect(todayIn('Pacific/Auckland', now)).toBe('2027-03-10');
    const today = todayIn('Pacific/Auckland', now);
    expect(dueDateProblem('2027-03-09', { today, programme })).toBe('The due date has passed');
    expect(dueDateProblem('2027-03-10', { today, programme })).toBeUndefined();
    expect(DATE_LIMITS.dueMarginDays).toBe(92);
    expect(dueDateProblem('2027-12-01', { programme })).toBeUndefined();
    expect(dueDateProblem('2027-12-02', { programme })).toMatch(
      /between 2026-11-29 and 2027-12-01/,
    );
    expect(dueDateProblem('2027-02-31', { programme })).toMatch(/not a real date/);
  });

  it('an event starts no earlier than now and at most two years ahead', () => {
    const now = new Date('2027-03-01T10:00:00Z');
    expect(eventTimeProblem('2027-03-01T10:30:00Z', now)).toBeUndefined();
    expect(eventTimeProblem('2027-03-01T09:30:00Z', now)).toMatch(/in the past/);
    expect(eventTimeProblem('2027-03-01T09:30:00Z', now, { mayBePast: true })).toBeUndefined();
    expect(eventTimeProblem('2029-03-01T09:00:00Z', now)).toBeUndefined();
    expect(eventTimeProblem('2029-03-03T10:00:00Z', now)).toMatch(/two years ahead/);
  });
});

describe('the one id rule', () => {
  it('takes the ids we hand out and nothing that could not be one', () => {
    const ours = [
      '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
      'm01',
      'x1a2b3c4d',
      '19:demo-cohort-channel@thread.tacv2',
    ];
    expect(ours.map(isWellFormedId)).toEqual(Array(ours.length).fill(true));
    const bad = ['a/b', '', ' a', 'a b', '%2F', '..', 'a#b', 'a?b', 'x'.repeat(201), 'a\u0000', 7];
    expect(bad.map(isWellFormedId)).toEqual(Array(bad.length).fill(false));
    expect(malformedIdFields({ pairId: 'a/b', meetingId: '', weeks: '/', cohortId: 'c1' })).toEqual(
      ['pairId'],
    );
  });

  it('storage that says the request was wrong is not an outage', () => {
    expect(isUnavailable({ statusCode: 400, code: 'InvalidInput' })).toBe(false);
    expect(isUnavailable({ statusCode: 400, cause: { code: 'ECONNRESET' } })).toBe(false);
    expect(
      isUnavailable({ statusCode: 500, details: { odataError: { code: 'OutOfRangeInput' } } }),
    ).toBe(false);
    expect(isUnavailable({ statusCode: 503 })).toBe(true);
    expect(isUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
  });
});
