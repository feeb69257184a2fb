import type { RunningService } from '../../bot/src/app/service';
import { type TeamsUser, invokeActivity, postInvoke } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import type { JourneyDriver } from '../support/journey-driver';
import { call, devToken } from '../support/test-service';

/**
 * Bad input on the cards (issue 13, items 5, 6, 7, 8, 10 and 11): whatever a card sends, the
 * person gets a card saying what to change beside what they typed, nothing is stored, and the
 * turn never falls through to the apology.
 */

const user = (n: number, name: string): TeamsUser => ({
  aadObjectId: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
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

const APOLOGY = /something went wrong on my side/i;

/** Posts any invoke; returns the HTTP status and the card Teams would show, as visible text. */
async function invoke(who: TeamsUser, activity: Record<string, unknown>) {
  const response = await postInvoke(service.url, activity);
  const card = response.body.value;
  const text = visibleText({ type: 'message', attachments: [{ contentType: 'c', content: card }] });
  return { status: response.status, statusCode: response.body.statusCode, card, text };
}

/** Nothing the person received since `from` is the apology (or the outage words). */
function noApologySince(who: TeamsUser, from: number): void {
  for (const text of drive.textsSince(who, from)) {
    expect(text).not.toMatch(APOLOGY);
    expect(text).not.toMatch(/can't reach the programme's records/);
  }
}

const cohortOf = new Map<string, string>();

async function pairWithContract(a: TeamsUser, b: TeamsUser): Promise<string> {
  const cohortId = await activePair(drive, service.url, a, b);
  const pairId = String(drive.actionData(a, 'contract.open').pairId);
  cohortOf.set(pairId, cohortId);
  return pairId;
}

/** When this person's reminders are paused until, as stored. */
async function pausedUntil(pairId: string, who: TeamsUser): Promise<string | undefined> {
  const { repos } = service.parts;
  const people = await repos.participants.listByCohort(cohortOf.get(pairId)!);
  const me = people.find((p) => p.userId === who.aadObjectId)!;
  const space = await repos.pairSpaces.load(pairId);
  return space.status?.value.remindersPausedUntil[me.id];
}

describe('numbers a card sends have a range (item 5)', () => {
  it('reminders.pause refuses 1e12, Infinity and 100000 weeks, saying what to send', async () => {
    const ama = user(1, 'Ama Boateng');
    const dev = user(2, 'Dev Patel');
    const pairId = await pairWithContract(ama, dev);
    const before = drive.inbox(ama).length;
    for (const weeks of ['1e12', 'Infinity', 100000, -3, '2.5']) {
      const answer = await drive.click(ama, 'reminders.pause', { pairId, weeks });
      expect(answer.text).toContain('Not paused');
      expect(answer.text).toContain('whole number of weeks from 1 to 12');
      expect(answer.text).toContain(String(weeks));
      expect(await pausedUntil(pairId, ama)).toBeUndefined();
    }
    noApologySince(ama, before);

    const ok = await drive.click(ama, 'reminders.pause', { pairId, weeks: '3' });
    expect(ok.text).toContain("I won't nudge you for 3 weeks");
    expect(await pausedUntil(pairId, ama)).toMatch(/^2027-03-22T10:0/); // three weeks on
  });
});

describe('dates that do not exist (item 6)', () => {
  it('an agreed action due 2027-02-31, 9999-99-99, 0000-00-00 or years away is not stored', async () => {
    const ama = user(3, 'Ama Owusu');
    const dev = user(4, 'Dev Shah');
    const pairId = await pairWithContract(ama, dev);
    await drive.setClock('2027-03-03T10:00:00Z');
    await drive.say(dev, 'log meeting');
    await drive.click(dev, 'meeting.log', {
      ...drive.actionData(dev, 'meeting.log'),
      date: '2027-03-02',
      time: '10:00',
      minutes: '60',
    });
    await drive.runJobs();
    const reflect = drive.actionData(dev, 'reflection.save');
    const before = drive.inbox(dev).length;
    for (const due of ['2027-02-31', '9999-99-99', '0000-00-00', '2031-01-01']) {
      const answer = await drive.click(dev, 'reflection.save', {
        ...reflect,
        outcome: 'held',
        minutes: '60',
        action1Text: 'Shadow a ward round',
        action1Owner: 'me',
        action1Due: due,
      });
      // The reflection card again, the problem beside the due date, what was typed kept.
      expect(answer.text).toMatch(/not a real date|Choose a due date between/);
      expect(answer.text).toContain(due);
      expect(answer.text).toContain('Shadow a ward round');
    }
    const space = await service.parts.repos.pairSpaces.load(pairId);
    expect(space.actions).toEqual([]);
    expect(space.reflections).toEqual([]);
    noApologySince(dev, before);
  });

  it('a meeting logged before the programme began is refused beside its date', async () => {
    const ama = user(16, 'Ama Quaye');
    const dev = user(17, 'Dev Iyer');
    const pairId = await pairWithContract(ama, dev);
    await drive.say(dev, 'log meeting');
    const answer = await drive.click(dev, 'meeting.log', {
      ...drive.actionData(dev, 'meeting.log'),
      date: '2001-01-01',
      time: '10:00',
      minutes: '60',
    });
    expect(answer.text).toContain('before the programme began (2027-03-01)');
    expect(answer.text).toContain('2001-01-01');
    const space = await service.parts.repos.pairSpaces.load(pairId);
    expect(space.meetings.filter((m) => m.value.status === 'held')).toEqual([]);
  });

  it('a meeting booked in year 9999 is refused beside its date', async () => {
    const ama = user(5, 'Ama Mensah');
    const dev = user(6, 'Dev Rao');
    const pairId = await pairWithContract(ama, dev);
    const space = await service.parts.repos.pairSpaces.load(pairId);
    const meetingId = space.meetings[0]!.value.id;
    const answer = await drive.click(ama, 'meeting.booked', {
      pairId,
      meetingId,
      date: '9999-12-31',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(answer.text).toMatch(/does not exist|more than two years ahead/);
    expect(answer.text).toContain('9999-12-31');
    const after = await service.parts.repos.pairSpaces.load(pairId);
    expect(after.meetings[0]!.value.plannedAt).toBeUndefined();
  });
});

describe('cards clicked out of turn (items 7 and 8)', () => {
  it('contract.agree before the introduction says the contract is not ready yet', async () => {
    const kofi = user(7, 'Kofi Annan');
    const lena = user(8, 'Lena Park');
    await drive.setClock('2027-03-01T08:00:00Z');
    await drive.install(kofi);
    await drive.install(lena);
    const token = await devToken(service.url, COORDINATOR);
    const cohort = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Early birds', startDate: '2027-03-01', endDate: '2027-08-31' },
    });
    const roster = [
      'email,display_name,role,entra_object_id,partner_email',
      `kofi@trust.nhs.uk,Kofi Annan,mentor,${kofi.aadObjectId},lena@trust.nhs.uk`,
      `lena@trust.nhs.uk,Lena Park,mentee,${lena.aadObjectId},`,
    ].join('\n');
    const imported = await call(service.url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
      token,
      body: roster,
      contentType: 'text/csv',
    });
    expect(imported.status).toBe(201);
    const pairs = await call<{ pairs: { id: string }[] }>(
      service.url,
      'GET',
      `/api/cohorts/${cohort.body.id}/pairs`,
      { token },
    );
    const pairId = pairs.body.pairs[0]!.id;
    const before = drive.inbox(kofi).length;
    for (const verb of ['contract.agree', 'contract.open', 'contract.save']) {
      const answer = await drive.click(kofi, verb, { pairId, contractVersion: 1 });
      expect(answer.text).toContain('Your contract is not ready yet');
    }
    expect((await service.parts.repos.pairSpaces.load(pairId)).contract).toBeUndefined();
    noApologySince(kofi, before);
  });

  it('an adaptiveCard/action invoke without an action, a verb or data gets a short card', async () => {
    const sam = user(9, 'Sam Reid');
    await drive.install(sam);
    const before = drive.inbox(sam).length;
    const base = invokeActivity(harness.connector.serviceUrl, sam, 'contract.agree', {});
    for (const value of [
      {},
      { action: {} },
      { action: null },
      { action: { type: 'Action.Execute' } },
      { action: { type: 'Action.Execute', verb: 42, data: {} } },
      { action: { type: 'Action.Submit', verb: 'contract.agree' } },
      { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {} } },
    ]) {
      const answer = await invoke(sam, { ...base, value });
      expect(answer.status).toBe(200);
      expect(answer.statusCode).toBe(200);
      expect(answer.text).toContain('This card is out of date');
    }
    noApologySince(sam, before);
  });

  it('a card whose ids cannot exist is answered before any storage call', async () => {
    const sam = user(10, 'Sam Okafor');
    await drive.install(sam);
    const before = drive.inbox(sam).length;
    for (const pairId of ['a/b', '../x', 'x'.repeat(500), 'a\u0000b']) {
      const answer = await drive.click(sam, 'contract.agree', { pairId, contractVersion: 1 });
      expect(answer.text).toContain('This card is out of date');
    }
    noApologySince(sam, before);
  });
});

describe('long and hidden text on a card (items 10 and 11)', () => {
  it('a contract term with a direction override, NUL or ESC is refused beside it', async () => {
    const ama = user(11, 'Ama Darko');
    const dev = user(12, 'Dev Menon');
    const pairId = await pairWithContract(ama, dev);
    const open = drive.actionData(ama, 'contract.open');
    const edit = (boundaries: string) =>
      drive.click(ama, 'contract.save', {
        ...open,
        confidentiality: 'What we say stays between us',
        frequency: 'Monthly, an hour',
        mode: 'online',
        boundaries,
        pauseOrEnd: 'Either of us can pause',
        raisingConcerns: 'Talk to the programme team',
      });
    const before = drive.inbox(ama).length;
    const terms = (await service.parts.repos.pairSpaces.load(pairId)).contract!.value;
    for (const typed of ['No work\u202Eexe.txt', 'Tea\u0000and cake', 'Stop\u001b[2J']) {
      const answer = await edit(typed);
      expect(answer.text).toMatch(/must not contain (a hidden text-direction mark|an invisible)/);
    }
    // A flood is refused too, and the card it gets back does not carry all 20 KB of it.
    const flood = await edit('x'.repeat(20_000));
    expect(flood.text).toContain('at most 1000 characters');
    expect(JSON.stringify(flood.card).length).toBeLessThan(16_000);
    expect((await service.parts.repos.pairSpaces.load(pairId)).contract!.value).toEqual(terms);
    noApologySince(ama, before);
  });

  it('a 20 KB chat message is never echoed whole', async () => {
    const sam = user(15, 'Sam Long');
    await drive.install(sam);
    const replies = await drive.say(sam, `tell me ${'blah '.repeat(4000)}`);
    expect(replies.join('\n').length).toBeLessThan(2_000);
  });
});
