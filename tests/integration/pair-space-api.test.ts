import type { PairSpaceView } from '../../bot/src/features/journey/services/pair-space-view';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

const AMA = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000001',
  name: 'Ama Boateng',
  timeZone: 'Europe/London',
};
const DEV = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000002',
  name: 'Dev Patel',
  timeZone: 'Europe/London',
};
const KOFI = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000003',
  name: 'Kofi Asante',
  timeZone: 'Europe/London',
};
const HELEN = {
  aadObjectId: 'd0000000-0000-4000-8000-000000000004',
  name: 'Helen Carter',
  timeZone: 'Europe/London',
};

let harness: BotHarness;
let url: string;
let pairId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  await activePair(harness.drive, url, AMA, DEV);
  await activePair(harness.drive, url, KOFI, HELEN);
  for (const p of [AMA, DEV, KOFI])
    tokens[p.name] = await devToken(url, { userId: p.aadObjectId, name: p.name });
  tokens.coordinator = await devToken(url, COORDINATOR);
  const me = await call<{ memberships: { pair: { id: string } }[] }>(url, 'GET', '/api/me', {
    token: tokens[AMA.name],
  });
  pairId = me.body.memberships[0]!.pair.id;
});

afterAll(() => harness.stop());

const space = (who: string) =>
  call<PairSpaceView>(url, 'GET', `/api/pairs/${pairId}`, { token: tokens[who] });

describe('a pair’s space through the tab API', () => {
  it('shows a partner their pair, contract, plan and progress', async () => {
    const view = await space(AMA.name);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      pair: { id: pairId, state: 'active', myRole: 'mentor' },
      partner: { displayName: 'Dev Patel', role: 'mentee' },
      contract: { version: 1, agreedByMe: true, agreedByPartner: true },
      progress: { held: 0, planned: 6, minimumMet: false },
      goals: [],
      actions: [],
    });
    expect(view.body.meetings).toHaveLength(6);
  });

  it('refuses everyone outside the pair, coordinators included, without confirming it exists', async () => {
    for (const token of [tokens[KOFI.name], tokens.coordinator]) {
      const refused = await call(url, 'GET', `/api/pairs/${pairId}`, { token });
      expect(refused).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      const write = await call(url, 'POST', `/api/pairs/${pairId}/goals`, {
        token,
        json: { text: 'x' },
      });
      expect(write.status).toBe(404);
    }
    expect((await call(url, 'GET', `/api/pairs/${pairId}`)).status).toBe(401);
  });

  it('keeps goals in step between partners and never lets a stale edit overwrite the other', async () => {
    const created = await call<{ id: string; etag: string }>(
      url,
      'POST',
      `/api/pairs/${pairId}/goals`,
      {
        token: tokens[AMA.name],
        json: { text: 'Understand how rota decisions are made' },
      },
    );
    expect(created.status).toBe(201);
    const path = `/api/pairs/${pairId}/goals/${created.body.id}`;
    const devEdit = await call(url, 'PUT', path, {
      token: tokens[DEV.name],
      json: {
        text: 'Understand how rota decisions are made',
        status: 'in_progress',
        note: 'Sat in on one',
      },
    });
    expect(devEdit).toMatchObject({
      status: 428,
      body: { error: { code: 'precondition_required' } },
    });
    const saved = await call<{ etag: string }>(url, 'PUT', path, {
      token: tokens[DEV.name],
      json: {
        text: 'Understand how rota decisions are made',
        status: 'in_progress',
        note: 'Sat in on one',
      },
      headers: { 'if-match': created.body.etag },
    });
    expect(saved.status).toBe(200);

    // Ama still holds the first version: her edit is refused with the latest, and nothing is lost.
    const stale = await call<{ error: { code: string; current: { value: { note: string } } } }>(
      url,
      'PUT',
      path,
      {
        token: tokens[AMA.name],
        json: { text: 'A different goal', status: 'achieved', note: 'Mine' },
        headers: { 'if-match': created.body.etag },
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      current: { value: { note: 'Sat in on one' } },
    });
    const after = await space(AMA.name);
    expect(after.body.goals).toEqual([
      expect.objectContaining({
        text: 'Understand how rota decisions are made',
        status: 'in_progress',
        note: 'Sat in on one',
      }),
    ]);
  });

  it('lets two sessions edit the same action: one wins, the other gets 412 and the latest text', async () => {
    const added = await call<{ id: string; etag: string }>(
      url,
      'POST',
      `/api/pairs/${pairId}/actions`,
      {
        token: tokens[DEV.name],
        json: { text: 'Shadow a ward round', owner: 'partner', dueDate: '2027-04-01' },
      },
    );
    expect(added.status).toBe(201);
    const path = `/api/pairs/${pairId}/actions/${added.body.id}`;
    const [first, second] = await Promise.all([
      call(url, 'PATCH', path, {
        token: tokens[AMA.name],
        json: { text: 'Shadow a night shift' },
        headers: { 'if-match': added.body.etag },
      }),
      call(url, 'PATCH', path, {
        token: tokens[DEV.name],
        json: { text: 'Shadow a ward round and a handover' },
        headers: { 'if-match': added.body.etag },
      }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner =
      first.status === 200 ? 'Shadow a night shift' : 'Shadow a ward round and a handover';
    const loser = first.status === 412 ? first : second;
    expect(JSON.stringify(loser.body)).toContain(winner);
    const view = await space(AMA.name);
    expect(view.body.actions).toEqual([
      expect.objectContaining({ text: winner, owner: 'me', done: false }),
    ]);

    const done = await call<{ done: boolean }>(url, 'PATCH', path, {
      token: tokens[AMA.name],
      json: { done: true },
      headers: { 'if-match': view.body.actions[0]!.etag },
    });
    expect(done.body.done).toBe(true);
  });

  it('shows each partner their own reflections and only what the other chose to share', async () => {
    const { drive } = harness;
    await drive.setClock('2027-03-03T10:00:00Z');
    await drive.say(DEV, 'log meeting');
    await drive.click(DEV, 'meeting.log', {
      ...drive.actionData(DEV, 'meeting.log'),
      date: '2027-03-02',
      time: '10:00',
      minutes: '60',
    });
    await drive.runJobs();
    await drive.click(DEV, 'reflection.save', {
      ...drive.actionData(DEV, 'reflection.save'),
      outcome: 'held',
      minutes: '60',
      learned: 'Private to Dev',
      share: 'false',
    });
    await drive.setClock('2027-03-04T10:00:00Z');
    await drive.runJobs();
    await drive.click(AMA, 'reflection.save', {
      ...drive.actionData(AMA, 'reflection.save'),
      outcome: 'held',
      minutes: '60',
      learned: 'Shared by Ama',
      share: 'true',
    });

    const ama = await space(AMA.name);
    expect(ama.body.reflections).toEqual({
      mine: [expect.objectContaining({ learned: 'Shared by Ama', sharedWithPartner: true })],
      sharedWithMe: [],
    });
    expect(JSON.stringify(ama.body)).not.toContain('Private to Dev');
    const dev = await space(DEV.name);
    expect(dev.body.reflections).toEqual({
      mine: [expect.objectContaining({ learned: 'Private to Dev', sharedWithPartner: false })],
      sharedWithMe: [expect.objectContaining({ learned: 'Shared by Ama' })],
    });
    expect(dev.body.progress).toMatchObject({ held: 1 });
  });

  it('takes preparation and reflections written in the tab, private unless shared', async () => {
    // The next meeting is booked in chat; the tab then offers preparation for it.
    const { drive } = harness;
    await drive.at('2027-04-06T10:00:00Z');
    await drive.click(AMA, 'meeting.booked', {
      ...drive.actionData(AMA, 'meeting.booked'),
      date: '2027-04-21',
      time: '10:00',
      minutes: '60',
      mode: 'online',
    });
    const before = await space(AMA.name);
    const next = before.body.preparation;
    expect(next).not.toBeNull();
    const meetingPath = (id: string) => `/api/pairs/${pairId}/meetings/${id}`;

    const prepared = await call(url, 'PUT', `${meetingPath(next!.meetingId)}/preparation`, {
      token: tokens[AMA.name],
      json: { topics: 'Ask about the staff survey', share: false },
    });
    expect(prepared).toMatchObject({
      status: 200,
      body: { topics: 'Ask about the staff survey', shared: false },
    });
    expect(JSON.stringify((await space(DEV.name)).body)).not.toContain('staff survey');
    await call(url, 'PUT', `${meetingPath(next!.meetingId)}/preparation`, {
      token: tokens[AMA.name],
      json: { topics: 'Ask about the staff survey', share: true },
    });
    expect((await space(DEV.name)).body.preparation?.partner).toEqual({
      topics: 'Ask about the staff survey',
    });

    const held = before.body.meetings.find((m) => m.status === 'held')!;
    const written = await call(url, 'POST', `${meetingPath(held.id)}/reflections`, {
      token: tokens[DEV.name],
      json: { learned: 'Written in the tab, kept private', doDifferently: '' },
    });
    expect(written).toMatchObject({
      status: 201,
      body: { learned: 'Written in the tab, kept private', sharedWithPartner: false },
    });
    expect((await space(DEV.name)).body.reflections.mine).toContainEqual(
      expect.objectContaining({ learned: 'Written in the tab, kept private' }),
    );
    const amaView = JSON.stringify((await space(AMA.name)).body);
    expect(amaView).not.toContain('Written in the tab');
    const coordinatorView = await call(url, 'GET', `/api/cohorts`, { token: tokens.coordinator });
    expect(JSON.stringify(coordinatorView.body)).not.toContain('Written in the tab');

    const notHeld = await call(url, 'POST', `${meetingPath(next!.meetingId)}/reflections`, {
      token: tokens[DEV.name],
      json: { learned: 'Too early' },
    });
    expect(notHeld).toMatchObject({ status: 409, body: { error: { code: 'meeting_not_held' } } });
    const empty = await call<{ error: { details: { fields: { field: string }[] } } }>(
      url,
      'POST',
      `${meetingPath(held.id)}/reflections`,
      { token: tokens[DEV.name], json: { learned: '  ', doDifferently: '' } },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields.map((f) => f.field)).toEqual(['learned']);
    const outsider = await call(url, 'PUT', `${meetingPath(next!.meetingId)}/preparation`, {
      token: tokens[KOFI.name],
      json: { topics: 'Snooping', share: true },
    });
    expect(outsider.status).toBe(404);
  });

  it('validates bodies and names the wrong field', async () => {
    const bad = await call(url, 'POST', `/api/pairs/${pairId}/actions`, {
      token: tokens[AMA.name],
      json: { text: '', owner: 'boss', dueDate: '1 April' },
    });
    expect(bad.status).toBe(400);
    const fields = (
      bad.body as { error: { details: { fields: { field: string }[] } } }
    ).error.details.fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['dueDate', 'owner', 'text']);
  });
});
