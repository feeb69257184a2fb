import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../../bot/src/app/config';
import { type RunningService, startService } from '../../bot/src/app/service';
import { createLogger } from '../../bot/src/platform/logger';

/**
 * The service supervises the storage it started: when the Azurite child is killed under load,
 * it is started again on the same data, /healthz heals without a restart of the service, and
 * no write that storage acknowledged is lost.
 */
describe('embedded storage that dies', () => {
  jest.setTimeout(600_000);
  let dataDir: string;
  let service: RunningService;
  const lines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'supervised-azurite-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      STORAGE_DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SCHEDULER_INTERVAL_SECONDS: '0',
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    service = await startService(config, createLogger('info', sink));
    await service.ready;
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = async () => {
    try {
      return (await fetch(`${service.url}/healthz`)).status;
    } catch {
      return 0;
    }
  };

  const until = async (what: string, check: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 600; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`gave up waiting for ${what}`);
  };

  it('is restarted on the same data, /healthz heals, and no acknowledged write is lost', async () => {
    const storage = service.embedded!;
    expect(await health()).toBe(200);
    const table = TableClient.fromConnectionString(storage.connectionString, 'supervision', {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    await table.createTable();

    const acknowledged = new Set<string>();
    let failures = 0;
    let writing = true;
    const writer = async (lane: number) => {
      for (let n = 0; writing; n++) {
        const rowKey = `${lane}-${String(n).padStart(6, '0')}`;
        try {
          await table.upsertEntity({ partitionKey: 'load', rowKey, lane, n }, 'Replace');
          acknowledged.add(rowKey);
        } catch {
          failures += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const writers = [0, 1, 2, 3].map((lane) => writer(lane));
    try {
      await until('writes before the kill', () => acknowledged.size >= 60);
      const killed = storage.pid;
      process.kill(killed, 'SIGKILL');
      await until('the child to be restarted', () => storage.restarts === 1);
      expect(storage.pid).not.toBe(killed);
      await until('/healthz to answer 200 again', async () => (await health()) === 200);
      const afterRestart = acknowledged.size;
      await until('writes after the restart', () => acknowledged.size >= afterRestart + 60);
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    const stored = new Set<string>();
    for await (const entity of table.listEntities()) stored.add(entity.rowKey!);
    const lost = [...acknowledged].filter((key) => !stored.has(key));
    expect({ lost, acknowledged: acknowledged.size > 120 }).toEqual({
      lost: [],
      acknowledged: true,
    });
    // The outage was real: some writes were refused while storage was down.
    expect(failures).toBeGreaterThan(0);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; pid?: number });
    expect(logged.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'embedded storage stopped unexpectedly; restarting it',
        'embedded storage restarted',
      ]),
    );
  });
});
