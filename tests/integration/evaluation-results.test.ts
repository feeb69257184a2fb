import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import type { Answer } from '../../bot/src/contracts/evaluation';
import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';
import { evaluationQuotesSchema } from '../../bot/src/contracts/evaluation-quotes';
import { rowKeys } from '../../bot/src/features/journey/store/pair-space-repository';

/**
 * Evaluation results on the real service and Azurite (issue 16): the pre/post figures of a
 * cohort of six pairs (a median difference checked by hand), nothing shown for a cohort of four
 * people, the route open to those who run the cohort and its sponsors only, and the answers'
 * free text never in the results.
 */

const person = (n: number, name: string): TeamsUser => ({
  aadObjectId: `e1700000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});
/** Cohort "big": six pairs; cohort "small": two pairs (four people). */
const BIG = Array.from({ length: 6 }, (_, i) => [
  person(i * 2 + 1, `Mentor Big${i}`),
  person(i * 2 + 2, `Mentee Big${i}`),
]);
const SMALL = Array.from({ length: 2 }, (_, i) => [
  person(100 + i * 2, `Mentor Small${i}`),
  person(101 + i * 2, `Mentee Small${i}`),
]);
const SPONSOR_BIG = { userId: 'e1700000-0000-4000-8000-0000000005b1', name: 'Sal Big' };
const SPONSOR_SMALL = { userId: 'e1700000-0000-4000-8000-0000000005b2', name: 'Sam Small' };
const COORD_BIG = { userId: 'e1700000-0000-4000-8000-0000000000c1', name: 'Cleo Big' };

/** The mentors' `feedback` item: baseline → final; own changes 1,2,0,2,1,3 (median 1.5). */
const FEEDBACK_BEFORE = [2, 2, 3, 3, 1, 2];
const FEEDBACK_AFTER = [3, 4, 3, 5, 2, 5];
const PLANTED = 'PLANTED-9Z: what changed is that I finally said it out loud';

let harness: BotHarness;
let url: string;
const cohorts: Record<'big' | 'small', string> = { big: '', small: '' };
const tokens: Record<string, string> = {};

const emailOf = (u: TeamsUser) => `${u.name.replace(' ', '.').toLowerCase()}@trust.nhs.uk`;
/** The results as `who` reads them; a 200 must match the wire shape exactly (strict). */
async function results(who: string, cohort: 'big' | 'small') {
  const path = `/api/cohorts/${cohorts[cohort]}/evaluation/results`;
  const read = await call<EvaluationResults>(url, 'GET', path, { token: tokens[who] });
  if (read.status === 200) evaluationResultsSchema.parse(read.body);
  return read;
}

async function makeCohort(name: string, pairs: TeamsUser[][]): Promise<string> {
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: tokens.admin,
    json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(url, 'POST', `/api/cohorts/${made.body.id}/roster`, {
    token: tokens.admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      ...pairs.flatMap(([mentor, mentee]) => [
        row(mentor!, 'mentor', mentee),
        row(mentee!, 'mentee'),
      ]),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  return made.body.id;
}

/** Sends `survey` for `who`: every scale item at `value`, but `feedback` items at `feedback`. */
async function answer(
  who: TeamsUser,
  cohortId: string,
  survey: string,
  value: number,
  feedback: number,
) {
  const token = await devToken(url, { userId: who.aadObjectId, name: who.name });
  const mine = await call<MySurveys>(url, 'GET', '/api/me/surveys', { token });
  const open = mine.body.surveys.find((s) => s.cohortId === cohortId && s.survey === survey);
  expect(open).toBeDefined();
  const answers: Answer[] = open!.items.map((item) =>
    item.kind === 'scale'
      ? { itemId: item.id, kind: 'scale', value: item.domain === 'feedback' ? feedback : value }
      : { itemId: item.id, kind: 'text', text: PLANTED, mayQuote: true },
  );
  const sent = await call(url, 'PUT', `/api/me/surveys/${cohortId}/${survey}`, {
    token,
    json: { planVersion: open!.planVersion, state: 'submitted', answers },
  });
  expect(sent.status).toBe(200);
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const u of [...BIG, ...SMALL].flat()) await drive.install(u);
  tokens.admin = await devToken(url, COORDINATOR);
  cohorts.big = await makeCohort('Results big', BIG);
  cohorts.small = await makeCohort('Results small', SMALL);
  for (const [who, cohort, role] of [
    [SPONSOR_BIG, 'big', 'sponsor'],
    [SPONSOR_SMALL, 'small', 'sponsor'],
    [COORD_BIG, 'big', 'coordinator'],
  ] as const) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.admin,
      json: { role, cohortId: cohorts[cohort], userId: who.userId, name: who.name },
    });
    expect(granted.status).toBe(201);
    tokens[who.name] = await devToken(url, who);
  }
  tokens.participant = await devToken(url, {
    userId: BIG[0]![0]!.aadObjectId,
    name: 'Mentor Big0',
  });
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  await drive.setClock('2027-03-02T10:00:00Z'); // the baseline is open
  for (const [i, [mentor, mentee]] of BIG.entries()) {
    await answer(mentor!, cohorts.big, 'baseline', 3, FEEDBACK_BEFORE[i]!);
    await answer(mentee!, cohorts.big, 'baseline', 2, 2);
  }
  for (const u of SMALL.flat()) await answer(u, cohorts.small, 'baseline', 2, 2);
  await drive.setClock('2027-09-01T10:00:00Z'); // the final is open
  for (const [i, [mentor, mentee]] of BIG.entries()) {
    await answer(mentor!, cohorts.big, 'final', 4, FEEDBACK_AFTER[i]!);
    await answer(mentee!, cohorts.big, 'final', 3, 3);
  }
  for (const u of SMALL.flat()) await answer(u, cohorts.small, 'final', 4, 4);
}, 600_000);

afterAll(() => harness?.stop());

describe('GET /api/cohorts/{id}/evaluation/results', () => {
  it('shows the pre/post figures of six complete pairs, the median difference as worked by hand', async () => {
    const read = await results(COORD_BIG.name, 'big');
    expect(read.status).toBe(200);
    const { domains, items, responseRates, minGroupSize } = read.body;
    expect(minGroupSize).toBe(5);
    const feedback = domains.find((d) => d.domain === 'feedback' && d.group === 'mentor');
    // Own changes 1, 2, 0, 2, 1, 3 → sorted 0 1 1 2 2 3 → median (1 + 2) / 2 = 1.5.
    expect(feedback?.change).toMatchObject({
      shown: true,
      n: 6,
      medianBefore: 2,
      medianAfter: 3.5,
      medianDifference: 1.5,
    });
    // Mentees rose by one on every item; all 12 people rose.
    const mentees = domains.find((d) => d.domain === 'speaking_up' && d.group === 'mentee');
    expect(mentees?.change).toMatchObject({
      shown: true,
      n: 6,
      medianDifference: 1,
      rankBiserial: 1,
    });
    const total = domains.find((d) => d.domain === 'total' && d.group === 'all');
    expect(total?.change).toMatchObject({ shown: true, n: 12 });
    expect(items.every((i) => i.change.shown)).toBe(true);
    const rate = responseRates.find((r) => r.survey === 'final' && r.group === 'all');
    expect(rate?.figure).toEqual({ shown: true, invited: 12, responded: 12, rate: 1 });
    const pulse = responseRates.find((r) => r.survey === 'pulse' && r.group === 'mentor');
    // Nobody answered the pulse: a count of fewer than five (zero included) is never shown.
    expect(pulse?.figure).toEqual({ shown: false });
    expect(JSON.stringify(read.body)).not.toContain('PLANTED');
  });

  it('shows a cohort of four people no figure at all, to its sponsor', async () => {
    const read = await results(SPONSOR_SMALL.name, 'small');
    expect(read.status).toBe(200);
    const figures = [
      ...read.body.items.map((i) => i.change),
      ...read.body.domains.map((d) => d.change),
      ...read.body.responseRates.map((r) => r.figure),
    ];
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.every((f) => JSON.stringify(f) === '{"shown":false}')).toBe(true);
    expect(JSON.stringify(read.body)).not.toContain('PLANTED');
  });

  it("opens to the cohort's sponsor, not to another cohort's sponsor nor a participant", async () => {
    expect((await results(SPONSOR_BIG.name, 'big')).status).toBe(200);
    expect((await results(SPONSOR_SMALL.name, 'big')).status).toBe(404);
    expect((await results(SPONSOR_BIG.name, 'small')).status).toBe(404);
    expect((await results(COORD_BIG.name, 'small')).status).toBe(404);
    expect((await results('participant', 'big')).status).toBe(404);
    expect((await results('admin', 'small')).status).toBe(200);
  });
});

describe('the participation measures in the results', () => {
  it('counts meetings held against planned and actions agreed and done, never their words', async () => {
    const { repos } = harness.service.parts;
    const pairs = await repos.pairs.listByCohort(cohorts.big);
    expect(pairs).toHaveLength(6);
    // Pair i holds its first i meetings (0…5: 15 in all) and agrees two actions, one done.
    for (const [i, pair] of pairs.entries()) {
      for (let n = 1; n <= i; n += 1) {
        const id = `meet-${i}-${n}`;
        await repos.pairSpaces.put(pair.id, rowKeys.meeting(id), {
          id,
          pairId: pair.id,
          number: n,
          windowStart: `2027-0${2 + n}-01T00:00:00Z`,
          windowEnd: `2027-0${3 + n}-01T00:00:00Z`,
          status: 'held',
        });
      }
      for (const n of [1, 2]) {
        const id = `act-${i}-${n}`;
        await repos.pairSpaces.put(pair.id, rowKeys.action(id), {
          id,
          pairId: pair.id,
          text: `${PLANTED} (action ${n})`,
          ownerId: pair.menteeId,
          dueDate: '2027-04-01',
          ...(n === 1 ? { doneAt: '2027-03-20T10:00:00Z' } : {}),
          createdBy: pair.mentorId,
          createdAt: '2027-03-10T10:00:00Z',
        });
      }
    }
    const cohort = (await repos.cohorts.get(cohorts.big))!.value;
    const read = await results(COORD_BIG.name, 'big');
    expect(read.status).toBe(200);
    const participation = read.body.participation!;
    expect(participation).not.toBeNull();
    expect(participation.meetings.plannedPerPair).toBe(cohort.cadence.plannedMeetings);
    expect(participation.meetings.total).toEqual({
      shown: true,
      pairs: 6,
      planned: 6 * cohort.cadence.plannedMeetings,
      held: 15,
    });
    expect(participation.actions).toEqual({ shown: true, pairs: 6, agreed: 12, completed: 6 });
    // No programme session has an attendance register yet: the measure says none, not zero.
    expect(participation.attendance).toBeNull();
    expect(JSON.stringify(read.body)).not.toContain('PLANTED');

    // Two pairs are too few for any participation figure.
    const small = await results(SPONSOR_SMALL.name, 'small');
    expect(small.body.participation!.actions).toEqual({ shown: false });
    expect(small.body.participation!.meetings.total).toEqual({ shown: false });
  });
});

describe('GET /api/cohorts/{id}/evaluation/quotes', () => {
  const quotes = (who: string, cohort: 'big' | 'small') =>
    call(url, 'GET', `/api/cohorts/${cohorts[cohort]}/evaluation/quotes`, { token: tokens[who] });

  it('gives those who run the cohort the words people allowed to be quoted, no names', async () => {
    const read = await quotes(COORD_BIG.name, 'big');
    expect(read.status).toBe(200);
    const body = evaluationQuotesSchema.parse(read.body);
    const final = body.surveys.find((s) => s.survey === 'final')!;
    expect(final.withheld).toBe(false);
    const all = final.items.flatMap((i) => i.quotes);
    // Twelve people sent the final, each allowing their words to be quoted.
    expect(all.filter((q) => q.text === PLANTED)).toHaveLength(12);
    expect(new Set(all.map((q) => q.side))).toEqual(new Set(['mentor', 'mentee']));
    const text = JSON.stringify(read.body);
    for (const u of BIG.flat()) {
      expect(text).not.toContain(u.name);
      expect(text).not.toContain(u.aadObjectId);
    }
  });

  it('withholds a cohort of four whole, and never answers a sponsor or a participant', async () => {
    const small = evaluationQuotesSchema.parse((await quotes('admin', 'small')).body);
    expect(small.surveys.every((s) => s.withheld)).toBe(true);
    expect(JSON.stringify(small)).not.toContain('PLANTED');
    expect((await quotes(SPONSOR_BIG.name, 'big')).status).toBe(403);
    expect((await quotes('participant', 'big')).status).toBe(403);
  });
});
