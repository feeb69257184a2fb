import type { Request, Server } from 'restify';
import type { ZodType } from 'zod';
import {
  type PairAction,
  type PairGoal,
  actionChangeSchema,
  goalChangeSchema,
  newActionSchema,
  newGoalSchema,
  preparationBodySchema,
  reflectionBodySchema,
} from '../../../contracts/journey';
import { invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, authedRoute } from '../../../platform/http/route';
import type { Versioned } from '../../../platform/storage/versioned';
import { type Goal, isOverdue } from '../domain/pair-space';
import type { MyPair } from '../services/journey-core';
import type { JourneyService } from '../services/journey-service';
import type { MeetingService } from '../services/meeting-service';
import type { PairWorkService } from '../services/pair-work-service';
import { pairSpaceView, reflectionView } from '../services/pair-space-view';

/** What the pair space routes use. */
export interface PairRouteDeps {
  http: HttpEnv;
  journey: Pick<JourneyService, 'requirePair' | 'requirePairSpace'>;
  meetings: Pick<MeetingService, 'prepareUpcoming' | 'reflectOnHeld'>;
  work: Pick<PairWorkService, 'addGoal' | 'updateGoal' | 'addAction' | 'changeAction'>;
  now: () => Date;
}

/** A goal as the API answers it, with its ETag as handed out (platform/http/etag.ts). */
function goalReply(saved: Versioned<Goal>, status = 200) {
  const etag = httpEtag(saved.etag);
  const body: PairGoal = { ...saved.value, etag };
  return { status, body, headers: { ETag: etag } };
}

/**
 * A pair's own space for the tab: its partners only. Everyone else, coordinators included,
 * gets 404 (the pair's existence is not confirmed to outsiders). Bodies are checked with the
 * journey contract's schemas; every change goes through the journey's services.
 */
export function registerPairRoutes(server: Server, deps: PairRouteDeps): void {
  const { http, journey, meetings, work } = deps;

  /** The same check as the pair's card verbs: its partners only (JourneyService.requirePair). */
  function mine(caller: Caller, pairId: string): Promise<MyPair> {
    return journey.requirePair({ userId: caller.userId, email: async () => caller.email }, pairId);
  }

  /** The same check; the pair's space without its people's records (goal and action writes). */
  function mySpace(caller: Caller, pairId: string) {
    return journey.requirePairSpace(
      { userId: caller.userId, email: async () => caller.email },
      pairId,
    );
  }

  async function body<T>(req: Request, schema: ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await readJson(req, http.maxBodyBytes));
    if (!parsed.success) throw invalidBody(parsed.error);
    return parsed.data;
  }

  server.get(
    '/api/pairs/:pairId',
    authedRoute(http, async ({ caller, params }) => {
      const { ctx, participantId } = await mine(caller, params.pairId ?? '');
      return { body: pairSpaceView(ctx, participantId, deps.now()) };
    }),
  );

  server.post(
    '/api/pairs/:pairId/goals',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mySpace(caller, params.pairId ?? '');
      const saved = await work.addGoal(ctx, participantId, await body(req, newGoalSchema));
      return goalReply(saved, 201);
    }),
  );

  server.put(
    '/api/pairs/:pairId/goals/:goalId',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mySpace(caller, params.pairId ?? '');
      const etag = ifMatch(req);
      const input = await body(req, goalChangeSchema);
      // A stale ETag fails with 412 and the latest goal; nothing is overwritten.
      const saved = await work.updateGoal(ctx, participantId, params.goalId ?? '', input, etag);
      return goalReply(saved);
    }),
  );

  server.post(
    '/api/pairs/:pairId/actions',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mySpace(caller, params.pairId ?? '');
      const input = await body(req, newActionSchema);
      const { value: action, etag: stored } = await work.addAction(ctx, participantId, input);
      const etag = httpEtag(stored);
      const added: PairAction = {
        id: action.id,
        text: action.text,
        owner: input.owner,
        dueDate: action.dueDate,
        done: false,
        // The same rule as the pair's view: a past due date is overdue at once.
        overdue: isOverdue(action, deps.now(), ctx.timeZone),
        etag,
      };
      return { status: 201, body: added, headers: { ETag: etag } };
    }),
  );

  server.patch(
    '/api/pairs/:pairId/actions/:actionId',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mySpace(caller, params.pairId ?? '');
      const etag = ifMatch(req);
      const change = await body(req, actionChangeSchema);
      const saved = await work.changeAction(
        ctx,
        participantId,
        params.actionId ?? '',
        change,
        etag,
      );
      const next = httpEtag(saved.etag);
      return {
        body: { id: saved.value.id, done: Boolean(saved.value.doneAt), etag: next },
        headers: { ETag: next },
      };
    }),
  );

  /** My preparation for a planned meeting: my own row, rewritten whole by me alone. */
  server.put(
    '/api/pairs/:pairId/meetings/:meetingId/preparation',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mine(caller, params.pairId ?? '');
      const input = await body(req, preparationBodySchema);
      const saved = await meetings.prepareUpcoming(
        ctx,
        participantId,
        params.meetingId ?? '',
        input,
      );
      return { body: { meetingId: saved.meetingId, topics: saved.topics, shared: saved.shared } };
    }),
  );

  /** A reflection on a meeting that was held: private to me unless I share it. */
  server.post(
    '/api/pairs/:pairId/meetings/:meetingId/reflections',
    authedRoute(http, async ({ caller, params, req }) => {
      const { ctx, participantId } = await mine(caller, params.pairId ?? '');
      const input = await body(req, reflectionBodySchema);
      const reflection = await meetings.reflectOnHeld(
        ctx,
        participantId,
        params.meetingId ?? '',
        input,
      );
      return { status: 201, body: reflectionView(reflection) };
    }),
  );
}
