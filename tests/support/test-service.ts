import { loadConfig } from '../../bot/src/app/config';
import { createLogger } from '../../bot/src/platform/logger';
import { type RunningService, type ServiceOptions, startService } from '../../bot/src/app/service';
import {
  type EmbeddedStorage,
  startEmbeddedStorage,
} from '../../bot/src/platform/storage/embedded-azurite';

/** Starts Azurite on a free port for one test file; never shared between runs. */
export function startTestStorage(
  options: { dataDir?: string; tablePort?: number; queuePort?: number } = {},
): Promise<EmbeddedStorage> {
  return startEmbeddedStorage({
    inMemory: !options.dataDir,
    dataDir: options.dataDir,
    tablePort: options.tablePort ?? 0,
    queuePort: options.queuePort ?? 0,
  });
}

/** Starts the real service on a free port against the given storage. */
export async function startTestService(
  connectionString: string,
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<RunningService> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    TABLES_CONNECTION_STRING: connectionString,
    SEED_DEMO: 'false',
    // Tests that seed the demo use its plain roster (three pairs just matched) unless they ask.
    SEED_DEMO_JOURNEY: 'false',
    // Survey cards take a person's one message a day: journey tests keep their exact sequences
    // without them; tests/integration/survey-sending.test.ts walks the two together.
    SURVEY_SENDING: 'false',
    LOG_LEVEL: 'silent',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...env,
  });
  const service = await startService(config, createLogger(config.logLevel), options);
  await service.ready;
  return service;
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    token?: string;
    json?: unknown;
    body?: string | Uint8Array<ArrayBuffer>;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.body;
  if (options.json !== undefined && method !== 'GET' && method !== 'HEAD') {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  Object.assign(headers, options.headers ?? {});
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as T,
    headers: response.headers,
  };
}

export async function devToken(
  baseUrl: string,
  user: { userId: string; name: string; email?: string },
): Promise<string> {
  const response = await call<{ token: string }>(baseUrl, 'POST', '/api/dev/token', { json: user });
  if (response.status !== 200)
    throw new Error(`dev token failed: ${JSON.stringify(response.body)}`);
  return response.body.token;
}
