import { SignJWT } from 'jose';
import { loadConfig } from '../../bot/src/app/config';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import { emailMayLink, mayClaim } from '../../bot/src/features/cohorts/domain/linking';
import type { Participant } from '../../bot/src/features/cohorts/domain/participant';
import {
  REQUIRED_SCOPE,
  createVerifier,
  entraIssuer,
  mintDevToken,
} from '../../bot/src/platform/http/auth/token-verifier';

/**
 * The claims a sign-in may link by (docs/api.md, "Linking policy"): the token verifier vouches
 * for an email only from the `email` claim with `xms_edov` true, never from
 * `preferred_username`; the policy lets a vouched email link only in the programme's tenant, and
 * never takes a row that already carries another object id.
 */

const USER = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
const OTHER_TENANT = '0bad0000-0000-4000-8000-00000000beef';

const config = loadConfig({ AUTH_MODE: 'dev' });
if (config.auth.mode !== 'dev') throw new Error('dev mode expected');
const auth = config.auth;
const verifier = createVerifier(auth);

async function tokenWith(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ oid: USER, tid: auth.tenantId, scp: REQUIRED_SCOPE, name: 'A', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(entraIssuer(auth.tenantId))
    .setAudience(auth.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(auth.secret));
}

describe('the email a tab token vouches for', () => {
  it('is never preferred_username: that is shown, not trusted', async () => {
    const caller = await verifier.verify(
      await tokenWith({ preferred_username: 'Amara@Trust.nhs.uk' }),
    );
    expect(caller.username).toBe('amara@trust.nhs.uk');
    expect(caller.email).toBeUndefined();
  });

  it('is the email claim only when xms_edov says its domain owner is verified', async () => {
    for (const xms_edov of [undefined, false, 'false', 0]) {
      const caller = await verifier.verify(await tokenWith({ email: 'a@trust.nhs.uk', xms_edov }));
      expect(caller.email).toBeUndefined();
    }
    const caller = await verifier.verify(
      await tokenWith({ email: 'A@Trust.nhs.uk', xms_edov: true }),
    );
    expect(caller.email).toEqual({
      address: 'a@trust.nhs.uk',
      via: 'email_claim',
      tenantId: DEV_TENANT_ID,
    });
  });

  it('comes from dev tokens the same way, so dev behaves like Entra', async () => {
    const { token } = await mintDevToken(auth, { userId: USER, name: 'A', email: 'a@b.org' });
    const [, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      preferred_username: 'a@b.org',
      email: 'a@b.org',
      xms_edov: true,
    });
    expect((await verifier.verify(token)).email).toMatchObject({ via: 'email_claim' });
  });
});

describe('the linking policy', () => {
  it('lets a vouched email link only in the programme’s tenant', () => {
    const programme = DEV_TENANT_ID;
    expect(emailMayLink({ via: 'email_claim', tenantId: programme }, programme)).toBe(true);
    expect(
      emailMayLink({ via: 'teams_roster_email', tenantId: programme.toUpperCase() }, programme),
    ).toBe(true);
    expect(emailMayLink({ via: 'email_claim', tenantId: OTHER_TENANT }, programme)).toBe(false);
    expect(emailMayLink({ via: 'teams_roster_email', tenantId: OTHER_TENANT }, programme)).toBe(
      false,
    );
    // No programme tenant configured: nobody links by email.
    expect(emailMayLink({ via: 'email_claim', tenantId: '' }, '')).toBe(false);
  });

  it('never gives a row that carries an object id to another one', () => {
    const row = (userId?: string): Participant => ({
      id: 'p1',
      cohortId: 'c1',
      displayName: 'Olga',
      email: 'olga@trust.nhs.uk',
      userId,
      role: 'mentee',
      createdAt: '2027-03-01T00:00:00Z',
    });
    expect(mayClaim(row(), USER)).toBe('free');
    expect(mayClaim(row(USER.toUpperCase()), USER)).toBe('mine');
    expect(mayClaim(row('99999999-0000-4000-8000-000000000000'), USER)).toBe('taken');
  });
});
