import type { Request, Server } from 'restify';
import type { AttendanceRegister } from '../../../contracts/calendar-attendance';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { AttendanceService } from '../services/attendance-service';

/** What the attendance routes use. */
export interface AttendanceRouteDeps {
  http: HttpEnv;
  attendance: Pick<AttendanceService, 'register' | 'record'>;
}

/** If-Match when sent (then exactly as handed out); none for a register's first save. */
function optionalIfMatch(req: Request): string | undefined {
  return req.headers['if-match'] === undefined ? undefined : ifMatch(req);
}

/** The register with its ETag as the API hands it out, in the body and the header. */
function withEtag(register: AttendanceRegister) {
  const etag = register.etag === null ? null : httpEtag(register.etag);
  return { body: { ...register, etag }, headers: etag ? { ETag: etag } : undefined };
}

/**
 * Attendance at a cohort's programme sessions, for those who run the cohort only: participants
 * never see anyone's attendance (403), a coordinator of another cohort finds nothing (404).
 */
export function registerAttendanceRoutes(server: Server, deps: AttendanceRouteDeps): void {
  const { http, attendance } = deps;
  const path = '/api/cohorts/:cohortId/events/:eventId/attendance';

  server.get(
    path,
    coordinatorRoute(http, async ({ params }) =>
      withEtag(await attendance.register(params.cohortId!, params.eventId!)),
    ),
  );

  server.put(
    path,
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const etag = optionalIfMatch(req);
      const body = await readJson(req, http.maxBodyBytes);
      const saved = await attendance.record(params.cohortId!, params.eventId!, etag, body, {
        userId: caller.userId,
        name: caller.name,
      });
      log.info(
        { cohortId: saved.cohortId, eventId: saved.eventId, people: saved.people.length },
        'session attendance recorded',
      );
      return withEtag(saved);
    }),
  );
}
