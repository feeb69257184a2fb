import restify, { type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { AppContext } from './app-context';
import { registerAnnouncementRoutes } from './api/announcement-routes';
import { registerCohortRoutes } from './api/cohort-routes';
import { registerHomeRoutes } from './api/home-routes';
import { registerDevRoutes } from './api/dev-routes';
import { registerMeRoutes } from './api/me-routes';
import { registerPairRoutes } from './api/pair-routes';
import { registerCalendarRoutes } from './api/calendar-routes';
import { ApiError } from './api/api-error';
import { sendJson, toErrorResponse } from './http/error-response';
import { readJson } from './http/request-body';
import { registerTab } from './http/tab-static';
import type { MentoringBot } from './teams/mentoring-bot';

/** Wiring only: the one HTTP service for the bot, the tab and its API. */
export function createHttpServer(
  ctx: AppContext,
  adapter: CloudAdapter,
  bot: MentoringBot,
): Server {
  const server = restify.createServer({
    name: 'reverse-mentoring',
    handleUncaughtExceptions: false,
  });
  server.pre(restify.plugins.pre.dedupeSlashes());

  server.post('/api/messages', async (req, res) => {
    try {
      req.body = await readJson(req, ctx.config.maxBodyBytes);
    } catch (error) {
      const { status, body } = toErrorResponse(error, ctx.log);
      sendJson(res, status, body);
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    const report = await ctx.health.check();
    sendJson(res, report.status === 'ok' ? 200 : 503, report);
  });

  registerMeRoutes(server, ctx);
  registerCohortRoutes(server, ctx);
  registerPairRoutes(server, ctx);
  registerCalendarRoutes(server, ctx);
  registerAnnouncementRoutes(server, ctx);
  registerHomeRoutes(server, ctx);
  registerDevRoutes(server, ctx);
  registerTab(server);

  // Anything restify itself rejects (unknown route, wrong method) answers in our JSON shape too.
  server.on(
    'restifyError',
    (req, res, err: Error & { statusCode?: number }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      const error =
        status === 404
          ? ApiError.notFound(`Nothing is served at ${req.method} ${req.path()}`)
          : status === 405
            ? new ApiError(
                405,
                'method_not_allowed',
                `${req.method} is not allowed on ${req.path()}`,
              )
            : status < 500
              ? new ApiError(status, 'bad_request', err.message)
              : err;
      const { body } = toErrorResponse(error, ctx.log);
      (err as unknown as { toJSON: () => unknown }).toJSON = () => body;
      callback();
    },
  );

  return server;
}
