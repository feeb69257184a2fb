import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * A pair that has not agreed its contract five working days (Monday to Friday, in the cohort's
 * time zone) after the introduction gets ONE gentle chaser, to both partners, and from then on
 * the coordinator sees the pair as "Not started". Driven by the dev clock.
 */

const NIA: TeamsUser = { aadObjectId: 'c4000000-0000-4000-8000-0000000000a1', name: 'Nia Okafor' };
const TOM: TeamsUser = { aadObjectId: 'c4000000-0000-4000-8000-0000000000a2', name: 'Tom Hale' };
const ZED: TeamsUser = { aadObjectId: 'c4000000-0000-4000-8000-0000000000a3', name: 'Zed Amin' };
const YAS: TeamsUser = { aadObjectId: 'c4000000-0000-4000-8000-0000000000a4', name: 'Yas Noor' };

let harness: BotHarness;
let token = '';

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
}, 600_000);

afterAll(() => harness?.stop());

async function cohortWith(pairs: [TeamsUser, TeamsUser][], name: string): Promise<string> {
  const url = harness.service.url;
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  const email = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;
  const rows = pairs.flatMap(([mentor, mentee]) => [
    `${email(mentor)},${mentor.name},mentor,${mentor.aadObjectId},${email(mentee)}`,
    `${email(mentee)},${mentee.name},mentee,${mentee.aadObjectId},`,
  ]);
  const imported = await call(url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
    token,
    body: ['email,display_name,role,entra_object_id,partner_email', ...rows].join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  return cohort.body.id;
}

async function healthOf(cohortId: string): Promise<Record<string, string>> {
  const answer = await call<{ pairs: { mentor: string; health: string; healthText: string }[] }>(
    harness.service.url,
    'GET',
    `/api/cohorts/${cohortId}/health`,
    { token },
  );
  expect(answer.status).toBe(200);
  return Object.fromEntries(answer.body.pairs.map((p) => [p.mentor, p.healthText]));
}

describe('the contract chaser', () => {
  it('sends one gentle chaser to both five working days after the introduction, then shows "Not started"', async () => {
    const { drive } = harness;
    // Monday 1 March 2027, London.
    await drive.setClock('2027-03-01T08:00:00Z');
    for (const person of [NIA, TOM, ZED, YAS]) await drive.install(person);
    const cohortId = await cohortWith(
      [
        [NIA, TOM],
        [ZED, YAS],
      ],
      'Chaser cohort',
    );
    await drive.at('2027-03-01T10:00:00Z'); // the introductions go out
    for (const person of [NIA, TOM, ZED, YAS]) {
      expect(drive.textsSince(person, 0).join('\n')).toContain('Meet your partner');
    }
    // Zed and Yas agree in time; Nia agrees too, Tom does not.
    for (const person of [ZED, YAS, NIA]) {
      await drive.click(person, 'contract.agree', {
        ...drive.actionData(person, 'contract.open'),
        contractVersion: 1,
      });
    }
    const seen = { nia: drive.inbox(NIA).length, tom: drive.inbox(TOM).length };
    const agreedInTime = { zed: drive.inbox(ZED).length, yas: drive.inbox(YAS).length };
    expect(await healthOf(cohortId)).toEqual({
      'Nia Okafor': 'Introduced',
      'Zed Amin': 'On track',
    });

    // Friday 5 March: four working days on. Nothing yet.
    await drive.at('2027-03-05T15:00:00Z');
    expect(drive.textsSince(TOM, seen.tom)).toEqual([]);
    expect(drive.textsSince(NIA, seen.nia)).toEqual([]);
    expect((await healthOf(cohortId))['Nia Okafor']).toBe('Introduced');

    // The weekend does not count. Monday 8 March, just after 10:00: five working days on.
    await drive.at('2027-03-06T12:00:00Z');
    await drive.at('2027-03-07T12:00:00Z');
    expect(drive.textsSince(TOM, seen.tom)).toEqual([]);
    await drive.at('2027-03-08T10:05:00Z');
    const toTom = drive.textsSince(TOM, seen.tom);
    const toNia = drive.textsSince(NIA, seen.nia);
    expect(toTom).toEqual([expect.stringContaining('Your contract is waiting, Tom')]);
    expect(toTom[0]).toContain('Nia Okafor**, who has already agreed');
    expect(toTom[0]).toContain('the only reminder');
    expect(toNia).toEqual([expect.stringContaining('Waiting for Tom')]);
    // The pair that agreed in time hears nothing.
    const since = [
      ...drive.textsSince(ZED, agreedInTime.zed),
      ...drive.textsSince(YAS, agreedInTime.yas),
    ];
    expect(since.join('\n')).not.toMatch(/contract is waiting|Waiting for/);
    expect(await healthOf(cohortId)).toEqual({
      'Nia Okafor': 'Not started',
      'Zed Amin': 'On track',
    });

    // Only one: the next days bring no second chaser.
    for (const day of ['2027-03-09', '2027-03-10', '2027-03-15']) {
      await drive.at(`${day}T10:00:00Z`);
    }
    expect(drive.textsSince(TOM, seen.tom)).toHaveLength(1);
    expect(drive.textsSince(NIA, seen.nia)).toHaveLength(1);

    // Once Tom agrees, the pair is active and no longer "Not started".
    await drive.click(TOM, 'contract.agree', {
      ...drive.actionData(TOM, 'contract.open'),
      contractVersion: 1,
    });
    expect((await healthOf(cohortId))['Nia Okafor']).toBe('On track');
  }, 600_000);
});
