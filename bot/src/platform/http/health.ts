import type { Logger } from '../logger';
import type { TableStore } from '../storage/table-store';
import { statusOf } from '../storage/errors';

/**
 * What /healthz answers: which part is up or down, and nothing more. The answer is public, so
 * it never carries an address, a port or an error's text; those go to the log, whose lines carry
 * the request's correlation id (the answer's X-Correlation-Id).
 */
export interface HealthReport {
  status: 'ok' | 'degraded';
  storage: 'ok' | 'unavailable';
}

/**
 * Checks each part the service depends on. When storage comes back after an outage
 * (for example an emulator restarted empty) it recreates the tables, so the service heals
 * without a restart.
 */
export class HealthCheck {
  constructor(
    private readonly store: TableStore,
    private readonly log: Logger,
  ) {}

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
          return this.unavailable(retryError);
        }
      }
      return this.unavailable(error);
    }
  }

  private unavailable(error: unknown): HealthReport {
    this.log.warn({ err: error, part: 'storage' }, 'health check: storage unavailable');
    return { status: 'degraded', storage: 'unavailable' };
  }
}
