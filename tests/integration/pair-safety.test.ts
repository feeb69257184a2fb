import type { RunningService } from '../../bot/src/app/service';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import type { JourneyDriver } from '../support/journey-driver';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

const user = (n: number, name: string) => ({
  aadObjectId: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  timeZone: 'Europe/London',
});

let harness: BotHarness;
let service: RunningService;
let drive: JourneyDriver;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  ({ service, drive } = harness);
});

afterAll(() => harness.stop());

describe('rules that protect people', () => {
  it('a private reflection reaches no partner and no coordinator, through any command or route', async () => {
    const ama = user(1, 'Ama Boateng');
    const dev = user(2, 'Dev Patel');
    const cohortId = await activePair(drive, service.url, ama, dev);
    const secret = 'I felt talked over in the board meeting';
    const shared = 'We should both read the staff survey';

    await drive.setClock('2027-03-03T10:00:00Z');
    await drive.say(dev, 'log meeting');
    await drive.click(dev, 'meeting.log', {
      ...drive.actionData(dev, 'meeting.log'),
      date: '2027-03-02',
      time: '10:00',
      minutes: '60',
    });
    await drive.runJobs();
    await drive.click(dev, 'reflection.save', {
      ...drive.actionData(dev, 'reflection.save'),
      outcome: 'held',
      minutes: '60',
      learned: secret,
      share: 'false',
    });
    await drive.setClock('2027-03-04T10:00:00Z');
    await drive.runJobs();
    await drive.click(ama, 'reflection.save', {
      ...drive.actionData(ama, 'reflection.save'),
      outcome: 'held',
      minutes: '60',
      learned: shared,
      share: 'true',
    });

    // Every command Ama and the coordinator can type, and every API route they can call.
    const priya = { aadObjectId: COORDINATOR.userId, name: COORDINATOR.name };
    for (const who of [ama, priya]) {
      for (const command of [
        'help',
        'my pair',
        'next meeting',
        'actions',
        'reflect',
        'pause',
        'resume',
        'end pairing',
        'log meeting',
      ]) {
        await drive.say(who, command);
      }
    }
    const answers: string[] = [];
    for (const token of [
      await devToken(service.url, { userId: ama.aadObjectId, name: ama.name }),
      await devToken(service.url, COORDINATOR),
    ]) {
      for (const path of [
        '/api/me',
        '/api/cohorts',
        `/api/cohorts/${cohortId}`,
        `/api/cohorts/${cohortId}/participants`,
        `/api/cohorts/${cohortId}/pairs`,
      ]) {
        answers.push(JSON.stringify((await call(service.url, 'GET', path, { token })).body));
      }
    }
    const seen = [...drive.inbox(ama), ...drive.inbox(priya)].map((r) =>
      JSON.stringify(r.activity),
    );
    expect([...seen, ...answers].join('\n')).not.toContain(secret);
    // The reflection is stored, for its author.
    const space = await service.parts.repos.pairSpaces.load(
      (await service.parts.repos.pairs.listByCohort(cohortId))[0]!.id,
    );
    expect(space.reflections.map((r) => r.value.learned).sort()).toEqual([secret, shared].sort());
  });

  it('pausing tells the partner only that the pairing is paused, never who or why, and stops nudges', async () => {
    const kofi = user(3, 'Kofi Asante');
    const helen = user(4, 'Helen Carter');
    const cohortId = await activePair(drive, service.url, kofi, helen, '2027-03-08T08:00:00Z');
    await drive.setClock('2027-03-08T11:00:00Z');
    await drive.say(kofi, 'pause');
    const reason = 'My manager is making this hard';
    const before = drive.inbox(helen).length;
    const paused = await drive.click(kofi, 'pair.pause', {
      ...drive.actionData(kofi, 'pair.pause'),
      weeks: 'until_resumed',
      reason,
    });
    expect(paused.text).toMatch(/Your pairing is paused/);
    const told = drive.textsSince(helen, before).join('\n');
    expect(told).toMatch(/paused/i);
    expect(told).not.toContain('Kofi');
    expect(told).not.toContain(reason);

    // No nudges while paused, even when a new window opens.
    const quiet = drive.inbox(helen).length;
    await drive.at('2027-04-08T09:01:00Z');
    await drive.at('2027-04-09T09:01:00Z');
    expect(drive.inbox(helen).length).toBe(quiet);

    // The coordinator sees the state; the reason stays in the pair's status, not in any answer.
    const pairs = await call<{ pairs: { state: string }[] }>(
      service.url,
      'GET',
      `/api/cohorts/${cohortId}/pairs`,
      {
        token: await devToken(service.url, COORDINATOR),
      },
    );
    expect(pairs.body.pairs).toEqual([expect.objectContaining({ state: 'paused' })]);

    // Helen cannot resume a pause she did not start; Kofi can.
    await drive.say(helen, 'resume');
    const refused = await drive.click(helen, 'pair.resume', {
      pairId: drive.actionData(kofi, 'pair.pause').pairId,
      cardVersion: 1,
    });
    expect(refused.text).toMatch(/Nothing changed/);
    const resumed = await drive.click(kofi, 'pair.resume', {
      pairId: drive.actionData(kofi, 'pair.pause').pairId,
      cardVersion: 1,
    });
    expect(resumed.text).toMatch(/Welcome back/);
  });

  it('a suggested change to the contract asks both partners to agree again', async () => {
    const lee = user(7, 'Lee Grant');
    const ros = user(8, 'Ros Hale');
    // Lee agrees; Ros suggests a change before agreeing.
    const cohortDay = '2027-03-22T08:00:00Z';
    await drive.setClock(cohortDay);
    await drive.install(lee);
    await drive.install(ros);
    const token = await devToken(service.url, COORDINATOR);
    const cohort = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Contract cohort', startDate: '2027-03-22', endDate: '2027-09-30' },
    });
    await call(service.url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
      token,
      contentType: 'text/csv',
      body: [
        'email,display_name,role,entra_object_id,partner_email',
        `lee@t.nhs.uk,Lee Grant,mentor,${lee.aadObjectId},ros@t.nhs.uk`,
        `ros@t.nhs.uk,Ros Hale,mentee,${ros.aadObjectId},`,
      ].join('\n'),
    });
    await drive.at('2027-03-22T10:00:00Z');
    const ids = drive.actionData(lee, 'contract.open');
    await drive.click(lee, 'contract.agree', { ...ids, contractVersion: 1 });

    const form = await drive.click(ros, 'contract.edit', { ...ids, contractVersion: 1 });
    expect(form.text).toMatch(/Save changes/);
    const invalid = await drive.click(ros, 'contract.save', {
      ...ids,
      contractVersion: 1,
      confidentiality: '',
      frequency: 'Twice a month',
      mode: 'online',
      boundaries: 'b',
      pauseOrEnd: 'p',
      raisingConcerns: 'r',
    });
    expect(invalid.text).toMatch(/⚠ Please write confidentiality/);
    const before = drive.inbox(lee).length;
    const saved = await drive.click(ros, 'contract.save', {
      ...ids,
      contractVersion: 1,
      confidentiality: 'Between us',
      frequency: 'Twice a month',
      mode: 'online',
      boundaries: 'No gossip',
      pauseOrEnd: 'Either of us, any time',
      raisingConcerns: 'Ask Priya',
    });
    expect(saved.text).toMatch(/Version 2/);
    expect(saved.text).toMatch(/Twice a month/);
    expect(saved.text).toMatch(/Waiting for Lee Grant/);
    // Lee is shown the new version and asked again; an old "I agree" click is refused.
    expect(drive.textsSince(lee, before).join('\n')).toMatch(/Version 2[\s\S]*Waiting for you/);
    const stale = await drive.click(lee, 'contract.agree', { ...ids, contractVersion: 1 });
    expect(stale.text).toMatch(/Waiting for you/);
  });

  it('a click on an outdated card answers with the current one and saves nothing', async () => {
    const sam = user(5, 'Sam Green');
    const jo = user(6, 'Jo Black');
    await activePair(drive, service.url, sam, jo, '2027-03-15T08:00:00Z');
    await drive.at('2027-03-16T09:01:00Z');
    const samBooking = drive.actionData(sam, 'meeting.booked');
    await drive.say(jo, 'log meeting');
    await drive.click(jo, 'meeting.log', {
      ...drive.actionData(jo, 'meeting.log'),
      date: '2027-03-16',
      time: '08:00',
      minutes: '60',
    });
    // Sam's nudge is now out of date: meeting 1 was held.
    const stale = await drive.click(sam, 'meeting.booked', {
      ...samBooking,
      date: '2027-03-30',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(stale.text).not.toMatch(/booked/i);
    expect(stale.text).toMatch(/1 of 6 held/);
    const pairId = String(samBooking.pairId);
    const meeting = (await service.parts.repos.pairSpaces.load(pairId)).meetings.find(
      (m) => m.value.id === samBooking.meetingId,
    );
    expect(meeting?.value).toMatchObject({
      status: 'held',
      heldMinutes: 60,
      plannedAt: '2027-03-16T08:00:00.000Z',
    });
  });
});
