import type { RunningService } from '../../bot/src/app/service';
import { visibleText } from '../support/fake-connector';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import type { JourneyDriver } from '../support/journey-driver';
import { call, devToken } from '../support/test-service';

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

let harness: BotHarness;
let service: RunningService;
let drive: JourneyDriver;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  ({ service, drive } = harness);
});

afterAll(() => harness.stop());

let cohortId = '';

async function importPair(): Promise<void> {
  const token = await devToken(service.url, COORDINATOR);
  const cohort = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'LLR cohort 5', startDate: '2027-01-04', endDate: '2027-07-31' },
  });
  cohortId = cohort.body.id;
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

    // The private fit check the day after the first meeting; Ama's waits for her next morning.
    await drive.at('2027-01-21T15:01:00Z');
    expect(fresh(DEV)).toEqual([expect.stringContaining('How is it going')]);
    expect(fresh(AMA)).toEqual([]);
    await drive.at('2027-01-22T09:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('How is it going')]);
    const fit = await drive.click(AMA, 'fit.answer', {
      ...drive.actionData(AMA, 'fit.answer'),
      rating: '4',
      wantsCoordinator: 'false',
    });
    expect(fit.text).toMatch(/private to you and the programme team/);

    // Meeting 2's window opens; the action Dev agreed for Ama is due on 10 February.
    await drive.at('2027-02-04T09:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('Time to plan your meeting 2 of 6')]);
    await drive.at('2027-02-08T14:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('Shadow a ward round together')]);
    expect(fresh(DEV)).toEqual([expect.stringContaining('Time to plan your meeting 2 of 6')]);
    await drive.at('2027-02-10T14:01:00Z');
    expect(fresh(AMA)).toEqual([expect.stringContaining('Shadow a ward round together')]);
    const doneCard = await drive.click(AMA, 'action.done', drive.actionData(AMA, 'action.done'));
    expect(doneCard.text).toMatch(/✓ Done/);

    // Meeting 2 never happens: when its window closes both get a gentle note, bundled with
    // the nudge for meeting 3 into one message each.
    await drive.at('2027-03-04T09:01:00Z');
    const amaMarch = fresh(AMA);
    expect(amaMarch).toHaveLength(1);
    expect(amaMarch[0]).toMatch(/meeting 2/i);
    expect(amaMarch[0]).toMatch(/Time to plan your meeting 3 of 6/);

    // Meeting 3 is missed too. Its window closes on Sunday 4 April, after both clocks went
    // forward (New York on 14 March, London on 28 March): Monday 09:00 local is 08:00Z in
    // London and 13:00Z in New York. The coordinator hears, with states and counts only.
    await drive.at('2027-04-05T07:59:00Z');
    expect(fresh(AMA)).toEqual([]);
    await drive.at('2027-04-05T08:01:00Z');
    const amaApril = fresh(AMA);
    expect(amaApril).toHaveLength(1);
    expect(amaApril[0]).toMatch(/Time to plan your meeting 4 of 6/);
    const priya = drive.inbox({ aadObjectId: COORDINATOR.userId, name: COORDINATOR.name });
    const alert = priya
      .map((r) => visibleText(r.activity))
      .find((t) => t.includes('needs a check-in'));
    expect(alert).toMatch(
      /Ama Boateng and Dev Patel \(LLR cohort 5\) have not held a meeting in 2 windows in a row/,
    );

    // They meet again in April, May and June (logged by Ama, who is then asked to reflect).
    for (const [date, now] of [
      ['2027-04-12', '2027-04-13T10:00:00Z'],
      ['2027-05-12', '2027-05-13T10:00:00Z'],
      ['2027-06-14', '2027-06-15T10:00:00Z'],
    ]) {
      await drive.setClock(now!);
      fresh(AMA);
      const form = await drive.say(AMA, 'log meeting');
      expect(form[0]).toMatch(/Log a meeting/);
      const logged = await drive.click(AMA, 'meeting.log', {
        ...drive.actionData(AMA, 'meeting.log'),
        date,
        time: '10:00',
        minutes: '60',
      });
      expect(logged.text).toMatch(/Meeting logged/);
      fresh(AMA);
      await drive.runJobs();
      expect(fresh(AMA)).toEqual([expect.stringMatching(/How did meeting \d go/)]);
    }
    const next = await drive.say(DEV, 'next meeting');
    expect(next.join('\n')).toMatch(/4 of 6 held, minimum 3 × 1 h met/);

    // The final review after the last window (Sunday 4 July → Monday 5 July, 09:00 local).
    await drive.at('2027-07-05T08:01:00Z');
    expect(fresh(AMA).join('\n')).toMatch(/Looking back on your pairing with/);
    await drive.at('2027-07-05T13:01:00Z');
    expect(fresh(DEV).join('\n')).toMatch(/Looking back on your pairing with/);
    const review = await drive.click(AMA, 'review.save', {
      ...drive.actionData(AMA, 'review.save'),
      wentWell: 'Honest conversations about the ward',
      improve: '',
      choice: 'continue_informally',
    });
    expect(review.text).toMatch(/carrying on informally/);
    const pairs = await call<{ pairs: { state: string }[] }>(
      service.url,
      'GET',
      `/api/cohorts/${cohortId}/pairs`,
      {
        token: await devToken(service.url, COORDINATOR),
      },
    );
    expect(pairs.body.pairs).toEqual([expect.objectContaining({ state: 'completed' })]);

    // Dev's private reflection reached nobody else: not Ama, not the coordinator.
    const everyoneElse = [...drive.inbox(AMA), ...priya].map((r) => JSON.stringify(r.activity));
    expect(everyoneElse.join('\n')).not.toContain('Night shifts carry decisions');
  });
});
