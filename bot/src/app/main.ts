import { ConfigError, loadConfig } from './config';
import { createLogger } from '../platform/logger';
import { startService } from './service';

/** How long a shutdown may take before the process exits anyway. */
const STOP_BUDGET_MS = 20_000;

/** Runs the service as a process: parse config (exit 1 naming the variable), start, stop on signals. */
export async function runProcess(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const service = await startService(config, log);

  // SIGTERM (App Service stopping or replacing an instance) and SIGINT (Ctrl-C): stop taking
  // work, let sends in flight finish and be recorded, hand the rest back (due jobs unclaimed,
  // queue messages returned), then exit 0. If that takes longer than the budget, exit 1 and
  // leave what is unfinished to the leases: other instances take it over.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A repeat (a process manager relaying the same signal) changes nothing: the budget holds.
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    log.info({ signal, budgetMs: STOP_BUDGET_MS }, 'shutting down');
    const timer = setTimeout(() => {
      log.error(
        { signal, budgetMs: STOP_BUDGET_MS },
        'shutdown took too long; exiting with work unfinished (its leases hand it to other instances)',
      );
      process.exit(1);
    }, STOP_BUDGET_MS);
    service
      .stop()
      .then(() => {
        clearTimeout(timer);
        log.info({ signal, ms: Date.now() - started }, 'stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        log.error({ err: error, signal }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
