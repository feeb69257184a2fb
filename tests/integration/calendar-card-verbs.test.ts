import { calendarCardVerbs } from '../../bot/src/features/calendar/index';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import type { Actor } from '../../bot/src/platform/teams/turn-routes';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * The calendar's own card verb table: `event.rsvp` answered by the calendar feature, with the
 * same cards and words the invitation has always answered with.
 */

const ADA = { userId: 'f1000000-0000-4000-8000-000000000001', email: 'ada@trust.nhs.uk' };
const BEN = { userId: 'f1000000-0000-4000-8000-000000000002', email: 'ben@trust.nhs.uk' };
const CAL = { userId: 'f1000000-0000-4000-8000-000000000003', email: 'cal@trust.nhs.uk' };
const OUTSIDER = 'f1000000-0000-4000-8000-000000000009';

let harness: BotHarness;
let cohortId: string;
let eventId: string;

/** `email`, when given, is what the Teams roster says for them in the programme's tenant. */
const actor = (userId: string, email?: string): Actor => ({
  userId,
  timeZone: 'Europe/London',
  ...(email
    ? {
        email: async () => ({ address: email, via: 'teams_roster_email', tenantId: DEV_TENANT_ID }),
      }
    : {}),
});

const rsvp = (who: Actor, data: Record<string, unknown>) =>
  calendarCardVerbs({ calendar: harness.service.parts.calendar })['event.rsvp'](who, data);

const textOf = (result: { card: unknown }) => JSON.stringify(result.card);

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  const url = harness.service.url;
  const coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Card verbs', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const roster = [
    'email,display_name,role,entra_object_id',
    `${ADA.email},Ada Mentor,mentor,${ADA.userId}`,
    `${BEN.email},Ben Mentor,mentor,${BEN.userId}`,
    // Cal is linked by email the first time, as Teams' roster gives it.
    `${CAL.email},Cal Mentee,mentee,`,
  ];
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: roster.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: coordinator,
    json: {
      type: 'mentor_training',
      title: 'Training for one',
      start: '2027-05-10T09:00:00Z',
      end: '2027-05-10T12:00:00Z',
      location: 'Room 4',
      capacity: 1,
    },
  });
  expect(event.status).toBe(201);
  eventId = event.body.id;
});

afterAll(() => harness.stop());

describe('the calendar’s event.rsvp card verb', () => {
  it('takes a yes and shows the card with the answer and the places left', async () => {
    const result = await rsvp(actor(ADA.userId), { cohortId, eventId, response: 'yes' });
    expect(result.notices).toEqual([]);
    expect(textOf(result)).toContain("✓ You're going");
    expect(textOf(result)).toContain('Training for one');
  });

  it('refuses a yes to a full event on the card, with why, and keeps Maybe open', async () => {
    const result = await rsvp(actor(BEN.userId), { cohortId, eventId, response: 'yes' });
    const text = textOf(result);
    expect(text).toContain('This event is full. Choose \\"Maybe\\" to hear if a place comes up.');
    expect(text).not.toContain("You're going");
    expect(text).not.toContain("I'll go");
    expect(text).toContain('Maybe');
  });

  it('links a participant by the email Teams gives, the first time', async () => {
    const result = await rsvp(actor(CAL.userId, CAL.email), {
      cohortId,
      eventId,
      response: 'maybe',
    });
    expect(textOf(result)).toContain('You might go');
  });

  it('says so for an unknown answer; refuses someone not invited and an unknown event alike', async () => {
    const words = async (who: Actor, data: Record<string, unknown>) =>
      textOf(await rsvp(who, data));
    expect(await words(actor(ADA.userId), { cohortId, eventId, response: 'perhaps' })).toContain(
      'That answer is not one we know',
    );
    // The API's refusals (CalendarService.answerer), which the activity handler puts in words.
    await expect(rsvp(actor(OUTSIDER), { cohortId, eventId, response: 'yes' })).rejects.toThrow(
      'You are not in that cohort',
    );
    await expect(
      rsvp(actor(ADA.userId), { cohortId, eventId: 'no-such-event', response: 'no' }),
    ).rejects.toThrow('No event you are invited to has that id');
  });

  it('refuses a participant outside the event’s audience, as the API does, and counts nothing', async () => {
    const url = harness.service.url;
    const coordinator = await devToken(url, COORDINATOR);
    const mentorsOnly = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
      token: coordinator,
      json: {
        type: 'peer_support',
        title: 'Mentors only',
        audience: 'mentors',
        start: '2027-05-11T09:00:00Z',
        end: '2027-05-11T10:00:00Z',
      },
    });
    const data = { cohortId, eventId: mentorsOnly.body.id, response: 'yes' };
    await expect(rsvp(actor(CAL.userId, CAL.email), data)).rejects.toMatchObject({
      reason: 'not_found',
    });
    const view = await harness.service.parts.calendar.list(
      { userId: COORDINATOR.userId },
      cohortId,
    );
    expect(view.find((e) => e.id === mentorsOnly.body.id)?.going).toBe(0);
  });
});
