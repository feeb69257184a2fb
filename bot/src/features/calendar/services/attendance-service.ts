import type { AuditChange, AuditLog } from '../../../contracts/audit';
import {
  type AttendanceRegister,
  attendanceInputSchema,
  isSessionEventType,
} from '../../../contracts/calendar-attendance';
import { AppError, invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import type { Versioned } from '../../../platform/storage/versioned';
import type { CohortService, Participant } from '../../cohorts/index';
import {
  type RosterPerson,
  type StoredRegister,
  canRecord,
  invitedPeople,
  markProblems,
  marksFor,
  registerView,
} from '../domain/attendance';
import type { ProgrammeEvent } from '../domain/programme-event';
import type { EventRepository } from '../store/event-repository';

/** What the attendance registers use. */
export interface AttendanceDeps {
  events: Pick<EventRepository, 'get' | 'register' | 'saveRegister'>;
  roster: { listByCohort(cohortId: string): Promise<Participant[]> };
  cohorts: Pick<CohortService, 'find'>;
  audit: AuditLog;
  now: () => Date;
}

/** Who saves a register (audited). */
export interface AttendanceActor {
  userId: string;
  name: string;
}

/** The register with its stored ETag (null before the first save); the route hands it out. */
export type RegisterView = AttendanceRegister;

const CHANGED_MEANWHILE =
  'Someone saved this attendance since you read it: nothing of yours was saved. Reload to see theirs';

const markWords = (attended: boolean | null | undefined) =>
  attended === true ? 'attended' : attended === false ? 'did not attend' : null;

/**
 * Attendance at programme sessions (peer support meetings, action learning sets): those who run
 * a cohort read and save a session's register, from the session's start on, each save over the
 * version they read (a save made meanwhile is refused with the latest, never overwritten) and
 * audited. The route layer has checked the caller runs the cohort.
 */
export class AttendanceService {
  constructor(private readonly deps: AttendanceDeps) {}

  private async session(cohortId: string, eventId: string): Promise<ProgrammeEvent> {
    const event = await this.deps.events.get(cohortId, eventId);
    if (!event) throw AppError.notFound('No event has that id');
    if (!isSessionEventType(event.value.type)) {
      throw AppError.coded(
        'conflict',
        'not_a_session',
        'Attendance is recorded for peer support meetings and action learning sets only',
      );
    }
    return event.value;
  }

  private async invited(event: ProgrammeEvent): Promise<RosterPerson[]> {
    return invitedPeople(event, await this.deps.roster.listByCohort(event.cohortId));
  }

  private view(
    event: ProgrammeEvent,
    invited: RosterPerson[],
    stored: Versioned<StoredRegister> | undefined,
  ): RegisterView {
    return registerView(event, invited, stored?.value, this.deps.now(), stored?.etag ?? null);
  }

  /** A session's register: everyone invited, with their mark (none before the first save). */
  async register(cohortId: string, eventId: string): Promise<RegisterView> {
    const event = await this.session(cohortId, eventId);
    const [invited, stored] = await Promise.all([
      this.invited(event),
      this.deps.events.register(cohortId, event.id),
    ]);
    return this.view(event, invited, stored);
  }

  /**
   * Saves a session's register over the version `etag` names (undefined: the first save, read
   * when there was none). Refused before the session starts, per mark for anyone not invited,
   * and with the latest register (412) when someone saved it meanwhile, the first save included.
   */
  async record(
    cohortId: string,
    eventId: string,
    etag: string | undefined,
    body: unknown,
    actor: AttendanceActor,
  ): Promise<RegisterView> {
    const event = await this.session(cohortId, eventId);
    const parsed = attendanceInputSchema.safeParse(body);
    if (!parsed.success) throw invalidBody(parsed.error);
    const now = this.deps.now();
    if (!canRecord(event, now)) {
      throw AppError.coded(
        'conflict',
        'session_not_started',
        'Attendance can be recorded once the session has started',
      );
    }
    const [invited, before] = await Promise.all([
      this.invited(event),
      this.deps.events.register(cohortId, event.id),
    ]);
    const problems = markProblems(parsed.data.marks, invited);
    if (problems.length > 0) throw AppError.invalidFields(problems);
    const register: StoredRegister = {
      eventId: event.id,
      marks: marksFor(invited, parsed.data.marks),
      recordedAt: now.toISOString(),
      recordedBy: actor.userId,
      recordedByName: actor.name,
    };
    const written = await this.deps.events.saveRegister(cohortId, register, etag);
    if (written === undefined) {
      const latest = await this.deps.events.register(cohortId, event.id);
      // The latest as every 412 carries it: `{ value, etag }`, the ETags as the API hands them.
      const current = latest && {
        value: { ...this.view(event, invited, latest), etag: httpEtag(latest.etag) },
        etag: latest.etag,
      };
      throw new AppError('stale', CHANGED_MEANWHILE, { code: 'conflict', current });
    }
    await this.audit(event, invited, before?.value, register, actor);
    return this.view(event, invited, { value: register, etag: written });
  }

  private async audit(
    event: ProgrammeEvent,
    invited: RosterPerson[],
    before: StoredRegister | undefined,
    after: StoredRegister,
    actor: AttendanceActor,
  ): Promise<void> {
    const was = new Map(before?.marks.map((m) => [m.participantId, m.attended]));
    const changes: AuditChange[] = after.marks.flatMap((m) => {
      const from = markWords(was.get(m.participantId));
      const to = markWords(m.attended);
      if (from === to) return [];
      const name = invited.find((p) => p.id === m.participantId)?.displayName ?? m.participantId;
      return [{ field: `${event.title}: ${name}`, before: from, after: to }];
    });
    const cohort = await this.deps.cohorts.find(event.cohortId);
    await this.deps.audit.record({
      action: 'calendar.attendance_recorded',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'cohort',
      targetId: event.cohortId,
      targetLabel: cohort?.value.name ?? event.cohortId,
      cohortId: event.cohortId,
      changes,
      reason: null,
    });
  }
}
