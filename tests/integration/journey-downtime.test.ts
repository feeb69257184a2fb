import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * After the service was down, reminders whose moment has passed are skipped, not sent late:
 * driven by the dev clock and `run-jobs` through the real service, Azurite and a fake connector.
 */

const AMA = {
  aadObjectId: 'b7000000-0000-4000-8000-000000000001',
  name: 'Ama Boateng',
  timeZone: 'Europe/London',
};
const DEV = {
  aadObjectId: 'b7000000-0000-4000-8000-000000000002',
  name: 'Dev Patel',
  timeZone: 'Europe/London',
};

let harness: BotHarness;
let url: string;
let cohortId: string;
let pairId: string;
let ama: string;
let coordinator: string;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  cohortId = await activePair(harness.drive, url, AMA, DEV, '2027-03-01T08:00:00Z');
  ama = await devToken(url, { userId: AMA.aadObjectId, name: AMA.name });
  coordinator = await devToken(url, COORDINATOR);
  const me = await call<{ memberships: { pair: { id: string } }[] }>(url, 'GET', '/api/me', {
    token: ama,
  });
  pairId = me.body.memberships[0]!.pair.id;
});

afterAll(() => harness.stop());

function textsOf(user: typeof AMA): string[] {
  return harness.connector.deliveredTo(user.aadObjectId).map((r) => visibleText(r.activity));
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function announcementStatus(id: string): Promise<string> {
  const got = await call<{ announcement: { status: string } }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/announcements/${id}`,
    { token: coordinator },
  );
  expect(got.status).toBe(200);
  return got.body.announcement.status;
}

describe('reminders after downtime', () => {
  it('sends an action’s "due today" alone when "coming up" is past, and neither nine days late', async () => {
    // The booking nudge for meeting 1 goes out first, so nothing else is waiting for Ama.
    await harness.drive.at('2027-03-02T10:00:00Z');
    for (const [text, dueDate] of [
      ['Share the rota data', '2027-03-03'],
      ['Book a shadowing day', '2027-03-12'],
    ]) {
      const added = await call(url, 'POST', `/api/pairs/${pairId}/actions`, {
        token: ama,
        json: { text, owner: 'me', dueDate },
      });
      expect(added.status).toBe(201);
    }
    const before = textsOf(AMA).length;
    // Down from 2 March until 09:30 on 12 March: "coming up" for the 12th (due 10 March) has
    // passed, "due today" has not; the action due on 3 March is nine days late for both.
    await harness.drive.at('2027-03-12T09:30:00Z');
    await waitFor(() => textsOf(AMA).length > before, 'Ama’s message');
    const got = textsOf(AMA).slice(before).join('\n---\n');
    expect(got).toMatch(/Due today: an action you agreed[\s\S]*Book a shadowing day/);
    expect(got).not.toMatch(/Coming up/);
    expect(got).not.toMatch(/Share the rota data/);
  });

  it('never says "this is tomorrow" on the day itself, and skips both event reminders six days late', async () => {
    const events = `/api/cohorts/${cohortId}/events`;
    const make = async (title: string, start: string, end: string) => {
      const created = await call<{ id: string }>(url, 'POST', events, {
        token: coordinator,
        json: { type: 'peer_support', title, start, end, location: 'Teams' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const invited = await call(url, 'POST', `${events}/${id}/invitations`, {
        token: coordinator,
      });
      expect(invited.status).toBe(201);
      const rsvp = await call(url, 'PUT', `${events}/${id}/rsvp`, {
        token: ama,
        json: { response: 'yes' },
      });
      expect(rsvp.status).toBe(200);
      return id;
    };
    const circle = await make('Peer circle', '2027-03-17T12:00:00Z', '2027-03-17T13:00:00Z');
    const learning = await make('Learning set', '2027-03-18T12:00:00Z', '2027-03-18T13:00:00Z');

    // Back at 08:00 on the day of the circle: its "tomorrow" reminder (due yesterday noon) is
    // wrong today, so it is skipped; the hour reminder still goes at its time.
    await harness.drive.at('2027-03-17T08:00:00Z');
    expect(await announcementStatus(`reminder-day-${circle}`)).toBe('cancelled');
    expect(await announcementStatus(`reminder-hour-${circle}`)).toBe('scheduled');
    await harness.drive.at('2027-03-17T11:01:00Z');
    await waitFor(
      () => textsOf(AMA).some((t) => /starts in an hour[\s\S]*Peer circle/.test(t)),
      'the hour reminder',
    );
    expect(await announcementStatus(`reminder-hour-${circle}`)).not.toBe('cancelled');

    // Down again until six days after the learning set: neither of its reminders goes.
    await harness.drive.at('2027-03-24T10:00:00Z');
    expect(await announcementStatus(`reminder-day-${learning}`)).toBe('cancelled');
    expect(await announcementStatus(`reminder-hour-${learning}`)).toBe('cancelled');
    expect(textsOf(AMA).some((t) => /this is tomorrow/.test(t))).toBe(false);
  });
});
