import { parse } from 'csv-parse/sync';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';
import type { PairHealthRow, PairState } from '../../bot/src/contracts/cohorts';
import { describePairState } from '../../tab/src/shared/format';

/**
 * The rest of issue 14, item 7, with the dev clock through the real service: one word for a
 * pair's state on the partner's tab, the my-pair card and the programme team's health (and its
 * CSV, with the months missed); and a pause for a set time that ends by itself, while a pair
 * resumed by hand and paused again is left alone.
 */

const person = (n: number, name: string): TeamsUser => ({
  aadObjectId: `c9000000-0000-4000-8000-00000000000${n}`,
  name,
  timeZone: 'Europe/London',
});
const AMA = person(1, 'Ama Boateng');
const DEV = person(2, 'Dev Patel');
const KOFI = person(3, 'Kofi Asante');
const HELEN = person(4, 'Helen Carter');
// Lee and Ros mentor each other (never installed: their pair stays proposed).
const LEE = person(5, 'Lee Grant');
const ROS = person(6, 'Ros Hale');
const email = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;

let harness: BotHarness;
let url: string;
let coordinator: string;
let cohortId: string;
const pairOf = new Map<TeamsUser, string>();

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-03-01T08:00:00Z'); // a Monday
  for (const u of [AMA, DEV, KOFI, HELEN]) await drive.install(u);
  await drive.install({ aadObjectId: COORDINATOR.userId, name: COORDINATOR.name });
  coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Words cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const row = (u: TeamsUser, role: string, partner?: TeamsUser, arrangement = '') =>
    `${email(u)},${u.name},${role},${u.aadObjectId},${partner ? email(partner) : ''},${arrangement}`;
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: [
      'email,display_name,role,entra_object_id,partner_email,arrangement',
      row(AMA, 'mentor', DEV),
      row(DEV, 'mentee'),
      row(KOFI, 'mentor', HELEN),
      row(HELEN, 'mentee'),
      row(LEE, 'mentor', ROS, 'reciprocal'),
      row(ROS, 'mentee'),
    ].join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  await drive.at('2027-03-01T10:00:00Z'); // the introductions go out
  for (const u of [AMA, DEV, KOFI, HELEN]) {
    const me = await call<{ memberships: { pair: { id: string } | null }[] }>(
      url,
      'GET',
      '/api/me',
      { token: await tokenOf(u) },
    );
    pairOf.set(u, me.body.memberships[0]!.pair!.id);
  }
});

afterAll(() => harness?.stop());

function tokenOf(u: TeamsUser): Promise<string> {
  return devToken(url, { userId: u.aadObjectId, name: u.name });
}

async function health(): Promise<PairHealthRow[]> {
  const answer = await call<{ pairs: PairHealthRow[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/health`,
    { token: coordinator },
  );
  expect(answer.status).toBe(200);
  return answer.body.pairs;
}

async function healthCsv(): Promise<Record<string, string>[]> {
  const response = await fetch(`${url}/api/cohorts/${cohortId}/health.csv`, {
    headers: { authorization: `Bearer ${coordinator}` },
  });
  expect(response.status).toBe(200);
  return parse(await response.text(), { columns: true }) as Record<string, string>[];
}

/** The word each surface shows for the person's pair: their tab, their my-pair card, the health. */
async function wordsFor(u: TeamsUser) {
  const space = await call<{ pair: { state: PairState } }>(
    url,
    'GET',
    `/api/pairs/${pairOf.get(u)!}`,
    { token: await tokenOf(u) },
  );
  const card = (await harness.drive.say(u, 'my pair')).join('\n');
  const status = /Status\n([^:\n]+)/.exec(card)?.[1];
  const rows = await health();
  const row = rows.find((r) => r.pairId === pairOf.get(u))!;
  const csv = (await healthCsv()).find((r) => r.Mentor === row.mentor)!;
  return {
    tab: describePairState(space.body.pair.state),
    card: status,
    health: row.healthText,
    csvState: csv.State,
  };
}

describe('one word for a pair state, on every surface', () => {
  it('an introduced pair is "Introduced" to the mentee’s tab, the my-pair card and the programme team', async () => {
    expect(await wordsFor(DEV)).toEqual({
      tab: 'Introduced',
      card: 'Introduced',
      health: 'Introduced',
      csvState: 'Introduced',
    });
  });

  it('an active pair is "Active" everywhere; the programme team also sees how it is doing', async () => {
    for (const u of [AMA, DEV, KOFI, HELEN]) {
      await harness.drive.click(u, 'contract.agree', {
        ...harness.drive.actionData(u, 'contract.open'),
        contractVersion: 1,
      });
    }
    const words = await wordsFor(DEV);
    expect(words).toEqual({
      tab: 'Active',
      card: 'Active',
      health: 'On track',
      csvState: 'Active',
    });
  });
});

describe('counts that say how people in reciprocal pairs are counted', () => {
  it('the chat preview of an announcement to mentors says how many are in reciprocal pairs', async () => {
    const coordinatorUser = { aadObjectId: COORDINATOR.userId, name: COORDINATOR.name };
    await harness.drive.say(coordinatorUser, 'announce');
    const preview = await harness.drive.click(coordinatorUser, 'announcement.preview', {
      cohortId,
      audience: 'mentors',
      alsoInChannel: 'false',
      title: 'Mentor huddle',
      text: 'Tea at three',
      sendDate: '',
      sendTime: '',
    });
    // Ama and Kofi, and Lee and Ros, who mentor each other.
    expect(preview.text).toMatch(/Mentors\*\*: 4 people, including 2 in reciprocal pairs\./);
    expect(preview.text).toMatch(/each person is both mentor and mentee/);
  });
});

describe('a pause for a set time', () => {
  it('ends by itself: the pair is active again, both are told kindly, and the nudges carry on', async () => {
    const { drive } = harness;
    await drive.at('2027-03-02T10:00:00Z'); // meeting 1's booking nudges
    const paused = await drive.click(AMA, 'pair.pause', {
      pairId: pairOf.get(AMA),
      cardVersion: 1,
      weeks: '2',
    });
    expect(paused.text).toMatch(/Paused until/);
    // Kofi pauses for two weeks too, resumes by hand three days later, then pauses until resumed.
    await drive.click(KOFI, 'pair.pause', { pairId: pairOf.get(KOFI), cardVersion: 1, weeks: '2' });
    await drive.setClock('2027-03-05T10:00:00Z');
    const resumed = await drive.click(KOFI, 'pair.resume', {
      pairId: pairOf.get(KOFI),
      cardVersion: 1,
    });
    expect(resumed.text).toMatch(/Welcome back/);
    await drive.setClock('2027-03-08T10:00:00Z');
    const again = await drive.click(KOFI, 'pair.pause', {
      pairId: pairOf.get(KOFI),
      cardVersion: 1,
      weeks: 'until_resumed',
    });
    expect(again.text).toMatch(/Your pairing is paused/);
    const seen = new Map([AMA, DEV, KOFI, HELEN].map((u) => [u, drive.inbox(u).length]));

    await drive.at('2027-03-17T10:00:00Z'); // fifteen days after the pause
    await drive.runJobs(); // the kind notices follow the resume
    const states = new Map((await health()).map((r) => [r.pairId, r.state]));
    expect(states.get(pairOf.get(AMA)!)).toBe('active');
    for (const u of [AMA, DEV]) {
      const told = drive.textsSince(u, seen.get(u)!).join('\n');
      expect(told).toMatch(/your pairing has resumed/);
      expect(told).toMatch(/pause on your mentoring pairing has come to its end/);
    }
    // Resumed by hand, then paused until resumed: the old pause's end changes nothing.
    expect(states.get(pairOf.get(KOFI)!)).toBe('paused');
    for (const u of [KOFI, HELEN]) expect(drive.inbox(u).length).toBe(seen.get(u));

    // The next window's nudges were planned again; the pair paused by hand hears nothing.
    const before = new Map([AMA, KOFI].map((u) => [u, drive.inbox(u).length]));
    await drive.at('2027-04-01T09:30:00Z');
    expect(drive.textsSince(AMA, before.get(AMA)!).join('\n')).toMatch(
      /Time to plan your meeting 2 of/,
    );
    expect(drive.inbox(KOFI).length).toBe(before.get(KOFI));
  });

  it('health.csv says how many months each pair missed', async () => {
    const rows = await healthCsv();
    const byMentor = new Map(rows.map((r) => [r.Mentor, r]));
    // Meeting 1's window closed on 31 March with no meeting held; Kofi's pair was paused then.
    expect(byMentor.get(AMA.name)).toMatchObject({ State: 'Active', 'Months missed': '1' });
    expect(byMentor.get(KOFI.name)).toMatchObject({
      State: 'Paused',
      Health: 'Paused',
      'Months missed': '0',
    });
  });
});
