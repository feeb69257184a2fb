import type { Server } from 'restify';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context';
import { newId } from '../../cohorts/domain/ids';
import type { AgreedAction, Goal } from '../domain/pair-space';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import type { PairContext } from '../services/pair-context';
import { pairSpaceView } from '../services/pair-space-view';
import { rowKeys } from '../store/pair-space-repository';
import { AppError, invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { authedRoute } from '../../../platform/http/route';

const goalStatus = z.enum(['not_started', 'in_progress', 'achieved', 'set_aside'], {
  message: 'must be not_started, in_progress, achieved or set_aside',
});
const shortText = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(500, 'must be at most 500 characters');
const note = z.string().trim().max(2000, 'must be at most 2000 characters');
const dueDate = z
  .string({ message: 'is required (yyyy-mm-dd)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written yyyy-mm-dd');

const newGoal = z
  .object({ text: shortText, status: goalStatus.default('not_started'), note: note.default('') })
  .strict();
const goalChange = z.object({ text: shortText, status: goalStatus, note }).strict();
const newAction = z
  .object({
    text: shortText,
    owner: z.enum(['me', 'partner'], { message: 'must be me or partner' }),
    dueDate,
  })
  .strict();
const actionChange = z
  .object({
    done: z.boolean({ message: 'must be true or false' }).optional(),
    text: shortText.optional(),
    dueDate: dueDate.optional(),
  })
  .strict()
  .refine((v) => v.done !== undefined || v.text !== undefined || v.dueDate !== undefined, {
    message: 'send at least one of done, text or dueDate',
  });

const preparationBody = z
  .object({
    topics: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'write at least one thing you want to cover')
      .max(2000, 'must be at most 2000 characters'),
    share: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .strict();
const reflectionBody = z
  .object({
    learned: note.default(''),
    doDifferently: note.default(''),
    share: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .strict()
  .refine((v) => v.learned !== '' || v.doDifferently !== '', {
    message: 'write what you learned or what you would do differently',
    path: ['learned'],
  });

/**
 * A pair's own space for the tab: its partners only. Everyone else, coordinators included,
 * gets 404 (the pair's existence is not confirmed to outsiders).
 */
export function registerPairRoutes(server: Server, ctx: AppContext): void {
  const limit = ctx.config.maxBodyBytes;

  async function mine(
    caller: Caller,
    pairId: string,
  ): Promise<{ pair: PairContext; participantId: string }> {
    const memberships = await ctx.identity.membershipsOf(caller.userId, async () => caller.email);
    const membership = memberships.find((m) => m.pairId === pairId);
    if (!membership) throw AppError.notFound('You have no pairing with that id');
    return {
      pair: await ctx.journey.load(membership.cohortId, pairId),
      participantId: membership.participantId,
    };
  }

  server.get(
    '/api/pairs/:pairId',
    authedRoute(ctx.http, async ({ caller, params }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      return { body: pairSpaceView(pair, participantId, ctx.clock.now()) };
    }),
  );

  server.post(
    '/api/pairs/:pairId/goals',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      const parsed = newGoal.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const now = ctx.clock.now().toISOString();
      const goal: Goal = {
        id: newId(),
        pairId: pair.pair.value.id,
        ...parsed.data,
        createdBy: participantId,
        updatedBy: participantId,
        createdAt: now,
        updatedAt: now,
      };
      const saved = await ctx.repos.pairSpaces.insert(goal.pairId, rowKeys.goal(goal.id), goal);
      return { status: 201, body: { ...goal, etag: saved.etag }, headers: { ETag: saved.etag } };
    }),
  );

  server.put(
    '/api/pairs/:pairId/goals/:goalId',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      const etag = ifMatch(req);
      const parsed = goalChange.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const current = pair.space.goals.find((g) => g.value.id === params.goalId);
      if (!current) throw AppError.notFound('That goal no longer exists');
      const goal: Goal = {
        ...current.value,
        ...parsed.data,
        updatedBy: participantId,
        updatedAt: ctx.clock.now().toISOString(),
      };
      // A stale ETag fails here with 412 and the latest goal; nothing is overwritten.
      const saved = await ctx.repos.pairSpaces.replace(
        goal.pairId,
        rowKeys.goal(goal.id),
        goal,
        etag,
      );
      return { body: { ...goal, etag: saved.etag }, headers: { ETag: saved.etag } };
    }),
  );

  server.post(
    '/api/pairs/:pairId/actions',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      const parsed = newAction.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const partnerId = pair.mentor.id === participantId ? pair.mentee.id : pair.mentor.id;
      const action: AgreedAction = {
        id: newId(),
        pairId: pair.pair.value.id,
        text: parsed.data.text,
        ownerId: parsed.data.owner === 'me' ? participantId : partnerId,
        dueDate: parsed.data.dueDate,
        createdBy: participantId,
        createdAt: ctx.clock.now().toISOString(),
      };
      const saved = await ctx.repos.pairSpaces.insert(
        action.pairId,
        rowKeys.action(action.id),
        action,
      );
      // The owner is reminded before and on the due date, like actions agreed in chat.
      await ctx.journey.syncJobs(await ctx.journey.load(pair.cohort.id, action.pairId));
      return {
        status: 201,
        body: {
          id: action.id,
          text: action.text,
          owner: parsed.data.owner,
          dueDate: action.dueDate,
          done: false,
          etag: saved.etag,
        },
        headers: { ETag: saved.etag },
      };
    }),
  );

  server.patch(
    '/api/pairs/:pairId/actions/:actionId',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair } = await mine(caller, params.pairId ?? '');
      const etag = ifMatch(req);
      const parsed = actionChange.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const current = pair.space.actions.find((a) => a.value.id === params.actionId);
      if (!current) throw AppError.notFound('That action no longer exists');
      const action: AgreedAction = { ...current.value };
      if (parsed.data.text !== undefined) action.text = parsed.data.text;
      if (parsed.data.dueDate !== undefined) action.dueDate = parsed.data.dueDate;
      if (parsed.data.done === true)
        action.doneAt = current.value.doneAt ?? ctx.clock.now().toISOString();
      if (parsed.data.done === false) delete action.doneAt;
      const saved = await ctx.repos.pairSpaces.replace(
        action.pairId,
        rowKeys.action(action.id),
        action,
        etag,
      );
      return {
        body: { id: action.id, done: Boolean(action.doneAt), etag: saved.etag },
        headers: { ETag: saved.etag },
      };
    }),
  );

  /** My preparation for a planned meeting: my own row, rewritten whole by me alone. */
  server.put(
    '/api/pairs/:pairId/meetings/:meetingId/preparation',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      const parsed = preparationBody.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const meeting = pair.space.meetings.find((m) => m.value.id === params.meetingId);
      if (!meeting) throw AppError.notFound('That meeting is not in your plan');
      if (meeting.value.status !== 'planned') {
        throw AppError.coded(
          'conflict',
          'meeting_not_planned',
          'That meeting is no longer coming up',
        );
      }
      const saved = await ctx.journey.savePreparation(pair, participantId, meeting.value.id, {
        topics: parsed.data.topics,
        share: parsed.data.share,
      });
      if (!saved.ok) throw AppError.badRequest(saved.reason);
      return {
        body: {
          meetingId: meeting.value.id,
          topics: saved.value.topics,
          shared: saved.value.shared,
        },
      };
    }),
  );

  /** A reflection on a meeting that was held: private to me unless I share it. */
  server.post(
    '/api/pairs/:pairId/meetings/:meetingId/reflections',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const { pair, participantId } = await mine(caller, params.pairId ?? '');
      const parsed = reflectionBody.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const meeting = pair.space.meetings.find((m) => m.value.id === params.meetingId);
      if (!meeting) throw AppError.notFound('That meeting is not in your plan');
      if (meeting.value.status !== 'held') {
        throw AppError.coded(
          'conflict',
          'meeting_not_held',
          'Record the meeting as held first (say "log meeting" to the bot), then reflect on it',
        );
      }
      const saved = await ctx.journey.saveReflection(pair, participantId, meeting.value.id, {
        outcome: 'held',
        minutes: meeting.value.heldMinutes,
        learned: parsed.data.learned,
        differently: parsed.data.doDifferently,
        share: parsed.data.share,
        actions: [],
      });
      if (!saved.ok) throw AppError.badRequest(saved.reason);
      const reflection = saved.value.reflection;
      if (!reflection) throw AppError.badRequest('write what you learned');
      return {
        status: 201,
        body: {
          id: reflection.id,
          meetingId: reflection.meetingId,
          learned: reflection.learned,
          doDifferently: reflection.doDifferently,
          sharedWithPartner: reflection.sharedWithPartner,
          createdAt: reflection.createdAt,
        },
      };
    }),
  );
}
