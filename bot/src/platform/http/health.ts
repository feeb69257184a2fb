import type { TableStore } from '../storage/table-store';
import { statusOf } from '../storage/errors';

export interface HealthReport {
  status: 'ok' | 'degraded';
  storage: 'ok' | 'unavailable';
  detail?: string;
}

/**
 * Checks each part the service depends on. When storage comes back after an outage
 * (for example an emulator restarted empty) it recreates the tables, so the service heals
 * without a restart.
 */
export class HealthCheck {
  constructor(private readonly store: TableStore) {}

  async check(): Promise<HealthReport> {
    try {
      await this.store.ping();
      return { status: 'ok', storage: 'ok' };
    } catch (error) {
      if (statusOf(error) === 404) {
        try {
          await this.store.ensureTables();
          await this.store.ping();
          return { status: 'ok', storage: 'ok' };
        } catch (retryError) {
          return unavailable(retryError);
        }
      }
      return unavailable(error);
    }
  }
}

function unavailable(error: unknown): HealthReport {
  return {
    status: 'degraded',
    storage: 'unavailable',
    detail: error instanceof Error ? error.message.slice(0, 200) : 'unknown error',
  };
}
