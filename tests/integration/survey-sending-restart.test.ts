import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import type { TeamsUser } from '../support/activities';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import { JourneyDriver } from '../support/journey-driver';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * The surveys' sweep starts on service start for every open cohort (issue 16): pairs introduced
 * while scheduled sending was off (or before this version) still get their baseline once a
 * service that sends surveys starts on the same storage.
 */

const MENTOR: TeamsUser = {
  aadObjectId: 'e1630000-0000-4000-8000-000000000001',
  name: 'Ife Bello',
};
const MENTEE: TeamsUser = { aadObjectId: 'e1630000-0000-4000-8000-000000000002', name: 'Ann Ross' };
const emailOf = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;

let storage: EmbeddedStorage;
let connector: FakeConnector;
let service: RunningService | undefined;

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
}, 600_000);

afterAll(async () => {
  await service?.stop();
  await connector?.stop();
  await storage?.stop();
});

const start = async (surveySending: boolean) => {
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
    SURVEY_SENDING: String(surveySending),
  });
  return new JourneyDriver(service, connector);
};

it('a service that starts with survey sending on sweeps the open cohorts it finds', async () => {
  let drive = await start(false);
  await drive.setClock('2027-03-01T08:00:00Z');
  for (const person of [MENTOR, MENTEE]) await drive.install(person);
  const admin = await devToken(service!.url, COORDINATOR);
  const made = await call<{ id: string }>(service!.url, 'POST', '/api/cohorts', {
    token: admin,
    json: { name: 'Restart cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(service!.url, 'POST', `/api/cohorts/${made.body.id}/roster`, {
    token: admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      row(MENTOR, 'mentor', MENTEE),
      row(MENTEE, 'mentee'),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  await drive.at('2027-03-01T10:00:00Z'); // introduced
  await drive.at('2027-03-03T10:00:00Z'); // sending is off: no survey
  const surveys = () =>
    connector.received.filter((r) => visibleText(r.activity).includes('Starting survey'));
  expect(surveys()).toEqual([]);

  await service!.stop();
  drive = await start(true);
  await drive.at('2027-03-03T10:30:00Z');
  for (const u of [MENTOR, MENTEE]) {
    expect(drive.textsSince(u, 0).filter((t) => t.includes('Starting survey'))).toHaveLength(1);
  }
});
