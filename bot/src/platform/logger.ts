import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Fields every log line written while some work runs carries (a turn, a request, a job). */
export type LogFields = Record<string, string | number | boolean | string[] | undefined>;

const context = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` with `fields` added to every log line written inside it, however deep and
 * through whichever logger: a turn's correlation id reaches the services the turn calls, a
 * job's id reaches the sender that delivers it. Nested contexts add to the outer one.
 */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  const outer = context.getStore();
  return context.run(outer ? { ...outer, ...fields } : { ...fields }, work);
}

/** The fields of the work running now, if any. */
export function currentLogContext(): LogFields | undefined {
  return context.getStore();
}

/** Keys a child logger already binds, so the context never writes a key twice in a line. */
const boundKeys = new WeakMap<Logger, Set<string>>();

function keysBoundBy(logger: Logger): Set<string> {
  let keys = boundKeys.get(logger);
  if (!keys) {
    keys = new Set(Object.keys(logger.bindings()));
    boundKeys.set(logger, keys);
  }
  return keys;
}

/** The one logger: structured JSON lines on stdout (or `destination`, for tests). */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    // Which process wrote a line: several instances write to one log workspace.
    base: { service: 'reverse-mentoring', pid: process.pid, host: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'token', '*.token', 'password', '*.password'],
      censor: '[redacted]',
    },
    mixin(_line, _level, logger) {
      const fields = context.getStore();
      if (!fields) return {};
      const bound = keysBoundBy(logger as Logger);
      const extra: LogFields = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined && !bound.has(key)) extra[key] = value;
      }
      return extra;
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
