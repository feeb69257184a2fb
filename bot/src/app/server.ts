import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { AppError, invalidBody } from '../platform/errors';
import { sendJson, toErrorResponse } from '../platform/http/error-response';
import { readJson } from '../platform/http/request-body';
import { SLOW_REQUEST_MS, requestLogLevel } from '../platform/http/request-log';
import { withRequestMemo } from '../platform/request-memo';
import { withStorageCallStats } from '../platform/storage/storage-calls';
import { securityHeaders } from '../platform/http/security-headers';
import { registerTab, type TabSettings } from '../platform/http/tab-static';
import { type LogFields, withLogContext } from '../platform/logger';
import type { HealthCheck } from '../platform/http/health';
import type { Logger } from '../platform/logger';
import type { ProgrammeBot } from '../platform/teams/activity-handler';
import type { ProgrammeAdapter } from '../platform/teams/bot-adapter';

/** What the HTTP service is built from. */
export interface HttpServerParts {
  log: Logger;
  maxBodyBytes: number;
  health: Pick<HealthCheck, 'check'>;
  adapter: Pick<ProgrammeAdapter, 'processTurn'>;
  bot: ProgrammeBot;
  /** Registers every feature's API routes (app/compose.ts). */
  registerRoutes(server: Server): void;
  /** What the tab's pages are served with (its Teams SSO client id). */
  tab?: TabSettings;
  /** A monotonic clock in milliseconds that times requests (tests pass one they move). */
  monotonicMs?: () => number;
}

/** Wiring only: the one HTTP service for the bot, the tab and its API. */
export function createHttpServer(parts: HttpServerParts): Server {
  const { log, adapter, bot } = parts;
  const monotonicMs = parts.monotonicMs ?? (() => performance.now());
  const server = restify.createServer({
    name: 'reverse-mentoring',
    handleUncaughtExceptions: false,
  });
  server.pre(securityHeaders);
  server.pre(restify.plugins.pre.dedupeSlashes());

  server.pre((req, res, next) => {
    const fields = beginRequest(req, res);
    const started = monotonicMs();
    // What the request asked of storage: a slow line then says where its time went.
    const { stats } = withStorageCallStats(() =>
      withRequestMemo(() => withLogContext(fields, () => next())),
    );
    res.once('finish', () => {
      const route = req.getRoute()?.path;
      const path = typeof route === 'string' ? route : undefined;
      const ms = Math.round(monotonicMs() - started);
      const line = {
        ...fields,
        method: req.method,
        // The route's pattern, never the raw URL: a calendar feed's path is its secret.
        route: path ?? '(no route)',
        status: res.statusCode,
        ms,
        ...(ms > SLOW_REQUEST_MS ? { slow: true } : {}),
        storage: stats(),
      };
      // One line per request: errors, slow requests and writes at info or above; reads at debug.
      log[requestLogLevel({ method: req.method ?? 'GET', status: res.statusCode, ms })](
        line,
        'request',
      );
    });
  });

  // A bot turn: the Bot Connector posts one activity. A body that is not an activity answers
  // 400 in our JSON shape; each turn logs with its correlation id, activity and conversation.
  server.post('/api/messages', async (req, res) => {
    const fields = requestFields.get(req) ?? {};
    let activity: TurnActivity;
    try {
      activity = parseActivity(await readJson(req, parts.maxBodyBytes));
    } catch (error) {
      const { status, body } = toErrorResponse(error, log);
      sendJson(res, status, body);
      return;
    }
    const activityId = safeId(activity.id, 128);
    if (!correlationGiven.has(req) && activityId) fields.correlationId = activityId;
    res.setHeader('X-Correlation-Id', String(fields.correlationId));
    Object.assign(fields, {
      activityId,
      activityType: activity.type,
      activityName: typeof activity.name === 'string' ? activity.name.slice(0, 64) : undefined,
      conversationType: activity.conversation.conversationType ?? 'personal',
    });
    await withLogContext(fields, async () => {
      try {
        // Authenticates the request first: a refusal is a 401 before the bot runs.
        const authorization = req.headers.authorization;
        const answer = await adapter.processTurn(
          activity as unknown as Activity,
          typeof authorization === 'string' ? authorization : '',
          (context) => bot.run(context),
        );
        if (answer?.body !== undefined) sendJson(res, answer.status, answer.body);
        else {
          res.status(answer?.status ?? 200);
          res.end();
        }
      } catch (error) {
        // Anything the adapter throws (a refused token included) gets our shape.
        if (res.headersSent) log.error({ err: error }, 'bot turn failed after answering');
        else {
          const { status, body } = toErrorResponse(error, log);
          sendJson(res, status, body);
        }
      }
    });
  });

  server.get('/healthz', async (_req, res) => {
    const report = await parts.health.check();
    sendJson(res, report.status === 'ok' ? 200 : 503, report);
  });

  parts.registerRoutes(server);
  registerTab(server, parts.tab);

  // Anything restify itself rejects (unknown route, wrong method) answers in our JSON shape too.
  server.on(
    'restifyError',
    (req, res, err: Error & { statusCode?: number }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      // Never echoes the address or method asked for (nothing a link can plant is reflected).
      const error =
        status === 404
          ? AppError.notFound('Nothing is served at this address')
          : status === 405
            ? AppError.coded(
                'method_not_allowed',
                'method_not_allowed',
                'This method is not allowed at this address',
              )
            : status < 500
              ? AppError.coded(status === 413 ? 'too_large' : 'invalid', 'bad_request', err.message)
              : err;
      const { body } = toErrorResponse(error, log);
      (err as unknown as { toJSON: () => unknown }).toJSON = () => body;
      callback();
    },
  );

  return server;
}

/** What a turn needs of an activity before the adapter sees it; the rest passes through. */
const activitySchema = z
  .object({
    type: z.string({ message: 'is required' }).min(1, 'is required'),
    id: z.string().optional(),
    name: z.unknown().optional(),
    serviceUrl: z.string({ message: 'is required' }).regex(/^https?:\/\//i, 'must be a URL'),
    channelId: z.string({ message: 'is required' }).min(1, 'is required'),
    from: z.object({ id: z.string({ message: 'is required' }) }, { message: 'is required' }),
    recipient: z.object({ id: z.string({ message: 'is required' }) }, { message: 'is required' }),
    conversation: z.object(
      { id: z.string({ message: 'is required' }), conversationType: z.string().optional() },
      { message: 'is required' },
    ),
  })
  .passthrough();

type TurnActivity = z.infer<typeof activitySchema>;

function parseActivity(body: unknown): TurnActivity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw AppError.coded(
      'invalid',
      'invalid_activity',
      'The body must be one Bot Framework activity',
    );
  }
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return body as TurnActivity;
}

/** Fields every log line of a request carries; the /api/messages handler adds the turn's. */
const requestFields = new WeakMap<Request, LogFields>();
/** Requests whose caller chose the correlation id (kept as it is). */
const correlationGiven = new WeakSet<Request>();

function safeId(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max && /^[\w:.@|-]+$/.test(value)
    ? value
    : undefined;
}

/**
 * Gives the request its correlation id: the caller's X-Correlation-Id when it is a sane token,
 * else a new one. It is written back to the request so the API routes use the same id, and
 * echoed on the response.
 */
function beginRequest(req: Request, res: Response): LogFields {
  const header = req.headers['x-correlation-id'];
  const given = /^[\w-]{1,64}$/.test(String(header ?? '')) ? String(header) : undefined;
  const correlationId = given ?? randomUUID();
  if (given) correlationGiven.add(req);
  else req.headers['x-correlation-id'] = correlationId;
  res.setHeader('X-Correlation-Id', correlationId);
  const fields: LogFields = { correlationId };
  requestFields.set(req, fields);
  return fields;
}
