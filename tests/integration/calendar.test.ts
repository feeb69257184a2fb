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
});
