import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/src/app/config';
import { type RunningService, startService } from '../../bot/src/app/service';
import { createLogger } from '../../bot/src/platform/logger';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { nonLoopbackAddresses, reach } from '../support/net-probe';
import { startTestService, startTestStorage } from '../support/test-service';

/**
 * Where the service listens (issue 12, hole 2): a local instance on 127.0.0.1 only, so nobody
 * else on the network reaches dev sign-in, the dev clock or an unauthenticated bot; HOST opens it,
 * with a warning.
 */

let storage: EmbeddedStorage;
const addresses = nonLoopbackAddresses();

beforeAll(async () => {
  storage = await startTestStorage();
});

afterAll(() => storage.stop());

describe('the address the service listens on', () => {
  it('is 127.0.0.1 by default: this machine reaches it, its other addresses are refused', async () => {
    const service = await startTestService(storage.connectionString);
    try {
      expect(service.host).toBe('127.0.0.1');
      expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
      expect(await reach('127.0.0.1', service.port)).toBe('connected');
      for (const address of addresses) {
        expect({ address, outcome: await reach(address, service.port) }).toEqual({
          address,
          outcome: 'ECONNREFUSED',
        });
      }
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('opens to the network when HOST says so, with a warning at start', async () => {
    const lines: { level: number; msg: string; host?: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: '0',
      TABLES_CONNECTION_STRING: storage.connectionString,
      SEED_DEMO: 'false',
      SCHEDULER_INTERVAL_SECONDS: '0',
    });
    let service: RunningService | undefined;
    try {
      service = await startService(config, createLogger('info', sink));
      expect(service.host).toBe('0.0.0.0');
      // 0.0.0.0 is every IPv4 interface: the probe that found the default closed finds this open.
      for (const address of addresses.filter((a) => !a.includes(':'))) {
        expect({ address, outcome: await reach(address, service.port) }).toEqual({
          address,
          outcome: 'connected',
        });
      }
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 40,
          host: '0.0.0.0',
          msg: expect.stringMatching(/^HOST=0\.0\.0\.0: .*anyone on the network/),
        }),
      );
    } finally {
      await service?.ready;
      await service?.stop();
    }
  });
});
