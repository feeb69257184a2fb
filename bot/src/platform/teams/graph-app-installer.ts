import {
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Logger } from '../logger';

/**
 * Installs the Teams app for a person through Microsoft Graph, as Company Communicator does:
 * `POST {graph}/v1.0/users/{user}/teamwork/installedApps` with the app's catalog id. Needs the
 * application permission TeamsAppInstallation.ReadWriteForUser.All, granted with admin consent
 * (docs/operations.md). Once Teams has installed it, Teams sends the bot a conversationUpdate and
 * the bot can reach the person.
 *
 * Every answer is one of a few outcomes; nothing here throws for Graph's own answers:
 * 201 installed; 409 already installed (as good as installed); 401/403, or no permission
 * configured, `no_permission`; 404 the person is not in the directory; 429 waits Retry-After
 * and tries again (a few times), then `unavailable` with when to try again; 5xx and network
 * failures `unavailable` (the caller retries later: an outage delays, never drops).
 */

export type InstallOutcome =
  | { kind: 'installed' }
  | { kind: 'already_installed' }
  | { kind: 'no_permission'; detail: string }
  | { kind: 'not_in_directory' }
  | { kind: 'unavailable'; detail: string; retryAfterMs?: number };

/** What can install the app; `available` is false when it is not configured at all. */
export interface AppInstaller {
  readonly available: boolean;
  install(user: string): Promise<InstallOutcome>;
}

/** Where a Graph token comes from: a credential, or a fixed token for a local fake. */
export type GraphTokenSource = { getToken(): Promise<string> };

/**
 * The bearer token a local instance sends to a Graph on this machine (the tests' fake Graph):
 * a local instance has no Entra credentials, and this token never leaves loopback.
 */
export const LOCAL_GRAPH_TOKEN = 'local-development-graph-token';

export interface GraphInstallConfig {
  /** e.g. https://graph.microsoft.com (no trailing slash). */
  baseUrl: string;
  /** The app's id in the organisation's Teams app catalog; unset: Graph install is off. */
  catalogId?: string;
}

/** How the bot signs in, as far as a Graph token needs it (the bot's own credentials). */
export type GraphCredentialConfig =
  | { kind: 'local' }
  | {
      kind: 'azure';
      appId: string;
      password?: string;
      tenantId?: string;
      type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    };

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A token source for Graph from the bot's credentials: its managed identity, or its client id
 * and secret in its tenant. Undefined when there is none (a local instance talking to anything
 * but a Graph on this machine, or a multi-tenant bot without a tenant).
 */
export function graphTokenSource(
  bot: GraphCredentialConfig,
  graphBaseUrl: string,
): GraphTokenSource | undefined {
  if (bot.kind === 'local') {
    if (!isLoopbackUrl(graphBaseUrl)) return undefined;
    return { getToken: () => Promise.resolve(LOCAL_GRAPH_TOKEN) };
  }
  let credential: TokenCredential | undefined;
  if (bot.type === 'UserAssignedMSI') {
    credential = new ManagedIdentityCredential({ clientId: bot.appId });
  } else if (bot.password && bot.tenantId) {
    credential = new ClientSecretCredential(bot.tenantId, bot.appId, bot.password);
  }
  if (!credential) return undefined;
  const scope = `${new URL(graphBaseUrl).origin}/.default`;
  const from = credential;
  return {
    async getToken() {
      const token = await from.getToken(scope);
      if (!token) throw new Error('no Graph token');
      return token.token;
    },
  };
}

export interface GraphInstallerOptions {
  /** Attempts for one install while Graph answers 429. */
  maxAttempts?: number;
  /** The longest a 429's Retry-After is waited for in place; longer ones are left to a retry. */
  maxWaitMs?: number;
  /** Waits (tests may count them); setTimeout by default. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** Retry-After as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class GraphAppInstaller implements AppInstaller {
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly config: GraphInstallConfig,
    private readonly tokens: GraphTokenSource | undefined,
    private readonly log: Logger,
    options: GraphInstallerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.fetch = options.fetch ?? fetch;
  }

  /** Configured: a catalog id and a way to get a token. Whether Graph agrees is only known by trying. */
  get available(): boolean {
    return Boolean(this.config.catalogId && this.tokens);
  }

  /** Installs the app for one person, by Entra object id or user principal name. */
  async install(user: string): Promise<InstallOutcome> {
    if (!this.config.catalogId || !this.tokens) {
      return { kind: 'no_permission', detail: 'Graph installation is not configured' };
    }
    let token: string;
    try {
      token = await this.tokens.getToken();
    } catch (error) {
      this.log.warn({ err: error }, 'no Graph token: treated as no permission');
      return { kind: 'no_permission', detail: 'the service could not get a Graph token' };
    }
    const url = `${this.config.baseUrl}/v1.0/users/${encodeURIComponent(user)}/teamwork/installedApps`;
    const body = JSON.stringify({
      'teamsApp@odata.bind': `${this.config.baseUrl}/v1.0/appCatalogs/teamsApps/${this.config.catalogId}`,
    });
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        await response.text();
      } catch (error) {
        return { kind: 'unavailable', detail: `Graph could not be reached: ${String(error)}` };
      }
      const status = response.status;
      if (status === 201 || status === 200 || status === 204) return { kind: 'installed' };
      if (status === 409) return { kind: 'already_installed' };
      if (status === 401 || status === 403) {
        return { kind: 'no_permission', detail: `Graph answered ${status}` };
      }
      if (status === 404) return { kind: 'not_in_directory' };
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (status === 429 && attempt < this.maxAttempts && (wait ?? 1000) <= this.maxWaitMs) {
        await this.sleep(wait ?? 1000);
        continue;
      }
      return { kind: 'unavailable', detail: `Graph answered ${status}`, retryAfterMs: wait };
    }
  }
}
