import { TableClient } from '@azure/data-tables';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

const ZOE = {
  aadObjectId: 'f0000000-0000-4000-8000-000000000001',
  name: 'Zoe Mentor',
  timeZone: 'Europe/London',
};
const IAN = {
  aadObjectId: 'f0000000-0000-4000-8000-000000000002',
  name: 'Ian Mentee',
  timeZone: 'Europe/London',
};
const OUT = { userId: 'f0000000-0000-4000-8000-000000000009', name: 'Out Sider' };

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
});

afterAll(() => harness.stop());

let crowdCohorts = 0;

/** A cohort of `size` people (paired mentor and mentee) with a dev token each. */
async function crowd(size: number): Promise<{ cohortId: string; tokens: string[] }> {
  const url = harness.service.url;
  crowdCohorts += 1;
  const coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: `Crowd ${crowdCohorts}`, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  const people = Array.from({ length: size }, (_, i) => ({
    userId: `e000000${crowdCohorts}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    name: `Person${i + 1} Crowd${crowdCohorts}`,
    email: `person${i + 1}.crowd${crowdCohorts}@trust.nhs.uk`,
  }));
  const rows = ['email,display_name,role,entra_object_id,partner_email'];
  people.forEach((p, i) => {
    const mentor = i % 2 === 0;
    const partner = mentor ? people[i + 1] : undefined;
    rows.push(
      `${p.email},${p.name},${mentor ? 'mentor' : 'mentee'},${p.userId},${partner?.email ?? ''}`,
    );
  });
  const imported = await call(url, 'POST', `/api/cohorts/${cohort.body.id}/roster`, {
    token: coordinator,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  const tokens = await Promise.all(
    people.map((p) => devToken(url, { userId: p.userId, name: p.name })),
  );
  return { cohortId: cohort.body.id, tokens };
}

/** Creates an event for everyone with the given capacity; returns its id. */
async function eventWithPlaces(cohortId: string, capacity: number): Promise<string> {
  const url = harness.service.url;
  const created = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: await devToken(url, COORDINATOR),
    json: {
      type: 'mentor_training',
      title: `Training for ${capacity}`,
      start: '2027-05-10T09:00:00Z',
      end: '2027-05-10T12:00:00Z',
      capacity,
    },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Each person's own answer and the number going, as the tab shows them. */
async function answers(cohortId: string, eventId: string, tokens: string[]) {
  const url = harness.service.url;
  const views = await Promise.all(
    tokens.map(async (token) => {
      const listed = await call<{
        events: { id: string; myResponse: string | null; going: number }[];
      }>(url, 'GET', `/api/cohorts/${cohortId}/events`, { token });
      return listed.body.events.find((e) => e.id === eventId)!;
    }),
  );
  return { going: views[0]!.going, mine: views.map((v) => v.myResponse) };
}

describe('the programme calendar', () => {
  it('invites by audience, takes RSVPs within capacity, and serves .ics files and a revocable feed', async () => {
    const url = harness.service.url;
    const cohortId = await activePair(harness.drive, url, ZOE, IAN);
    const coordinator = await devToken(url, COORDINATOR);
    const zoe = await devToken(url, { userId: ZOE.aadObjectId, name: ZOE.name });
    const ian = await devToken(url, { userId: IAN.aadObjectId, name: IAN.name });
    const outsider = await devToken(url, OUT);
    const events = `/api/cohorts/${cohortId}/events`;

    const invalid = await call(url, 'POST', events, {
      token: coordinator,
      json: {
        type: 'party',
        title: 'x',
        start: '2027-04-01T10:00:00Z',
        end: '2027-04-01T09:00:00Z',
      },
    });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body as { error: { details: { fields: { field: string }[] } } }).error
      .details.fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['title', 'type']);

    const peer = await call<{ id: string; etag: string }>(url, 'POST', events, {
      token: coordinator,
      json: {
        type: 'peer_support',
        title: 'Peer support for reverse mentors',
        audience: 'mentors',
        start: '2027-04-07T12:00:00Z',
        end: '2027-04-07T13:00:00Z',
        location: 'Teams',
        capacity: 1,
      },
    });
    expect(peer.status).toBe(201);
    const induction = await call<{ id: string }>(url, 'POST', events, {
      token: coordinator,
      json: {
        type: 'induction',
        title: 'Programme induction',
        start: '2027-03-15T09:30:00Z',
        end: '2027-03-15T11:00:00Z',
        capacity: 1,
      },
    });
    expect(induction.status).toBe(201);
    expect((await call(url, 'POST', events, { token: zoe, json: {} })).status).toBe(403);

    const titles = async (token: string) =>
      (await call<{ events: { title: string }[] }>(url, 'GET', events, { token })).body.events.map(
        (e) => e.title,
      );
    expect(await titles(zoe)).toEqual(['Programme induction', 'Peer support for reverse mentors']);
    expect(await titles(ian)).toEqual(['Programme induction']);
    expect((await call(url, 'GET', events, { token: outsider })).status).toBe(404);

    const rsvp = (token: string, id: string, response: string) =>
      call(url, 'PUT', `${events}/${id}/rsvp`, { token, json: { response } });
    expect((await rsvp(zoe, peer.body.id, 'yes')).status).toBe(200);
    expect((await rsvp(ian, peer.body.id, 'yes')).status).toBe(404); // mentors only
    expect((await rsvp(ian, induction.body.id, 'maybe')).status).toBe(200);
    const mine = await call<{ events: { title: string; myResponse: string; going: number }[] }>(
      url,
      'GET',
      events,
      { token: zoe },
    );
    expect(mine.body.events).toEqual([
      expect.objectContaining({ title: 'Programme induction', myResponse: null, going: 0 }),
      expect.objectContaining({
        title: 'Peer support for reverse mentors',
        myResponse: 'yes',
        going: 1,
      }),
    ]);

    // The induction has one place: once it is taken, a second "yes" is refused kindly.
    expect((await rsvp(zoe, induction.body.id, 'yes')).status).toBe(200);
    const full = await rsvp(ian, induction.body.id, 'yes');
    expect(full).toMatchObject({ status: 409, body: { error: { code: 'event_full' } } });
    expect((await rsvp(zoe, induction.body.id, 'yes')).status).toBe(200); // answering again is fine

    // The coordinator edits the event; a stale edit is refused with the latest.
    const moved = await call(url, 'PUT', `${events}/${peer.body.id}`, {
      token: coordinator,
      json: {
        type: 'peer_support',
        title: 'Peer support (moved)',
        audience: 'mentors',
        start: '2027-04-08T12:00:00Z',
        end: '2027-04-08T13:00:00Z',
        capacity: 1,
      },
      headers: { 'if-match': peer.body.etag },
    });
    expect(moved.status).toBe(200);
    // The answers stand through the edit, and the reply says so.
    expect(moved.body).toMatchObject({ title: 'Peer support (moved)', going: 1 });
    const stale = await call(url, 'PUT', `${events}/${peer.body.id}`, {
      token: coordinator,
      json: {
        type: 'peer_support',
        title: 'Something else',
        start: '2027-04-09T12:00:00Z',
        end: '2027-04-09T13:00:00Z',
      },
      headers: { 'if-match': peer.body.etag },
    });
    expect(stale.status).toBe(412);

    const ics = await fetch(`${url}${events}/${peer.body.id}/ics`, {
      headers: { authorization: `Bearer ${zoe}` },
    });
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const icsText = await ics.text();
    expect(icsText).toContain('SUMMARY:Peer support (moved)');
    expect(icsText).toContain('DTSTART:20270408T120000Z');

    const feed = await call<{ url: string }>(url, 'POST', '/api/me/calendar-feed', {
      token: zoe,
      json: {},
    });
    expect(feed.status).toBe(201);
    const feedPath = new URL(feed.body.url, url).pathname;
    expect(feedPath).toMatch(/^\/calendar\/[\w-]{40,}\.ics$/);
    const subscribed = await fetch(`${url}${feedPath}`);
    const feedText = await subscribed.text();
    expect(feedText).toContain('SUMMARY:Programme induction');
    expect(feedText).toContain('SUMMARY:Peer support (moved)');

    const renewed = await call<{ url: string }>(url, 'POST', '/api/me/calendar-feed', {
      token: zoe,
      json: {},
    });
    expect((await fetch(`${url}${feedPath}`)).status).toBe(404);
    const renewedPath = new URL(renewed.body.url, url).pathname;
    expect((await fetch(`${url}${renewedPath}`)).status).toBe(200);
    await call(url, 'DELETE', '/api/me/calendar-feed', { token: zoe });
    expect((await fetch(`${url}${renewedPath}`)).status).toBe(404);
  });

  it('gives the last places to exactly as many people as there are, however many answer at once', async () => {
    const url = harness.service.url;
    const { cohortId, tokens } = await crowd(12);
    const eventId = await eventWithPlaces(cohortId, 5);
    const path = `/api/cohorts/${cohortId}/events/${eventId}/rsvp`;

    const results = await Promise.all(
      tokens.map((token) => call(url, 'PUT', path, { token, json: { response: 'yes' } })),
    );
    const taken = results.filter((r) => r.status === 200);
    const refused = results.filter(
      (r) =>
        r.status === 409 && (r.body as { error?: { code?: string } }).error?.code === 'event_full',
    );
    expect([taken.length, refused.length]).toEqual([5, 7]);

    const stored = await answers(cohortId, eventId, tokens);
    expect(stored.going).toBe(5);
    expect(stored.mine.filter((m) => m === 'yes')).toHaveLength(5);
    expect(stored.mine.map((m) => m === 'yes')).toEqual(results.map((r) => r.status === 200));
  });

  it('lets a place given back be taken by someone else, also for events answered before places were counted', async () => {
    const url = harness.service.url;
    const { cohortId, tokens } = await crowd(4);
    const [ada, ben, cal, dee] = tokens as [string, string, string, string];
    const eventId = await eventWithPlaces(cohortId, 1);
    const rsvp = (token: string, response: string) =>
      call(url, 'PUT', `/api/cohorts/${cohortId}/events/${eventId}/rsvp`, {
        token,
        json: { response },
      });

    expect((await rsvp(ada, 'yes')).status).toBe(200);
    expect(await rsvp(ben, 'yes')).toMatchObject({
      status: 409,
      body: { error: { code: 'event_full' } },
    });
    expect((await rsvp(ada, 'maybe')).status).toBe(200); // gives the place back
    expect((await rsvp(ada, 'no')).status).toBe(200); // maybe to no: nothing changes
    expect((await rsvp(ben, 'yes')).status).toBe(200);
    expect((await rsvp(ben, 'yes')).status).toBe(200); // answering again is fine
    expect((await rsvp(ada, 'yes')).status).toBe(409);
    expect(await answers(cohortId, eventId, tokens)).toEqual({
      going: 1,
      mine: ['no', 'yes', null, null],
    });

    // Data written before places were counted: RSVPs but no places row. The count comes from
    // the RSVPs, so the event is still full.
    const events = TableClient.fromConnectionString(harness.storage.connectionString, 'Events', {
      allowInsecureConnection: true,
    });
    await events.deleteEntity(cohortId, `places|${eventId}`);
    expect(await rsvp(cal, 'yes')).toMatchObject({
      status: 409,
      body: { error: { code: 'event_full' } },
    });
    expect((await rsvp(ben, 'no')).status).toBe(200);
    expect((await rsvp(cal, 'yes')).status).toBe(200);
    expect((await rsvp(dee, 'yes')).status).toBe(409);
    expect(await answers(cohortId, eventId, tokens)).toEqual({
      going: 1,
      mine: ['no', 'no', 'yes', null],
    });
  });
});
