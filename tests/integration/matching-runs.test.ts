import type { PublishResultView, RunView } from '../../bot/src/contracts/matching';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { TestApplicants, applicant } from '../support/match-applicants';
import { call, devToken } from '../support/test-service';

/**
 * Matching proposals on the real service and Azurite: run, lock, swap (and a swap refused by a
 * hard rule), an ETag conflict refused, a rerun keeping locks, two publishes at once creating
 * the pairs once, the unmatched told they are on the waiting list, and a re-match.
 */

const CAL: TeamsUser = { aadObjectId: 'b1500000-0000-4000-8000-000000000003', name: 'Cal Waiting' };
const applicants = new TestApplicants();
let harness: BotHarness;
let url: string;
let token: string;
let cohortId: string;
let base: string;

const pairsOf = (run: RunView) =>
  run.pairs.map((p) => `${p.mentorId}-${p.menteeId}${p.locked ? ' (locked)' : ''}`).sort();

beforeAll(async () => {
  harness = await startBotHarness(
    { COORDINATOR_IDS: COORDINATOR.userId },
    { matchApplicants: applicants },
  );
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T08:00:00Z');
  await harness.drive.install(CAL);
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Matching cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  base = `/api/cohorts/${cohortId}/matching`;
  applicants.byCohort.set(cohortId, [
    applicant('ann', { displayName: 'Ann Mentor', perspectivesShared: ['race'] }),
    applicant('bob', { displayName: 'Bob Mentor', perspectivesShared: ['disability'] }),
    // In person only, in Leeds: no mentee can meet Cal, so Cal is left unmatched by the rules.
    applicant('cal', {
      displayName: CAL.name,
      aadObjectId: CAL.aadObjectId,
      meetingMode: 'in-person',
      location: 'Leeds',
    }),
    applicant('max', {
      displayName: 'Max Mentee',
      role: 'mentee',
      bandIndex: 6,
      perspectivesWanted: ['disability'],
    }),
    applicant('mia', {
      displayName: 'Mia Mentee',
      role: 'mentee',
      bandIndex: 6,
      perspectivesWanted: ['race'],
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

it('runs, edits, reruns keeping locks, publishes once under two clicks, and tells the waitlisted', async () => {
  const settings = await call<{ etag: string }>(url, 'PUT', `${base}/settings`, {
    token,
    json: {
      aim: 'best-fit',
      weights: { perspectives: 50, crossOrganisation: 20, availability: 20, location: 10 },
      neverPair: [],
    },
  });
  expect(settings.status).toBe(200);

  const first = await call<RunView>(url, 'POST', `${base}/runs`, { token, json: {} });
  expect(first.status).toBe(201);
  expect(pairsOf(first.body)).toEqual(['ann-mia', 'bob-max']);
  expect(first.body.pairs[0]!.reasons.join('; ')).toMatch(/covers 1 of 1 perspective/);
  expect(first.body.unmatched).toEqual([
    expect.objectContaining({
      id: 'cal',
      cause: 'rules',
      reason: expect.stringMatching(/meeting modes/),
    }),
  ]);

  const locked = await call<RunView>(url, 'POST', `${base}/runs/${first.body.id}/lock`, {
    token,
    json: { mentorId: 'ann', menteeId: 'mia' },
    headers: { 'if-match': first.body.etag },
  });
  expect(locked.status).toBe(200);
  expect(pairsOf(locked.body)).toEqual(['ann-mia (locked)', 'bob-max']);

  // The old ETag is refused: nothing is overwritten.
  const stale = await call(url, 'POST', `${base}/runs/${first.body.id}/unlock`, {
    token,
    json: { mentorId: 'ann', menteeId: 'mia' },
    headers: { 'if-match': first.body.etag },
  });
  expect(stale.status).toBe(412);
  const still = await call<RunView>(url, 'GET', `${base}/runs/latest`, { token });
  expect(pairsOf(still.body)).toEqual(['ann-mia (locked)', 'bob-max']);

  // A swap that would pair Cal (in person, Leeds) with Mia (online) is refused, rule named.
  const refused = await call<{
    error: { details: { fields: { field: string; message: string }[] } };
  }>(url, 'POST', `${base}/runs/${first.body.id}/swap`, {
    token,
    json: { personA: 'ann', personB: 'cal' },
    headers: { 'if-match': locked.body.etag },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields).toEqual([
    {
      field: 'personB',
      message: expect.stringMatching(/Cal Waiting and Mia Mentee cannot be paired: meeting modes/),
    },
  ]);

  const swapped = await call<RunView>(url, 'POST', `${base}/runs/${first.body.id}/swap`, {
    token,
    json: { personA: 'ann', personB: 'bob' },
    headers: { 'if-match': locked.body.etag },
  });
  expect(swapped.status).toBe(200);
  expect(pairsOf(swapped.body)).toEqual(['ann-max (locked)', 'bob-mia (locked)']);
  const unlocked = await call<RunView>(url, 'POST', `${base}/runs/${first.body.id}/unlock`, {
    token,
    json: { mentorId: 'bob', menteeId: 'mia' },
    headers: { 'if-match': swapped.body.etag },
  });
  expect(pairsOf(unlocked.body)).toEqual(['ann-max (locked)', 'bob-mia']);

  // The rerun keeps the lock; the rest is matched around it. Compared with the previous run.
  const rerun = await call<RunView>(url, 'POST', `${base}/runs`, { token, json: {} });
  expect(rerun.status).toBe(201);
  expect(pairsOf(rerun.body)).toEqual(['ann-max (locked)', 'bob-mia']);
  expect(rerun.body.comparison).toMatchObject({
    previousRunId: first.body.id,
    kept: expect.arrayContaining([{ mentorId: 'ann', menteeId: 'max' }]),
    matched: { before: 4, after: 4 },
  });
  // The superseded draft can no longer be edited or published.
  const old = await call(url, 'POST', `${base}/runs/${first.body.id}/publish`, {
    token,
    json: {},
    headers: { 'if-match': unlocked.body.etag },
  });
  expect(old.status).toBe(409);

  // Two clicks at once: the pairs are created once, both answers agree.
  const publish = () =>
    call<PublishResultView>(url, 'POST', `${base}/runs/${rerun.body.id}/publish`, {
      token,
      json: {},
      headers: { 'if-match': rerun.body.etag },
    });
  const [a, b] = await Promise.all([publish(), publish()]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect([a.body.alreadyPublished, b.body.alreadyPublished].sort()).toEqual([false, true]);
  expect(a.body.pairs).toEqual(b.body.pairs);
  expect(a.body.pairs).toHaveLength(2);
  const again = await publish();
  expect(again.body).toMatchObject({ alreadyPublished: true, pairs: a.body.pairs });

  const pairs = await call<{ pairs: { id: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/pairs`,
    {
      token,
    },
  );
  expect(pairs.body.pairs.map((p) => p.id).sort()).toEqual(
    a.body.pairs.map((p) => p.pairId).sort(),
  );

  // Cal is told kindly, once, and recorded as waitlisted; the others as matched.
  const winner = a.body.alreadyPublished ? b : a;
  expect(winner.body.waitlisted).toEqual([{ id: 'cal', displayName: CAL.name, told: true }]);
  const told = harness.drive.inbox(CAL).map((r) => visibleText(r.activity));
  expect(told.filter((t) => /waiting list/.test(t))).toHaveLength(1);
  // Read again later (a reload): the published run as it was published, read-only.
  const reread = await call<RunView>(url, 'GET', `${base}/runs/latest`, { token });
  expect(reread.status).toBe(200);
  expect(reread.body).toMatchObject({ id: rerun.body.id, status: 'published' });
  expect(reread.body.published).toEqual({
    publishedAt: winner.body.publishedAt,
    publishedByName: COORDINATOR.name,
    pairs: 2,
    reciprocalPairs: 0,
    waitlisted: [{ id: 'cal', displayName: CAL.name, told: true }],
    message: winner.body.message,
  });
  const shown = (run: RunView) =>
    run.pairs.map((p) => [p.mentorName, p.menteeName, p.score, p.reasons]);
  expect(shown(reread.body)).toEqual(shown(rerun.body));
  expect(reread.body.unmatched).toEqual(rerun.body.unmatched);
  const outcomes = applicants.outcomes.map((o) => `${o.applicantId}:${o.outcome}`);
  expect(new Set(outcomes)).toEqual(
    new Set(['ann:matched', 'max:matched', 'bob:matched', 'mia:matched', 'cal:waitlisted']),
  );

  // Re-match: only those free (Cal) are in the pool, with the same rules.
  const rematch = await call<RunView>(url, 'POST', `${base}/rematch`, { token, json: {} });
  expect(rematch.status).toBe(201);
  expect(rematch.body.kind).toBe('rematch');
  expect(rematch.body.pairs).toEqual([]);
  expect(rematch.body.unmatched.map((u) => u.id)).toEqual(['cal']);

  // The re-match draft is the latest now; the published run stays in view, read-only.
  const latestNow = await call<RunView>(url, 'GET', `${base}/runs/latest`, { token });
  expect(latestNow.body).toMatchObject({ id: rematch.body.id, status: 'draft' });
  const published = await call<RunView>(url, 'GET', `${base}/runs/published`, { token });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ id: rerun.body.id, status: 'published' });
  expect(published.body.published).toEqual(reread.body.published);
  expect(shown(published.body)).toEqual(shown(rerun.body));
  // A second re-match draft supersedes the first; the published run is still the one shown.
  const second = await call<RunView>(url, 'POST', `${base}/rematch`, { token, json: {} });
  expect(second.status).toBe(201);
  const stillPublished = await call<RunView>(url, 'GET', `${base}/runs/published`, { token });
  expect(stillPublished.body).toMatchObject({ id: rerun.body.id, status: 'published' });
}, 120_000);

it('answers 404 when no run of the cohort was published yet', async () => {
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Nothing published', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  const none = await call(url, 'GET', `/api/cohorts/${made.body.id}/matching/runs/published`, {
    token,
  });
  expect(none.status).toBe(404);
});
