import type { AddressInfo } from 'node:net';
import { seedDemoCohortIfEmpty } from '../features/dev/index';
import { Clock } from '../platform/clock';
import { HealthCheck } from '../platform/http/health';
import type { Logger } from '../platform/logger';
import { type EmbeddedStorage, startEmbeddedStorage } from '../platform/storage/embedded-azurite';
import { type ResolvedStorage, TableStore, resolveStorage } from '../platform/storage/table-store';
import { createAdapter } from '../platform/teams/bot-adapter';
import type { MatchApplicants } from '../features/matching/index';
import { type Composition, type ServiceParts, compose } from './compose';
import type { Config } from './config';
import { createHttpServer } from './server';

export interface RunningService {
  url: string;
  /** The address the service is bound to (HOST), e.g. 127.0.0.1 locally. */
  host: string;
  port: number;
  /** Named parts, for tests and tools that look inside (see ServiceParts). */
  parts: ServiceParts;
  /** Resolves once tables exist, coordinators are granted and the demo is seeded. */
  ready: Promise<void>;
  /** The embedded storage this service started and supervises, if any. */
  embedded?: Pick<EmbeddedStorage, 'pid' | 'restarts' | 'connectionString'>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Builds the table store (benchmarks pass one that counts storage requests). */
  makeStore?: (storage: ResolvedStorage) => TableStore;
  /** Who is accepted for matching (tests pass a plain implementation of the port). */
  matchApplicants?: MatchApplicants;
  /** The monotonic clock (ms) that times requests for the log (tests pass one they move). */
  monotonicMs?: () => number;
}

/** Embedded Azurite when no account is configured; otherwise the configured account. */
async function openStorage(config: Config, log: Logger) {
  if (config.storage.kind !== 'embedded') {
    return { storage: resolveStorage(config.storage), embedded: undefined };
  }
  const embedded: EmbeddedStorage = await startEmbeddedStorage({
    inMemory: config.storage.inMemory,
    dataDir: config.storage.dataDir,
    log,
  });
  log.info(
    {
      inMemory: config.storage.inMemory,
      dataDir: config.storage.inMemory ? undefined : config.storage.dataDir,
    },
    'embedded Azurite storage started',
  );
  const storage = resolveStorage({
    kind: 'connection-string',
    connectionString: embedded.connectionString,
  });
  return { storage, embedded };
}

/**
 * Starts storage, the HTTP service and the bot. The service listens even while storage is down;
 * it reports 503 on /healthz and keeps trying.
 */
export async function startService(
  config: Config,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const { storage, embedded } = await openStorage(config, log);
  const store = options.makeStore?.(storage) ?? new TableStore(storage);
  const clock = new Clock();
  const adapter = createAdapter(config.bot, log);
  const app = compose(config, log, clock, store, storage, adapter, options.matchApplicants);

  const server = createHttpServer({
    log,
    maxBodyBytes: config.maxBodyBytes,
    health: new HealthCheck(store, log),
    adapter,
    bot: app.bot,
    registerRoutes: app.registerRoutes,
    tab: { entraClientId: config.auth.mode === 'entra' ? config.auth.clientId : undefined },
    monotonicMs: options.monotonicMs,
  });
  await listen(server, config.port, config.host);
  const { address: host, port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  log.info(
    { url, host, authMode: config.auth.mode, botAuth: config.bot.kind },
    'service listening',
  );
  if (config.hostWarning) log.warn({ host }, config.hostWarning);

  let stopped = false;
  const { scheduler, fanout } = { scheduler: app.scheduler, fanout: app.parts.fanout };
  const ready = prepareStorage(app, store, log, () => stopped).then(() => {
    if (!stopped && config.schedulerIntervalSeconds > 0) scheduler.start();
    if (!stopped) fanout.start();
  });
  ready.catch((error: unknown) => log.error({ err: error }, 'storage preparation failed'));

  return {
    url,
    host,
    port,
    parts: app.parts,
    ready,
    embedded,
    async stop() {
      stopped = true;
      // Finish or hand back in-flight work first, then stop taking requests.
      await Promise.all([scheduler.stop(), fanout.stop()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (embedded) await embedded.stop();
    },
  };
}

function listen(server: ReturnType<typeof createHttpServer>, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** How to reach a bound address: localhost for every interface, brackets around IPv6. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return address.includes(':') ? `[${address}]` : address;
}

/** Creates tables, grants configured coordinators and seeds the demo, retrying while storage is down. */
async function prepareStorage(
  app: Composition,
  store: TableStore,
  log: Logger,
  stopped: () => boolean,
): Promise<void> {
  const { config, clock } = app.parts;
  let delay = 500;
  for (;;) {
    try {
      await store.ensureTables();
      await app.queue.ensure();
      await app.identity.grantConfiguredAdmins(config.coordinatorIds, clock.now());
      if (config.seedDemo) {
        const { cohorts, identity, roster } = app;
        const journey = config.seedDemoJourney
          ? { store, stores: app.parts.repos, memberships: identity }
          : undefined;
        await seedDemoCohortIfEmpty({ cohorts, identity, roster, log, journey }, clock.now());
      }
      await app.startSurveySweeps();
      await app.startRetention();
      log.info('storage ready');
      return;
    } catch (error) {
      if (stopped()) return;
      log.warn({ err: error, retryInMs: delay }, 'storage not ready; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
