import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

const MIA = {
  aadObjectId: 'e0000000-0000-4000-8000-000000000001',
  name: 'Mia Cole',
  timeZone: 'Europe/London',
};
const RAJ = {
  aadObjectId: 'e0000000-0000-4000-8000-000000000002',
  name: 'Raj Shah',
  timeZone: 'Europe/London',
};

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
});

afterAll(() => harness.stop());

describe('the coordinator’s health table', () => {
  it('shows states, counts and dates as months are missed, never what the pair wrote, and exports CSV', async () => {
    const { drive, service } = harness;
    const url = service.url;
    const cohortId = await activePair(drive, url, MIA, RAJ);
    const token = await devToken(url, COORDINATOR);
    const health = async () =>
      (
        await call<{ pairs: Record<string, unknown>[] }>(
          url,
          'GET',
          `/api/cohorts/${cohortId}/health`,
          { token },
        )
      ).body.pairs;

    expect(await health()).toEqual([
      expect.objectContaining({
        mentor: 'Mia Cole',
        mentee: 'Raj Shah',
        health: 'on_track',
        held: 0,
        planned: 6,
        lastContact: null,
      }),
    ]);

    // Meeting 1 happens, with a private reflection; meeting 2's window passes unmet.
    await drive.setClock('2027-03-10T10:00:00Z');
    await drive.say(RAJ, 'log meeting');
    await drive.click(RAJ, 'meeting.log', {
      ...drive.actionData(RAJ, 'meeting.log'),
      date: '2027-03-09',
      time: '10:00',
      minutes: '60',
    });
    await drive.runJobs();
    await drive.click(RAJ, 'reflection.save', {
      ...drive.actionData(RAJ, 'reflection.save'),
      outcome: 'held',
      minutes: '60',
      learned: 'Nobody else reads this',
      share: 'false',
    });
    await drive.at('2027-05-03T09:01:00Z');
    expect(await health()).toEqual([
      expect.objectContaining({
        health: 'needs_check_in',
        held: 1,
        lastContact: '2027-03-09T10:00:00.000Z',
      }),
    ]);
    await drive.at('2027-06-02T09:01:00Z');
    const atRisk = await health();
    expect(atRisk).toEqual([expect.objectContaining({ health: 'at_risk', healthText: 'At risk' })]);
    expect(JSON.stringify(atRisk)).not.toContain('Nobody else reads this');

    const csv = await fetch(`${url}/api/cohorts/${cohortId}/health.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe(
      'Mentor,Mentee,Arrangement,State,Health,Meetings held,Meetings planned,Months missed,Minimum met,Last meeting,Asked for a word,Paused or ended by,Their part,Paused or ended on,Reason,Paused until,Who asked for a word',
    );
    // The state in the partners' words, how the pair is doing, and the two months missed.
    expect(text).toContain('Mia Cole,Raj Shah,reverse,Active,At risk,1,6,2,no,2027-03-09,0,,,,,,');
    expect(text).not.toContain('Nobody else reads this');

    // Participants are refused.
    const mia = await devToken(url, { userId: MIA.aadObjectId, name: MIA.name });
    expect((await call(url, 'GET', `/api/cohorts/${cohortId}/health`, { token: mia })).status).toBe(
      403,
    );
    expect(
      (
        await fetch(`${url}/api/cohorts/${cohortId}/health.csv`, {
          headers: { authorization: `Bearer ${mia}` },
        })
      ).status,
    ).toBe(403);
  });
});
