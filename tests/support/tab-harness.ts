import type { RunningService, ServiceOptions } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { type BrowserSession, launchBrowser } from './browser';
import { startTestService, startTestStorage } from './test-service';

/** The service with the demo cohort on its own Azurite, and a headless Chromium to open the tab. */
export interface TabHarness {
  storage: EmbeddedStorage;
  service: RunningService;
  session: BrowserSession;
  stop(): Promise<void>;
}

/** `serviceOptions` pass through to the service, as in test-service.ts (a matching stand-in). */
export async function startTabHarness(serviceOptions: ServiceOptions = {}): Promise<TabHarness> {
  const storage = await startTestStorage();
  const service = await startTestService(
    storage.connectionString,
    { SEED_DEMO: 'true' },
    serviceOptions,
  );
  const session = await launchBrowser();
  return {
    storage,
    service,
    session,
    async stop() {
      await session.close();
      await service.stop();
      await storage.stop();
    },
  };
}
