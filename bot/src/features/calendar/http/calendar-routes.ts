import type { Server } from 'restify';
import { eventInputSchema, rsvpBodySchema } from '../../../contracts/calendar';
import type { RsvpAnswered } from '../../../contracts/calendar';
import { invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import {
  type HttpEnv,
  authedRoute,
  coordinatorRoute,
  publicRoute,
} from '../../../platform/http/route';
import type { CohortService } from '../../cohorts/index';
import type { CalendarService, EventAuthor } from '../services/calendar-service';

/** What the calendar routes use. */
export interface CalendarRouteDeps {
  http: HttpEnv;
  calendar: Pick<
    CalendarService,
    | 'list'
    | 'event'
    | 'create'
    | 'update'
    | 'answerer'
    | 'answer'
    | 'icsFor'
    | 'createFeed'
    | 'revokeFeed'
    | 'feed'
  >;
  cohorts: Pick<CohortService, 'get'>;
}

const CALENDAR_TEXT = 'text/calendar; charset=utf-8';

const authorOf = (caller: Caller): EventAuthor => ({ userId: caller.userId, name: caller.name });

/**
 * The programme calendar: coordinators create and edit events; participants see the events
 * they are invited to, answer them, download .ics files and subscribe to a personal feed.
 */
export function registerCalendarRoutes(server: Server, deps: CalendarRouteDeps): void {
  const { http, calendar, cohorts } = deps;
  const limit = http.maxBodyBytes;

  server.get(
    '/api/cohorts/:cohortId/events',
    authedRoute(http, async ({ caller, params }) => ({
      body: { events: await calendar.list(caller, params.cohortId ?? '') },
    })),
  );

  server.post(
    '/api/cohorts/:cohortId/events',
    coordinatorRoute(http, async ({ caller, params, req }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const parsed = eventInputSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const created = await calendar.create(cohort.value.id, parsed.data, authorOf(caller));
      return { status: 201, body: created, headers: { ETag: created.etag } };
    }),
  );

  server.put(
    '/api/cohorts/:cohortId/events/:eventId',
    coordinatorRoute(http, async ({ params, req, caller }) => {
      const etag = ifMatch(req);
      const current = await calendar.event(params.cohortId ?? '', params.eventId ?? '');
      const parsed = eventInputSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const saved = await calendar.update(current.value, etag, parsed.data, authorOf(caller));
      return { body: saved, headers: { ETag: saved.etag } };
    }),
  );

  server.put(
    '/api/cohorts/:cohortId/events/:eventId/rsvp',
    authedRoute(http, async ({ caller, params, req }) => {
      const cohortId = params.cohortId ?? '';
      const { participantId, eventId } = await calendar.answerer(
        caller,
        cohortId,
        params.eventId ?? '',
      );
      const parsed = rsvpBodySchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      await calendar.answer(cohortId, eventId, participantId, parsed.data.response);
      const body: RsvpAnswered = { eventId, response: parsed.data.response };
      return { body };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/events/:eventId/ics',
    authedRoute(http, async ({ caller, params }) => {
      const ics = await calendar.icsFor(caller, params.cohortId ?? '', params.eventId ?? '');
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="event-${ics.eventId}.ics"` },
        text: { contentType: CALENDAR_TEXT, content: ics.content },
      };
    }),
  );

  // A personal feed Outlook can subscribe to: a new one revokes the old.
  server.post(
    '/api/me/calendar-feed',
    authedRoute(http, async ({ caller }) => ({
      status: 201,
      body: await calendar.createFeed(caller.userId),
    })),
  );

  server.del(
    '/api/me/calendar-feed',
    authedRoute(http, async ({ caller }) => {
      await calendar.revokeFeed(caller.userId);
      return { body: { revoked: true } };
    }),
  );

  server.get(
    '/calendar/:feed',
    publicRoute(http, async ({ params }) => ({
      body: null,
      text: {
        contentType: CALENDAR_TEXT,
        content: await calendar.feed((params.feed ?? '').replace(/\.ics$/, '')),
      },
    })),
  );
}
