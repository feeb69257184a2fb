import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** What Bot Framework authentication proves about a request, as the adapter takes it. */
export type AuthenticatedRequest = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/** How long checking a token may take (fetching the Bot Framework's signing keys included). */
export const BOT_AUTH_TIME_LIMIT_MS = 5_000;

/** A bearer token shaped like a JWT: three base64url parts. */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export interface BotAuthenticationOptions {
  /** False only on a purely local development instance (see app/config.ts): every request passes. */
  required: boolean;
  log: Logger;
  /** Default BOT_AUTH_TIME_LIMIT_MS. */
  timeLimitMs?: number;
}

/**
 * The gate in front of every bot turn. It asks the Bot Framework library to verify the request's
 * token and turns every way that can fail into a prompt 401 (AppError 'unauthorized'):
 *
 * - no Authorization header, or one that is not a bearer JWT: refused at once, without
 *   fetching the Bot Framework's OpenID metadata or asking the library anything;
 * - a token the library refuses (signature, issuer, audience, expiry, service URL);
 * - the signing keys cannot be fetched (no network, metadata down): the library throws a plain
 *   error (a 500 from the stock adapter) or waits on the network; here it is a 401 after at most
 *   `timeLimitMs`, logged as a warning so an operator sees the outage.
 *
 * Nothing about the turn runs, and nothing is stored, unless this returns.
 */
export class BotAuthentication {
  private readonly timeLimitMs: number;

  constructor(
    private readonly inner: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>,
    private readonly options: BotAuthenticationOptions,
  ) {
    this.timeLimitMs = options.timeLimitMs ?? BOT_AUTH_TIME_LIMIT_MS;
  }

  async authenticate(activity: Activity, authorization: string): Promise<AuthenticatedRequest> {
    if (!this.options.required) return this.inner.authenticateRequest(activity, '');
    const header = authorization.trim();
    if (!header) throw AppError.unauthorized('A bot request needs a Bot Framework token');
    if (!BEARER_JWT.test(header)) {
      throw AppError.unauthorized('The Authorization header is not a Bot Framework bearer token');
    }
    let timer: NodeJS.Timeout | undefined;
    const verifying = this.inner.authenticateRequest(activity, header);
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new BotAuthTimeout(this.timeLimitMs)), this.timeLimitMs);
    });
    try {
      return await Promise.race([verifying, timedOut]);
    } catch (error) {
      verifying.catch(() => undefined); // settles later, if at all: nobody waits for it
      // The reason tells a bad token from an outage (metadata unreachable, time limit).
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log.warn({ reason }, 'bot request refused: its token could not be verified');
      throw AppError.unauthorized('The Bot Framework token could not be verified');
    } finally {
      clearTimeout(timer);
    }
  }
}

class BotAuthTimeout extends Error {
  constructor(ms: number) {
    super(`verifying the token took longer than ${ms} ms (Bot Framework metadata unreachable?)`);
    this.name = 'BotAuthTimeout';
  }
}
