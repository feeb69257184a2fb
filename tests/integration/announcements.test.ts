import { SendPacer } from '../../bot/src/platform/teams/send-pacer';
import {
  TENANT,
  type TeamsUser,
  messageActivity,
  personalConversationId,
  postActivity,
} from '../support/activities';
import { announcementId } from '../../bot/src/features/announcements/domain/announcement';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Announcements and event invitations through the real service, its fan-out queue on Azurite
 * and a fake Bot Connector that throttles, fails, blocks and forgets conversations like Teams.
 */

const PEOPLE: TeamsUser[] = Array.from({ length: 24 }, (_, i) => ({
  aadObjectId: `e0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: `Person ${String(i + 1).padStart(2, '0')}`,
}));
const MENTORS = PEOPLE.filter((_, i) => i % 2 === 0);
const COORDINATOR_USER: TeamsUser = { aadObjectId: COORDINATOR.userId, name: COORDINATOR.name };

let harness: BotHarness;
let url: string;
let cohortId: string;
let coordinator: string;

interface Report {
  announcement: { id: string; status: string; recipientCount: number | null };
  counts: {
    [key: string]: number;
    sent: number;
    cancelled: number;
    queued: number;
    sending: number;
    total: number;
    acknowledged: number;
  };
  recipients: {
    participantId: string;
    displayName: string;
    status: string;
    reason: string | null;
  }[];
}

async function report(id: string): Promise<Report> {
  const response = await call<Report>(url, 'GET', `/api/cohorts/${cohortId}/announcements/${id}`, {
    token: coordinator,
  });
  expect(response.status).toBe(200);
  return response.body;
}

/** Waits until the send has finished (every recipient in a final state and the summary out). */
async function finished(id: string, timeoutMs = 45_000): Promise<Report> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await report(id);
    if (r.announcement.status === 'sent' || r.announcement.status === 'cancelled') {
      if (r.counts.queued === 0 && r.counts.sending === 0) return r;
    }
    if (Date.now() > until) throw new Error(`not finished: ${JSON.stringify(r.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function announce(json: Record<string, unknown>, token = coordinator) {
  return call<{ id: string; error?: { details?: { fields: { field: string }[] } } }>(
    url,
    'POST',
    `/api/cohorts/${cohortId}/announcements`,
    { token, json },
  );
}

/** How many messages reached each person whose title matches. */
function deliveries(title: string, people = PEOPLE): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of people) {
    const got = harness.connector
      .deliveredTo(p.aadObjectId)
      .filter((r) => visibleText(r.activity).includes(title)).length;
    counts.set(p.aadObjectId, got);
  }
  return counts;
}

beforeAll(async () => {
  harness = await startBotHarness({
    COORDINATOR_IDS: COORDINATOR.userId,
    ANNOUNCE_POLL_MS: '50',
    ANNOUNCE_RATE_PER_SECOND: '40',
    ANNOUNCE_MAX_ATTEMPTS: '4',
  });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-03-01T09:00:00Z');
  await drive.install(COORDINATOR_USER);
  for (const person of PEOPLE) await drive.install(person);
  coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Spring cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const email = (u: TeamsUser) => `${u.name.replace(' ', '.').toLowerCase()}@trust.nhs.uk`;
  const rows = ['email,display_name,role,entra_object_id,partner_email'];
  PEOPLE.forEach((p, i) => {
    const mentor = i % 2 === 0;
    const partner = PEOPLE[i + 1];
    rows.push(
      `${email(p)},${p.name},${mentor ? 'mentor' : 'mentee'},${p.aadObjectId},${mentor && partner ? email(partner) : ''}`,
    );
  });
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
});

afterAll(() => harness?.stop());

beforeEach(() => {
  harness.connector.configure({ rateLimits: false, faults: {}, latencyMs: 0 });
});

describe('announcements through the fan-out', () => {
  it('reaches everyone once through 429 bursts, 5xx, a deleted chat and blocked people', async () => {
    const { connector } = harness;
    const blocked = PEOPLE.slice(0, 2);
    for (const b of blocked) connector.block(b.aadObjectId);
    connector.markDeleted(personalConversationId(PEOPLE[5]!));
    connector.configure({
      rateLimits: { globalPerSecond: 12, perConversation: false },
    });
    connector.failNext(2, 503);
    connector.failNext(2, 500);

    const created = await announce({
      title: 'Welcome to the spring cohort',
      text: 'Your **first meetings** start next week.\n\n- Read the guide\n- Book a slot',
      linkUrl: 'https://intranet.example.nhs.uk/mentoring',
      linkLabel: 'Programme guide',
      audience: 'cohort',
    });
    expect(created.status).toBe(201);
    const done = await finished(created.body.id);
    for (const b of blocked) connector.unblock(b.aadObjectId);

    expect(done.counts).toMatchObject({
      total: 24,
      sent: 22,
      blocked: 2,
      failed: 0,
      unconfirmed: 0,
    });
    for (const b of blocked) {
      expect(done.recipients.find((r) => r.displayName === b.name)).toMatchObject({
        status: 'blocked',
        reason: expect.stringMatching(/blocked/i),
      });
    }
    const counts = deliveries('Welcome to the spring cohort');
    for (const person of PEOPLE) {
      expect(counts.get(person.aadObjectId)).toBe(blocked.includes(person) ? 0 : 1);
    }
    expect(connector.stats().throttled).toBeGreaterThan(0);
    expect(connector.stats().injectedFaults).toBe(4);
    expect(connector.duplicates()).toEqual([]);
    // The coordinator hears how it went, in chat.
    await waitForText(COORDINATOR_USER, /Delivery report[\s\S]*Welcome to the spring cohort/);
  });

  it("shares Teams' rate with other proactive messages sent at the same time", async () => {
    const { connector } = harness;
    // Teams' limit as the service knows it (ANNOUNCE_RATE_PER_SECOND 40 in this harness).
    connector.configure({ rateLimits: { globalPerSecond: 40, perConversation: false } });
    // When each send is let go: what the service controls. (Arrivals at the fake connector can
    // bunch on a starved machine even when departures are evenly spaced.)
    const departures: number[] = [];
    const take = SendPacer.prototype.take;
    const spy = jest.spyOn(SendPacer.prototype, 'take').mockImplementation(function (
      this: SendPacer,
    ) {
      return take.call(this).then(() => {
        departures.push(performance.now());
      });
    });
    const created = await announce({
      title: 'Shared rate notice',
      text: 'Sent while nudges go out.',
      audience: 'cohort',
    });
    expect(created.status).toBe(201);
    const until = Date.now() + 20_000;
    while ((await report(created.body.id)).counts.sent < 2 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // While it goes out, a scheduler tick's worth of nudges (36: under the limit on their own).
    const nudged = PEOPLE.slice(0, 12).flatMap((p) => [p, p, p]);
    const nudges = await Promise.all(
      nudged.map((p) =>
        harness.service.parts.sender.sendToUser(p.aadObjectId, { type: 'message', text: 'Nudge' }),
      ),
    );
    const done = await finished(created.body.id);
    expect(nudges.map((n) => n.status)).toEqual(nudged.map(() => 'sent'));
    spy.mockRestore();
    expect(done.counts).toMatchObject({ total: 24, sent: 24 });
    // Both kinds waited for the same pacer: every nudge and every announcement send…
    expect(departures.length).toBeGreaterThanOrEqual(24 + nudged.length);
    // …and together they never went faster than Teams' limit in any one second.
    let most = 0;
    for (let i = 0, j = 0; i < departures.length; i++) {
      while (departures[i]! - departures[j]! >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(40);
  });

  it('gives up after the bounded attempts with the reason, and never sends twice', async () => {
    const { connector } = harness;
    const victim = PEOPLE[3]!;
    connector.configure({
      onRequest: (req) =>
        req.conversationId === personalConversationId(victim) && req.method === 'POST'
          ? { status: 500, body: { error: { code: 'ServiceError', message: 'boom' } } }
          : undefined,
    });
    const created = await announce({
      title: 'Peer support moved',
      text: 'Now on Thursday.',
      audience: 'cohort',
    });
    const done = await finished(created.body.id, 90_000);
    connector.configure({ onRequest: undefined });
    expect(done.recipients.find((r) => r.displayName === victim.name)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/Gave up after 4 attempts/),
    });
    expect(done.counts).toMatchObject({ sent: 23, failed: 1 });
    const counts = deliveries('Peer support moved');
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  }, 600_000);

  it('sends to mentors only, and to chosen people only', async () => {
    const mentors = await announce({
      title: 'Mentor huddle',
      text: 'Tea at 3.',
      audience: 'mentors',
    });
    const done = await finished(mentors.body.id);
    expect(done.counts.total).toBe(MENTORS.length);
    const counts = deliveries('Mentor huddle');
    for (const p of PEOPLE) expect(counts.get(p.aadObjectId)).toBe(MENTORS.includes(p) ? 1 : 0);

    const roster = await call<{ participants: { id: string; displayName: string }[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/participants`,
      { token: coordinator },
    );
    const chosen = roster.body.participants.filter((p) =>
      ['Person 07', 'Person 08'].includes(p.displayName),
    );
    const picked = await announce({
      title: 'Just for you two',
      text: 'A quick word.',
      audience: 'people',
      participantIds: chosen.map((c) => c.id),
    });
    expect((await finished(picked.body.id)).counts.sent).toBe(2);
  });

  it('refuses bad input with the field to change, and refuses participants', async () => {
    const empty = await announce({
      title: 'x',
      text: 'y',
      audience: 'people',
      participantIds: ['nobody'],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.details?.fields.map((f) => f.field)).toEqual(['participantIds']);
    const past = await announce({
      title: 'Late',
      text: 'Too late',
      audience: 'cohort',
      sendAt: '2027-02-01T09:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.error?.details?.fields.map((f) => f.field)).toEqual(['sendAt']);
    const long = await announce({ title: 'Long', text: 'x'.repeat(4001), audience: 'cohort' });
    expect(long.body.error?.details?.fields.map((f) => f.field)).toEqual(['text']);
    const noTitle = await announce({ title: '', text: 'x', audience: 'everyone' });
    expect(noTitle.body.error?.details?.fields.map((f) => f.field).sort()).toEqual([
      'audience',
      'title',
    ]);
    const participant = await devToken(url, {
      userId: PEOPLE[0]!.aadObjectId,
      name: PEOPLE[0]!.name,
    });
    const refused = await announce({ title: 'Hi', text: 'all', audience: 'cohort' }, participant);
    expect(refused.status).toBe(403);
    const said = await harness.drive.say(PEOPLE[0]!, 'announce');
    expect(said.join(' ')).toMatch(/sent by your programme team/);

    // A report asked for in a way the API does not know says which parameter to change.
    const sent = await announce({ title: 'Counts only', text: 'x', audience: 'mentors' });
    const path = `/api/cohorts/${cohortId}/announcements/${sent.body.id}`;
    const odd = await call<{ error: { details: { fields: { field: string }[] } } }>(
      url,
      'GET',
      `${path}?recipients=some`,
      { token: coordinator },
    );
    expect(odd.status).toBe(400);
    expect(odd.body.error.details.fields.map((f) => f.field)).toEqual(['recipients']);
    const counts = await call<Report & { recipientsIncluded: boolean }>(
      url,
      'GET',
      `${path}?recipients=none`,
      { token: coordinator },
    );
    expect(counts.body).toMatchObject({ recipientsIncluded: false, recipients: [] });
    expect(counts.body.counts.total).toBe(MENTORS.length);
    await finished(sent.body.id);
  });

  it('waits for a scheduled time, then sends', async () => {
    const created = await announce({
      title: 'Evaluation survey opens',
      text: 'Tell us how it went.',
      audience: 'mentees',
      sendAt: '2027-03-01T15:00:00Z',
    });
    expect(created.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await report(created.body.id)).announcement.status).toBe('scheduled');
    expect([...deliveries('Evaluation survey opens').values()].reduce((a, b) => a + b)).toBe(0);
    await harness.drive.at('2027-03-01T15:00:30Z');
    const done = await finished(created.body.id);
    expect(done.counts.sent).toBe(PEOPLE.length - MENTORS.length);
  });

  it('stops when cancelled mid-send: the rest are cancelled, nobody gets it twice', async () => {
    // Teams lets only two through a second, so most are still waiting when it is cancelled.
    harness.connector.configure({
      latencyMs: 100,
      rateLimits: { globalPerSecond: 2, perConversation: false },
    });
    const created = await announce({ title: 'Wrong date sent', text: 'Oops.', audience: 'cohort' });
    const until = Date.now() + 20_000;
    while ((await report(created.body.id)).counts.sent < 2 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const cancel = await call(
      url,
      'POST',
      `/api/cohorts/${cohortId}/announcements/${created.body.id}/cancel`,
      {
        token: coordinator,
      },
    );
    expect(cancel.status).toBe(200);
    const done = await finished(created.body.id);
    expect(done.announcement.status).toBe('cancelled');
    expect(done.counts.cancelled).toBeGreaterThan(0);
    expect((done.counts.sent ?? 0) + (done.counts.cancelled ?? 0)).toBe(24);
    const counts = deliveries('Wrong date sent');
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(done.counts.sent);

    // The coordinator hears of the cancelled send once, however many sweeps (on however many
    // instances) find it drained afterwards.
    await waitForText(COORDINATOR_USER, /Delivery report · Cancelled\nWrong date sent/);
    const svc = harness.service.parts.announcements;
    await Promise.all([
      svc.finishIfDrained(cohortId, created.body.id),
      svc.finishIfDrained(cohortId, created.body.id),
    ]);
    await harness.service.parts.fanout.sweep();
    expect(summaries(/Delivery report · Cancelled\nWrong date sent/)).toBe(1);

    // In the tab, the announcement is there for those it went to, not for those it never reached.
    const homeTitles = async (status: string) => {
      const row = done.recipients.find((r) => r.status === status)!;
      const person = PEOPLE.find((p) => p.name === row.displayName)!;
      const token = await devToken(url, { userId: person.aadObjectId, name: person.name });
      const home = await call<{ announcements: { title: string }[] }>(
        url,
        'GET',
        `/api/cohorts/${cohortId}/home`,
        { token },
      );
      expect(home.status).toBe(200);
      return home.body.announcements.map((a) => a.title);
    };
    expect(await homeTitles('sent')).toContain('Wrong date sent');
    expect(await homeTitles('cancelled')).not.toContain('Wrong date sent');
  });

  it('records "Got it" and shows it in the report and the CSV', async () => {
    const created = await announce({
      title: 'Please read',
      text: 'The new policy.',
      audience: 'cohort',
    });
    await finished(created.body.id);
    const reader = PEOPLE[4]!;
    const card = await harness.drive.click(reader, 'announcement.ack', {
      cohortId,
      announcementId: created.body.id,
    });
    expect(card.text).toMatch(/Thanks/);
    expect(card.text).not.toMatch(/Got it/);
    await harness.drive.click(reader, 'announcement.ack', {
      cohortId,
      announcementId: created.body.id,
    });
    const r = await report(created.body.id);
    expect(r.counts.acknowledged).toBe(1);
    const csv = await fetch(
      `${url}/api/cohorts/${cohortId}/announcements/${created.body.id}/report.csv`,
      {
        headers: { authorization: `Bearer ${coordinator}` },
      },
    );
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('name,status,reason,sent_at,acknowledged_at');
    expect(text).toMatch(new RegExp(`${reader.name},sent,,[^,]+,2027-`));
  });
});

describe('composing in chat', () => {
  it('opens the composer for coordinators, shows problems on the card, previews, then sends', async () => {
    const { drive } = harness;
    const opened = await drive.say(COORDINATOR_USER, 'announce');
    expect(opened.join(' ')).toMatch(/New announcement/);
    const base = { cohortId, audience: 'mentors', alsoInChannel: 'false' };
    const bad = await drive.click(COORDINATOR_USER, 'announcement.preview', {
      ...base,
      title: '',
      text: 'Kept text',
      sendDate: '2027-01-01',
      sendTime: '09:00',
    });
    expect(bad.text).toMatch(/New announcement/);
    expect(bad.text).toMatch(/⚠/);
    expect(JSON.stringify(bad.card)).toContain('Kept text');
    expect(JSON.stringify(bad.card)).toMatch(/in the past/);

    const draft = {
      ...base,
      title: 'Sent from chat',
      text: 'Hello mentors',
      sendDate: '',
      sendTime: '',
    };
    const preview = await drive.click(COORDINATOR_USER, 'announcement.preview', draft);
    expect(preview.text).toMatch(/Preview/);
    expect(preview.text).toMatch(new RegExp(`${MENTORS.length} people`));
    expect(deliveries('Sent from chat', MENTORS).get(MENTORS[0]!.aadObjectId)).toBe(0);

    const sent = await drive.click(COORDINATOR_USER, 'announcement.send', draft);
    expect(sent.text).toMatch(/Delivery report/);
    const id = (JSON.stringify(sent.card).match(/"announcementId":"([^"]+)"/) ?? [])[1]!;
    const done = await finished(id);
    expect(done.counts.sent).toBe(MENTORS.length);

    // Said in a team channel, the composer goes to the coordinator's own chat, not the channel.
    const inChannel = {
      ...messageActivity(
        harness.connector.serviceUrl,
        COORDINATOR_USER,
        '<at>Reverse Mentoring</at> announce',
      ),
      conversation: {
        id: '19:general@thread.tacv2',
        conversationType: 'channel',
        tenantId: TENANT,
      },
    };
    const before = harness.connector.deliveredTo(COORDINATOR_USER.aadObjectId).length;
    expect(await postActivity(url, inChannel)).toBe(200);
    await waitForText(COORDINATOR_USER, /New announcement/);
    const privately = harness.connector
      .deliveredTo(COORDINATOR_USER.aadObjectId)
      .slice(before)
      .map((r) => visibleText(r.activity));
    expect(privately.some((t) => /New announcement/.test(t))).toBe(true);
    const channelReplies = harness.connector.received
      .filter((r) => r.conversationId.startsWith('19:general@thread.tacv2'))
      .map((r) => visibleText(r.activity));
    expect(channelReplies.join(' ')).toMatch(/one-to-one chat/);
    expect(channelReplies.join(' ')).not.toMatch(/New announcement/);

    // Someone who is not a coordinator cannot use the coordinator's buttons.
    const refused = await drive.click(PEOPLE[1]!, 'announcement.send', draft);
    expect(refused.text).toMatch(/Only the programme team/);
  });
});

/** The text of the card element with this id (an input's error sits right below the input). */
function cardText(card: unknown, id: string): string | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = cardText(item, id);
      if (found !== undefined) return found;
    }
  } else if (typeof card === 'object' && card !== null) {
    const element = card as Record<string, unknown>;
    if (element.id === id && typeof element.text === 'string') return element.text;
    return cardText(Object.values(element), id);
  }
  return undefined;
}

describe('the chat composer and "applications are open"', () => {
  it('refuses the open call crafted into a submission, beside the audience, and sends nothing', async () => {
    const { drive } = harness;
    await drive.say(COORDINATOR_USER, 'announce');
    // The card never offers this audience: only the cohort's Applications tab sends it.
    const crafted = {
      cohortId,
      audience: 'applications_open',
      alsoInChannel: 'true',
      title: 'Crafted open call',
      text: 'Apply now',
      sendDate: '',
      sendTime: '',
    };
    for (const verb of ['announcement.preview', 'announcement.send']) {
      const answer = await drive.click(COORDINATOR_USER, verb, crafted);
      expect(answer.text).toMatch(/^New announcement/);
      expect(answer.text).not.toMatch(/Delivery report|Nobody is in this audience/);
      expect(cardText(answer.card, 'audience-error')).toMatch(
        /^⚠ .*Applications tab.*choose another audience/i,
      );
      // The rest of what was written stays on the card.
      expect(JSON.stringify(answer.card)).toContain('Crafted open call');
    }
    const recent = await call<{ announcements: { title: string }[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/announcements`,
      { token: coordinator },
    );
    expect(recent.status).toBe(200);
    expect(JSON.stringify(recent.body)).not.toContain('Crafted open call');
  });
});

describe('the programme channel', () => {
  it('posts the announcement in the linked channel once, beside the personal messages', async () => {
    const channelId = '19:spring-programme@thread.tacv2';
    const linked = await call(url, 'PUT', `/api/cohorts/${cohortId}/channel`, {
      token: coordinator,
      json: { channelId, channelName: 'Spring programme' },
    });
    expect(linked.status).toBe(200);
    const created = await announce({
      title: 'Channel and chats',
      text: 'Posted in both.',
      audience: 'mentees',
      alsoInChannel: true,
    });
    const done = await finished(created.body.id);
    expect(done.counts.total).toBe(PEOPLE.length - MENTORS.length);
    expect(done.counts.sent).toBe(PEOPLE.length - MENTORS.length);
    const inChannel = harness.connector.received.filter(
      (r) =>
        r.conversationId.startsWith(channelId) &&
        visibleText(r.activity).includes('Channel and chats'),
    );
    expect(inChannel).toHaveLength(1);
    // The channel's copy has no "Got it": that is for each person's own.
    expect(JSON.stringify(inChannel[0]!.activity)).not.toContain('announcement.ack');
    expect(JSON.stringify(deliveredCard(PEOPLE[1]!, 'Channel and chats'))).toContain(
      'announcement.ack',
    );
    // The report counts people; the channel post is reported apart, in the API and in chat.
    const full = await call<Report & { channelPost: unknown }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/announcements/${created.body.id}`,
      { token: coordinator },
    );
    expect(full.body.channelPost).toEqual({ status: 'sent', reason: null });
    expect(full.body.recipients.map((r) => r.participantId)).not.toContainEqual(
      expect.stringMatching(/^channel-/),
    );
    await waitForText(COORDINATOR_USER, /Finished sending\nChannel and chats/);
    const summary = harness.connector
      .deliveredTo(COORDINATOR.userId)
      .map((r) => visibleText(r.activity))
      .find((t) => /Finished sending\nChannel and chats/.test(t))!;
    expect(summary).toContain(`Audience\n${PEOPLE.length - MENTORS.length}\n`);
    expect(summary).toContain('Programme channel\nPosted');

    // A channel post whose outcome is unknown is never posted again by "resend to unconfirmed".
    const repo = harness.service.parts.repos.announcements;
    const row = (await repo.listRecipients(created.body.id)).find((r) =>
      r.value.participantId.startsWith('channel-'),
    )!;
    await repo.replaceRecipient({ ...row.value, status: 'unconfirmed' }, row);
    const resent = await call<{ queued: number }>(
      url,
      'POST',
      `/api/cohorts/${cohortId}/announcements/${created.body.id}/resend-unconfirmed`,
      { token: coordinator },
    );
    expect(resent.body.queued).toBe(0);
    await harness.service.parts.fanout.sweep();
    expect(
      harness.connector.received.filter(
        (r) =>
          r.conversationId.startsWith(channelId) &&
          visibleText(r.activity).includes('Channel and chats'),
      ),
    ).toHaveLength(1);
  });
});

describe('event invitations', () => {
  it('invites, takes RSVPs in place, refuses a full event and reminds those going', async () => {
    const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
      token: coordinator,
      json: {
        type: 'action_learning_set',
        title: 'Action learning set for mentors',
        audience: 'mentors',
        start: '2027-03-10T13:00:00Z',
        end: '2027-03-10T14:30:00Z',
        location: 'Board room, Trust HQ',
        capacity: 1,
      },
    });
    expect(event.status).toBe(201);
    const invited = await call<{ id: string }>(
      url,
      'POST',
      `/api/cohorts/${cohortId}/events/${event.body.id}/invitations`,
      { token: coordinator },
    );
    expect(invited.status).toBe(201);
    const done = await finished(invited.body.id);
    expect(done.counts.sent).toBe(MENTORS.length);
    const counts = deliveries('Action learning set for mentors');
    for (const p of PEOPLE) expect(counts.get(p.aadObjectId)).toBe(MENTORS.includes(p) ? 1 : 0);

    const [first, second] = MENTORS;
    const yes = { cohortId, eventId: event.body.id, response: 'yes' };
    const going = await harness.drive.click(first!, 'event.rsvp', yes);
    expect(going.text).toMatch(/You're going/);
    const full = await harness.drive.click(second!, 'event.rsvp', yes);
    expect(full.text).toMatch(/This event is full/);
    expect(full.text).not.toMatch(/You're going/);

    await harness.drive.at('2027-03-09T13:00:30Z');
    const until = Date.now() + 20_000;
    const reminded = () =>
      harness.connector
        .deliveredTo(first!.aadObjectId)
        .some((r) => /Reminder: this is tomorrow/.test(visibleText(r.activity)));
    while (!reminded() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(reminded()).toBe(true);
    expect(
      harness.connector
        .deliveredTo(second!.aadObjectId)
        .some((r) => /Reminder/.test(visibleText(r.activity))),
    ).toBe(false);
  });
});

/** How many of the coordinator's chat messages match. */
function summaries(pattern: RegExp): number {
  return harness.connector
    .deliveredTo(COORDINATOR.userId)
    .filter((r) => pattern.test(visibleText(r.activity))).length;
}

/** The activity a person got whose text includes `title`. */
function deliveredCard(user: TeamsUser, title: string) {
  return harness.connector
    .deliveredTo(user.aadObjectId)
    .find((r) => visibleText(r.activity).includes(title))?.activity;
}

describe('event reminders', () => {
  it('lists reminders among recent announcements, and calls one off when a move puts it in the past', async () => {
    const repo = harness.service.parts.repos.announcements;
    const now = harness.service.parts.clock.now();
    // More earlier announcements than the list shows (50): the event's reminders, made after
    // them, must still be among the most recent.
    for (let i = 1; i <= 55; i++) {
      const at = new Date(now.getTime() - i * 60_000);
      await repo.create({
        id: announcementId(at, i.toString(16).padStart(8, '0')),
        cohortId,
        kind: 'announcement',
        title: `Earlier notice ${i}`,
        text: 'Earlier.',
        audience: { kind: 'cohort' },
        alsoInChannel: false,
        sendAt: at.toISOString(),
        status: 'sent',
        createdBy: COORDINATOR.userId,
        createdByName: COORDINATOR.name,
        createdAt: at.toISOString(),
        round: 1,
      });
    }
    const start = new Date(now.getTime() + 10 * 24 * 3600_000);
    const hours = (h: number) => new Date(start.getTime() + h * 3600_000).toISOString();
    const event = await call<{ id: string; etag: string }>(
      url,
      'POST',
      `/api/cohorts/${cohortId}/events`,
      {
        token: coordinator,
        json: {
          type: 'peer_support',
          title: 'Peer support circle',
          audience: 'everyone',
          start: hours(0),
          end: hours(1),
          location: 'Teams',
        },
      },
    );
    expect(event.status).toBe(201);
    const listed = await call<{ announcements: { id: string }[] }>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/announcements`,
      { token: coordinator },
    );
    const ids = listed.body.announcements.map((a) => a.id);
    expect(ids).toHaveLength(50);
    expect(ids).toEqual(
      expect.arrayContaining([`reminder-day-${event.body.id}`, `reminder-hour-${event.body.id}`]),
    );
    expect(ids).not.toContain(announcementId(new Date(now.getTime() - 55 * 60_000), '00000037'));

    // Moved to twenty hours from now: the day-before time has passed, the hour-before has not.
    const soon = new Date(now.getTime() + 20 * 3600_000);
    const moved = await call(url, 'PUT', `/api/cohorts/${cohortId}/events/${event.body.id}`, {
      token: coordinator,
      headers: { 'if-match': event.body.etag },
      json: {
        type: 'peer_support',
        title: 'Peer support circle',
        audience: 'everyone',
        start: soon.toISOString(),
        end: new Date(soon.getTime() + 3600_000).toISOString(),
        location: 'Teams',
      },
    });
    expect(moved.status).toBe(200);
    const day = await repo.get(cohortId, `reminder-day-${event.body.id}`);
    const hour = await repo.get(cohortId, `reminder-hour-${event.body.id}`);
    expect(day?.value.status).toBe('cancelled');
    expect(await repo.dueBy(start)).not.toContainEqual(
      expect.objectContaining({ announcementId: `reminder-day-${event.body.id}` }),
    );
    expect(hour?.value).toMatchObject({
      status: 'scheduled',
      sendAt: new Date(soon.getTime() - 3600_000).toISOString(),
    });
  });
});

async function waitForText(user: TeamsUser, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const texts = harness.connector
      .deliveredTo(user.aadObjectId)
      .map((r) => visibleText(r.activity));
    if (texts.some((t) => pattern.test(t))) return;
    if (Date.now() > until) throw new Error(`no message matching ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
