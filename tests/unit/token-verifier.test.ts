import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { AppError } from '../../bot/src/platform/errors';
import {
  CLOCK_SKEW_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  TokenVerifier,
  createVerifier,
  entraIssuer,
  mintDevToken,
} from '../../bot/src/platform/http/auth/token-verifier';
import { loadConfig } from '../../bot/src/app/config';

const TENANT = '66666666-7777-4888-9999-000000000000';
const CLIENT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const USER = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let trusted: Keys;
let stranger: Keys;
let verifier: TokenVerifier;

beforeAll(async () => {
  trusted = await generateKeyPair('RS256');
  stranger = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verifier = new TokenVerifier({
    key: createLocalJWKSet({ keys: [jwk] }),
    algorithms: ['RS256'],
    issuer: entraIssuer(TENANT),
    audiences: [CLIENT, `api://${CLIENT}`],
    tenantId: TENANT,
  });
});

interface TokenOptions {
  key?: Keys['privateKey'];
  aud?: string;
  iss?: string;
  tid?: string;
  scp?: string;
  exp?: number;
  iat?: number;
  nbf?: number;
  oid?: string | null;
}

async function entraToken(o: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    tid: o.tid ?? TENANT,
    scp: o.scp ?? 'access_as_user',
    name: 'Amara Okafor',
    preferred_username: 'Amara.Okafor@trust.nhs.uk',
  };
  if (o.oid !== null) claims.oid = o.oid ?? USER;
  if (o.nbf !== undefined) claims.nbf = o.nbf;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(o.iss ?? entraIssuer(TENANT))
    .setAudience(o.aud ?? `api://${CLIENT}`)
    .setIssuedAt(o.iat ?? now - 60)
    .setExpirationTime(o.exp ?? now + 3600)
    .sign(o.key ?? trusted.privateKey);
}

async function refusal(token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(401);
    return (error as AppError).message;
  }
  throw new Error('expected the token to be refused');
}

describe('tab SSO token verification', () => {
  it('accepts a valid Entra token and identifies the user by oid and tenant', async () => {
    await expect(verifier.verify(await entraToken())).resolves.toEqual({
      userId: USER,
      tenantId: TENANT,
      name: 'Amara Okafor',
      username: 'amara.okafor@trust.nhs.uk',
    });
  });

  it('refuses forged, expired, foreign and under-scoped tokens, saying why', async () => {
    expect(await refusal(await entraToken({ key: stranger.privateKey }))).toMatch(/signature/);
    expect(await refusal(await entraToken({ exp: Math.floor(Date.now() / 1000) - 600 }))).toMatch(
      /expired/,
    );
    expect(await refusal(await entraToken({ aud: 'api://someone-else' }))).toMatch(
      /another application/,
    );
    expect(await refusal(await entraToken({ iss: 'https://evil.example/v2.0' }))).toMatch(
      /untrusted issuer/,
    );
    expect(
      await refusal(await entraToken({ tid: '99999999-7777-4888-9999-000000000000' })),
    ).toMatch(/another tenant/);
    expect(await refusal(await entraToken({ scp: 'User.Read' }))).toMatch(/access_as_user/);
    expect(await refusal(await entraToken({ oid: null }))).toMatch(/does not identify a user/);
    expect(await refusal('not.a.token')).toMatch(/not valid/);
  });

  it('verifies dev tokens through the same code, and refuses them when tampered with', async () => {
    const config = loadConfig({ AUTH_MODE: 'dev' });
    if (config.auth.mode !== 'dev') throw new Error('dev mode expected');
    const dev = createVerifier(config.auth);
    const { token } = await mintDevToken(config.auth, {
      userId: USER,
      name: 'Amara',
      email: 'a@b.org',
    });
    await expect(dev.verify(token)).resolves.toMatchObject({
      userId: USER,
      email: { address: 'a@b.org', via: 'email_claim' },
    });
    const [header, payload] = token.split('.');
    const other = await mintDevToken(
      { ...config.auth, secret: 'x'.repeat(40) },
      { userId: USER, name: 'A' },
    );
    await expect(
      dev.verify(`${header}.${payload}.${other.token.split('.')[2]}`),
    ).rejects.toMatchObject({
      status: 401,
    });
    // A dev token is never accepted by an Entra verifier.
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401 });
  });
});

describe('token age, lifetime and clock skew (Entra and dev tokens alike)', () => {
  const HOUR = 3600;
  const YEAR = 365 * 24 * HOUR;
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a normal token: issued a minute ago, valid for an hour', async () => {
    await expect(
      verifier.verify(await entraToken({ iat: now() - 60, exp: now() + HOUR })),
    ).resolves.toMatchObject({ userId: USER });
  });

  it('refuses a token valid for a hundred years', async () => {
    expect(await refusal(await entraToken({ iat: now() - 60, exp: now() + 100 * YEAR }))).toMatch(
      /lifetime|too long/,
    );
  });

  it('refuses a token issued longer ago than the maximum age, even if it has not expired', async () => {
    const iat = now() - MAX_TOKEN_LIFETIME_SECONDS - HOUR;
    expect(await refusal(await entraToken({ iat, exp: now() + HOUR }))).toMatch(/iat|too old/);
  });

  it('refuses an iat in the future beyond the clock skew, and allows one within it', async () => {
    expect(
      await refusal(await entraToken({ iat: now() + YEAR, exp: now() + YEAR + HOUR })),
    ).toMatch(/iat/);
    expect(
      await refusal(await entraToken({ iat: now() + 10 * 60, exp: now() + 2 * HOUR })),
    ).toMatch(/iat/);
    const withinSkew = now() + Math.floor(CLOCK_SKEW_SECONDS / 2);
    await expect(
      verifier.verify(await entraToken({ iat: withinSkew, exp: withinSkew + HOUR })),
    ).resolves.toMatchObject({ userId: USER });
  });

  it('respects nbf: refused before it (beyond the skew), accepted after it', async () => {
    expect(await refusal(await entraToken({ nbf: now() + 10 * 60 }))).toMatch(/nbf/);
    await expect(verifier.verify(await entraToken({ nbf: now() - 60 }))).resolves.toMatchObject({
      userId: USER,
    });
  });

  it('holds dev tokens to the same limits, and the minter stays within them', async () => {
    const { auth } = loadConfig({ AUTH_MODE: 'dev' });
    if (auth.mode !== 'dev') throw new Error('dev mode expected');
    const dev = createVerifier(auth);
    const secret = new TextEncoder().encode(auth.secret);
    const devToken = (iat: number, exp: number) =>
      new SignJWT({ oid: USER, tid: auth.tenantId, name: 'A', scp: 'access_as_user' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(entraIssuer(auth.tenantId))
        .setAudience(auth.audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(secret);
    await expect(dev.verify(await devToken(now(), now() + 100 * YEAR))).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      dev.verify(await devToken(now() + YEAR, now() + YEAR + HOUR)),
    ).rejects.toMatchObject({ status: 401 });
    // The development token endpoint's tokens are accepted, and the minter refuses to exceed the limit.
    const minted = await mintDevToken(auth, { userId: USER, name: 'A' });
    await expect(dev.verify(minted.token)).resolves.toMatchObject({ userId: USER });
    await expect(
      mintDevToken(auth, { userId: USER, name: 'A' }, MAX_TOKEN_LIFETIME_SECONDS + 1),
    ).rejects.toThrow(/lifetime/);
  });
});
