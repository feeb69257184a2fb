import { httpEtag } from '../../bot/src/platform/http/etag';
import { SignJWT } from 'jose';
import { REQUIRED_SCOPE, entraIssuer } from '../../bot/src/platform/http/auth/token-verifier';
import type { TabAuthConfig } from '../../bot/src/app/config';
import type { CohortLinks } from '../../bot/src/contracts/cohorts';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import { type TeamsUser, messageActivity, personalConversationId } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * The linking policy: how a sign-in becomes a roster participant. An object id on the roster is
 * the only key for that row; otherwise an email links a person the first time only when it comes
 * from a source fit for the purpose (the `email` claim with `xms_edov` true, or the Teams roster
 * of an activity in the programme's tenant), never from `preferred_username`. Every link and every
 * undo is recorded, listed to the coordinator, and can be undone with the row's ETag.
 */

const OTHER_TENANT = '0bad0000-0000-4000-8000-00000000beef';

const UNA = { userId: 'c9000000-0000-4000-8000-000000000001', name: 'Una Unverified' };
const VERA = { userId: 'c9000000-0000-4000-8000-000000000002', name: 'Vera Verified' };
const OLGA = { userId: 'c9000000-0000-4000-8000-000000000003', name: 'Olga Objectid' };
const TESS: TeamsUser = { aadObjectId: 'c9000000-0000-4000-8000-000000000004', name: 'Tess Teams' };
const IMPOSTOR = { userId: 'c9000000-0000-4000-8000-0000000000ff', name: 'Ivan Impostor' };
const EMAIL = {
  una: 'una@trust.nhs.uk',
  vera: 'vera@trust.nhs.uk',
  olga: 'olga@trust.nhs.uk',
  tess: 'tess@trust.nhs.uk',
};

let harness: BotHarness;
let url: string;
let cohortId: string;
let coordinator: string;

interface Participant {
  id: string;
  displayName: string;
  linked: boolean;
}

function devAuth(): Extract<TabAuthConfig, { mode: 'dev' }> {
  const auth = harness.service.parts.config.auth;
  if (auth.mode !== 'dev') throw new Error('these tests run in AUTH_MODE=dev');
  return auth;
}

/** A token signed with the service's own dev key, carrying exactly the claims given. */
async function tokenWith(claims: Record<string, unknown>): Promise<string> {
  const auth = devAuth();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: auth.tenantId, scp: REQUIRED_SCOPE, ver: '2.0', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(entraIssuer(String(claims.tid ?? auth.tenantId)))
    .setAudience(auth.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(auth.secret));
}

async function membershipsOf(token: string): Promise<unknown[]> {
  const me = await call<{ memberships: unknown[] }>(url, 'GET', '/api/me', { token });
  expect(me.status).toBe(200);
  return me.body.memberships;
}

async function participant(name: string): Promise<Participant> {
  const answer = await call<{ participants: Participant[] }>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/participants`,
    { token: coordinator },
  );
  const found = answer.body.participants.find((p) => p.displayName === name);
  if (!found) throw new Error(`${name} is not on the roster`);
  return found;
}

async function links(): Promise<CohortLinks> {
  const answer = await call<CohortLinks>(url, 'GET', `/api/cohorts/${cohortId}/links`, {
    token: coordinator,
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** A Teams message from `user`, in `tenant`, with the Teams roster answering `email` for them. */
async function teamsMessage(user: TeamsUser, tenant: string, email: string): Promise<void> {
  harness.connector.addConversation({
    id: personalConversationId(user),
    tenantId: tenant,
    members: [
      {
        id: `29:${user.aadObjectId}`,
        name: user.name,
        aadObjectId: user.aadObjectId,
        email,
        userPrincipalName: email,
      } as { id: string; name: string },
    ],
  });
  const activity = messageActivity(harness.connector.serviceUrl, user, 'my pair');
  const before = harness.connector.received.length;
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...activity,
      conversation: { ...activity.conversation, tenantId: tenant },
      channelData: { tenant: { id: tenant } },
    }),
  });
  expect(response.status).toBe(200);
  // The bot answers every message (its pair, or that there is none): wait for that answer.
  await harness.connector.waitFor(before + 1);
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Linking policy', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  cohortId = cohort.body.id;
  const roster = [
    'email,display_name,role,entra_object_id',
    `${EMAIL.una},${UNA.name},mentor,`,
    `${EMAIL.vera},${VERA.name},mentee,`,
    `${EMAIL.olga},${OLGA.name},mentee,${OLGA.userId}`,
    `${EMAIL.tess},${TESS.name},mentor,`,
  ].join('\n');
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: roster,
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
}, 600_000);

afterAll(() => harness?.stop());

describe('linking a sign-in to the roster', () => {
  it('never links by preferred_username, nor by an email whose domain owner is not verified', async () => {
    const byUsername = await tokenWith({
      oid: UNA.userId,
      name: UNA.name,
      preferred_username: EMAIL.una,
    });
    expect(await membershipsOf(byUsername)).toEqual([]);
    const unverified = await tokenWith({
      oid: UNA.userId,
      name: UNA.name,
      preferred_username: EMAIL.una,
      email: EMAIL.una,
      xms_edov: false,
    });
    expect(await membershipsOf(unverified)).toEqual([]);
    expect((await participant(UNA.name)).linked).toBe(false);
    expect((await links()).history.filter((e) => e.displayName === UNA.name)).toEqual([]);
  });

  it('links by the email claim when its domain owner is verified, and records how', async () => {
    const token = await tokenWith({
      oid: VERA.userId,
      name: VERA.name,
      email: EMAIL.vera,
      xms_edov: true,
    });
    expect(await membershipsOf(token)).toHaveLength(1);
    expect((await participant(VERA.name)).linked).toBe(true);
    const listed = await links();
    expect(listed.links.find((l) => l.displayName === VERA.name)).toMatchObject({
      userId: VERA.userId,
      via: 'email_claim',
      linkedAt: expect.any(String),
      etag: expect.any(String),
    });
    expect(listed.history.find((e) => e.displayName === VERA.name)).toMatchObject({
      action: 'linked',
      via: 'email_claim',
      userId: VERA.userId,
      email: EMAIL.vera,
      by: VERA.userId,
    });
  });

  it('refuses a token from another tenant, and links nobody with it', async () => {
    const foreign = await tokenWith({
      oid: UNA.userId,
      name: UNA.name,
      tid: OTHER_TENANT,
      email: EMAIL.una,
      xms_edov: true,
    });
    expect((await call(url, 'GET', '/api/me', { token: foreign })).status).toBe(401);
    expect((await participant(UNA.name)).linked).toBe(false);
  });

  it('links a Teams user by the roster email only when the activity is in the programme’s tenant', async () => {
    await teamsMessage(TESS, OTHER_TENANT, EMAIL.tess);
    expect((await participant(TESS.name)).linked).toBe(false);

    await teamsMessage(TESS, DEV_TENANT_ID, EMAIL.tess);
    expect((await participant(TESS.name)).linked).toBe(true);
    expect((await links()).links.find((l) => l.displayName === TESS.name)).toMatchObject({
      userId: TESS.aadObjectId,
      via: 'teams_roster_email',
    });
  });

  it('matches a roster row that carries an object id by that id only', async () => {
    const impostor = await tokenWith({
      oid: IMPOSTOR.userId,
      name: IMPOSTOR.name,
      preferred_username: EMAIL.olga,
      email: EMAIL.olga,
      xms_edov: true,
    });
    expect(await membershipsOf(impostor)).toEqual([]);
    const olga = await tokenWith({ oid: OLGA.userId, name: OLGA.name });
    expect(await membershipsOf(olga)).toHaveLength(1);
    const listed = await links();
    expect(listed.links.find((l) => l.displayName === OLGA.name)).toMatchObject({
      userId: OLGA.userId,
      via: 'roster_object_id',
      by: COORDINATOR.userId,
    });
    expect(listed.history.some((e) => e.userId === IMPOSTOR.userId)).toBe(false);
  });
});

describe('undoing a link', () => {
  const path = (participantId: string) =>
    `/api/cohorts/${cohortId}/participants/${participantId}/link`;

  it('needs the row’s current ETag: none is 428, an old one 412, and nothing changes', async () => {
    const vera = (await links()).links.find((l) => l.displayName === VERA.name)!;
    const none = await call(url, 'DELETE', path(vera.participantId), { token: coordinator });
    expect(none.status).toBe(428);
    const stale = await call(url, 'DELETE', path(vera.participantId), {
      token: coordinator,
      // A well-formed ETag as the API hands them out, of a version that is no longer current.
      headers: { 'if-match': httpEtag(`W/"datetime'2020-01-01T00%3A00%3A00.0000000Z'"`) },
    });
    expect(stale.status).toBe(412);
    expect((await participant(VERA.name)).linked).toBe(true);
  });

  it('unlinks the person, records the undo, and lets them link again only by the policy', async () => {
    const vera = (await links()).links.find((l) => l.displayName === VERA.name)!;
    const undone = await call(url, 'DELETE', path(vera.participantId), {
      token: coordinator,
      headers: { 'if-match': vera.etag },
    });
    expect(undone.status).toBe(200);
    expect((await participant(VERA.name)).linked).toBe(false);
    const byObjectId = await tokenWith({ oid: VERA.userId, name: VERA.name });
    expect(await membershipsOf(byObjectId)).toEqual([]);

    const listed = await links();
    expect(listed.links.some((l) => l.displayName === VERA.name)).toBe(false);
    expect(listed.history.filter((e) => e.displayName === VERA.name)).toEqual([
      expect.objectContaining({
        action: 'unlinked',
        via: 'coordinator',
        userId: VERA.userId,
        by: COORDINATOR.userId,
      }),
      expect.objectContaining({ action: 'linked', via: 'email_claim' }),
    ]);

    // The same ETag again is stale now: the row changed.
    const again = await call(url, 'DELETE', path(vera.participantId), {
      token: coordinator,
      headers: { 'if-match': vera.etag },
    });
    expect(again.status).toBe(412);

    // preferred_username still links nobody; the verified email claim links again, recorded.
    const username = await tokenWith({
      oid: VERA.userId,
      name: VERA.name,
      preferred_username: EMAIL.vera,
    });
    expect(await membershipsOf(username)).toEqual([]);
    const verified = await tokenWith({
      oid: VERA.userId,
      name: VERA.name,
      email: EMAIL.vera,
      xms_edov: true,
    });
    expect(await membershipsOf(verified)).toHaveLength(1);
    expect((await links()).history.filter((e) => e.displayName === VERA.name)).toHaveLength(3);
  });

  it('answers 404 for no such participant, and 412 for an undo of a link that is not there', async () => {
    const una = await participant(UNA.name);
    const notLinked = await call(url, 'DELETE', path(una.id), {
      token: coordinator,
      // A well-formed ETag as the API hands them out, of a version that is no longer current.
      headers: { 'if-match': httpEtag(`W/"datetime'2020-01-01T00%3A00%3A00.0000000Z'"`) },
    });
    expect(notLinked.status).toBe(412);
    expect((await participant(UNA.name)).linked).toBe(false);
    const missing = await call(url, 'DELETE', path('no-such-participant'), {
      token: coordinator,
      headers: { 'if-match': httpEtag('W/"anything"') },
    });
    expect(missing.status).toBe(404);
  });
});
