import type { SensitiveAnswers } from '../../bot/src/contracts/applications';
import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { makeEvaluationCohort, personOf } from '../support/evaluation-cohorts';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Breakdowns by special-category data on the real service and Azurite (issue 16, item 4): ten
 * pairs whose mentors answered through the application's route. Disability (five "yes", five
 * "no") is shown whole; ethnicity (five "white", four "asian", one not answered) has a group
 * under five and is withheld whole; religion, where every mentor preferred not to say, is left out.
 * The response carries counts only (no person's value or id), and the sponsor sees the same.
 */

const PAIRS = Array.from({ length: 10 }, (_, i) => [
  personOf('e1800000', i * 2 + 1, `Mentor Eq${i}`),
  personOf('e1800000', i * 2 + 2, `Mentee Eq${i}`),
]);
const SPONSOR = { userId: 'e1800000-0000-4000-8000-0000000005b1', name: 'Sue Sponsor' };
const ETHNICITY = ['white', 'white', 'white', 'white', 'white', 'asian', 'asian', 'asian', 'asian'];

let harness: BotHarness;
let url: string;
let cohortId = '';
const tokens: Record<string, string> = {};

/** Mentor i's answers (each with consent, as the route takes them): ethnicity from nine only. */
function answersOf(i: number): SensitiveAnswers {
  return {
    disability: { value: i < 5 ? 'yes' : 'no', consent: true },
    ...(i < 9 ? { ethnicity: { value: ETHNICITY[i]!, consent: true } } : {}),
    religion: { value: 'prefer-not-to-say', consent: true },
  } as SensitiveAnswers;
}

async function results(who: string) {
  const path = `/api/cohorts/${cohortId}/evaluation/results`;
  const read = await call<EvaluationResults>(url, 'GET', path, { token: tokens[who] });
  expect(read.status).toBe(200);
  return evaluationResultsSchema.parse(read.body);
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-01-11T10:00:00Z');
  for (const u of PAIRS.flat()) await drive.install(u);
  tokens.admin = await devToken(url, COORDINATOR);
  cohortId = await makeEvaluationCohort(url, tokens.admin, 'Breakdowns', PAIRS);
  const settings = await call(url, 'PUT', `/api/cohorts/${cohortId}/application-settings`, {
    token: tokens.admin,
    json: {
      opensAt: '2027-01-04T09:00',
      closesAt: '2027-01-29T17:00',
      ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 9'],
      minimumBandGap: 2,
      perspectives: [],
      requireTraining: false,
      awarenessEventIds: [],
    },
  });
  expect(settings.status).toBe(200);
  for (const [i, [mentor]] of PAIRS.entries()) {
    const who = mentor as TeamsUser;
    const token = await devToken(url, { userId: who.aadObjectId, name: who.name });
    const path = `/api/cohorts/${cohortId}/applications/mine/sensitive`;
    const saved = await call(url, 'PUT', path, { token, json: answersOf(i) });
    expect(saved.status).toBe(200);
  }
  const granted = await call(url, 'POST', '/api/roles', {
    token: tokens.admin,
    json: { role: 'sponsor', cohortId, userId: SPONSOR.userId, name: SPONSOR.name },
  });
  expect(granted.status).toBe(201);
  tokens.sponsor = await devToken(url, SPONSOR);
  await drive.setClock('2027-02-22T09:00:00Z');
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
}, 600_000);

afterAll(() => harness?.stop());

describe('evaluation results: breakdowns by special-category data', () => {
  it('shows a category whose every cell reaches five, and withholds one with a small group whole', async () => {
    const { breakdowns } = await results('admin');
    expect(breakdowns?.minGroupSize).toBe(5);
    expect(breakdowns?.categories.map((c) => c.category)).toEqual(['ethnicity', 'disability']);
    const disability = breakdowns?.categories.find((c) => c.category === 'disability');
    expect(disability?.table).toEqual({
      withheld: false,
      rows: ['yes', 'no'],
      // Every pair is under way: no pair has completed or ended early, so only that column.
      columns: ['ongoing'],
      cells: [
        [
          { shown: true, count: 5 },
          { shown: true, count: 5 },
        ],
        [
          { shown: true, count: 5 },
          { shown: true, count: 5 },
        ],
        [
          { shown: true, count: 10 },
          { shown: true, count: 10 },
        ],
      ],
    });
    const ethnicity = breakdowns?.categories.find((c) => c.category === 'ethnicity');
    expect(ethnicity?.table).toEqual({ withheld: true });
  });

  it("never carries a person's value or id", async () => {
    const body = JSON.stringify(await results('admin'));
    for (const value of ['white', 'asian', 'prefer-not-to-say']) expect(body).not.toContain(value);
    for (const u of PAIRS.flat()) expect(body).not.toContain(u.aadObjectId);
  });

  it('gives the sponsor the same aggregates', async () => {
    const [admin, sponsor] = [await results('admin'), await results('sponsor')];
    expect(sponsor.breakdowns).toEqual(admin.breakdowns);
  });
});
