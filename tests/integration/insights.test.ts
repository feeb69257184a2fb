import type { AuditTrail } from '../../bot/src/contracts/audit';
import type { Me } from '../../bot/src/contracts/cohorts';
import type {
  InsightBoard,
  InsightQueue,
  MyInsights,
  MyInsightView,
} from '../../bot/src/contracts/insights';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Insights and testimonials on the real service and Azurite (issue 16 item 7): a pair writes an
 * insight, the partner agrees, the programme team edits it for anonymity (back to both authors),
 * publishes it under a theme, and the cohort's sponsor reads it on the board with no names and
 * no pair id; the authors are told in chat. A partner of another pair never sees the draft, a
 * stale change gets 412 and changes nothing, and a testimonial needs consent to be quoted.
 */

const MENTOR: TeamsUser = {
  aadObjectId: 'e1700000-0000-4000-8000-000000000001',
  name: 'Zara Quill',
};
const MENTEE: TeamsUser = {
  aadObjectId: 'e1700000-0000-4000-8000-000000000002',
  name: 'Ignatius Fairweather',
};
const PEER: TeamsUser = { aadObjectId: 'e1700000-0000-4000-8000-000000000003', name: 'Nell Oduya' };
const PEER_MENTEE: TeamsUser = {
  aadObjectId: 'e1700000-0000-4000-8000-000000000004',
  name: 'Rufus Penhallow',
};
const COORD = { userId: 'e1700000-0000-4000-8000-0000000000c1', name: 'Cleo Ward' };
const SPONSOR = { userId: 'e1700000-0000-4000-8000-0000000000d1', name: 'Sol Sponsor' };

const DRAFT = 'DRAFT-K9: leaders should ask who is not in the room before deciding';

let harness: BotHarness;
let url: string;
let cohortId: string;
const tokens: Record<string, string> = {};
const emails: string[] = [];

const api = <T = Record<string, unknown>>(
  who: string,
  method: string,
  path: string,
  options: { json?: unknown; ifMatch?: string } = {},
) =>
  call<T>(url, method, path, {
    token: tokens[who],
    json: options.json,
    headers: options.ifMatch ? { 'if-match': options.ifMatch } : {},
  });

const errorOf = (body: unknown) =>
  (body as { error?: { code: string; details?: { fields?: { field: string }[] } } }).error;
const emailOf = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;
const mine = (id: string) => `/api/me/insights/${cohortId}/${id}`;
const moderation = (id = '') => `/api/cohorts/${cohortId}/insights${id ? `/${id}` : ''}`;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const person of [MENTOR, MENTEE, PEER, PEER_MENTEE]) await drive.install(person);
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await api<{ id: string }>('admin', 'POST', '/api/cohorts', {
    json: { name: 'Insights cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  for (const [role, person] of [
    ['coordinator', COORD],
    ['sponsor', SPONSOR],
  ] as const) {
    const granted = await api('admin', 'POST', '/api/roles', {
      json: { role, cohortId, userId: person.userId, name: person.name },
    });
    expect(granted.status).toBe(201);
  }
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: tokens.admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      row(MENTOR, 'mentor', MENTEE),
      row(MENTEE, 'mentee'),
      row(PEER, 'mentor', PEER_MENTEE),
      row(PEER_MENTEE, 'mentee'),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  emails.push(...[MENTOR, MENTEE].map(emailOf));
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pairs have started
  for (const [who, u] of Object.entries({ MENTOR, MENTEE, PEER, PEER_MENTEE })) {
    tokens[who] = await devToken(url, { userId: u.aadObjectId, name: u.name });
  }
  tokens.COORD = await devToken(url, COORD);
  tokens.SPONSOR = await devToken(url, SPONSOR);
}, 600_000);

afterAll(() => harness?.stop());

describe('an insight from draft to the board', () => {
  let id = '';
  let etag = '';
  let pairId = '';

  it('the mentor drafts it; only the pair sees the draft, each with its state', async () => {
    const drafted = await api<MyInsightView>('MENTOR', 'POST', '/api/me/insights', {
      json: {
        cohortId,
        kind: 'insight',
        title: 'Who is in the room',
        text: DRAFT,
        themeSuggestion: 'inclusive_leadership',
      },
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ state: 'draft', agreed: 1, authors: 2, iAgreed: true });
    expect(drafted.headers.get('etag')).toBe(drafted.body.etag);
    id = drafted.body.id;
    etag = drafted.body.etag;

    const partner = await api<MyInsights>('MENTEE', 'GET', '/api/me/insights');
    expect(partner.body.insights).toHaveLength(1);
    expect(partner.body.insights[0]).toMatchObject({ id, text: DRAFT, iAgreed: false });
    const me = await api<Me>('MENTEE', 'GET', '/api/me');
    pairId = me.body.memberships[0]?.pair?.id ?? '';
    expect(pairId).not.toBe('');
  });

  it('a partner of another pair cannot see or touch the draft; the programme team sees no draft', async () => {
    const peer = await api<MyInsights>('PEER', 'GET', '/api/me/insights');
    expect(peer.body.insights).toEqual([]);
    expect(JSON.stringify(peer.body)).not.toContain(DRAFT);
    for (const [method, path, json] of [
      ['PUT', mine(id), { title: 'Hijack', text: 'Hijack' }],
      ['POST', `${mine(id)}/consent`, { decision: 'agree' }],
    ] as const) {
      const refused = await api('PEER', method, path, { json, ifMatch: etag });
      expect(refused.status).toBe(404);
      expect(JSON.stringify(refused.body)).not.toContain(DRAFT);
    }
    const queue = await api<InsightQueue>('COORD', 'GET', moderation());
    expect(queue.status).toBe(200);
    expect(queue.body.insights).toEqual([]);
    const publish = await api('COORD', 'POST', `${moderation(id)}/publish`, {
      json: { theme: 'wellbeing' },
      ifMatch: etag,
    });
    expect(publish.status).toBe(404);
  });

  it('the mentee agrees: it reaches the queue, with broad groups and no names', async () => {
    const stale = await api('MENTEE', 'POST', `${mine(id)}/consent`, {
      json: { decision: 'agree' },
    });
    expect(stale.status).toBe(428);
    const agreed = await api<MyInsightView>('MENTEE', 'POST', `${mine(id)}/consent`, {
      json: { decision: 'agree' },
      ifMatch: etag,
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ state: 'in_moderation', agreed: 2 });
    etag = agreed.body.etag;
    const queue = await api<InsightQueue>('COORD', 'GET', moderation());
    expect(queue.body.insights).toHaveLength(1);
    expect(queue.body.insights[0]).toMatchObject({
      id,
      authorsText: 'a mentor (junior colleague) and a senior leader',
    });
    const text = JSON.stringify(queue.body);
    for (const hidden of [MENTOR.name, MENTEE.name, pairId, ...emails])
      expect(text).not.toContain(hidden);
  });

  it('an edit for anonymity goes back to both authors; a stale edit gets 412 and changes nothing', async () => {
    const edited = await api<MyInsightView>('COORD', 'PUT', moderation(id), {
      json: { title: 'Who is in the room', text: 'Leaders should ask who is missing.' },
      ifMatch: etag,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ state: 'awaiting_authors', agreed: 0 });
    const stale = await api('MENTOR', 'PUT', mine(id), {
      json: { title: 'Mine', text: 'Overwrite the edit' },
      ifMatch: etag,
    });
    expect(stale.status).toBe(412);
    expect(errorOf(stale.body)?.code).toBe('conflict');
    // The 412 carries the latest words, never the pair's or an author's id.
    const current = (stale.body as { error: { current?: { value: { text: string } } } }).error
      .current;
    expect(current?.value.text).toBe('Leaders should ask who is missing.');
    const people = await api<{ participants: { id: string }[] }>(
      'admin',
      'GET',
      `/api/cohorts/${cohortId}/participants`,
    );
    const participantIds = people.body.participants.map((p) => p.id);
    expect(participantIds.length).toBe(4);
    for (const hidden of [pairId, ...participantIds])
      expect(JSON.stringify(stale.body)).not.toContain(hidden);
    etag = edited.body.etag;

    const early = await api('COORD', 'POST', `${moderation(id)}/publish`, {
      json: { theme: 'inclusive_leadership' },
      ifMatch: etag,
    });
    expect(early.status).toBe(409);
    expect(errorOf(early.body)?.code).toBe('consent_missing');

    const mentorView = await api<MyInsights>('MENTOR', 'GET', '/api/me/insights');
    expect(mentorView.body.insights[0]).toMatchObject({
      text: 'Leaders should ask who is missing.',
      state: 'awaiting_authors',
    });
    for (const who of ['MENTOR', 'MENTEE']) {
      const approved = await api<MyInsightView>(who, 'POST', `${mine(id)}/consent`, {
        json: { decision: 'agree' },
        ifMatch: etag,
      });
      expect(approved.status).toBe(200);
      etag = approved.body.etag;
    }
  });

  it('refuses a theme outside the list, publishes, and tells both authors in chat', async () => {
    const bad = await api('COORD', 'POST', `${moderation(id)}/publish`, {
      json: { theme: 'gossip' },
      ifMatch: etag,
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body)?.details?.fields?.map((f) => f.field)).toEqual(['theme']);
    const before = [MENTOR, MENTEE].map((u) => harness.drive.inbox(u).length);
    const published = await api<MyInsightView>('COORD', 'POST', `${moderation(id)}/publish`, {
      json: { theme: 'inclusive_leadership' },
      ifMatch: etag,
    });
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');
    [MENTOR, MENTEE].forEach((u, i) => {
      const told = JSON.stringify(harness.drive.inbox(u).slice(before[i]));
      expect(told).toContain('is on the board');
    });
  });

  it('the sponsor reads it on the board by theme: no names, no pair id; others find nothing', async () => {
    const board = await api<InsightBoard>('SPONSOR', 'GET', `${moderation()}/board`);
    expect(board.status).toBe(200);
    expect(board.body.themes).toEqual([
      expect.objectContaining({
        theme: 'inclusive_leadership',
        insights: [
          expect.objectContaining({
            text: 'Leaders should ask who is missing.',
            authorsText: 'a mentor (junior colleague) and a senior leader',
          }),
        ],
      }),
    ]);
    const text = JSON.stringify(board.body);
    for (const hidden of [MENTOR.name, MENTEE.name, PEER.name, pairId, DRAFT, ...emails])
      expect(text).not.toContain(hidden);
    for (const who of ['MENTOR', 'PEER']) {
      expect((await api(who, 'GET', `${moderation()}/board`)).status).toBe(404);
    }
  });

  it('audits every change without naming an author', async () => {
    const trail = await api<AuditTrail>('admin', 'GET', `/api/audit?cohortId=${cohortId}`);
    expect(trail.status).toBe(200);
    const mineOnly = trail.body.entries.filter((e) => e.targetId === id);
    expect(mineOnly.map((e) => e.action).sort()).toEqual(
      [
        'insight.drafted',
        'insight.author_agreed',
        'insight.edited',
        'insight.author_agreed',
        'insight.author_agreed',
        'insight.published',
      ].sort(),
    );
    const text = JSON.stringify(mineOnly);
    for (const hidden of [MENTOR.name, MENTEE.name, DRAFT]) expect(text).not.toContain(hidden);
  });
});

describe('returning and testimonials', () => {
  it('a returned insight shows the programme team’s note to its authors', async () => {
    const drafted = await api<MyInsightView>('PEER', 'POST', '/api/me/insights', {
      json: { cohortId, kind: 'testimonial', title: 'Worth it', text: 'It changed my year.' },
    });
    expect(drafted.status).toBe(400);
    expect(errorOf(drafted.body)?.details?.fields?.map((f) => f.field)).toEqual(['consentToQuote']);
    const quoted = await api<MyInsightView>('PEER', 'POST', '/api/me/insights', {
      json: {
        cohortId,
        kind: 'testimonial',
        title: 'Worth it',
        text: 'It changed my year.',
        consentToQuote: true,
      },
    });
    expect(quoted.status).toBe(201);
    expect(quoted.body).toMatchObject({
      state: 'in_moderation',
      authorsText: 'a mentor (junior colleague)',
    });
    const returned = await api('COORD', 'POST', `${moderation(quoted.body.id)}/return`, {
      json: { note: 'Please say what changed' },
      ifMatch: quoted.body.etag,
    });
    expect(returned.status).toBe(200);
    const seen = await api<MyInsights>('PEER', 'GET', '/api/me/insights');
    expect(seen.body.insights[0]).toMatchObject({
      state: 'returned',
      returnNote: 'Please say what changed',
    });
    // Its partner is no author of a testimonial.
    const partner = await api<MyInsights>('PEER_MENTEE', 'GET', '/api/me/insights');
    expect(partner.body.insights).toEqual([]);
  });
});

describe('an author withdraws (issue 17)', () => {
  it('deletes the insight at once: off the board and the queue; the partner is told, not by whom', async () => {
    const [published] = (await api<MyInsights>('MENTEE', 'GET', '/api/me/insights')).body.insights;
    expect(published?.state).toBe('published');
    const { id, etag } = published!;
    // Nobody else can withdraw it: another pair's partner, the programme team, the sponsor.
    for (const who of ['PEER', 'COORD', 'SPONSOR']) {
      expect((await api(who, 'DELETE', mine(id), { ifMatch: etag })).status).toBe(404);
    }
    expect((await api('MENTEE', 'DELETE', mine(id))).status).toBe(428);
    expect((await api('MENTEE', 'DELETE', mine(id), { ifMatch: '"stale"' })).status).toBe(412);
    const onBoard = async () =>
      JSON.stringify((await api<InsightBoard>('SPONSOR', 'GET', `${moderation()}/board`)).body);
    expect(await onBoard()).toContain('Leaders should ask who is missing.');

    const before = harness.drive.inbox(MENTOR).length;
    const menteeBefore = harness.drive.inbox(MENTEE).length;
    const gone = await api('MENTEE', 'DELETE', mine(id), { ifMatch: etag });
    expect(gone.status).toBe(200);
    expect(await onBoard()).not.toContain('Leaders should ask who is missing.');
    const queue = await api<InsightQueue>('COORD', 'GET', moderation());
    expect(queue.body.insights.map((i) => i.id)).not.toContain(id);
    expect((await api<MyInsights>('MENTOR', 'GET', '/api/me/insights')).body.insights).toEqual([]);
    expect((await api('MENTEE', 'DELETE', mine(id), { ifMatch: etag })).status).toBe(404);

    const told = JSON.stringify(harness.drive.inbox(MENTOR).slice(before));
    expect(told).toContain('was withdrawn');
    expect(told).toContain('Who is in the room');
    for (const hidden of [MENTEE.name, 'senior leader', 'mentee'])
      expect(told).not.toContain(hidden);
    expect(harness.drive.inbox(MENTEE).length).toBe(menteeBefore);

    const trail = await api<AuditTrail>('admin', 'GET', `/api/audit?cohortId=${cohortId}`);
    const withdrawn = trail.body.entries.filter((e) => e.action === 'insight.author_withdrew');
    expect(withdrawn.map((e) => e.targetId)).toEqual([id]);
    const text = JSON.stringify(withdrawn);
    for (const hidden of [MENTOR.name, MENTEE.name, 'Leaders should ask']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('a testimonial’s one author withdraws it from the queue at once', async () => {
    const [mineNow] = (await api<MyInsights>('PEER', 'GET', '/api/me/insights')).body.insights;
    expect(mineNow?.kind).toBe('testimonial');
    const gone = await api('PEER', 'DELETE', mine(mineNow!.id), { ifMatch: mineNow!.etag });
    expect(gone.status).toBe(200);
    const queue = await api<InsightQueue>('COORD', 'GET', moderation());
    expect(queue.body.insights.map((i) => i.id)).not.toContain(mineNow!.id);
    expect((await api<MyInsights>('PEER', 'GET', '/api/me/insights')).body.insights).toEqual([]);
  });
});
