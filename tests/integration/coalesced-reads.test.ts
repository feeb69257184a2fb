import { TableClient } from '@azure/data-tables';
import { trackWrites } from '../../bot/src/platform/storage/read-coalescer';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { getRow, upsertRow } from '../../bot/src/platform/storage/versioned';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { startTestStorage } from '../support/test-service';

/**
 * Issue 18: identical point reads in flight at once share one storage call; a read that starts
 * after a write went out never joins a read from before it. Responses to reads are held at a
 * gate the test opens, so which reads overlap is decided by the test, not by timing.
 */

class GatedStore extends TableStore {
  reads = 0;
  private open: () => void = () => undefined;
  private gate: Promise<void> = Promise.resolve();

  constructor(private readonly connectionString: string) {
    super({ kind: 'connection-string', connectionString });
  }

  close(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  protected override createClient(name: string): TableClient {
    const held = (): Promise<void> => {
      this.reads++;
      return this.gate;
    };
    return trackWrites(
      TableClient.fromConnectionString(this.connectionString, name, {
        ...this.options,
        additionalPolicies: [
          ...(this.options.additionalPolicies ?? []),
          {
            position: 'perRetry',
            policy: {
              name: 'gate',
              async sendRequest(request, next) {
                const response = await next(request);
                if (request.method === 'GET') await held();
                return response;
              },
            },
          },
        ],
      }),
    );
  }
}

let storage: EmbeddedStorage;
let store: GatedStore;

beforeAll(async () => {
  storage = await startTestStorage();
  store = new GatedStore(storage.connectionString);
  await store.ensureTables();
});

afterAll(async () => {
  await storage?.stop();
});

describe('coalesced point reads (issue 18)', () => {
  it('answers identical reads in flight at once with one storage call and the same row', async () => {
    const table = store.table('cohorts');
    await upsertRow(table, { partitionKey: 'cohort', rowKey: 'c1', name: 'Spring' });
    store.reads = 0;
    store.close();
    const reads = Array.from({ length: 20 }, () => getRow(table, 'cohort', 'c1'));
    store.release();
    const rows = await Promise.all(reads);
    expect(store.reads).toBe(1);
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect(rows[0]).toEqual(expect.objectContaining({ name: 'Spring' }));
    // Each caller has its own copy: changing one changes no other.
    rows[0]!.name = 'changed';
    expect(rows[1]!.name).toBe('Spring');
  });

  it('never joins a read from before a write: the later read sees the write', async () => {
    const table = store.table('cohorts');
    await upsertRow(table, { partitionKey: 'cohort', rowKey: 'c2', name: 'Before' });
    store.reads = 0;
    store.close();
    const before = getRow(table, 'cohort', 'c2');
    await new Promise<void>((resolve) => {
      const wait = () => (store.reads === 1 ? resolve() : setImmediate(wait));
      wait();
    });
    await upsertRow(table, { partitionKey: 'cohort', rowKey: 'c2', name: 'After' });
    const after = getRow(table, 'cohort', 'c2');
    store.release();
    expect((await before)?.name).toBe('Before');
    expect((await after)?.name).toBe('After');
    expect(store.reads).toBe(2);
  });

  it('misses are shared too, and each read after it settles makes its own call', async () => {
    const table = store.table('cohorts');
    store.reads = 0;
    store.close();
    const misses = await Promise.all([
      getRow(table, 'cohort', 'none'),
      getRow(table, 'cohort', 'none'),
      (store.release(), getRow(table, 'cohort', 'none')),
    ]);
    expect(misses).toEqual([undefined, undefined, undefined]);
    expect(store.reads).toBe(1);
    await getRow(table, 'cohort', 'none');
    expect(store.reads).toBe(2);
  });
});
