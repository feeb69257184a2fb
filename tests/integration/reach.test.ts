import {
  NOT_REACHABLE_WORDS,
  type CohortReach,
  type InstallAnswer,
} from '../../bot/src/contracts/reach';
import type { PairHealthRow } from '../../bot/src/contracts/cohorts';
import type { AuditTrail } from '../../bot/src/contracts/audit';
import { LOCAL_GRAPH_TOKEN } from '../../bot/src/platform/teams/graph-app-installer';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { type FakeGraph, startFakeGraph } from '../support/fake-graph';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Reach: people whose Teams chat with the bot does not exist get no introduction, and the bot
 * retries them daily. The coordinator sees who and since when (participants and health), and
 * can install the app for them through (a local fake of) Microsoft Graph, or share the link.
 */

const CATALOG_ID = '5d1e7c2a-4b3f-4e8a-9c6d-2f1a0b9e8d7c';
const ADA: TeamsUser = { aadObjectId: 'd5000000-0000-4000-8000-0000000000a1', name: 'Ada Mensah' };
const BEN: TeamsUser = { aadObjectId: 'd5000000-0000-4000-8000-0000000000a2', name: 'Ben Carter' };
const CAL: TeamsUser = { aadObjectId: 'd5000000-0000-4000-8000-0000000000a3', name: 'Cal Doyle' };
const DEE: TeamsUser = { aadObjectId: 'd5000000-0000-4000-8000-0000000000a4', name: 'Dee Evans' };
const FAY: TeamsUser = { aadObjectId: 'd5000000-0000-4000-8000-0000000000a6', name: 'Fay Gold' };
/** On the roster by email only: her Teams account is not known yet. */
const EVE_EMAIL = 'eve@trust.nhs.uk';

let harness: BotHarness;
let graph: FakeGraph;
let url = '';
let token = '';
let cohortId = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  graph = await startFakeGraph({ token: LOCAL_GRAPH_TOKEN, catalogId: CATALOG_ID });
  harness = await startBotHarness({
    COORDINATOR_IDS: COORDINATOR.userId,
    GRAPH_BASE_URL: graph.url,
    TEAMS_APP_CATALOG_ID: CATALOG_ID,
  });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-03-01T08:00:00Z'); // a Monday
  await drive.install({ aadObjectId: COORDINATOR.userId, name: COORDINATOR.name });
  await drive.install(ADA); // only Ada has the app
  token = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Reach cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const roster = [
    'email,display_name,role,entra_object_id,partner_email',
    `ada@trust.nhs.uk,${ADA.name},mentor,${ADA.aadObjectId},ben@trust.nhs.uk`,
    `ben@trust.nhs.uk,${BEN.name},mentee,${BEN.aadObjectId},`,
    `cal@trust.nhs.uk,${CAL.name},mentor,${CAL.aadObjectId},dee@trust.nhs.uk`,
    `dee@trust.nhs.uk,${DEE.name},mentee,${DEE.aadObjectId},`,
    `${EVE_EMAIL},Eve Fox,mentor,,`,
    `fay@trust.nhs.uk,${FAY.name},mentee,${FAY.aadObjectId},`,
  ].join('\n');
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token,
    body: roster,
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  const people = await call<{ participants: { id: string; displayName: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/participants`,
    { token },
  );
  for (const p of people.body.participants) ids[p.displayName] = p.id;
}, 600_000);

afterAll(async () => {
  await harness?.stop();
  await graph?.stop();
});

async function reach(): Promise<CohortReach> {
  const answer = await call<CohortReach>(url, 'GET', `/api/cohorts/${cohortId}/reach`, { token });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function health(): Promise<PairHealthRow[]> {
  const answer = await call<{ pairs: PairHealthRow[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/health`,
    { token },
  );
  expect(answer.status).toBe(200);
  return answer.body.pairs;
}

async function install(path: string): Promise<InstallAnswer> {
  const answer = await call<InstallAnswer>(url, 'POST', `/api/cohorts/${cohortId}${path}`, {
    token,
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function auditedInstalls(): Promise<string[]> {
  const trail = await call<AuditTrail>(url, 'GET', `/api/audit?cohortId=${cohortId}`, { token });
  expect(trail.status).toBe(200);
  return trail.body.entries
    .filter((e) => e.action === 'participant.app_installed')
    .map((e) => `${e.targetLabel}: ${e.changes.map((c) => c.after).join()} by ${e.actorName}`);
}

describe('people the bot cannot reach in Teams yet', () => {
  it('lists who is not reachable, why, and since when the bot has been retrying', async () => {
    const { drive } = harness;
    await drive.at('2027-03-01T10:00:00Z'); // the introductions are due
    expect(drive.textsSince(ADA, 0).join('\n')).toContain('Meet your partner, Ada');
    expect(drive.inbox(BEN)).toHaveLength(0);

    const first = await reach();
    expect(first.graphInstall).toBe(true);
    expect(first.shareLink).toBe(`https://teams.microsoft.com/l/app/${CATALOG_ID}`);
    const byName = Object.fromEntries(first.notReachable.map((p) => [p.displayName, p]));
    expect(Object.keys(byName).sort()).toEqual([BEN.name, CAL.name, DEE.name, 'Eve Fox', FAY.name]);
    expect(byName[BEN.name]).toMatchObject({
      gap: 'app_not_installed',
      retryingSince: expect.stringMatching(/^2027-03-01T10:00/),
    });
    expect(byName['Eve Fox']).toMatchObject({ gap: 'not_signed_in', retryingSince: null });
    expect(byName[FAY.name]).toMatchObject({ pairId: null, retryingSince: null });

    // The next day the bot tries again: still not reachable, still "since" the first try.
    await drive.at('2027-03-02T10:05:00Z');
    expect(drive.inbox(BEN)).toHaveLength(0);
    const again = (await reach()).notReachable.find((p) => p.displayName === BEN.name)!;
    expect(again.retryingSince).toMatch(/^2027-03-01T10:00/);
    expect(again.lastTriedAt).toMatch(/^2027-03-02T10:0/);

    const rows = await health();
    const adaPair = rows.find((r) => r.mentor === ADA.name)!;
    const calPair = rows.find((r) => r.mentor === CAL.name)!;
    expect(adaPair.notReachable).toEqual([
      { role: 'mentee', since: expect.stringMatching(/^2027-03-01T10:00/) },
    ]);
    expect(calPair.notReachable?.map((n) => n.role)).toEqual(['mentor', 'mentee']);
    expect(NOT_REACHABLE_WORDS).toBe('Not reachable in Teams yet');
  });

  it('installs the app for one person through Graph; their introduction then goes at once', async () => {
    const { drive } = harness;
    const answer = await install(`/participants/${ids[BEN.name]}/install-app`);
    expect(answer.results).toEqual([
      expect.objectContaining({ displayName: BEN.name, result: 'installed' }),
    ]);
    const sent = graph.installsFor(BEN.aadObjectId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      status: 201,
      authorization: `Bearer ${LOCAL_GRAPH_TOKEN}`,
      body: { 'teamsApp@odata.bind': `${graph.url}/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` },
    });
    expect(await auditedInstalls()).toEqual([`${BEN.name}: installed by ${COORDINATOR.name}`]);

    // Teams installs it and tells the bot (conversationUpdate): the waiting introduction is due
    // now, not at tomorrow's retry.
    await drive.install(BEN);
    await drive.runJobs();
    expect(drive.textsSince(BEN, 0).join('\n')).toContain('Meet your partner, Ben');
    expect((await reach()).notReachable.map((p) => p.displayName)).not.toContain(BEN.name);
  });

  it('installs for everyone not reachable: 409 counts as installed, 429 waits, 403 offers the link', async () => {
    graph.script(CAL.aadObjectId, 409);
    graph.script(DEE.aadObjectId, { status: 429, retryAfter: 1 }, 201);
    graph.script(EVE_EMAIL, 403);
    graph.script(FAY.aadObjectId, 404);
    const answer = await install('/reach/install-app');
    const results = Object.fromEntries(answer.results.map((r) => [r.displayName, r.result]));
    expect(results).toEqual({
      [CAL.name]: 'already_installed',
      [DEE.name]: 'installed',
      'Eve Fox': 'no_permission',
      [FAY.name]: 'not_in_directory',
    });
    expect(answer.shareLink).toBe(`https://teams.microsoft.com/l/app/${CATALOG_ID}`);
    // Dee's 429 was honoured and tried again; Eve, with no Teams account known, by her email.
    expect(graph.installsFor(DEE.aadObjectId).map((r) => r.status)).toEqual([429, 201]);
    expect(graph.installsFor(EVE_EMAIL).map((r) => r.status)).toEqual([403]);
    expect(answer.results.find((r) => r.result === 'no_permission')!.message).toMatch(
      /TeamsAppInstallation\.ReadWriteForUser\.All.*link/,
    );
    expect(await auditedInstalls()).toEqual(
      expect.arrayContaining([
        `${CAL.name}: already installed by ${COORDINATOR.name}`,
        `${DEE.name}: installed by ${COORDINATOR.name}`,
      ]),
    );
    expect(await auditedInstalls()).toHaveLength(3);
  });

  it('an outage delays an install, never drops it: the scheduler tries again', async () => {
    const { drive } = harness;
    graph.script(FAY.aadObjectId, { status: 503, retryAfter: 600 }, 201);
    const answer = await install(`/participants/${ids[FAY.name]}/install-app`);
    expect(answer.results[0]).toMatchObject({ result: 'delayed' });
    const retryAt = answer.results[0]!.retryAt!;
    expect(Date.parse(retryAt)).toBeGreaterThanOrEqual(Date.parse('2027-03-02T10:10:00Z'));
    const before = graph.installsFor(FAY.aadObjectId).length;
    await drive.at(new Date(Date.parse(retryAt) + 60_000).toISOString());
    expect(
      graph
        .installsFor(FAY.aadObjectId)
        .slice(before)
        .map((r) => r.status),
    ).toEqual([201]);
    expect(await auditedInstalls()).toContain(`${FAY.name}: installed by ${COORDINATOR.name}`);
  });
});
