import { DEV_TENANT_ID } from '../contracts/dev';
import type { TabAuthConfig } from '../platform/http/auth/token-verifier';
import type { BotAuthConfig } from '../platform/teams/bot-adapter';
import { z } from 'zod';

/**
 * Every environment variable the service reads, parsed and validated once.
 * A bad value stops the process with a message naming the variable.
 */

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

const optionalGuid = z.preprocess(emptyToUndefined, guid.optional());

const optionalUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .url('must be an absolute URL')
    .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
);

const booleanFlag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3978),
  ),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PUBLIC_URL: optionalUrl,
  TABLES_CONNECTION_STRING: optionalString.refine(
    (v) => v === undefined || /(AccountName=|UseDevelopmentStorage=true|TableEndpoint=)/i.test(v),
    'must be an Azure Storage connection string (AccountName=…;AccountKey=…;TableEndpoint=…)',
  ),
  TABLES_ACCOUNT_URL: optionalUrl,
  AZURE_CLIENT_ID: optionalGuid,
  STORAGE_IN_MEMORY: booleanFlag,
  STORAGE_DATA_DIR: optionalString,
  BOT_ID: optionalGuid,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalGuid,
  BOT_TYPE: z.preprocess(
    emptyToUndefined,
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'must be SingleTenant, UserAssignedMSI or MultiTenant',
      })
      .optional(),
  ),
  AUTH_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(['dev', 'entra'], { message: 'must be dev or entra' }).default('dev'),
  ),
  ENTRA_CLIENT_ID: optionalGuid,
  ENTRA_TENANT_ID: optionalGuid,
  ENTRA_APP_ID_URI: optionalString,
  DEV_TOKEN_SECRET: optionalString.refine(
    (v) => v === undefined || v.length >= 32,
    'must be at least 32 characters',
  ),
  COORDINATOR_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      )
      .pipe(z.array(guid.describe('Entra object id'))),
  ),
  SEED_DEMO: booleanFlag,
  SCHEDULER_INTERVAL_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (off) or more')
      .max(3600, 'must be at most 3600')
      .default(60),
  ),
  ANNOUNCE_RATE_PER_SECOND: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(50),
  ),
  ANNOUNCE_MAX_ATTEMPTS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(20, 'must be at most 20')
      .default(5),
  ),
  ANNOUNCE_CONCURRENCY: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(64, 'must be at most 64')
      .default(16),
  ),
  ANNOUNCE_POLL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (off) or more')
      .max(60_000, 'must be at most 60000')
      .default(500),
  ),
  // Set by Azure App Service on every instance: the service is deployed, whatever NODE_ENV says.
  WEBSITE_INSTANCE_ID: optionalString,
  WEBSITE_SITE_NAME: optionalString,
  MAX_BODY_BYTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int()
      .min(1024)
      .max(10_485_760)
      .default(1_048_576),
  ),
});

export type Env = z.infer<typeof envSchema>;

export type StorageConfig =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; managedIdentityClientId?: string }
  | { kind: 'embedded'; inMemory: boolean; dataDir: string };

export type { BotAuthConfig, TabAuthConfig };

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  logLevel: Env['LOG_LEVEL'];
  publicUrl?: string;
  storage: StorageConfig;
  bot: BotAuthConfig;
  auth: TabAuthConfig;
  coordinatorIds: string[];
  seedDemo: boolean;
  maxBodyBytes: number;
  /** How often the scheduler looks for due work; 0 turns it off (tests drive it by hand). */
  schedulerIntervalSeconds: number;
  /** Announcement fan-out: Teams' rate for the app, retries, sends in flight, queue polling. */
  fanout: { ratePerSecond: number; maxAttempts: number; concurrency: number; pollMs: number };
}

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
  } else if (e.BOT_PASSWORD || e.BOT_TENANT_ID || e.BOT_TYPE) {
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

  // Deployed means production for the safety checks: NODE_ENV=production, or running on Azure
  // App Service at all (a forgotten NODE_ENV must never open dev sign-in on the internet).
  const deployedBecause =
    e.NODE_ENV === 'production'
      ? 'when NODE_ENV is production'
      : e.WEBSITE_INSTANCE_ID || e.WEBSITE_SITE_NAME
        ? 'on Azure App Service (WEBSITE_INSTANCE_ID is set), whatever NODE_ENV says'
        : undefined;
  if (deployedBecause) {
    if (e.AUTH_MODE === 'dev') {
      problems.push(`AUTH_MODE: must be entra ${deployedBecause} (dev sign-in is for local use)`);
    }
    if (!e.BOT_ID) {
      problems.push(`BOT_ID: bot credentials are required ${deployedBecause}`);
    }
    if (storage.kind === 'embedded') {
      problems.push(
        `TABLES_CONNECTION_STRING: set it or TABLES_ACCOUNT_URL ${deployedBecause} (embedded storage is for local use)`,
      );
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    storage,
    bot,
    auth,
    coordinatorIds: e.COORDINATOR_IDS.map((id) => id.toLowerCase()),
    seedDemo: e.SEED_DEMO ?? (e.NODE_ENV === 'development' && e.AUTH_MODE === 'dev'),
    maxBodyBytes: e.MAX_BODY_BYTES,
    schedulerIntervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
    fanout: {
      ratePerSecond: e.ANNOUNCE_RATE_PER_SECOND,
      maxAttempts: e.ANNOUNCE_MAX_ATTEMPTS,
      concurrency: e.ANNOUNCE_CONCURRENCY,
      pollMs: e.ANNOUNCE_POLL_MS,
    },
  };
}
