import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';
import type { PairHealthRow } from '../../bot/src/contracts/cohorts';
import { healthHeadline } from '../../tab/src/coordinator/health-words';

/**
 * The journey at its edges, with the dev clock through the real service: a booking card's
 * every problem at once, a booking outside its window, an old reflection card contradicting
 * what is recorded, and a pause that says until when.
 */

const AMA = {
  aadObjectId: 'b8000000-0000-4000-8000-000000000001',
  name: 'Ama Boateng',
  timeZone: 'Europe/London',
};
const DEV = {
  aadObjectId: 'b8000000-0000-4000-8000-000000000002',
  name: 'Dev Patel',
  timeZone: 'Europe/London',
};

let harness: BotHarness;
let booking: Record<string, unknown>;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  await activePair(harness.drive, harness.service.url, AMA, DEV, '2027-03-01T08:00:00Z');
  await harness.drive.at('2027-03-02T10:00:00Z'); // meeting 1's booking nudge
  booking = harness.drive.actionData(AMA, 'meeting.booked');
});

afterAll(() => harness.stop());

/** The data of an Action.Execute with `verb` (and a title matching) in a card. */
function actionIn(card: unknown, verb: string): Record<string, unknown> {
  const actions = (card as { actions?: { verb?: string; data?: Record<string, unknown> }[] })
    .actions;
  const found = actions?.find((a) => a.verb === verb);
  if (!found?.data) throw new Error(`no ${verb} in the card`);
  return found.data;
}

describe('the journey at its edges', () => {
  it('names every invalid field of a booking at once', async () => {
    const invalid = await harness.drive.click(AMA, 'meeting.booked', {
      ...booking,
      date: '2027-03-01',
      time: '10:00',
      minutes: '5',
      mode: '',
    });
    expect(invalid.text).toMatch(/That time has passed/);
    expect(invalid.text).toMatch(/under 15 minutes does not count|minutes/i);
    expect(invalid.text).toMatch(/Please choose online or in person/);
  });

  it('asks before booking outside the window, says which meeting it counts as, and shows another year', async () => {
    const asked = await harness.drive.click(AMA, 'meeting.booked', {
      ...booking,
      date: '2027-04-20',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(asked.text).toMatch(/Meeting 1 was to be by 31 March; Tuesday 20 April is outside that/);
    expect(asked.text).toMatch(/It will count as meeting 2/);
    expect(asked.text).not.toMatch(/Meeting \d booked/);
    const confirmed = await harness.drive.click(
      AMA,
      'meeting.booked',
      actionIn(asked.card, 'meeting.booked'),
    );
    expect(confirmed.text).toMatch(/Meeting 2 booked/);
    expect(confirmed.text).toMatch(/on Tuesday 20 April at 10:00/);

    const nextYear = await harness.drive.click(AMA, 'meeting.booked', {
      ...booking,
      date: '2028-01-12',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    expect(nextYear.text).toMatch(/Wednesday 12 January 2028 is outside that/);
    expect(nextYear.text).toMatch(/No other meeting of your plan falls then/);
    const booked = await harness.drive.click(
      AMA,
      'meeting.booked',
      actionIn(nextYear.card, 'meeting.booked'),
    );
    expect(booked.text).toMatch(/Meeting 1 booked[\s\S]*on Wednesday 12 January 2028 at 10:00/);
  });

  it('says what is recorded when an old reflection card contradicts it', async () => {
    await harness.drive.at('2027-04-20T11:05:00Z'); // an hour after meeting 2 ended
    const reflection = harness.drive.actionData(DEV, 'reflection.save');
    const held = await harness.drive.click(DEV, 'reflection.save', {
      ...reflection,
      outcome: 'held',
      minutes: '60',
    });
    expect(held.text).toMatch(/Saved/);
    const old = await harness.drive.click(AMA, 'reflection.save', {
      ...reflection,
      outcome: 'cancelled_by_me',
    });
    expect(old.text).not.toMatch(/Saved/);
    expect(old.text).toMatch(/Meeting 2 is recorded as held/);
  });

  it('shows an action added with a past due date as overdue at once, to its author too', async () => {
    // 11:05 UTC on 20 April: still 19 April where Dev is this evening (UTC−12), so a card
    // accepts an action due 19 April, which is already past for the pair (London).
    const farWest = { ...DEV, timeZone: 'Etc/GMT+12' };
    const reflection = harness.drive.actionData(DEV, 'reflection.save');
    const saved = await harness.drive.click(farWest, 'reflection.save', {
      ...reflection,
      outcome: 'held',
      minutes: '60',
      action1Text: 'Send the rota data',
      action1Owner: 'me',
      action1Due: '2027-04-19',
    });
    expect(saved.text).toMatch(/Agreed action: Send the rota data/);
    const url = harness.service.url;
    const token = await devToken(url, { userId: DEV.aadObjectId, name: DEV.name });
    const space = await call<{ actions: { text: string; overdue: boolean }[] }>(
      url,
      'GET',
      `/api/pairs/${String(booking.pairId)}`,
      { token },
    );
    expect(space.body.actions).toContainEqual(
      expect.objectContaining({ text: 'Send the rota data', overdue: true }),
    );
    const mine = await harness.drive.say(farWest, 'actions');
    expect(mine.join('\n')).toMatch(/Send the rota data\n⚠ Overdue · You/);
  });

  it('says until when a pause lasts', async () => {
    const paused = await harness.drive.click(AMA, 'pair.pause', {
      pairId: booking.pairId,
      cardVersion: 1,
      weeks: '4',
    });
    expect(paused.text).toMatch(/Paused until Tuesday 18 May/);
    expect(paused.text).not.toMatch(/until you resume/);
  });

  it('counts in the health headline a pair that missed a month, though paused since', async () => {
    const url = harness.service.url;
    const token = await devToken(url, COORDINATOR);
    const me = await call<{ memberships: { cohort: { id: string } }[] }>(url, 'GET', '/api/me', {
      token: await devToken(url, { userId: AMA.aadObjectId, name: AMA.name }),
    });
    const cohortId = me.body.memberships[0]!.cohort.id;
    const health = await call<{ pairs: PairHealthRow[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/health`,
      { token },
    );
    // Meeting 1's window closed unmet on 31 March; the pair is paused now.
    expect(health.body.pairs).toEqual([
      expect.objectContaining({ health: 'paused', missedMonths: 1 }),
    ]);
    expect(healthHeadline(health.body.pairs)).toBe('1 pair. 1 pair has missed a month.');
  });
});
