import { TableClient } from '@azure/data-tables';
import type { MatchingSettingsView, RunView } from '../../bot/src/contracts/matching';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { TestApplicants, applicant } from '../support/match-applicants';
import { call, devToken } from '../support/test-service';

/**
 * The band gap is one cohort rule, set with the application settings (where the ladder lives):
 * a matching run uses that gap, the matching settings show it read-only, and matching settings
 * stored before (with a gap of their own) still read, their old gap ignored.
 */

const applicants = new TestApplicants();
let harness: BotHarness;
let url: string;
let token: string;
let cohortId: string;

const APPLICATION_SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 2', 'Band 3', 'Band 4', 'Band 5', 'Band 6', 'Band 7'],
  minimumBandGap: 3,
  perspectives: [],
  requireTraining: false,
  awarenessEventIds: [] as string[],
};

beforeAll(async () => {
  harness = await startBotHarness(
    { COORDINATOR_IDS: COORDINATOR.userId },
    { matchApplicants: applicants },
  );
  url = harness.service.url;
  await harness.drive.setClock('2027-03-01T08:00:00Z');
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Gap cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  // Two bands apart: paired under a gap of 2, never under a gap of 3.
  applicants.byCohort.set(cohortId, [
    applicant('ann', { displayName: 'Ann Mentor', bandIndex: 1 }),
    applicant('max', { displayName: 'Max Mentee', role: 'mentee', bandIndex: 3 }),
  ]);
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

it('a run uses the band gap of the application settings, and the matching settings show it', async () => {
  const settingsPath = `/api/cohorts/${cohortId}/application-settings`;
  const saved = await call<{ etag: string }>(url, 'PUT', settingsPath, {
    token,
    json: APPLICATION_SETTINGS,
  });
  expect(saved.status).toBe(200);

  const strict = await call<RunView>(url, 'POST', `/api/cohorts/${cohortId}/matching/runs`, {
    token,
    json: {},
  });
  expect(strict.status).toBe(201);
  expect(strict.body.pairs).toEqual([]);
  expect(strict.body.unmatched.map((u) => u.id).sort()).toEqual(['ann', 'max']);

  const view = await call<MatchingSettingsView>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/matching/settings`,
    { token },
  );
  expect(view.status).toBe(200);
  expect(view.body.minimumBandGap).toBe(3);
  expect(view.body.settings).not.toHaveProperty('minimumBandGap');

  const changed = await call(url, 'PUT', settingsPath, {
    token,
    json: { ...APPLICATION_SETTINGS, minimumBandGap: 2 },
    headers: { 'if-match': saved.body.etag },
  });
  expect(changed.status).toBe(200);
  const looser = await call<RunView>(url, 'POST', `/api/cohorts/${cohortId}/matching/runs`, {
    token,
    json: {},
  });
  expect(looser.status).toBe(201);
  expect(looser.body.pairs.map((p) => `${p.mentorId}-${p.menteeId}`)).toEqual(['ann-max']);
});

it('refuses a band gap sent with the matching settings, naming the field', async () => {
  const refused = await call<{ error: { details: { fields: { field: string }[] } } }>(
    url,
    'PUT',
    `/api/cohorts/${cohortId}/matching/settings`,
    {
      token,
      json: {
        aim: 'best-fit',
        minimumBandGap: 1,
        weights: { perspectives: 40, crossOrganisation: 15, availability: 20, location: 10 },
        neverPair: [],
      },
    },
  );
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields.map((f) => f.field)).toEqual(['minimumBandGap']);
});

it('reads matching settings stored with a gap of their own, and ignores that gap', async () => {
  const other = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Old settings cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  const oldId = other.body.id;
  applicants.byCohort.set(oldId, [
    applicant('bea', { displayName: 'Bea Mentor', bandIndex: 1 }),
    applicant('mo', { displayName: 'Mo Mentee', role: 'mentee', bandIndex: 2 }),
  ]);
  const table = TableClient.fromConnectionString(harness.storage.connectionString, 'MatchingRuns', {
    allowInsecureConnection: true,
  });
  await table.upsertEntity({
    partitionKey: oldId,
    rowKey: 'settings',
    json: JSON.stringify({
      aim: 'most-matched',
      minimumBandGap: 1,
      weights: { perspectives: 40, crossOrganisation: 15, availability: 20, location: 10 },
      neverPair: [],
    }),
  });
  const read = await call<MatchingSettingsView>(
    url,
    'GET',
    `/api/cohorts/${oldId}/matching/settings`,
    { token },
  );
  expect(read.status).toBe(200);
  expect(read.body.settings).not.toHaveProperty('minimumBandGap');
  expect(read.body.settings.aim).toBe('most-matched');
  // No application settings saved: the default gap (2), not the old stored 1.
  expect(read.body.minimumBandGap).toBe(2);
  const run = await call<RunView>(url, 'POST', `/api/cohorts/${oldId}/matching/runs`, {
    token,
    json: {},
  });
  expect(run.status).toBe(201);
  expect(run.body.pairs).toEqual([]);
});
