import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startEmbeddedStorage,
  type EmbeddedStorage,
} from '../../bot/src/platform/storage/embedded-azurite';
import {
  connect,
  exportTables,
  importTables,
  type TableAccount,
} from '../../infra/scripts/table-backup';

let storage: EmbeddedStorage;
let account: TableAccount;
let dir: string;

const ROWS = {
  Pairs: [
    {
      partitionKey: 'cohort-1',
      rowKey: 'pair-1',
      state: 'active',
      meetingsHeld: 3,
      score: 1.5,
      paused: false,
      startedAt: new Date('2027-01-04T09:00:00.000Z'),
    },
    { partitionKey: 'cohort-1', rowKey: 'pair-2', state: 'ended', meetingsHeld: 6 },
  ],
  // A per-day jobs table, made on demand by the service: the backup must find it by listing.
  Jobs20270315: [
    {
      partitionKey: '2027-03-15T09:00',
      rowKey: 'job-1',
      attempts: { value: '9007199254740993', type: 'Int64' },
      participantId: { value: '3f2b6c1e-8d4a-4f0b-9c7e-2a1d5e6f7a80', type: 'Guid' },
    },
  ],
};

async function readAll(name: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  const entities = account
    .table(name)
    .listEntities<Record<string, unknown>>({ disableTypeConversion: true } as never);
  for await (const entity of entities) {
    const { etag: _etag, timestamp: _timestamp, ...rest } = entity;
    rows.push(rest);
  }
  return rows;
}

async function tableNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const table of account.service.listTables()) names.push(table.name!);
  return names.sort();
}

beforeAll(async () => {
  storage = await startEmbeddedStorage({ inMemory: true });
  account = connect({ connectionString: storage.connectionString });
  for (const [name, rows] of Object.entries(ROWS)) {
    await account.service.createTable(name);
    for (const row of rows) await account.table(name).createEntity(row);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'table-backup-'));
});

afterAll(async () => {
  await storage?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('infra/scripts/table-backup.ts', () => {
  it('exports every table, one JSON-lines file each, every property with its type', async () => {
    const counts = await exportTables(account, dir);
    expect(counts).toEqual({ Jobs20270315: 1, Pairs: 2 });
    expect(readdirSync(dir).sort()).toEqual(['Jobs20270315.jsonl', 'Pairs.jsonl']);
    const [first] = readFileSync(path.join(dir, 'Pairs.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(first!)).toMatchObject({
      partitionKey: 'cohort-1',
      meetingsHeld: { value: '3', type: 'Int32' },
      startedAt: { value: '2027-01-04T09:00:00.000Z', type: 'DateTime' },
    });
    expect(JSON.parse(first!)).not.toHaveProperty('etag');
  });

  it('restores into an empty account exactly what it exported, types included', async () => {
    const before = Object.fromEntries(
      await Promise.all(Object.keys(ROWS).map(async (name) => [name, await readAll(name)])),
    );
    for (const name of await tableNames()) await account.service.deleteTable(name);
    expect(await tableNames()).toEqual([]);

    const counts = await importTables(account, dir);
    expect(counts).toEqual({ Jobs20270315: 1, Pairs: 2 });
    expect(await tableNames()).toEqual(['Jobs20270315', 'Pairs']);
    for (const name of Object.keys(ROWS)) {
      expect([name, await readAll(name)]).toEqual([name, before[name]]);
    }
  });

  it('can run again over restored data without duplicating rows', async () => {
    await importTables(account, dir);
    expect(await readAll('Pairs')).toHaveLength(2);
  });
});
