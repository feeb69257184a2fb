import http from 'node:http';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import {
  STORAGE_MAX_SOCKETS,
  resetStorageAgents,
} from '../../bot/src/platform/storage/storage-agent';
import { getRow } from '../../bot/src/platform/storage/versioned';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { startTestStorage } from '../support/test-service';

/**
 * Issue 18, the stall under a burst: storage calls go through one keep-alive agent with a
 * socket limit. Before, the SDK's default agent had none, so a burst opened a socket for every
 * call in flight (370 for these 400 reads; over a thousand for 200 tab requests at once).
 */

let storage: EmbeddedStorage;
let store: TableStore;
let connections = 0;
let spy: jest.SpyInstance;

beforeAll(async () => {
  storage = await startTestStorage();
  resetStorageAgents();
  store = new TableStore({ kind: 'connection-string', connectionString: storage.connectionString });
  await store.ensureTables();
  const original = http.Agent.prototype.createConnection;
  spy = jest.spyOn(http.Agent.prototype, 'createConnection').mockImplementation(function (
    this: http.Agent,
    ...args: unknown[]
  ) {
    connections++;
    return (original as (...a: unknown[]) => ReturnType<typeof original>).apply(this, args);
  });
});

afterAll(async () => {
  spy?.mockRestore();
  resetStorageAgents();
  await storage?.stop();
});

describe('one storage agent for every table (issue 18)', () => {
  it(`opens at most ${STORAGE_MAX_SOCKETS} sockets for a burst of 400 reads`, async () => {
    connections = 0;
    const tables = ['cohorts', 'pairs', 'participants', 'memberships'] as const;
    const reads = Array.from({ length: 400 }, (_, i) =>
      getRow(store.table(tables[i % tables.length]!), 'p', `burst-${i}`),
    );
    expect(await Promise.all(reads)).toEqual(Array(400).fill(undefined));
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(STORAGE_MAX_SOCKETS);
  });
});
