import { createRepositories } from '../../bot/src/app/repositories';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { startTestStorage } from '../support/test-service';

/**
 * Cohorts stored before a cohort had a time zone, working hours, arrangements and a status still
 * read (issue 14): each missing or unreadable setting takes its default.
 */

let storage: EmbeddedStorage;
let store: TableStore;

beforeAll(async () => {
  storage = await startTestStorage();
  store = new TableStore({ kind: 'connection-string', connectionString: storage.connectionString });
  await store.ensureTables();
});

afterAll(() => storage.stop());

const OLD_ROW = {
  partitionKey: 'cohort',
  name: 'Cohort stored in 2026',
  startDate: '2026-09-01',
  endDate: '2027-02-28',
  frequency: 'monthly',
  plannedMeetings: 6,
  minimumMeetings: 3,
  minimumMinutes: 60,
  isDemo: false,
  createdBy: 'someone',
  createdAt: '2026-08-01T09:00:00.000Z',
  channel: '',
};

it('reads a cohort stored without the new settings with the defaults', async () => {
  await store.table('cohorts').createEntity({ ...OLD_ROW, rowKey: 'old-cohort' });
  const read = await createRepositories(store).cohorts.get('old-cohort');
  expect(read?.value).toMatchObject({
    name: 'Cohort stored in 2026',
    timeZone: 'Europe/London',
    workingHours: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
    arrangements: ['reverse', 'reciprocal'],
    status: 'open',
  });
});

it('reads unreadable settings as the defaults, and keeps readable ones', async () => {
  await store.table('cohorts').createEntity({
    ...OLD_ROW,
    rowKey: 'odd-cohort',
    timeZone: 'Mars/Olympus',
    workingHours: '{not json',
    arrangements: 'reciprocal,sideways',
    status: 'frozen',
  });
  const read = await createRepositories(store).cohorts.get('odd-cohort');
  expect(read?.value).toMatchObject({
    timeZone: 'Europe/London',
    workingHours: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
    arrangements: ['reciprocal'],
    status: 'open',
  });
});
