import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { Logger } from '../logger';
import { sendJson, toErrorResponse } from './error-response';
import { AppError } from '../errors';
import { malformedIdFields } from '../../contracts/ids';
import type { Caller, TokenVerifier } from './auth/token-verifier';
import { type StaffAccess, isProgrammeTeam, mayRunCohort } from '../../contracts/roles';

/**
 * What every route needs of the platform, and nothing else: the logger, the token check and
 * the one staff-role question (what a person's roles open). Built once in app/ and passed to
 * each feature's routes.
 */
export interface HttpEnv {
  log: Logger;
  verifier: Pick<TokenVerifier, 'verify'>;
  accessOf(userId: string): Promise<StaffAccess>;
  /** The largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

export interface RouteInput {
  req: Request;
  res: Response;
  log: Logger;
  params: Record<string, string>;
}

export interface AuthedInput extends RouteInput {
  caller: Caller;
}

export interface StaffInput extends AuthedInput {
  /** What the caller's staff roles open. */
  access: StaffAccess;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (e.g. a CSV export, or a PDF's bytes) sent instead of `body`. */
  text?: { contentType: string; content: string | Uint8Array };
}

type Handler<T> = (input: T) => Promise<Reply>;

function correlationId(req: Request): string {
  const given = req.headers['x-correlation-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

function run<T extends RouteInput>(
  env: HttpEnv,
  build: (base: RouteInput) => Promise<T>,
  handler: Handler<T>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = correlationId(req);
    const log = env.log.child({
      correlationId: id,
      route: req.getRoute()?.path,
      method: req.method,
    });
    res.setHeader('X-Correlation-Id', id);
    try {
      const input = await build({
        req,
        res,
        log,
        params: (req.params ?? {}) as Record<string, string>,
      });
      // An id that breaks the one id rule names nothing: 404 before any storage call.
      if (malformedIdFields(input.params).length > 0)
        throw AppError.notFound('Nothing has that id');
      const reply = await handler(input);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      if (reply.text) {
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Type', reply.text.contentType);
        res.status(reply.status ?? 200);
        res.end(reply.text.content);
      } else {
        sendJson(res, reply.status ?? 200, reply.body);
      }
    } catch (error) {
      const { status, body } = toErrorResponse(error, log);
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(res, status, body);
    }
  };
}

/** A route anyone may call (still answers in the JSON error shape). */
export function publicRoute(env: HttpEnv, handler: Handler<RouteInput>) {
  return run(env, async (base) => base, handler);
}

/** A route that needs `Authorization: Bearer <token>`; the token is checked before the body is read. */
export function authedRoute(env: HttpEnv, handler: Handler<AuthedInput>) {
  return run(
    env,
    async (base) => {
      const header = base.req.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!match?.[1])
        throw AppError.unauthorized('Sign in first: send Authorization: Bearer <token>');
      const caller = await env.verifier.verify(match[1]);
      return { ...base, caller, log: base.log.child({ userId: caller.userId }) };
    },
    handler,
  );
}

export const PROGRAMME_TEAM_ONLY = 'Only programme coordinators can do this';
export const ADMINS_ONLY = 'Only programme admins can do this';

/**
 * A route for the programme team. A caller who runs no cohort is refused (403); a route with a
 * `:cohortId` is scoped to it: a coordinator of other cohorts gets 404, as if it did not exist.
 */
export function coordinatorRoute(env: HttpEnv, handler: Handler<StaffInput>) {
  return authedRoute(env, async (input) => {
    const access = await env.accessOf(input.caller.userId);
    if (!isProgrammeTeam(access)) throw AppError.forbidden(PROGRAMME_TEAM_ONLY);
    const { cohortId } = input.params;
    if (cohortId !== undefined && !mayRunCohort(access, cohortId)) {
      throw AppError.notFound('No cohort has that id');
    }
    return handler({ ...input, access });
  });
}

/** A route for programme admins only (roles, the audit trail, new cohorts). */
export function adminRoute(env: HttpEnv, handler: Handler<StaffInput>) {
  return authedRoute(env, async (input) => {
    const access = await env.accessOf(input.caller.userId);
    if (!access.programmeAdmin) throw AppError.forbidden(ADMINS_ONLY);
    return handler({ ...input, access });
  });
}
