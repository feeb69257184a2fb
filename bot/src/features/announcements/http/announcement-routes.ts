import { stringify } from 'csv-stringify/sync';
import type { Server } from 'restify';
import { z } from 'zod';
import type { AppContext } from '../../../app/app-context';
import {
  type Announcement,
  announcementInputSchema,
  sendTimeProblem,
} from '../domain/announcement';
import { readJson } from '../../../platform/http/request-body';
import { AppError, invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import { coordinatorRoute } from '../../../platform/http/route';

const channelBody = z
  .object({
    channelId: z.string({ message: 'is required' }).trim().min(1, 'is required').max(300),
    teamId: z.string().trim().max(300).optional(),
    channelName: z.string().trim().max(200).optional(),
  })
  .strict();

/** What coordinators see of an announcement: never anything a pair wrote. */
function announcementView(a: Announcement) {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    text: a.text,
    link: a.link ?? null,
    eventId: a.eventId ?? null,
    audience: a.audience.kind,
    participantIds: a.audience.participantIds ?? [],
    alsoInChannel: a.alsoInChannel,
    sendAt: a.sendAt,
    status: a.status,
    recipientCount: a.recipientCount ?? null,
    createdByName: a.createdByName,
    createdAt: a.createdAt,
    startedAt: a.startedAt ?? null,
    completedAt: a.completedAt ?? null,
    cancelledAt: a.cancelledAt ?? null,
  };
}

/**
 * Announcements and the programme channel: coordinators only, on every route. Sending goes
 * through the fan-out queue; these routes create, cancel, resend and report.
 */
export function registerAnnouncementRoutes(server: Server, ctx: AppContext): void {
  const limit = ctx.config.maxBodyBytes;
  const base = '/api/cohorts/:cohortId/announcements';

  async function cohortOr404(id: string) {
    const cohort = await ctx.repos.cohorts.get(id);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    return cohort;
  }

  async function reportOr404(cohortId: string, id: string) {
    const report = await ctx.announcements.report(cohortId, id);
    if (!report) throw AppError.notFound('No announcement has that id');
    return report;
  }

  server.get(
    base,
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const recent = await ctx.repos.announcements.recent(cohort.value.id, 50);
      return { body: { announcements: recent.map(announcementView) } };
    }),
  );

  server.post(
    base,
    coordinatorRoute(ctx.http, async ({ params, req, caller, log }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const parsed = announcementInputSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const late = sendTimeProblem(parsed.data.sendAt, ctx.clock.now());
      if (late) throw fieldProblem('sendAt', late);
      const created = await ctx.announcements.create(cohort.value.id, parsed.data, sender(caller));
      if (!created.ok) throw fieldProblem(created.fields[0]!.field, created.fields[0]!.message);
      log.info({ announcementId: created.announcement.id }, 'announcement created');
      // Sent now: answer with its state after sending started, not as it was first stored.
      const latest = await ctx.repos.announcements.get(cohort.value.id, created.announcement.id);
      return { status: 201, body: announcementView(latest?.value ?? created.announcement) };
    }),
  );

  /**
   * One announcement's report. `?recipients=none` leaves the per-person rows out: the list of
   * announcements needs only the counts, and a large send has thousands of rows.
   */
  server.get(
    `${base}/:announcementId`,
    coordinatorRoute(ctx.http, async ({ params, req }) => {
      const wanted = new URL(req.url ?? '/', 'http://localhost').searchParams.get('recipients');
      if (wanted !== null && wanted !== 'all' && wanted !== 'none') {
        throw AppError.badRequest('recipients must be "all" or "none"', {
          fields: [{ field: 'recipients', message: 'must be "all" or "none"' }],
        });
      }
      const report = await reportOr404(params.cohortId ?? '', params.announcementId ?? '');
      const rows = wanted === 'none' ? [] : report.recipients;
      return {
        body: {
          announcement: announcementView(report.announcement),
          counts: report.counts,
          channelPost: report.channelPost,
          recipientsIncluded: wanted !== 'none',
          recipients: rows.map((r) => ({
            participantId: r.participantId,
            displayName: r.displayName,
            status: r.status,
            reason: r.reason ?? null,
            attempts: r.attempts,
            sentAt: r.sentAt ?? null,
            acknowledgedAt: r.acknowledgedAt ?? null,
          })),
        },
      };
    }),
  );

  server.get(
    `${base}/:announcementId/report.csv`,
    coordinatorRoute(ctx.http, async ({ params }) => {
      const report = await reportOr404(params.cohortId ?? '', params.announcementId ?? '');
      const rows = report.recipients.map((r) => [
        r.displayName,
        r.status,
        r.reason ?? '',
        r.sentAt ?? '',
        r.acknowledgedAt ?? '',
      ]);
      return {
        body: null,
        headers: {
          'Content-Disposition': `attachment; filename="announcement-${report.announcement.id}.csv"`,
        },
        text: {
          contentType: 'text/csv; charset=utf-8',
          content: stringify([['name', 'status', 'reason', 'sent_at', 'acknowledged_at'], ...rows]),
        },
      };
    }),
  );

  server.post(
    `${base}/:announcementId/cancel`,
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cancelled = await ctx.announcements.cancel(
        params.cohortId ?? '',
        params.announcementId ?? '',
      );
      if (!cancelled) throw AppError.notFound('No announcement has that id');
      return { body: announcementView(cancelled) };
    }),
  );

  server.post(
    `${base}/:announcementId/resend-unconfirmed`,
    coordinatorRoute(ctx.http, async ({ params }) => {
      await reportOr404(params.cohortId ?? '', params.announcementId ?? '');
      const queued = await ctx.announcements.resendUnconfirmed(
        params.cohortId ?? '',
        params.announcementId ?? '',
      );
      return { body: { queued } };
    }),
  );

  /** Sends an event's invitations through the fan-out (and sets up its reminders). */
  server.post(
    '/api/cohorts/:cohortId/events/:eventId/invitations',
    coordinatorRoute(ctx.http, async ({ params, caller }) => {
      const event = await ctx.repos.events.get(params.cohortId ?? '', params.eventId ?? '');
      if (!event) throw AppError.notFound('No event has that id');
      const invitation = await ctx.announcements.inviteToEvent(event.value, sender(caller));
      return { status: 201, body: announcementView(invitation) };
    }),
  );

  /** Links the programme's shared channel (from the channel tab's set-up page). */
  server.put(
    '/api/cohorts/:cohortId/channel',
    coordinatorRoute(ctx.http, async ({ params, req, caller }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const parsed = channelBody.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const own = await ctx.repos.conversations.getPersonal(caller.userId);
      if (!own) {
        throw AppError.coded(
          'conflict',
          'bot_not_installed',
          'Open the Reverse mentoring bot in Teams once, then set up the channel again',
        );
      }
      const channel = {
        channelId: parsed.data.channelId,
        teamId: parsed.data.teamId,
        channelName: parsed.data.channelName,
        tenantId: own.tenantId,
        serviceUrl: own.serviceUrl,
      };
      await ctx.repos.cohorts.update({ ...cohort.value, channel }, cohort.etag);
      return { body: { cohortId: cohort.value.id, channel } };
    }),
  );
}

function sender(caller: Caller) {
  return { userId: caller.userId, name: caller.name || 'Your programme team' };
}

function fieldProblem(field: string, message: string): AppError {
  return AppError.coded('invalid', 'invalid_body', `Invalid request: ${field}: ${message}`, {
    fields: [{ field, message }],
  });
}
