import {
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import {
  ManagedIdentityCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from '@azure/identity';
import type { StorageConfig } from '../config';
import { StorageUnavailableError, isUnavailable } from './errors';

/** Every table the service uses. Names are Azure table names: letters and digits only. */
export const TABLE_NAMES = {
  cohorts: 'Cohorts',
  participants: 'Participants',
  memberships: 'Memberships',
  pairs: 'Pairs',
  conversations: 'ConversationRefs',
  roles: 'Roles',
  jobs: 'Jobs',
  jobIndex: 'JobIndex',
  jobClaims: 'JobClaims',
  schedulerState: 'SchedulerState',
  pairSpace: 'PairSpace',
  dailySends: 'DailySends',
} as const;

export type TableKey = keyof typeof TABLE_NAMES;

export type ResolvedStorage =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; credential: TokenCredential };

export function resolveStorage(
  config: Exclude<StorageConfig, { kind: 'embedded' }>,
): ResolvedStorage {
  if (config.kind === 'connection-string') return config;
  const credential = config.managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: config.managedIdentityClientId })
    : new DefaultAzureCredential();
  return { kind: 'account-url', accountUrl: config.accountUrl, credential };
}

/**
 * Table clients for one storage account. Clients are created once and reused;
 * requests time out quickly so an outage becomes a clear error rather than a hang.
 */
export class TableStore {
  private readonly clients = new Map<TableKey, TableClient>();
  private readonly service: TableServiceClient;
  private readonly options: TableServiceClientOptions;

  constructor(
    private readonly storage: ResolvedStorage,
    private readonly prefix = '',
  ) {
    this.options = {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
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
    let client = this.clients.get(key);
    if (!client) {
      const name = this.tableName(key);
      client =
        this.storage.kind === 'connection-string'
          ? TableClient.fromConnectionString(this.storage.connectionString, name, this.options)
          : new TableClient(
              `${this.storage.accountUrl}`,
              name,
              this.storage.credential,
              this.options,
            );
      this.clients.set(key, client);
    }
    return client;
  }

  /** Creates every table that does not exist yet. Safe to call on every start. */
  async ensureTables(): Promise<void> {
    try {
      await Promise.all(
        (Object.keys(TABLE_NAMES) as TableKey[]).map((key) =>
          this.service.createTable(this.tableName(key)),
        ),
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
