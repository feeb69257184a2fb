import type { RunningService, ServiceOptions } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { type FakeConnector, startFakeConnector } from './fake-connector';
import { JourneyDriver } from './journey-driver';
import { startTestService, startTestStorage } from './test-service';

/** The real service on its own Azurite, with a fake Bot Connector to receive what it sends. */
export interface BotHarness {
  storage: EmbeddedStorage;
  connector: FakeConnector;
  service: RunningService;
  drive: JourneyDriver;
  stop(): Promise<void>;
}

export async function startBotHarness(
  env: Record<string, string> = {},
  options: ServiceOptions = {},
): Promise<BotHarness> {
  const storage = await startTestStorage();
  const connector = await startFakeConnector();
  const service = await startTestService(storage.connectionString, env, options);
  return {
    storage,
    connector,
    service,
    drive: new JourneyDriver(service, connector),
    async stop() {
      await service.stop();
      await connector.stop();
      await storage.stop();
    },
  };
}
