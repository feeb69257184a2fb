import { TableClient } from '@azure/data-tables';
import type { ApplicationReviewList } from '../../bot/src/contracts/application-review';
import type { ApplicationSettingsDetail } from '../../bot/src/contracts/applications';
import { DECISION_MESSAGES } from '../../bot/src/contracts/decision-messages';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * The words each applicant is told are the cohort's own templates, kept with the application
 * settings: a changed template reaches the applicant's card; a placeholder that does not exist
 * (or `{reason}` outside the decline) is refused with its field named; settings stored before
 * the templates existed read with the kind defaults.
 */

const NIA = { aadObjectId: 'e1500000-0000-4000-8000-000000000001', name: 'Dr Nia Adeyemi' };
const NIA_EMAIL = 'nia.adeyemi@trust.nhs.uk';

let harness: BotHarness;
let url: string;
let token: string;
let cohortId: string;

const currentEtag = async () =>
  (await call<ApplicationSettingsDetail>(url, 'GET', settingsPath(), { token })).body.etag;

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights'],
  requireTraining: false,
  awarenessEventIds: [] as string[],
};

const FORM = {
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 3',
  organisation: 'Leicester Royal Infirmary',
  directorate: 'Emergency medicine',
  lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
  perspectivesShared: ['Working nights'],
  perspectivesWanted: [],
  meetingMode: 'online',
  availability: ['tue-am'],
  consent: true,
};

const settingsPath = () => `/api/cohorts/${cohortId}/application-settings`;
type Refusal = { error: { details?: { fields?: { field: string; message: string }[] } } };

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  await harness.drive.setClock('2027-01-10T10:00:00Z');
  token = await devToken(url, COORDINATOR);
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Templates cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
}, 120_000);

afterAll(() => harness?.stop());

it('reads settings saved before the templates existed with the kind defaults', async () => {
  const table = TableClient.fromConnectionString(
    harness.storage.connectionString,
    'ApplicationSettings',
    { allowInsecureConnection: true },
  );
  await table.createTable().catch(() => undefined);
  await table.upsertEntity({
    partitionKey: 'settings',
    rowKey: cohortId,
    data: JSON.stringify(SETTINGS),
  });
  const read = await call<ApplicationSettingsDetail>(url, 'GET', settingsPath(), { token });
  expect(read.status).toBe(200);
  expect(read.body.settings.decisionMessages).toEqual(DECISION_MESSAGES);
});

it('refuses an unknown placeholder, and {reason} outside the decline, naming the field', async () => {
  const refused = await call<Refusal>(url, 'PUT', settingsPath(), {
    token,
    headers: { 'if-match': (await currentEtag()) ?? '' },
    json: {
      ...SETTINGS,
      decisionMessages: {
        ...DECISION_MESSAGES,
        accept: { title: 'Welcome, {fullName}', text: DECISION_MESSAGES.accept.text },
        waitlist: { title: DECISION_MESSAGES.waitlist.title, text: 'Sorry: {reason}' },
      },
    },
  });
  expect(refused.status).toBe(400);
  const fields = refused.body.error.details?.fields ?? [];
  expect(fields.map((f) => f.field).sort()).toEqual([
    'decisionMessages.accept.title',
    'decisionMessages.waitlist.text',
  ]);
  expect(fields.find((f) => f.field === 'decisionMessages.accept.title')?.message).toMatch(
    /\{fullName\} is not one of them/,
  );
  expect(fields.find((f) => f.field === 'decisionMessages.waitlist.text')?.message).toMatch(
    /only the decline message has a reason/,
  );
});

it('tells the applicant in the cohort’s changed words', async () => {
  const saved = await call<ApplicationSettingsDetail>(url, 'PUT', settingsPath(), {
    token,
    headers: { 'if-match': (await currentEtag()) ?? '' },
    json: {
      ...SETTINGS,
      decisionMessages: {
        ...DECISION_MESSAGES,
        waitlist: {
          title: 'Thank you, {firstName}',
          text: 'Hello {firstName}: {cohortName} is full, and you are first in line for a place.',
        },
      },
    },
  });
  expect(saved.status).toBe(200);

  await harness.drive.install(NIA);
  const nia = await devToken(url, { userId: NIA.aadObjectId, name: NIA.name, email: NIA_EMAIL });
  const sent = await call(url, 'POST', `/api/cohorts/${cohortId}/applications/mine/submit`, {
    token: nia,
    json: FORM,
  });
  expect(sent.status).toBe(200);
  const list = await call<ApplicationReviewList>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/applications`,
    { token },
  );
  const item = list.body.applications.find((a) => a.applicationId === NIA.aadObjectId)!;
  const decided = await call(
    url,
    'POST',
    `/api/cohorts/${cohortId}/applications/${NIA.aadObjectId}/decision`,
    { token, json: { decision: 'waitlist', etag: item.etag } },
  );
  expect(decided.status).toBe(200);
  await call(url, 'POST', '/api/dev/run-jobs', { json: {} });
  const told = () =>
    harness.drive
      .inbox(NIA)
      .map((r) => visibleText(r.activity))
      .filter((t) => /full/.test(t));
  await waitUntil(() => told().length > 0, 'Nia’s decision');
  expect(told()[0]).toContain('Thank you, Nia');
  expect(told()[0]).toContain(
    'Hello Nia: Templates cohort is full, and you are first in line for a place.',
  );
});
