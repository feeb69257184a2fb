import { isIP } from 'node:net';
import { z } from 'zod';
import {
  DEFAULT_RETENTION_COHORT_MONTHS,
  DEFAULT_RETENTION_SENSITIVE_MONTHS,
  DEFAULT_RETENTION_UNMATCHED_MONTHS,
  MAX_RETENTION_MONTHS,
} from '../contracts/retention';

/**
 * The environment variables the service reads, as one zod schema: each value's type, range and
 * default. app/config.ts turns a parsed environment into the service's settings.
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

/** A retention period in whole months, 1 to MAX_RETENTION_MONTHS. */
const retentionMonths = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number of months' })
      .int('must be a whole number of months')
      .min(1, 'must be at least 1 month')
      .max(MAX_RETENTION_MONTHS, `must be at most ${MAX_RETENTION_MONTHS} months`)
      .default(fallback),
  );

export const envSchema = z.object({
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
  // The address to listen on; app/config.ts picks loopback locally, every interface when deployed.
  HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine(
        (v) => isIP(v) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(v),
        'must be an IP address (127.0.0.1, 0.0.0.0, ::1, ::) or a host name',
      )
      .optional(),
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
  SEED_DEMO_JOURNEY: booleanFlag,
  SURVEY_SENDING: booleanFlag,
  RETENTION_SENSITIVE_MONTHS: retentionMonths(DEFAULT_RETENTION_SENSITIVE_MONTHS),
  RETENTION_UNMATCHED_MONTHS: retentionMonths(DEFAULT_RETENTION_UNMATCHED_MONTHS),
  RETENTION_COHORT_MONTHS: retentionMonths(DEFAULT_RETENTION_COHORT_MONTHS),
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
  // Installing the app for people through Microsoft Graph (docs/operations.md, "Reach").
  GRAPH_BASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .url('must be an absolute URL')
      .refine((v) => /^https?:\/\//.test(v), 'must start with http:// or https://')
      .transform((v) => v.replace(/\/+$/, ''))
      .default('https://graph.microsoft.com'),
  ),
  TEAMS_APP_CATALOG_ID: optionalGuid,
  TEAMS_APP_ID: optionalGuid,
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
