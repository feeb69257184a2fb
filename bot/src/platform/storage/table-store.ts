import {
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
  odata,
} from '@azure/data-tables';
import {
  ManagedIdentityCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import { StorageUnavailableError, isUnavailable } from './errors';
import { noteStorageWrite, trackWrites } from './read-coalescer';
import { storageAgent } from './storage-agent';
import { noteStorageAttempt, startStorageCall } from './storage-calls';
import { BoundedMap } from '../bounded-map';

/** Table clients kept: every fixed table and weeks of day tables. */
const CLIENTS_KEPT = { maxEntries: 128, maxAgeMs: 24 * 60 * 60 * 1000 };

/** Every table the service uses. Names are Azure table names: letters and digits only. */
export const TABLE_NAMES = {
  cohorts: 'Cohorts',
  participants: 'Participants',
  memberships: 'Memberships',
  participantLinks: 'ParticipantLinks',
  pairs: 'Pairs',
  conversations: 'ConversationRefs',
  roles: 'Roles',
  jobs: 'Jobs',
  jobIndex: 'JobIndex',
  jobClaims: 'JobClaims',
  schedulerState: 'SchedulerState',
  pairSpace: 'PairSpace',
  dailySends: 'DailySends',
  events: 'Events',
  calendarFeeds: 'CalendarFeeds',
  announcements: 'Announcements',
  announcementRecipients: 'AnnouncementRecipients',
  announcementIndex: 'AnnouncementIndex',
  fanoutWorkers: 'FanoutWorkers',
  audit: 'AuditTrail',
  reach: 'ReachAttempts',
  matching: 'MatchingRuns',
  applicationSettings: 'ApplicationSettings',
  applications: 'Applications',
  applicationSensitive: 'ApplicationSensitive',
  nextCohortInterest: 'NextCohortInterest',
  applicationReview: 'ApplicationReview',
  evaluationPlans: 'EvaluationPlans',
  evaluationResponses: 'EvaluationResponses',
  insights: 'Insights',
  privacySettings: 'PrivacySettings',
  cohortSummaries: 'CohortSummaries',
  erasures: 'Erasures',
} as const;

export type TableKey = keyof typeof TABLE_NAMES;

/** Names used as a prefix for tables made on demand: `Jobs20270315` holds one day's jobs. */
const MADE_ON_DEMAND = new Set<TableKey>(['jobs']);

export type ResolvedStorage =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; credential: TokenCredential };

/** A storage account as configured: a connection string, or a URL reached with an identity. */
export type StorageAccount =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; managedIdentityClientId?: string };

export function resolveStorage(config: StorageAccount): ResolvedStorage {
  if (config.kind === 'connection-string') return config;
  const credential = config.managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: config.managedIdentityClientId })
    : new DefaultAzureCredential();
  return { kind: 'account-url', accountUrl: config.accountUrl, credential };
}

/** Tells the read coalescer as each write goes out (reads in flight before it are not joined). */
const WRITE_TRACKING: PipelinePolicy = {
  name: 'writeTracking',
  sendRequest(request, next) {
    if (request.method !== 'GET' && request.method !== 'HEAD') noteStorageWrite(request.url);
    return next(request);
  },
};

/** Times each call (retries included) into the current request's record of storage calls. */
const CALL_TIMING: PipelinePolicy = {
  name: 'storageCallTiming',
  async sendRequest(request, next) {
    const end = startStorageCall(request.method, request.url);
    try {
      return await next(request);
    } finally {
      end();
    }
  },
};

/** Counts each attempt that goes over the wire (a retried call makes two or more). */
const ATTEMPT_COUNT: PipelinePolicy = {
  name: 'storageAttemptCount',
  sendRequest(request, next) {
    noteStorageAttempt();
    return next(request);
  },
};

type PipelinePolicy = NonNullable<
  TableServiceClientOptions['additionalPolicies']
>[number]['policy'];

/** The table endpoint's URL (its scheme picks the agent). */
function endpointOf(storage: ResolvedStorage): string {
  if (storage.kind === 'account-url') return storage.accountUrl;
  const endpoint = /TableEndpoint=([^;]+)/i.exec(storage.connectionString)?.[1];
  if (endpoint) return endpoint;
  return /DefaultEndpointsProtocol=http(;|$)/i.test(storage.connectionString) ? 'http:' : 'https:';
}

/**
 * Table clients for one storage account. Clients are created once and reused;
 * requests time out quickly so an outage becomes a clear error rather than a hang.
 */
export class TableStore {
  /** Bounded (issue 18): day tables add a name a day; an evicted client is simply made again. */
  private readonly clients = new BoundedMap<string, TableClient>(CLIENTS_KEPT);
  /** Tables made on demand and known to exist (re-checked, harmlessly, once evicted). */
  private readonly created = new BoundedMap<string, true>(CLIENTS_KEPT);
  private readonly service: TableServiceClient;
  /** Every client's options: one shared keep-alive agent, quick retries, write tracking. */
  protected readonly options: TableServiceClientOptions;

  constructor(
    private readonly storage: ResolvedStorage,
    private readonly prefix = '',
  ) {
    this.options = {
      allowInsecureConnection: true,
      agent: storageAgent(endpointOf(storage)),
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
      additionalPolicies: [
        { position: 'perCall', policy: WRITE_TRACKING },
        { position: 'perCall', policy: CALL_TIMING },
        { position: 'perRetry', policy: ATTEMPT_COUNT },
      ],
    };
    this.service =
      storage.kind === 'connection-string'
        ? TableServiceClient.fromConnectionString(storage.connectionString, this.options)
        : new TableServiceClient(storage.accountUrl, storage.credential, this.options);
  }

  tableName(key: TableKey): string {
    return `${this.prefix}${TABLE_NAMES[key]}`;
  }

  table(key: TableKey): TableClient {
    return this.clientNamed(this.tableName(key));
  }

  /** A client for any table of this store, by its full name (cached). */
  clientNamed(name: string): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      client = this.createClient(name);
      this.clients.set(name, client);
    }
    return client;
  }

  protected createClient(name: string): TableClient {
    return trackWrites(
      this.storage.kind === 'connection-string'
        ? TableClient.fromConnectionString(this.storage.connectionString, name, this.options)
        : new TableClient(
            `${this.storage.accountUrl}`,
            name,
            this.storage.credential,
            this.options,
          ),
    );
  }

  /** Creates a table made on demand (e.g. one per day of jobs) once per process. */
  async ensureTableNamed(name: string): Promise<void> {
    if (this.created.has(name)) return;
    try {
      await this.service.createTable(name); // an existing table is not an error
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailableError(error);
      throw error;
    }
    this.created.set(name, true);
  }

  /** Names of the tables that start with `prefix`, in order. */
  async tableNamesStartingWith(prefix: string): Promise<string[]> {
    const names: string[] = [];
    const upper = `${prefix}{`; // '{' sorts after every letter and digit
    const filter = odata`TableName ge ${prefix} and TableName lt ${upper}`;
    for await (const table of this.service.listTables({ queryOptions: { filter } })) {
      if (table.name) names.push(table.name);
    }
    return names.sort();
  }

  /** Creates every table that does not exist yet. Safe to call on every start. */
  async ensureTables(): Promise<void> {
    try {
      await Promise.all(
        (Object.keys(TABLE_NAMES) as TableKey[])
          .filter((key) => !MADE_ON_DEMAND.has(key))
          .map((key) => this.service.createTable(this.tableName(key))),
      );
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailableError(error);
      throw error;
    }
  }

  /** A cheap round trip that proves the account answers and our tables are there. */
  async ping(): Promise<void> {
    try {
      const iterator = this.table('cohorts').listEntities({ queryOptions: { select: ['RowKey'] } });
      await iterator.byPage({ maxPageSize: 1 }).next();
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailableError(error);
      throw error;
    }
  }
}
