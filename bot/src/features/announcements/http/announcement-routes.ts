import type { Server } from 'restify';
import {
  type AnnouncementList,
  type ResendAnswer,
  createAnnouncementBody,
  linkChannelBody,
} from '../../../contracts/announcements';
import type { Sender } from '../domain/announcement-drafts';
import { readJson } from '../../../platform/http/request-body';
import { AppError, invalidBody } from '../../../platform/errors';
import type { Caller } from '../../../platform/http/auth/token-verifier';
import {
  type AuthedInput,
  type HttpEnv,
  type Reply,
  authedRoute,
} from '../../../platform/http/route';
import type { AnnouncementService } from '../services/announcement-service';
import type { ProgrammeChannels } from '../services/programme-channel';
import { announcementView, reportCsv, reportView } from './announcement-views';

/** What the announcement routes use: the HTTP platform and the feature's services. */
export interface AnnouncementRouteDeps {
  http: HttpEnv;
  announcements: Pick<
    AnnouncementService,
    | 'requireCoordinator'
    | 'requireCohort'
    | 'list'
    | 'create'
    | 'get'
    | 'report'
    | 'reportCounts'
    | 'cancel'
    | 'resendUnconfirmed'
    | 'inviteToEvent'
  >;
  channels: Pick<ProgrammeChannels, 'link'>;
}

/**
 * Announcements and the programme channel: coordinators only, on every route, by the same
 * check as the announcement card verbs and the "announce" command
 * (`AnnouncementService.requireCoordinator`), made before the body is read. Sending goes
 * through the fan-out queue; these routes create, cancel, resend and report.
 */
export function registerAnnouncementRoutes(server: Server, deps: AnnouncementRouteDeps): void {
  const { http, announcements } = deps;
  const base = '/api/cohorts/:cohortId/announcements';

  const coordinatorsOnly = (handler: (input: AuthedInput) => Promise<Reply>) =>
    authedRoute(http, async (input) => {
      await announcements.requireCoordinator(input.caller.userId, input.params.cohortId);
      return handler(input);
    });

  async function reportOr404(cohortId: string, id: string, countsOnly = false) {
    const report = countsOnly
      ? await announcements.reportCounts(cohortId, id)
      : await announcements.report(cohortId, id);
    if (!report) throw AppError.notFound('No announcement has that id');
    return report;
  }

  server.get(
    base,
    coordinatorsOnly(async ({ params }) => {
      const recent = await announcements.list(params.cohortId ?? '');
      const body: AnnouncementList = { announcements: recent.map(announcementView) };
      return { body };
    }),
  );

  server.post(
    base,
    coordinatorsOnly(async ({ params, req, caller, log }) => {
      const cohort = await announcements.requireCohort(params.cohortId ?? '');
      const parsed = createAnnouncementBody.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const created = await announcements.create(cohort.id, parsed.data, sender(caller));
      log.info({ announcementId: created.id }, 'announcement created');
      // Sent now: answer with its state after sending started, not as it was first stored.
      const latest = await announcements.get(cohort.id, created.id);
      return { status: 201, body: announcementView(latest ?? created) };
    }),
  );

  /**
   * One announcement's report. `?recipients=none` leaves the per-person rows out: the list of
   * announcements needs only the counts, and a large send has thousands of rows: those come from
   * the delivery counters.
   */
  server.get(
    `${base}/:announcementId`,
    coordinatorsOnly(async ({ params, req }) => {
      const wanted = new URL(req.url ?? '/', 'http://localhost').searchParams.get('recipients');
      if (wanted !== null && wanted !== 'all' && wanted !== 'none') {
        throw AppError.badRequest('recipients must be "all" or "none"', {
          fields: [{ field: 'recipients', message: 'must be "all" or "none"' }],
        });
      }
      const countsOnly = wanted === 'none';
      const report = await reportOr404(
        params.cohortId ?? '',
        params.announcementId ?? '',
        countsOnly,
      );
      return { body: reportView(report, !countsOnly) };
    }),
  );

  server.get(
    `${base}/:announcementId/report.csv`,
    coordinatorsOnly(async ({ params }) => {
      const report = await reportOr404(params.cohortId ?? '', params.announcementId ?? '');
      return {
        body: null,
        headers: {
          'Content-Disposition': `attachment; filename="announcement-${report.announcement.id}.csv"`,
        },
        text: { contentType: 'text/csv; charset=utf-8', content: reportCsv(report) },
      };
    }),
  );

  server.post(
    `${base}/:announcementId/cancel`,
    coordinatorsOnly(async ({ params }) => {
      const cancelled = await announcements.cancel(
        params.cohortId ?? '',
        params.announcementId ?? '',
      );
      if (!cancelled) throw AppError.notFound('No announcement has that id');
      return { body: announcementView(cancelled) };
    }),
  );

  server.post(
    `${base}/:announcementId/resend-unconfirmed`,
    coordinatorsOnly(async ({ params }) => {
      await reportOr404(params.cohortId ?? '', params.announcementId ?? '');
      const queued = await announcements.resendUnconfirmed(
        params.cohortId ?? '',
        params.announcementId ?? '',
      );
      const body: ResendAnswer = { queued };
      return { body };
    }),
  );

  /** Sends an event's invitations through the fan-out (and sets up its reminders). */
  server.post(
    '/api/cohorts/:cohortId/events/:eventId/invitations',
    coordinatorsOnly(async ({ params, caller }) => {
      const invitation = await announcements.inviteToEvent(
        params.cohortId ?? '',
        params.eventId ?? '',
        sender(caller),
      );
      return { status: 201, body: announcementView(invitation) };
    }),
  );

  /** Links the programme's shared channel (from the channel tab's set-up page). */
  server.put(
    '/api/cohorts/:cohortId/channel',
    coordinatorsOnly(async ({ params, req, caller }) => {
      const cohort = await announcements.requireCohort(params.cohortId ?? '');
      const parsed = linkChannelBody.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const linked = await deps.channels.link(cohort.id, parsed.data, caller.userId);
      return { body: linked };
    }),
  );
}

function sender(caller: Caller): Sender {
  return { userId: caller.userId, name: caller.name || 'Your programme team' };
}
