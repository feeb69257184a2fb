import { DEV_TENANT_ID } from '../contracts/dev';
import type { RetentionPeriods } from '../contracts/retention';
import type { TabAuthConfig } from '../platform/http/auth/token-verifier';
import type { BotAuthConfig } from '../platform/teams/bot-adapter';
import type { z } from 'zod';
import { envSchema } from './config-env';

/**
 * Every environment variable the service reads, parsed and validated once.
 * A bad value stops the process with a message naming the variable.
 */

export type Env = z.infer<typeof envSchema>;

export type StorageConfig =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; managedIdentityClientId?: string }
  | { kind: 'embedded'; inMemory: boolean; dataDir: string };

export type { BotAuthConfig, TabAuthConfig };

export interface Config {
  env: Env['NODE_ENV'];
  /** The address the service listens on (HOST): loopback locally, every interface when deployed. */
  host: string;
  /** Set when a local instance listens beyond loopback: logged as a warning at start. */
  hostWarning?: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  publicUrl?: string;
  storage: StorageConfig;
  bot: BotAuthConfig;
  auth: TabAuthConfig;
  coordinatorIds: string[];
  seedDemo: boolean;
  /** The seeded demo's pairs are at every stage of the journey (else all just matched). */
  seedDemoJourney: boolean;
  maxBodyBytes: number;
  /** Survey cards are sent on a schedule (docs/evaluation.md); false: only on request. */
  surveySending: boolean;
  /** How long personal data outlives its closed cohort (docs/operations.md, "Retention"). */
  retention: RetentionPeriods;
  /** How often the scheduler looks for due work; 0 turns it off (tests drive it by hand). */
  schedulerIntervalSeconds: number;
  /** Announcement fan-out: Teams' rate for the app, retries, sends in flight, queue polling. */
  fanout: { ratePerSecond: number; maxAttempts: number; concurrency: number; pollMs: number };
  /** Reaching people who have not installed the app: Graph installation and the link to share. */
  reach: ReachConfig;
}

export interface ReachConfig {
  /** Microsoft Graph's base URL (GRAPH_BASE_URL), https://graph.microsoft.com by default. */
  graphBaseUrl: string;
  /** The app's id in the organisation's app catalog (TEAMS_APP_CATALOG_ID): Graph installs it. */
  catalogId?: string;
  /** The id in the link people are sent: the catalog id, else the manifest's (TEAMS_APP_ID). */
  linkAppId?: string;
}

const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';
const realId = (id: string | undefined) => (id && id !== PLACEHOLDER_GUID ? id : undefined);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A fixed tenant id for development tokens, so they look like Entra tokens. */
export { DEV_TENANT_ID };
const DEV_AUDIENCE = 'api://localhost/reverse-mentoring-dev';
const DEV_FALLBACK_SECRET = 'local-development-only-signing-key-not-for-production';

/** Whether an address (or host name) is this machine only: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1'
  );
}

/** What a development instance listening beyond loopback lays open, in words. */
function exposureWarning(host: string, e: Env): string {
  const open: string[] = [];
  if (e.AUTH_MODE === 'dev') {
    open.push("dev sign-in (/api/dev/token mints anyone's token) and the dev clock");
  }
  if (!e.BOT_ID) open.push('the bot endpoint, which accepts unauthenticated activities');
  const what = open.length > 0 ? open.join(', and ') : 'the service';
  return (
    `HOST=${host}: this development instance listens beyond this machine, so anyone on the ` +
    `network can reach ${what}. Unset HOST to listen on 127.0.0.1 only.`
  );
}

/** The variables a bot of this type needs, in words (BOT_TYPE is SingleTenant when unset). */
function botCredentialNames(type: Env['BOT_TYPE']): string {
  if (type === 'MultiTenant') return 'BOT_ID and BOT_PASSWORD (BOT_TYPE MultiTenant)';
  if (type === 'UserAssignedMSI') return 'BOT_ID and BOT_TENANT_ID (BOT_TYPE UserAssignedMSI)';
  return 'BOT_ID, BOT_PASSWORD and BOT_TENANT_ID (BOT_TYPE SingleTenant, the default)';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];

  let storage: StorageConfig;
  if (e.TABLES_CONNECTION_STRING) {
    storage = { kind: 'connection-string', connectionString: e.TABLES_CONNECTION_STRING };
  } else if (e.TABLES_ACCOUNT_URL) {
    storage = {
      kind: 'account-url',
      accountUrl: e.TABLES_ACCOUNT_URL,
      managedIdentityClientId: e.AZURE_CLIENT_ID,
    };
  } else {
    storage = {
      kind: 'embedded',
      inMemory: e.STORAGE_IN_MEMORY ?? false,
      dataDir: e.STORAGE_DATA_DIR ?? '.data/azurite',
    };
  }

  // Deployed means production for the safety checks: NODE_ENV=production, or running on Azure
  // App Service at all (a forgotten NODE_ENV must never open dev sign-in on the internet).
  const deployedBecause =
    e.NODE_ENV === 'production'
      ? 'when NODE_ENV is production'
      : e.WEBSITE_INSTANCE_ID || e.WEBSITE_SITE_NAME
        ? 'on Azure App Service (WEBSITE_INSTANCE_ID is set), whatever NODE_ENV says'
        : undefined;
  // The bot endpoint skips Bot Framework authentication only on a purely local development
  // instance: AUTH_MODE=dev (which a deployed service refuses, below) and no BOT_ID. Anything
  // else (Entra sign-in, a deployment) must check every activity's token, so it needs credentials.
  const botAuthRequiredBecause =
    deployedBecause ?? (e.AUTH_MODE === 'entra' ? 'when AUTH_MODE is entra' : undefined);
  let bot: BotAuthConfig = { kind: 'local' };
  if (e.BOT_ID) {
    const type = e.BOT_TYPE ?? 'SingleTenant';
    if (type !== 'UserAssignedMSI' && !e.BOT_PASSWORD) {
      problems.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE is ${type}`);
    }
    if (type !== 'MultiTenant' && !e.BOT_TENANT_ID) {
      problems.push(`BOT_TENANT_ID: required when BOT_TYPE is ${type}`);
    }
    bot = {
      kind: 'azure',
      appId: e.BOT_ID,
      password: e.BOT_PASSWORD,
      tenantId: e.BOT_TENANT_ID,
      type,
    };
  } else if (!botAuthRequiredBecause && (e.BOT_PASSWORD || e.BOT_TENANT_ID || e.BOT_TYPE)) {
    problems.push('BOT_ID: required when BOT_PASSWORD, BOT_TENANT_ID or BOT_TYPE is set');
  }

  let auth: TabAuthConfig;
  if (e.AUTH_MODE === 'entra') {
    if (!e.ENTRA_CLIENT_ID) problems.push('ENTRA_CLIENT_ID: required when AUTH_MODE is entra');
    if (!e.ENTRA_TENANT_ID) problems.push('ENTRA_TENANT_ID: required when AUTH_MODE is entra');
    const clientId = e.ENTRA_CLIENT_ID ?? '';
    const audiences = [clientId, `api://${clientId}`];
    if (e.ENTRA_APP_ID_URI) audiences.push(e.ENTRA_APP_ID_URI);
    auth = { mode: 'entra', clientId, tenantId: e.ENTRA_TENANT_ID ?? '', audiences };
  } else {
    auth = {
      mode: 'dev',
      secret: e.DEV_TOKEN_SECRET ?? DEV_FALLBACK_SECRET,
      tenantId: DEV_TENANT_ID,
      audience: DEV_AUDIENCE,
    };
  }

  if (deployedBecause && e.AUTH_MODE === 'dev') {
    problems.push(`AUTH_MODE: must be entra ${deployedBecause} (dev sign-in is for local use)`);
  }
  if (botAuthRequiredBecause && !e.BOT_ID) {
    problems.push(
      `BOT_ID: bot credentials are required ${botAuthRequiredBecause}, so that the bot endpoint ` +
        `authenticates Bot Framework tokens: set ${botCredentialNames(e.BOT_TYPE)}`,
    );
  }
  if (deployedBecause && storage.kind === 'embedded') {
    problems.push(
      `TABLES_CONNECTION_STRING: set it or TABLES_ACCOUNT_URL ${deployedBecause} (embedded storage is for local use)`,
    );
  }

  if (e.RETENTION_COHORT_MONTHS < e.RETENTION_SENSITIVE_MONTHS) {
    problems.push(
      `RETENTION_COHORT_MONTHS: must be at least RETENTION_SENSITIVE_MONTHS (${e.RETENTION_SENSITIVE_MONTHS}): a cohort's rows include its special-category answers`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);

  // Locally only this machine may reach the service: dev sign-in mints anyone's token, the dev
  // clock moves time and the bot may run without authentication. App Service needs 0.0.0.0.
  const host = e.HOST ?? (deployedBecause ? '0.0.0.0' : '127.0.0.1');
  const hostWarning =
    deployedBecause || isLoopbackHost(host) ? undefined : exposureWarning(host, e);

  return {
    env: e.NODE_ENV,
    host,
    hostWarning,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    storage,
    bot,
    auth,
    coordinatorIds: e.COORDINATOR_IDS.map((id) => id.toLowerCase()),
    seedDemo: e.SEED_DEMO ?? (e.NODE_ENV === 'development' && e.AUTH_MODE === 'dev'),
    seedDemoJourney: e.SEED_DEMO_JOURNEY ?? true,
    maxBodyBytes: e.MAX_BODY_BYTES,
    surveySending: e.SURVEY_SENDING ?? true,
    retention: {
      sensitiveMonths: e.RETENTION_SENSITIVE_MONTHS,
      unmatchedMonths: e.RETENTION_UNMATCHED_MONTHS,
      cohortMonths: e.RETENTION_COHORT_MONTHS,
    },
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
    fanout: {
      ratePerSecond: e.ANNOUNCE_RATE_PER_SECOND,
      maxAttempts: e.ANNOUNCE_MAX_ATTEMPTS,
      concurrency: e.ANNOUNCE_CONCURRENCY,
      pollMs: e.ANNOUNCE_POLL_MS,
    },
    reach: {
      graphBaseUrl: e.GRAPH_BASE_URL,
      catalogId: realId(e.TEAMS_APP_CATALOG_ID),
      linkAppId: realId(e.TEAMS_APP_CATALOG_ID) ?? realId(e.TEAMS_APP_ID),
    },
  };
}
