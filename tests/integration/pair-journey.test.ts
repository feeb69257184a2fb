import type { RunningService } from '../../bot/src/service';
import type { EmbeddedStorage } from '../../bot/src/store/embedded-azurite';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { JourneyDriver } from '../support/journey-driver';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/** A reverse mentor in London and a senior leader in New York: two zones, two DST dates. */
const AMA = {
  aadObjectId: 'a0000000-0000-4000-8000-0000000000a1',
  name: 'Ama Boateng',
  timeZone: 'Europe/London',
};
const DEV = {
  aadObjectId: 'a0000000-0000-4000-8000-0000000000d2',
  name: 'Dev Patel',
  timeZone: 'America/New_York',
};
const COORDINATOR = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

let storage: EmbeddedStorage;
let service: RunningService;
let connector: FakeConnector;
let drive: JourneyDriver;

beforeAll(async () => {
  storage = await startTestStorage();
  connector = await startFakeConnector();
  service = await startTestService(storage.connectionString, {
    COORDINATOR_IDS: COORDINATOR.userId,
  });
  drive = new JourneyDriver(service, connector);
});

afterAll(async () => {
  await service.stop();
  await connector.stop();
  await storage.stop();
});

async function importPair(): Promise<void> {
  const token = await devToken(service.url, COORDINATOR);
  const cohort = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'LLR cohort 5', startDate: '2027-01-04', endDate: '2027-07-31' },
  });
  const roster = [
    'email,display_name,role,job_title,organisation,entra_object_id,partner_email',
    `ama@trust.nhs.uk,Ama Boateng,mentor,Healthcare assistant,City Hospital,${AMA.aadObjectId},dev@trust.nhs.uk`,
    `dev@trust.nhs.uk,Dev Patel,mentee,Director of Nursing,County ICB,${DEV.aadObjectId},`,
  ].join('\n');
  const imported = await call(service.url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
    token,
    body: roster,
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
}

/** What each person received since the last look, as visible text. */
function news() {
  const seen = new Map<string, number>();
  return (user: typeof AMA): string[] => {
    const from = seen.get(user.aadObjectId) ?? drive.inbox(user).length;
    const texts = drive.textsSince(user, from);
    seen.set(user.aadObjectId, drive.inbox(user).length);
    return texts;
  };
}

describe('one pair through a whole programme', () => {
  it('walks a London mentor and a New York mentee from introduction to final review', async () => {
    await drive.setClock('2027-01-04T08:00:00Z');
    await drive.install(AMA);
    await drive.install(DEV);
    await drive.install({ aadObjectId: COORDINATOR.userId, name: COORDINATOR.name });
    await importPair();
    const fresh = news();
    fresh(AMA);
    fresh(DEV);

    // Introductions: 10:00 in London, 05:00 in New York, so only Ama hears now.
    await drive.at('2027-01-04T10:00:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('Meet your partner, Ama')]);
    expect(fresh(DEV)).toEqual([]);
    await drive.at('2027-01-04T14:00:00Z'); // 09:00 in New York
    expect(fresh(DEV)).toEqual([expect.stringContaining('Meet your partner, Dev')]);

    // The contract: each sees who has agreed and who is awaited.
    const opened = await drive.click(AMA, 'contract.open', drive.actionData(AMA, 'contract.open'));
    expect(opened.text).toMatch(/Waiting for you\nWaiting for Dev Patel/);
    const first = await drive.click(AMA, 'contract.agree', {
      ...drive.actionData(AMA, 'contract.open'),
      contractVersion: 1,
    });
    expect(first.text).toMatch(/✓ Agreed by you on 4 January/);
    expect(first.text).toMatch(/Waiting for Dev Patel/);
    const second = await drive.click(DEV, 'contract.agree', {
      ...drive.actionData(DEV, 'contract.open'),
      contractVersion: 1,
    });
    expect(second.text).toMatch(/✓ Agreed by Ama Boateng on 4 January/);
    expect(second.text).toMatch(/✓ Agreed by you on 4 January/);
    expect(fresh(AMA)).toEqual([expect.stringContaining('You are both signed up')]);

    // Meeting 1: each has had a message today, so the booking nudge waits for tomorrow morning.
    await drive.at('2027-01-04T16:30:00Z');
    expect(fresh(AMA)).toEqual([]);
    expect(fresh(DEV)).toEqual([]);
    await drive.at('2027-01-05T09:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('Time to plan your meeting 1 of 6')]);
    expect(fresh(DEV)).toEqual([]);
    await drive.at('2027-01-05T14:01:00Z');
    expect(fresh(DEV)).toEqual([expect.stringContaining('Time to plan your meeting 1 of 6')]);

    // Dev books it for 10:00 New York time on 20 January; Ama is told.
    const booking = drive.actionData(DEV, 'meeting.booked');
    const invalid = await drive.click(DEV, 'meeting.booked', {
      ...booking,
      date: '',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(invalid.text).toMatch(/⚠ Please choose a date/);
    expect(invalid.text).not.toMatch(/Meeting 1 booked/);
    expect(invalid.text).toMatch(/10:00/); // what Dev typed is kept
    const booked = await drive.click(DEV, 'meeting.booked', {
      ...booking,
      date: '2027-01-20',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(booked.text).toMatch(/Meeting 1 booked/);
    expect(booked.text).toMatch(/on Wednesday 20 January at 10:00/);
    expect(fresh(AMA)).toEqual([
      expect.stringMatching(/Meeting 1 is booked[\s\S]*Dev Patel booked your meeting/),
    ]);

    // Preparation two days before (15:00 London, 10:00 New York).
    await drive.at('2027-01-18T15:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('meeting 1')]);
    expect(fresh(DEV)).toEqual([expect.stringContaining('meeting 1')]);
    const prep = await drive.click(AMA, 'preparation.save', {
      ...drive.actionData(AMA, 'preparation.save'),
      topics: 'How rota decisions land on the ward',
      share: 'true',
    });
    expect(prep.text).toMatch(/Preparation saved/);

    // Reflection an hour after it ends: 17:00 in London is after hours, 12:00 in New York is not.
    await drive.at('2027-01-20T17:01:00Z');
    expect(fresh(DEV)).toEqual([expect.stringContaining('How did meeting 1 go')]);
    expect(fresh(AMA)).toEqual([]);
    const reflection = drive.actionData(DEV, 'reflection.save');
    const saved = await drive.click(DEV, 'reflection.save', {
      ...reflection,
      outcome: 'held',
      minutes: '70',
      learned: 'Night shifts carry decisions made in daytime meetings',
      differently: 'Ask the ward before the board',
      share: 'false',
      action1Text: 'Shadow a ward round together',
      action1Owner: 'partner',
      action1Due: '2027-02-10',
    });
    expect(saved.text).toMatch(/Only you can see it/);
    expect(saved.text).toMatch(/Agreed action: Shadow a ward round together/);
    await drive.at('2027-01-21T09:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('How did meeting 1 go')]);
  });
});
