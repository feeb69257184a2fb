import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context';
import { newId } from '../../cohorts/domain/ids';
import {
  EVENT_TYPE_WORDS,
  type ProgrammeEvent,
  eventInputSchema,
  isInvited,
} from '../domain/programme-event';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { answerEvent } from '../services/event-rsvp';
import { calendarFor } from '../services/ics';
import type { Rsvp } from '../store/event-repository';
import { AppError, invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { authedRoute, coordinatorRoute, publicRoute } from '../../../platform/http/route';

const rsvpBody = z
  .object({ response: z.enum(['yes', 'no', 'maybe'], { message: 'must be yes, no or maybe' }) })
  .strict();

function eventView(event: ProgrammeEvent, rsvps: Rsvp[], participantId?: string) {
  const mine = rsvps.find((r) => r.eventId === event.id && r.participantId === participantId);
  const answers = rsvps.filter((r) => r.eventId === event.id);
  return {
    ...event,
    typeText: EVENT_TYPE_WORDS[event.type],
    going: answers.filter((r) => r.response === 'yes').length,
    myResponse: mine?.response ?? null,
  };
}

/**
 * The programme calendar: coordinators create and edit events; participants see the events
 * they are invited to, answer them, download .ics files and subscribe to a personal feed.
 */
export function registerCalendarRoutes(server: Server, ctx: AppContext): void {
  const limit = ctx.config.maxBodyBytes;

  /** How the caller relates to a cohort: coordinator, or participant with a role; else 404. */
  async function viewer(caller: Caller, cohortId: string) {
    if (await ctx.identity.isCoordinator(caller.userId)) return { coordinator: true as const };
    const memberships = await ctx.identity.membershipsOf(caller.userId, async () => caller.email);
    const membership = memberships.find((m) => m.cohortId === cohortId);
    if (!membership) throw AppError.notFound('You are not in that cohort');
    return { coordinator: false as const, membership };
  }

  server.get(
    '/api/cohorts/:cohortId/events',
    authedRoute(ctx.http, async ({ caller, params }) => {
      const cohortId = params.cohortId ?? '';
      const who = await viewer(caller, cohortId);
      const calendar = await ctx.repos.events.calendar(cohortId);
      const events = calendar.events
        .map((e) => e.value)
        .filter((e) => who.coordinator || isInvited(e, who.membership.role));
      const participantId = who.coordinator ? undefined : who.membership.participantId;
      return {
        body: {
          events: calendar.events
            .filter((e) => events.includes(e.value))
            .map((e) => ({ ...eventView(e.value, calendar.rsvps, participantId), etag: e.etag })),
        },
      };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/events',
    coordinatorRoute(ctx.http, async ({ caller, params, req }) => {
      const cohort = await ctx.repos.cohorts.get(params.cohortId ?? '');
      if (!cohort) throw AppError.notFound('No cohort has that id');
      const parsed = eventInputSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const event: ProgrammeEvent = {
        id: newId(),
        cohortId: cohort.value.id,
        ...parsed.data,
        start: new Date(parsed.data.start).toISOString(),
        end: new Date(parsed.data.end).toISOString(),
        createdBy: caller.userId,
        updatedAt: ctx.clock.now().toISOString(),
      };
      const saved = await ctx.repos.events.create(event);
      // Those who say yes are reminded a day and an hour before.
      await ctx.announcements.scheduleReminders(event, {
        userId: caller.userId,
        name: caller.name,
      });
      return {
        status: 201,
        body: { ...eventView(event, []), etag: saved.etag },
        headers: { ETag: saved.etag },
      };
    }),
  );

  server.put(
    '/api/cohorts/:cohortId/events/:eventId',
    coordinatorRoute(ctx.http, async ({ params, req, caller }) => {
      const etag = ifMatch(req);
      const current = await ctx.repos.events.get(params.cohortId ?? '', params.eventId ?? '');
      if (!current) throw AppError.notFound('No event has that id');
      const parsed = eventInputSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const event: ProgrammeEvent = {
        ...current.value,
        ...parsed.data,
        start: new Date(parsed.data.start).toISOString(),
        end: new Date(parsed.data.end).toISOString(),
        updatedAt: ctx.clock.now().toISOString(),
      };
      const saved = await ctx.repos.events.update(event, etag);
      // Reminders a day and an hour before follow the event when it moves.
      await ctx.announcements.scheduleReminders(event, {
        userId: caller.userId,
        name: caller.name,
      });
      // The answers stand through an edit: the reply carries them, as the calendar would.
      const { rsvps } = await ctx.repos.events.calendar(event.cohortId);
      return {
        body: { ...eventView(event, rsvps), etag: saved.etag },
        headers: { ETag: saved.etag },
      };
    }),
  );

  server.put(
    '/api/cohorts/:cohortId/events/:eventId/rsvp',
    authedRoute(ctx.http, async ({ caller, params, req }) => {
      const cohortId = params.cohortId ?? '';
      const who = await viewer(caller, cohortId);
      if (who.coordinator)
        throw AppError.forbidden('Coordinators run events; participants answer them');
      const event = await ctx.repos.events.get(cohortId, params.eventId ?? '');
      if (!event || !isInvited(event.value, who.membership.role)) {
        throw AppError.notFound('No event you are invited to has that id');
      }
      const parsed = rsvpBody.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const answered = await answerEvent(
        ctx.repos,
        cohortId,
        event.value.id,
        who.membership.participantId,
        parsed.data.response,
        ctx.clock.now(),
      );
      if (!answered.ok) {
        throw answered.code === 'event_full'
          ? AppError.coded('conflict', 'event_full', answered.message)
          : AppError.notFound(answered.message);
      }
      return { body: { eventId: event.value.id, response: parsed.data.response } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/events/:eventId/ics',
    authedRoute(ctx.http, async ({ caller, params }) => {
      const cohortId = params.cohortId ?? '';
      const who = await viewer(caller, cohortId);
      const event = await ctx.repos.events.get(cohortId, params.eventId ?? '');
      if (!event || (!who.coordinator && !isInvited(event.value, who.membership.role))) {
        throw AppError.notFound('No event you are invited to has that id');
      }
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="event-${event.value.id}.ics"` },
        text: {
          contentType: 'text/calendar; charset=utf-8',
          content: calendarFor('Reverse mentoring event', [event.value]),
        },
      };
    }),
  );

  // A personal feed Outlook can subscribe to: a new one revokes the old.
  server.post(
    '/api/me/calendar-feed',
    authedRoute(ctx.http, async ({ caller }) => {
      const token = randomBytes(32).toString('base64url');
      await ctx.repos.calendarFeeds.replace(caller.userId, token, ctx.clock.now());
      const base = ctx.config.publicUrl ?? '';
      return { status: 201, body: { url: `${base}/calendar/${token}.ics` } };
    }),
  );

  server.del(
    '/api/me/calendar-feed',
    authedRoute(ctx.http, async ({ caller }) => {
      await ctx.repos.calendarFeeds.revoke(caller.userId);
      return { body: { revoked: true } };
    }),
  );

  server.get(
    '/calendar/:feed',
    publicRoute(ctx.http, async ({ params }) => {
      const token = (params.feed ?? '').replace(/\.ics$/, '');
      const userId = token ? await ctx.repos.calendarFeeds.userFor(token) : undefined;
      if (!userId) throw AppError.notFound('This calendar link is not valid any more');
      const memberships = await ctx.identity.membershipsOf(userId);
      const events: ProgrammeEvent[] = [];
      for (const m of memberships) {
        const calendar = await ctx.repos.events.calendar(m.cohortId);
        events.push(...calendar.events.map((e) => e.value).filter((e) => isInvited(e, m.role)));
      }
      return {
        body: null,
        text: {
          contentType: 'text/calendar; charset=utf-8',
          content: calendarFor('Reverse mentoring programme', events),
        },
      };
    }),
  );
}
