import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import {
  type AnnouncementService,
  type Fanout,
  FanoutQueue,
  registerAnnouncementRoutes,
} from '../features/announcements';
import {
  AttendanceService,
  CalendarService,
  registerAttendanceRoutes,
  registerCalendarRoutes,
} from '../features/calendar/index';
import { ChannelHomeService, registerHomeRoutes } from '../features/channel-home/index';
import {
  CohortService,
  IdentityService,
  LinkService,
  MeService,
  RoleService,
  RosterService,
  registerCohortRoutes,
  registerLinkRoutes,
  registerMeRoutes,
  registerRoleRoutes,
} from '../features/cohorts/index';
import { AuditRepository, AuditService, registerAuditRoutes } from '../features/audit/index';
import {
  createDataExport,
  createErasure,
  erasedError,
  registerDataRightsRoutes,
  registerErasureRoutes,
} from '../features/data-rights/index';
import { refusingErased } from '../platform/http/auth/erased-guard';
import {
  AccessAuditService,
  PrivacySettingsRepository,
  PrivacySettingsService,
  registerPrivacyRoutes,
} from '../features/privacy/index';
import {
  type Applications,
  type Review,
  createReview,
  isDecisionTell,
  registerApplicationRoutes,
  registerReviewRoutes,
} from '../features/applications/index';
import {
  registerCohortAdminRoutes,
  registerPairAdminRoutes,
  registerPeopleRoutes,
} from '../features/cohort-admin/index';
import { DevService, registerDevRoutes } from '../features/dev/index';
import { type MatchApplicants, registerMatchingRoutes } from '../features/matching/index';
import {
  ReachRepository,
  ReachService,
  installRetryHandler,
  isInstallRetry,
  registerReachRoutes,
} from '../features/reach/index';
import { teamsAppLink } from '../contracts/reach';
import {
  DailySendLedger,
  JourneyJobHandler,
  NudgeDelivery,
  cohortHealth,
  createJourneyServices,
  registerPairRoutes,
} from '../features/journey/index';
import type { Clock } from '../platform/clock';
import { createVerifier, mintDevToken } from '../platform/http/auth/token-verifier';
import type { HttpEnv } from '../platform/http/route';
import type { Logger } from '../platform/logger';
import { JobStore } from '../platform/storage/jobs/job-store';
import type { Scheduler } from '../platform/storage/jobs/scheduler';
import type { ResolvedStorage, TableStore } from '../platform/storage/table-store';
import { ProgrammeBot, cardMessage } from '../platform/teams/activity-handler';
import { GraphAppInstaller, graphTokenSource } from '../platform/teams/graph-app-installer';
import { ProactiveSender } from '../platform/teams/proactive-sender';
import { botRoutes } from './bot-routes';
import type { Config } from './config';
import { composeAdmin } from './compose-admin';
import { composeAnnouncements } from './compose-announcements';
import { composeFront } from './compose-front';
import { composeScheduler } from './compose-scheduler';
import { composeEvaluation } from './compose-evaluation';
import { composeInsights } from './compose-insights';
import { composeRetention } from './compose-retention';
import { type Repositories, createRepositories } from './repositories';

/**
 * Named parts of a running service, for tests and tools that look inside it (benchmarks, the
 * dev scripts). No module of the product receives this: each gets only what it uses.
 */
export interface ServiceParts {
  config: Config;
  clock: Clock;
  repos: Repositories;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  announcements: AnnouncementService;
  fanout: Fanout;
  calendar: CalendarService;
  applications: Applications;
  review: Review;
}

export interface Composition {
  parts: ServiceParts;
  bot: ProgrammeBot;
  /** Registers every feature's API routes on the server. */
  registerRoutes(server: Server): void;
  scheduler: Scheduler;
  queue: FanoutQueue;
  /** What storage preparation needs once tables exist. */
  identity: IdentityService;
  cohorts: CohortService;
  roster: RosterService;
  /** On start, once storage is ready: each open cohort's survey sweep for today. */
  startSurveySweeps(): Promise<number>;
  /**
   * On start, once storage is ready: the coming retention run (issue 17), when a cohort has
   * closed; false when none has (the first close starts it).
   */
  startRetention(): Promise<boolean>;
}

/** The composition root: builds every feature over one store and wires them together. */
export function compose(
  config: Config,
  log: Logger,
  clock: Clock,
  store: TableStore,
  storage: ResolvedStorage,
  adapter: CloudAdapter,
  /** Tests may pass their own; by default the cohort's accepted applications. */
  matchApplicants?: MatchApplicants,
): Composition {
  const repos = createRepositories(store);
  const now = () => clock.now();
  const botAppId = config.bot.kind === 'azure' ? config.bot.appId : '';
  // Emails link people only in the programme's tenant: ENTRA_TENANT_ID, or the dev tenant.
  const audit = new AuditService(new AuditRepository(store), now, log);
  // Erase my data (issue 17): an erased person's tombstone refuses their sign-ins and links.
  const erasure = createErasure({ store, audit, now, log });
  const erased = { isErased: (id: string) => erasure.isErased(id), refusal: erasedError };
  const identity = new IdentityService(repos, {
    programmeTenantId: config.auth.tenantId,
    now,
    erased,
  });
  const jobs = new JobStore(store, { clock: now });
  const { journey, meetings, work, coordinatorPairs } = createJourneyServices({
    stores: repos,
    jobs,
    memberships: identity,
    now,
    log,
  });
  // Every proactive send (nudges, summaries, channel posts) takes a slot under Teams' rate from
  // the fan-out's pacer, so they and a large announcement share the limit instead of racing.
  const pace = () => fanout.pace();
  const sender = new ProactiveSender(adapter, botAppId, repos.conversations, log, pace);
  const reachAttempts = new ReachRepository(store);
  const delivery = new NudgeDelivery({
    ledger: new DailySendLedger(store),
    sender,
    chats: repos.conversations,
    unreachable: reachAttempts,
    now,
    log,
  });
  const jobHandler = new JourneyJobHandler({ journey, delivery, followUps: jobs, now, log });
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const queue = new FanoutQueue(storage);
  // Surveys go through the same delivery and daily ledger as the journey's nudges (issue 16).
  const evaluation = composeEvaluation({
    store,
    repos,
    identity,
    audit,
    jobs,
    journey,
    delivery,
    sendSurveys: config.surveySending,
    // Counts only, from the applications' special-category answers (composed further down).
    sensitive: {
      countsByGroup: <G extends string>(
        cohortId: string,
        people: readonly { userId: string | undefined; group: G }[],
      ) => applications.sensitive.countsByGroup(cohortId, people),
    },
    log,
    now,
  });
  const surveySending = evaluation.sending;
  const reach = new ReachService({
    participants: repos.participants,
    pairs: repos.pairs,
    chats: repos.conversations,
    attempts: reachAttempts,
    installer: new GraphAppInstaller(
      { baseUrl: config.reach.graphBaseUrl, catalogId: config.reach.catalogId },
      graphTokenSource(config.bot, config.reach.graphBaseUrl),
      log,
    ),
    retries: jobs,
    audit,
    shareLink: config.reach.linkAppId ? teamsAppLink(config.reach.linkAppId) : null,
    now,
    log,
  });
  const health = {
    cohortHealth: async (cohortId: string) =>
      reach.withReach(cohortId, await cohortHealth(repos, cohortId, now())),
  };
  const announcementFeature = composeAnnouncements({
    store,
    repos,
    queue,
    adapter,
    botAppId,
    instanceId,
    identity,
    pairHealth: health.cohortHealth,
    interestList: (cohortId) => applications.applications.interestList(cohortId),
    config,
    now,
    log,
  });
  const { service: announcements, fanout } = announcementFeature;
  const retryInstall = installRetryHandler(reach);
  // Reviewing applications (issue 15, items 3–4): decisions are told through the job store.
  const review = createReview(store, {
    cohorts: { get: (cohortId) => cohorts.get(cohortId) },
    events: {
      list: async (cohortId) =>
        (await repos.events.calendar(cohortId)).events.map(({ value: e }) => ({
          id: e.id,
          type: e.type,
          audience: e.audience,
          title: e.title,
          start: e.start,
        })),
    },
    audit,
    jobs,
    send: (userId, card) => sender.sendToUser(userId, cardMessage(card)),
    programmeTenantId: config.auth.tenantId,
    now,
    log,
  });
  // Retention (issue 17): applications are composed further down, hence the getter.
  const retention = composeRetention({
    config,
    repos,
    store,
    applications: () => applications,
    summaries: {
      keep: (cohortId) => evaluation.results.keepSummary(cohortId),
      keepBreakdowns: (cohortId) => evaluation.results.keepBreakdowns(cohortId),
    },
    jobs,
    audit,
    now,
    log,
  });
  const scheduler = composeScheduler({
    jobs,
    owner: instanceId,
    now,
    log,
    intervalMs: config.schedulerIntervalSeconds * 1000,
    routes: [
      { owns: isInstallRetry, handle: retryInstall },
      { owns: isDecisionTell, handle: (job) => review.handleJob(job) },
      { owns: surveySending.isJob, handle: (job) => surveySending.handleJob(job) },
      retention.route,
    ],
    journey: jobHandler,
  });
  const cohorts = new CohortService(repos);
  // The programme team's changes (issue 14); new pairs start their survey sweep too.
  const { roster, pairAdmin, people, settings, bulkPairs } = composeAdmin({
    repos,
    journey,
    coordinatorPairs,
    startSurveySweep: (cohortId) => surveySending.startSweep(cohortId),
    startRetention: () => retention.service.start(),
    sender,
    audit,
    now,
    log,
  });
  // Applications and matching proposals (issue 15).
  const { applications, matching, publishing } = composeFront({
    store,
    repos,
    review,
    matchApplicants,
    bulkPairs,
    sender,
    audit,
    log,
    now,
  });
  const calendar = new CalendarService({
    repos,
    identity,
    cohorts,
    reminders: announcements,
    now,
    publicUrl: config.publicUrl,
  });
  // Attendance at programme sessions (issue 16): registers in the cohort's events partition.
  const attendance = new AttendanceService({
    events: repos.events,
    roster: repos.participants,
    cohorts,
    audit,
    now,
  });
  const channelHome = new ChannelHomeService({
    identity,
    cohorts,
    calendar,
    announcements: {
      // The cohort's list as read a moment ago: a whole cohort opens the home at once.
      recent: (cohortId, limit) => repos.announcements.recentShared(cohortId, limit),
      getRecipient: (id, participantId) => repos.announcements.getRecipient(id, participantId),
    },
    journey: {
      meetingsOf: async (pairId) =>
        (await repos.pairSpaces.load(pairId)).meetings.map((m) => m.value),
      cohortHealth: health.cohortHealth,
    },
    now,
  });
  const auth = config.auth;
  const dev =
    auth.mode === 'dev'
      ? new DevService({
          clock,
          scheduler,
          jobs,
          sweepAnnouncements: () => fanout.sweep(),
          mintToken: (user) => mintDevToken(auth, user),
          log,
        })
      : undefined;

  const http: HttpEnv = {
    log,
    verifier: refusingErased(createVerifier(config.auth), erased.isErased, erasedError),
    accessOf: (userId) => identity.accessOf(userId),
    maxBodyBytes: config.maxBodyBytes,
  };
  const insights = composeInsights({ store, repos, identity, sender, audit, now });
  const dataExport = createDataExport({ store, audit, now, log });
  const registerRoutes = (server: Server) => {
    registerMeRoutes(server, { http, me: new MeService({ identity, cohorts }) });
    registerCohortRoutes(server, { http, cohorts, roster, health });
    registerLinkRoutes(server, { http, cohorts, links: new LinkService(repos, now, audit) });
    registerRoleRoutes(server, { http, roles: new RoleService(repos, audit, now) });
    registerAuditRoutes(server, { http, audit });
    registerReachRoutes(server, { http, cohorts, reach });
    registerCohortAdminRoutes(server, { http, settings });
    registerPeopleRoutes(server, { http, cohorts, people });
    registerPairAdminRoutes(server, { http, cohorts, pairs: pairAdmin });
    registerMatchingRoutes(server, { http, cohorts, matching, publishing });
    registerPairRoutes(server, { http, journey, meetings, work, now });
    registerCalendarRoutes(server, { http, calendar, cohorts });
    registerAttendanceRoutes(server, { http, attendance });
    registerAnnouncementRoutes(server, {
      http,
      announcements,
      channels: announcementFeature.channels,
    });
    registerHomeRoutes(server, { http, home: channelHome });
    registerApplicationRoutes(server, { http, ...applications });
    registerReviewRoutes(server, {
      http,
      review: review.review,
      managers: review.managers,
      views: new AccessAuditService(audit),
    });
    registerPrivacyRoutes(server, {
      http,
      settings: new PrivacySettingsService(new PrivacySettingsRepository(store), audit),
    });
    registerDevRoutes(server, { http, dev });
    evaluation.register(server, http);
    insights.register(server, http);
    registerDataRightsRoutes(server, { http, exports: dataExport });
    registerErasureRoutes(server, { http, erasures: erasure });
  };

  const bot = new ProgrammeBot(
    botRoutes(
      {
        journey: { journey, meetings, work, now, log },
        calendar: { calendar },
        announcementActions: announcementFeature.actions,
        review: { managers: review.managers },
        announce: {
          announcements,
          actions: announcementFeature.actions,
          sendToOwnChat: async (userId, card) =>
            (await sender.sendToUser(userId, cardMessage(card))).status === 'sent',
        },
        apply: applications,
        survey: { surveys: evaluation.surveys },
        myData: { publicUrl: config.publicUrl },
      },
      {
        sender,
        conversations: repos.conversations,
        // After an install, a waiting introduction goes now (and the person is linked).
        onInstalled: async (actor) => {
          await journey.wakePendingFor({ userId: actor.userId, email: actor.email });
          await review.onReachable(actor.userId, actor.email);
        },
        now,
        log,
      },
      { publicUrl: config.publicUrl },
    ),
  );

  return {
    parts: {
      config,
      clock,
      repos,
      sender,
      announcements,
      fanout,
      calendar,
      applications,
      review,
    },
    bot,
    registerRoutes,
    scheduler,
    queue,
    identity,
    cohorts,
    roster,
    startSurveySweeps: () => surveySending.startAllSweeps(),
    startRetention: () => retention.service.start(),
  };
}
