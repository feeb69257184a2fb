import { rowKeys } from '../../bot/src/features/journey/store/pair-space-repository';
import type { PairSpaceView } from '../../bot/src/features/journey/services/pair-space-view';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { type JsonResponse, call, devToken } from '../support/test-service';

/**
 * If-Match (issue 12, hole 5): a write that changes what a partner or a colleague may also have
 * changed names the version it read, exactly as the API handed it out. `*`, weak or malformed
 * values, even the store's own weak ETag of the current version, are refused with 412 and change
 * nothing; no If-Match at all is 428; a stale one is 412 with the latest; the current one saves.
 */

const AMA = { aadObjectId: 'b1000000-0000-4000-8000-000000000001', name: 'Ama Boateng' };
const DEV = { aadObjectId: 'b1000000-0000-4000-8000-000000000002', name: 'Dev Patel' };

let harness: BotHarness;
let url: string;
let cohortId: string;
let pairId: string;
const tokens: Record<string, string> = {};

/** An ETag as RFC 9110 defines a strong one: a quoted string, no W/ prefix. */
const STRONG = /^"[\x21\x23-\x7e]+"$/;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  cohortId = await activePair(harness.drive, url, AMA, DEV);
  for (const p of [AMA, DEV])
    tokens[p.name] = await devToken(url, { userId: p.aadObjectId, name: p.name });
  tokens.coordinator = await devToken(url, COORDINATOR);
  const me = await call<{ memberships: { pair: { id: string } }[] }>(url, 'GET', '/api/me', {
    token: tokens[AMA.name],
  });
  pairId = me.body.memberships[0]!.pair.id;
});

afterAll(() => harness?.stop());

const space = async (who = AMA.name) =>
  (await call<PairSpaceView>(url, 'GET', `/api/pairs/${pairId}`, { token: tokens[who] })).body;

/** The store's own ETag of a pair-space row now: the weak `W/"datetime'…'"` Azure Tables gives. */
async function storedEtag(rowKey: string): Promise<string> {
  const row = await harness.service.parts.repos.pairSpaces.get(pairId, rowKey);
  return row!.etag;
}

/** Values that are not an ETag this API handed out for the current version. */
async function refusedValues(handedOut: string, rowKey: string): Promise<[string, string][]> {
  return [
    ['a wildcard', '*'],
    ['a wildcard among spaces', '  *  '],
    ['a made-up weak ETag', 'W/"x"'],
    ['the handed-out ETag marked weak', `W/${handedOut}`],
    ['the store’s own weak ETag of the current version', await storedEtag(rowKey)],
    ['a list holding the current ETag', `${handedOut}, "other"`],
    ['a list holding a wildcard', `"other", *`],
    ['an unquoted value', handedOut.replace(/"/g, '')],
    ['garbage', 'not-an-etag'],
    ['a quoted wildcard', `"${Buffer.from('*').toString('base64url')}"`],
  ];
}

function expectRefused(response: JsonResponse, status: 412 | 428): void {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({
    error: { code: status === 428 ? 'precondition_required' : expect.any(String) },
  });
  expect(response.body).not.toHaveProperty('error.current');
}

describe('If-Match on a goal (PUT /api/pairs/:pairId/goals/:goalId)', () => {
  it('accepts only the current version’s ETag as handed out; nothing is saved on refusal', async () => {
    const created = await call<{ id: string; etag: string }>(
      url,
      'POST',
      `/api/pairs/${pairId}/goals`,
      { token: tokens[AMA.name], json: { text: 'Learn how rotas are made' } },
    );
    expect(created.status).toBe(201);
    expect(created.body.etag).toMatch(STRONG);
    expect(created.headers.get('etag')).toBe(created.body.etag);
    const path = `/api/pairs/${pairId}/goals/${created.body.id}`;
    const edit = (note: string, ifMatch?: string) =>
      call<{ etag: string; error?: { current?: { etag: string } } }>(url, 'PUT', path, {
        token: tokens[DEV.name],
        json: { text: 'Learn how rotas are made', status: 'in_progress', note },
        headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
      });

    expectRefused(await edit('absent'), 428);
    for (const [what, value] of await refusedValues(
      created.body.etag,
      rowKeys.goal(created.body.id),
    )) {
      const refused = await edit(`sent ${what}`, value);
      expect({ what, status: refused.status }).toEqual({ what, status: 412 });
      expectRefused(refused, 412);
    }
    expect((await space()).goals).toEqual([
      expect.objectContaining({
        id: created.body.id,
        status: 'not_started',
        etag: created.body.etag,
      }),
    ]);

    // The current ETag saves, and hands out the next one.
    const saved = await edit('with the current ETag', created.body.etag);
    expect(saved.status).toBe(200);
    expect(saved.body.etag).toMatch(STRONG);
    expect(saved.body.etag).not.toBe(created.body.etag);
    expect(saved.headers.get('etag')).toBe(saved.body.etag);

    // The first ETag is stale now: 412 with the latest version, whose ETag then saves.
    const stale = await edit('stale', created.body.etag);
    expect(stale.status).toBe(412);
    expect(stale.body.error?.current?.etag).toBe(saved.body.etag);
    const view = await space();
    expect(view.goals).toEqual([
      expect.objectContaining({ note: 'with the current ETag', etag: saved.body.etag }),
    ]);
    expect((await edit('after the conflict', stale.body.error!.current!.etag)).status).toBe(200);
  });
});

describe('If-Match on an action (PATCH /api/pairs/:pairId/actions/:actionId)', () => {
  it('accepts only the current version’s ETag as handed out; nothing is saved on refusal', async () => {
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
    expect(added.body.etag).toMatch(STRONG);
    expect(added.headers.get('etag')).toBe(added.body.etag);
    const path = `/api/pairs/${pairId}/actions/${added.body.id}`;
    const change = (text: string, ifMatch?: string) =>
      call<{ etag: string; error?: { current?: { etag: string } } }>(url, 'PATCH', path, {
        token: tokens[AMA.name],
        json: { text },
        headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
      });

    expectRefused(await change('absent'), 428);
    for (const [what, value] of await refusedValues(
      added.body.etag,
      rowKeys.action(added.body.id),
    )) {
      const refused = await change(`sent ${what}`, value);
      expect({ what, status: refused.status }).toEqual({ what, status: 412 });
      expectRefused(refused, 412);
    }
    const before = (await space()).actions;
    expect(before).toEqual([
      expect.objectContaining({ text: 'Shadow a ward round', etag: added.body.etag }),
    ]);

    const saved = await change('Shadow a night shift', before[0]!.etag);
    expect(saved.status).toBe(200);
    expect(saved.body.etag).toMatch(STRONG);
    expect(saved.headers.get('etag')).toBe(saved.body.etag);

    const stale = await change('Stale words', added.body.etag);
    expect(stale.status).toBe(412);
    expect(stale.body.error?.current?.etag).toBe(saved.body.etag);
    expect((await space()).actions).toEqual([
      expect.objectContaining({ text: 'Shadow a night shift', etag: saved.body.etag }),
    ]);
  });
});

describe('If-Match on an event (PUT /api/cohorts/:cohortId/events/:eventId)', () => {
  it('refuses a wildcard or weak value, and saves with the ETag the calendar handed out', async () => {
    const input = {
      title: 'Induction',
      type: 'induction',
      start: '2027-04-01T10:00:00Z',
      end: '2027-04-01T11:00:00Z',
      audience: 'everyone',
      location: 'Room 1',
    };
    const events = `/api/cohorts/${cohortId}/events`;
    const created = await call<{ id: string; etag: string }>(url, 'POST', events, {
      token: tokens.coordinator,
      json: input,
    });
    expect(created.status).toBe(201);
    expect(created.body.etag).toMatch(STRONG);
    const listed = await call<{ events: { id: string; etag: string }[] }>(url, 'GET', events, {
      token: tokens.coordinator,
    });
    expect(listed.body.events.find((e) => e.id === created.body.id)?.etag).toBe(created.body.etag);
    const put = (title: string, ifMatch: string) =>
      call<{ etag: string; title: string }>(url, 'PUT', `${events}/${created.body.id}`, {
        token: tokens.coordinator,
        json: { ...input, title },
        headers: { 'if-match': ifMatch },
      });
    for (const value of ['*', 'W/"x"', `W/${created.body.etag}`, 'garbage']) {
      expectRefused(await put('Overwritten', value), 412);
    }
    const saved = await put('Induction (moved)', created.body.etag);
    expect(saved.status).toBe(200);
    expect(saved.body.etag).toMatch(STRONG);
    expect(saved.headers.get('etag')).toBe(saved.body.etag);
  });
});
