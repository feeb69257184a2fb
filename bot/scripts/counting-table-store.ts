import { type TableServiceClientOptions, TableClient } from '@azure/data-tables';
import { TableStore } from '../src/platform/storage/table-store';
import { trackWrites } from '../src/platform/storage/read-coalescer';

/*
 * Counting storage traffic for benchmarks and tests: a TableStore whose clients count every
 * request and every entity a read returns.
 */

type PipelinePolicy = NonNullable<
  TableServiceClientOptions['additionalPolicies']
>[number]['policy'];

export interface RequestStats {
  requests: number;
  entitiesRead: number;
  /** Per `METHOD Table`: how many, and their summed latency (they overlap under concurrency). */
  byOperation: Map<string, { count: number; ms: number }>;
  /** Query strings of reads, when `recordQueries` is on (tests check that none scans a table). */
  queries: string[];
}

/**
 * A TableStore whose clients count every request (retries included) and every entity a read
 * returns, through an extra pipeline policy; TableStore itself needs no hook for it.
 */
export class CountingTableStore extends TableStore {
  readonly stats: RequestStats = {
    requests: 0,
    entitiesRead: 0,
    byOperation: new Map(),
    queries: [],
  };
  recordQueries = false;
  constructor(
    private readonly connectionString: string,
    prefix = '',
  ) {
    super({ kind: 'connection-string', connectionString }, prefix);
  }

  /** Every client of this store, fixed tables and day tables alike, counts its requests. */
  protected override createClient(name: string): TableClient {
    return trackWrites(
      TableClient.fromConnectionString(this.connectionString, name, {
        ...this.options,
        additionalPolicies: [
          ...(this.options.additionalPolicies ?? []),
          { policy: this.policy(), position: 'perRetry' },
        ],
      }),
    );
  }

  reset(): void {
    this.stats.requests = 0;
    this.stats.entitiesRead = 0;
    this.stats.byOperation.clear();
    this.stats.queries = [];
  }

  private time(operation: string, ms: number): void {
    const entry = this.stats.byOperation.get(operation) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.stats.byOperation.set(operation, entry);
  }

  private policy(): PipelinePolicy {
    return {
      name: 'count-requests',
      sendRequest: async (request, next) => {
        const started = performance.now();
        const response = await next(request);
        this.stats.requests++;
        this.time(`${request.method} ${tableOf(request.url)}`, performance.now() - started);
        if (request.method === 'GET' && response.status === 200) {
          this.stats.entitiesRead += entitiesIn(response.bodyAsText);
          if (this.recordQueries) this.stats.queries.push(decodeURIComponent(request.url));
        }
        return response;
      },
    };
  }
}

/** The table a request URL addresses: `…/Jobs(PartitionKey=…)`, `…/Jobs()?$filter=…`. */
function tableOf(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
  return last.replace(/\(.*$/, '');
}

/** A query answers `{ value: [...] }`; a point read answers the entity itself. */
function entitiesIn(body: string | null | undefined): number {
  if (!body) return 0;
  try {
    const parsed = JSON.parse(body) as { value?: unknown };
    return Array.isArray(parsed.value) ? parsed.value.length : 1;
  } catch {
    return 0;
  }
}
