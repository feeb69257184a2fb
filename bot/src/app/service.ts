import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { AppContext } from './app-context';
import { Clock } from '../platform/clock';
import type { Config } from './config';
import { HealthCheck } from '../platform/http/health';
import { FanoutQueue, TeamsDelivery, createAnnouncements } from '../features/announcements';
import { answerEvent, placesLeft } from '../features/calendar/services/event-rsvp';
import { buildEventCard } from '../features/calendar/cards/event-card';
import { isInvited } from '../features/calendar/domain/programme-event';
import { WorkerRegistry } from '../platform/teams/worker-registry';
import { JobStore } from '../platform/storage/jobs/job-store';
import { JourneyJobHandler } from '../features/journey/jobs/journey-job-handler';
import { NudgeDelivery } from '../features/journey/jobs/nudge-delivery';
import { Scheduler } from '../platform/storage/jobs/scheduler';
import { createJourneyServices } from '../features/journey/services/create-journey';
import { DailySendLedger } from '../features/journey/store/daily-send-ledger';
import { CardActionRouter } from '../features/journey/teams/card-actions';
import { JourneyCommands } from '../features/journey/teams/journey-commands';
import { ProactiveSender } from '../platform/teams/proactive-sender';
import type { Logger } from '../platform/logger';
import { createHttpServer } from './server';
import { DevService, seedDemoCohortIfEmpty } from '../features/dev/index';
import {
  CohortService,
  IdentityService,
  MeService,
  RosterService,
} from '../features/cohorts/index';
import { CalendarService } from '../features/calendar/index';
import { ChannelHomeService } from '../features/channel-home/index';
import { cohortHealth } from '../features/journey/index';
import { createVerifier, mintDevToken } from '../platform/http/auth/token-verifier';
import { type EmbeddedStorage, startEmbeddedStorage } from '../platform/storage/embedded-azurite';
import { createRepositories } from './repositories';
import { type ResolvedStorage, TableStore, resolveStorage } from '../platform/storage/table-store';
import { createAdapter } from '../platform/teams/bot-adapter';
import { MentoringBot } from '../platform/teams/mentoring-bot';

export interface RunningService {
  url: string;
  port: number;
  ctx: AppContext;
  /** Resolves once tables exist, coordinators are granted and the demo is seeded. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts storage (embedded Azurite when no account is configured), the HTTP service and the bot.
 * The service listens even while storage is down; it reports 503 on /healthz and keeps trying.
 */
export interface ServiceOptions {
  /** Builds the table store (benchmarks pass one that counts storage requests). */
  makeStore?: (storage: ResolvedStorage) => TableStore;
}

export async function startService(
  config: Config,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  let embedded: EmbeddedStorage | undefined;
  let storage;
  if (config.storage.kind === 'embedded') {
    embedded = await startEmbeddedStorage({
      inMemory: config.storage.inMemory,
      dataDir: config.storage.dataDir,
    });
    log.info(
      {
        inMemory: config.storage.inMemory,
        dataDir: config.storage.inMemory ? undefined : config.storage.dataDir,
      },
      'embedded Azurite storage started',
    );
    storage = resolveStorage({
      kind: 'connection-string',
      connectionString: embedded.connectionString,
    });
  } else {
    storage = resolveStorage(config.storage);
  }

  const store = options.makeStore?.(storage) ?? new TableStore(storage);
  const repos = createRepositories(store);
  const clock = new Clock();
  const now = () => clock.now();
  const adapter = createAdapter(config.bot, log);
  const identity = new IdentityService(repos);
  const jobs = new JobStore(store, { clock: now });
  const { journey, meetings, work } = createJourneyServices({
    stores: repos,
    jobs,
    memberships: identity,
    now,
    log,
  });
  // Every proactive send (nudges, summaries, channel posts) takes a slot under Teams' rate from
  // the fan-out's pacer, so they and a large announcement share the limit instead of racing.
  const pace = () => fanout.pace();
  const sender = new ProactiveSender(
    adapter,
    config.bot.kind === 'azure' ? config.bot.appId : '',
    repos.conversations,
    log,
    pace,
  );
  const handler = new JourneyJobHandler({
    journey,
    delivery: new NudgeDelivery({
      ledger: new DailySendLedger(store),
      sender,
      chats: repos.conversations,
      now,
      log,
    }),
    followUps: jobs,
    now,
    log,
  });
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const botAppId = config.bot.kind === 'azure' ? config.bot.appId : '';
  const queue = new FanoutQueue(storage);
  const delivery = new TeamsDelivery(adapter, botAppId, repos.conversations, log);
  const announcementFeature = createAnnouncements({
    repo: repos.announcements,
    queue,
    delivery,
    registry: new WorkerRegistry(store, instanceId.replace(/[^A-Za-z0-9:._-]/g, '_')),
    ports: {
      cohorts: repos.cohorts,
      participants: repos.participants,
      pairs: repos.pairs,
      pairHealth: (cohortId) => cohortHealth(repos, cohortId),
      conversations: repos.conversations,
      identity,
      events: {
        get: (cohortId, eventId) => repos.events.get(cohortId, eventId),
        calendar: (cohortId) => repos.events.calendar(cohortId),
        isInvited,
        placesLeft,
        card: buildEventCard,
        answer: (...answer) => answerEvent(repos, ...answer),
      },
    },
    now,
    log,
    publicUrl: config.publicUrl,
    fanout: config.fanout,
  });
  const { service: announcements, fanout } = announcementFeature;
  const scheduler = new Scheduler(jobs, handler.handle, {
    owner: instanceId,
    clock: now,
    log,
    intervalMs: config.schedulerIntervalSeconds * 1000,
    // Everything due for one person at one time goes out as one message.
    bundling: {
      key: (job) => (job.recipientId ? `participant:${job.recipientId}` : undefined),
      handler: (bundle) => handler.handleBundle(bundle),
    },
  });
  const verifier = createVerifier(config.auth);
  const cohorts = new CohortService(repos);
  const calendar = new CalendarService({
    repos,
    identity,
    cohorts,
    reminders: announcements,
    now,
    publicUrl: config.publicUrl,
  });
  const health = { cohortHealth: (cohortId: string) => cohortHealth(repos, cohortId) };
  const auth = config.auth;
  const ctx: AppContext = {
    config,
    http: {
      log,
      verifier,
      isCoordinator: (userId) => identity.isCoordinator(userId),
      maxBodyBytes: config.maxBodyBytes,
    },
    log,
    repos,
    identity,
    roster: new RosterService(repos, now, (cohortId, pairIds) =>
      journey.scheduleIntroductions(cohortId, pairIds),
    ),
    verifier,
    health: new HealthCheck(store),
    clock,
    journey,
    journeyMeetings: meetings,
    pairWork: work,
    cardActions: new CardActionRouter({ journey, meetings, work, now, log }),
    journeyCommands: new JourneyCommands({ journey, now }),
    sender,
    jobs,
    scheduler,
    announcements,
    announcementActions: announcementFeature.actions,
    announcementChannels: announcementFeature.channels,
    fanout,
    cohorts,
    me: new MeService({ identity, cohorts }),
    calendar,
    cohortHealth: health,
    channelHome: new ChannelHomeService({
      identity,
      cohorts,
      calendar,
      announcements: repos.announcements,
      journey: {
        meetingsOf: async (pairId) =>
          (await repos.pairSpaces.load(pairId)).meetings.map((m) => m.value),
        cohortHealth: health.cohortHealth,
      },
      now,
    }),
    dev:
      auth.mode === 'dev'
        ? new DevService({
            clock,
            scheduler,
            jobs,
            sweepAnnouncements: () => fanout.sweep(),
            mintToken: (user) => mintDevToken(auth, user),
            log,
          })
        : undefined,
  };

  const bot = new MentoringBot(ctx);
  const server = createHttpServer(ctx, adapter, bot);
  await new Promise<void>((resolve) => server.listen(config.port, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log.info({ url, authMode: config.auth.mode, botAuth: config.bot.kind }, 'service listening');

  let stopped = false;
  const ready = prepareStorage(ctx, store, queue, () => stopped).then(() => {
    if (!stopped && config.schedulerIntervalSeconds > 0) scheduler.start();
    if (!stopped) fanout.start();
  });
  ready.catch((error: unknown) => log.error({ err: error }, 'storage preparation failed'));

  return {
    url,
    port,
    ctx,
    ready,
    async stop() {
      stopped = true;
      // Finish or hand back in-flight work first, then stop taking requests.
      await Promise.all([scheduler.stop(), fanout.stop()]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (embedded) await embedded.stop();
    },
  };
}

/** Creates tables, grants configured coordinators and seeds the demo, retrying while storage is down. */
async function prepareStorage(
  ctx: AppContext,
  store: TableStore,
  queue: FanoutQueue,
  stopped: () => boolean,
): Promise<void> {
  let delay = 500;
  for (;;) {
    try {
      await store.ensureTables();
      await queue.ensure();
      await ctx.identity.grantConfiguredCoordinators(ctx.config.coordinatorIds, ctx.clock.now());
      if (ctx.config.seedDemo) {
        const { cohorts, identity, roster, log } = ctx;
        await seedDemoCohortIfEmpty({ cohorts, identity, roster, log }, ctx.clock.now());
      }
      ctx.log.info('storage ready');
      return;
    } catch (error) {
      if (stopped()) return;
      ctx.log.warn({ err: error, retryInMs: delay }, 'storage not ready; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
