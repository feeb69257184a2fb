import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { seedEvaluationCohorts } from '../support/evaluation-cohorts';
import { call } from '../support/test-service';
import { evaluationQuotesSchema } from '../../bot/src/contracts/evaluation-quotes';
import { rowKeys } from '../../bot/src/features/journey/store/pair-space-repository';

/**
 * Evaluation results on the real service and Azurite (issue 16): the pre/post figures of a
 * cohort of six pairs (a median difference checked by hand), nothing shown for a cohort of four
 * people, the route open to those who run the cohort and its sponsors only, and the answers'
 * free text never in the results.
 */

const PLANTED = 'PLANTED-9Z: what changed is that I finally said it out loud';
const SPONSOR_SMALL = { name: 'Sam Small' };
const SPONSOR_BIG = { name: 'Sal Big' };
const COORD_BIG = { name: 'Cleo Big' };

let harness: BotHarness;
let url: string;
let BIG: TeamsUser[][] = [];
const cohorts: Record<'big' | 'small', string> = { big: '', small: '' };
const tokens: Record<string, string> = {};

/** The results as `who` reads them; a 200 must match the wire shape exactly (strict). */
async function results(who: string, cohort: 'big' | 'small') {
  const path = `/api/cohorts/${cohorts[cohort]}/evaluation/results`;
  const read = await call<EvaluationResults>(url, 'GET', path, { token: tokens[who] });
  if (read.status === 200) evaluationResultsSchema.parse(read.body);
  return read;
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const seeded = await seedEvaluationCohorts(harness, COORDINATOR, {
    prefix: 'e1700000',
    label: 'Results',
    freeText: PLANTED,
  });
  BIG = seeded.big;
  Object.assign(cohorts, seeded.cohorts);
  Object.assign(tokens, seeded.tokens);
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
