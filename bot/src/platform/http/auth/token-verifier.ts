import {
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
  SignJWT,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { AppError } from '../../errors';
import type { VouchedEmail } from '../../vouched-email';

/** Who is calling the tab API, as proven by their token. */
export interface Caller {
  /** Entra object id (oid), lower-case. */
  userId: string;
  tenantId: string;
  name: string;
  /** preferred_username (usually the UPN): for display only, never to link or authorise. */
  username?: string;
  /** The `email` claim when `xms_edov` says its domain owner is verified; may link the first time. */
  email?: VouchedEmail;
}

export const REQUIRED_SCOPE = 'access_as_user';

/**
 * How far the issuer's clock and ours may disagree: applied to exp, nbf and iat alike.
 * Small on purpose: Entra and App Service keep NTP time, so a minute covers real drift.
 */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * The longest a token may live (exp - iat) and the oldest it may be (now - iat), for Entra and
 * dev tokens alike. Entra access tokens live 60-90 minutes by default; a tenant's token lifetime
 * policy may stretch that to at most 1 day, and Continuous Access Evaluation issues tokens of up
 * to 28 hours (revocable, because Entra can push a claims challenge). Nothing legitimate lives
 * longer than 28 hours, so that is the limit: anything beyond it is forged, mis-minted or a
 * replay of an old token, and a leaked token is useless after at most a day and a bit.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 28 * 60 * 60;

export interface VerifierOptions {
  key: KeyLike | Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  issuer: string;
  audiences: string[];
  tenantId: string;
}

/**
 * Verifies a tab SSO token: signature, expiry, audience, issuer, tenant and scope.
 * Entra and dev tokens go through this same code; only the key and expected values differ.
 */
export class TokenVerifier {
  constructor(private readonly options: VerifierOptions) {}

  async verify(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.options.key as Parameters<typeof jwtVerify>[1], {
        issuer: this.options.issuer,
        audience: this.options.audiences,
        algorithms: this.options.algorithms,
        clockTolerance: CLOCK_SKEW_SECONDS,
        // Refuses an iat older than this, or later than now (beyond the skew).
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ['exp', 'iat'],
      });
      payload = verified.payload;
    } catch (error) {
      throw AppError.unauthorized(describeJoseError(error));
    }
    // jose checks exp, nbf and the age of iat; a token minted to live for years is refused too.
    if ((payload.exp as number) - (payload.iat as number) > MAX_TOKEN_LIFETIME_SECONDS) {
      throw AppError.unauthorized('The token lifetime is too long: sign in again');
    }
    const tid = stringClaim(payload, 'tid');
    if (tid?.toLowerCase() !== this.options.tenantId.toLowerCase()) {
      throw AppError.unauthorized('The token was issued for another tenant');
    }
    const scopes = (stringClaim(payload, 'scp') ?? '').split(' ');
    if (!scopes.includes(REQUIRED_SCOPE)) {
      throw AppError.unauthorized(`The token lacks the ${REQUIRED_SCOPE} scope`);
    }
    const oid = stringClaim(payload, 'oid');
    if (!oid) throw AppError.unauthorized('The token does not identify a user');
    const email = verifiedEmail(payload);
    return {
      userId: oid.toLowerCase(),
      tenantId: tid.toLowerCase(),
      name: stringClaim(payload, 'name') ?? 'Unknown user',
      username: stringClaim(payload, 'preferred_username')?.toLowerCase(),
      ...(email
        ? { email: { address: email, via: 'email_claim', tenantId: tid.toLowerCase() } }
        : {}),
    };
  }
}

/**
 * The `email` claim, only when the optional claim `xms_edov` (email domain owner verified) is
 * true: Microsoft's guidance for an email an app relies on. Both are optional claims of the app
 * registration (aad.manifest.json); without them nobody is linked by email from the tab.
 */
function verifiedEmail(payload: JWTPayload): string | undefined {
  const edov = payload.xms_edov;
  const verified = edov === true || edov === 1 || edov === 'true' || edov === '1';
  return verified ? stringClaim(payload, 'email')?.toLowerCase() : undefined;
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat'
      ? 'The token is too old (iat): sign in again'
      : 'The token has expired: sign in again';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token was issued for another application';
    if (error.claim === 'iss') return 'The token was issued by an untrusted issuer';
    return `The token's ${error.claim} claim is not valid`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return 'The token signature is not valid';
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'The token was signed by an unknown key';
  return 'The token is not valid';
}

export function entraIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/** Builds the verifier the configuration asks for. */
/** How tab tokens are checked (app/config.ts reads it from the environment). */
export type TabAuthConfig =
  | { mode: 'dev'; secret: string; tenantId: string; audience: string }
  | { mode: 'entra'; clientId: string; tenantId: string; audiences: string[] };

export function createVerifier(auth: TabAuthConfig): TokenVerifier {
  if (auth.mode === 'entra') {
    const jwks = createRemoteJWKSet(
      new URL(`https://login.microsoftonline.com/${auth.tenantId}/discovery/v2.0/keys`),
      { cooldownDuration: 30_000, cacheMaxAge: 12 * 60 * 60 * 1000 },
    );
    return new TokenVerifier({
      key: jwks,
      algorithms: ['RS256'],
      issuer: entraIssuer(auth.tenantId),
      audiences: auth.audiences,
      tenantId: auth.tenantId,
    });
  }
  return new TokenVerifier({
    key: new TextEncoder().encode(auth.secret),
    algorithms: ['HS256'],
    issuer: entraIssuer(auth.tenantId),
    audiences: [auth.audience],
    tenantId: auth.tenantId,
  });
}

/** Mints a development token shaped like an Entra tab SSO token. Dev mode only. */
export async function mintDevToken(
  auth: Extract<TabAuthConfig, { mode: 'dev' }>,
  user: { userId: string; name: string; email?: string },
  lifetimeSeconds = 8 * 60 * 60,
): Promise<{ token: string; expiresAt: string }> {
  if (lifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(
      `A dev token lifetime of ${lifetimeSeconds} s exceeds the ${MAX_TOKEN_LIFETIME_SECONDS} s the verifier accepts`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    oid: user.userId.toLowerCase(),
    tid: auth.tenantId,
    name: user.name,
    scp: REQUIRED_SCOPE,
    ver: '2.0',
  };
  // Shaped like Entra with the optional claims aad.manifest.json asks for: the verified email.
  if (user.email) {
    claims.preferred_username = user.email.toLowerCase();
    claims.email = user.email.toLowerCase();
    claims.xms_edov = true;
  }
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(entraIssuer(auth.tenantId))
    .setAudience(auth.audience)
    .setSubject(user.userId.toLowerCase())
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(new TextEncoder().encode(auth.secret));
  return { token, expiresAt: new Date((now + lifetimeSeconds) * 1000).toISOString() };
}
