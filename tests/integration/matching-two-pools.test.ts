import type { PairStateView } from '../../bot/src/contracts/cohorts';
import type { PublishResultView, RunView } from '../../bot/src/contracts/matching';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { TestApplicants, applicant } from '../support/match-applicants';
import { call, devToken } from '../support/test-service';

/**
 * A run over both pools on the real service and Azurite (issue 15, items 5–7): the reverse pool
 * and the reciprocal pool in one run (an "either" applicant the reverse pool leaves over gets a
 * second chance), a reciprocal swap refused by a rule, a reciprocal lock kept on a rerun, and
 * publishing: reciprocal pairs made with arrangement 'reciprocal', their introductions sent,
 * publishing twice making them once.
 */

const user = (n: number, name: string): TeamsUser => ({
  aadObjectId: `c1500000-0000-4000-8000-00000000000${n}`,
  name,
});
const RIA = user(1, 'Ria Partner');
const REX = user(2, 'Rex Partner');
const ROB = user(3, 'Rob Partner');
const EVE = user(4, 'Eve Either');

const applicants = new TestApplicants();
let harness: BotHarness;
let url: string;
let token: string;
let cohortId: string;
let base: string;

const partners = (run: RunView) =>
  (run.reciprocalPairs ?? [])
    .map((p) => `${[p.personAId, p.personBId].sort().join('+')}${p.locked ? ' (locked)' : ''}`)
    .sort();

beforeAll(async () => {
  harness = await startBotHarness(
    { COORDINATOR_IDS: COORDINATOR.userId },
    { matchApplicants: applicants },
  );
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T08:00:00Z');
  for (const p of [RIA, REX, ROB, EVE]) await harness.drive.install(p);
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Two pools cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  base = `/api/cohorts/${cohortId}/matching`;
  const partner = (id: string, p: TeamsUser, over = {}) =>
    applicant(id, {
      displayName: p.name,
      aadObjectId: p.aadObjectId,
      arrangement: 'reciprocal',
      ...over,
    });
  applicants.byCohort.set(cohortId, [
    applicant('ann', { displayName: 'Ann Mentor', perspectivesShared: ['race'] }),
    applicant('max', {
      displayName: 'Max Mentee',
      role: 'mentee',
      bandIndex: 6,
      perspectivesWanted: ['race'],
    }),
    // Eve said "either": the reverse pool has no mentor left for her, so she joins the reciprocal pool.
    partner('eve', EVE, { role: 'mentee', bandIndex: 6, arrangement: 'either' }),
    partner('ria', RIA),
    // Rob reports to Rex: the two may never be paired.
    partner('rob', ROB, { lineManagerEmail: 'rex@trust.nhs.uk' }),
    partner('rex', REX),
  ]);
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

it('runs both pools, edits a reciprocal pair, reruns keeping its lock and publishes reciprocal pairs once', async () => {
  const first = await call<RunView>(url, 'POST', `${base}/runs`, { token, json: {} });
  expect(first.status).toBe(201);
  expect(first.body.pairs.map((p) => [p.arrangement, p.mentorId, p.menteeId])).toEqual([
    ['reverse', 'ann', 'max'],
  ]);
  const recip = partners(first.body);
  expect(recip).toHaveLength(2);
  expect(recip).not.toContain('rex+rob');
  expect(recip.join(' ')).toMatch(/eve/);
  expect(first.body.reciprocalPairs![0]).toMatchObject({
    arrangement: 'reciprocal',
    personAName: expect.stringMatching(/Partner|Either/),
    reasons: expect.arrayContaining([expect.stringMatching(/same organisation/)]),
  });
  expect(first.body.unmatched).toEqual([]);
  expect(first.body.matchedCount).toBe(6);
  // No mentor or mentee words in a reciprocal pair's data.
  expect(JSON.stringify(first.body.reciprocalPairs)).not.toMatch(/mentor|mentee/i);

  // Rob's partner swapped with Rex would pair Rob with his own line manager: refused, rule named.
  const robPair = first.body.reciprocalPairs!.find((p) =>
    [p.personAId, p.personBId].includes('rob'),
  )!;
  const robPartner = robPair.personAId === 'rob' ? robPair.personBId : robPair.personAId;
  const refused = await call<{
    error: { details: { fields: { field: string; message: string }[] } };
  }>(url, 'POST', `${base}/runs/${first.body.id}/swap`, {
    token,
    json: { personA: robPartner, personB: 'rex' },
    headers: { 'if-match': first.body.etag },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields).toEqual([
    {
      field: 'personB',
      message: expect.stringMatching(/cannot be paired: in the same reporting line/),
    },
  ]);

  // Lock the pair that holds Rex (named the other way round), then rerun: the lock is kept.
  const rexPair = first.body.reciprocalPairs!.find((p) =>
    [p.personAId, p.personBId].includes('rex'),
  )!;
  const locked = await call<RunView>(url, 'POST', `${base}/runs/${first.body.id}/lock`, {
    token,
    json: { arrangement: 'reciprocal', personAId: rexPair.personBId, personBId: rexPair.personAId },
    headers: { 'if-match': first.body.etag },
  });
  expect(locked.status).toBe(200);
  const rexKey = [rexPair.personAId, rexPair.personBId].sort().join('+');
  expect(partners(locked.body)).toContain(`${rexKey} (locked)`);
  const badRef = await call(url, 'POST', `${base}/runs/${first.body.id}/unlock`, {
    token,
    json: { arrangement: 'reciprocal', personAId: 'rex', personBId: 'rex' },
    headers: { 'if-match': locked.body.etag },
  });
  expect(badRef.status).toBe(400);

  const rerun = await call<RunView>(url, 'POST', `${base}/runs`, { token, json: {} });
  expect(rerun.status).toBe(201);
  expect(partners(rerun.body)).toContain(`${rexKey} (locked)`);
  expect(rerun.body.comparison.reciprocal?.kept).toContainEqual(
    expect.objectContaining({ arrangement: 'reciprocal' }),
  );

  const before = new Map([RIA, REX, ROB, EVE].map((p) => [p.name, harness.drive.inbox(p).length]));
  const publish = () =>
    call<PublishResultView>(url, 'POST', `${base}/runs/${rerun.body.id}/publish`, {
      token,
      json: {},
      headers: { 'if-match': rerun.body.etag },
    });
  const [a, b] = await Promise.all([publish(), publish()]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body.reciprocalPairs).toEqual(b.body.reciprocalPairs);
  expect(a.body.pairs).toHaveLength(1);
  expect(a.body.reciprocalPairs).toHaveLength(2);
  expect(a.body.message).toMatch(/^3 pairs published \(2 reciprocal\)/);

  const pairs = await call<{ pairs: PairStateView[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/pairs`,
    {
      token,
    },
  );
  expect(pairs.body.pairs.map((p) => p.arrangement).sort()).toEqual([
    'reciprocal',
    'reciprocal',
    'reverse',
  ]);
  expect(
    pairs.body.pairs
      .filter((p) => p.arrangement === 'reciprocal')
      .map((p) => p.id)
      .sort(),
  ).toEqual(a.body.reciprocalPairs!.map((p) => p.pairId).sort());
  const outcomes = new Set(applicants.outcomes.map((o) => `${o.applicantId}:${o.outcome}`));
  for (const id of ['ann', 'max', 'eve', 'ria', 'rob', 'rex'])
    expect(outcomes).toContain(`${id}:matched`);

  // Each reciprocal partner is introduced in Teams as a partner (working hours, Monday here).
  await harness.drive.at('2027-03-01T10:30:00Z');
  for (const p of [RIA, REX, ROB, EVE]) {
    expect(harness.drive.textsSince(p, before.get(p.name)!).join('\n')).toMatch(
      /mentor each other \(reciprocal mentoring\)/,
    );
  }
}, 120_000);
