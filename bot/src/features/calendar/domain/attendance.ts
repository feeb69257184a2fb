import {
  type AttendanceMark,
  type AttendancePerson,
  type AttendanceRegister,
  isSessionEventType,
} from '../../../contracts/calendar-attendance';
import type { ProgrammeRole } from '../../../contracts/cohorts';
import type { SessionRecord } from '../../../contracts/evaluation-participation';
import type { FieldProblem } from '../../../contracts/field-problem';
import { type ProgrammeEvent, isInvited } from './programme-event';

/**
 * A programme session's attendance register (pure): who is on it, its view, the problems of a
 * save, and the counts the evaluation's participation measures read.
 */

/** The register as stored: everyone invited when it was saved, each with their mark. */
export interface StoredRegister {
  eventId: string;
  marks: AttendanceMark[];
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
}

/** Who of the roster a register is about. */
export interface RosterPerson {
  id: string;
  displayName: string;
  role: ProgrammeRole;
}

/** The cohort's participants the event is for (its audience), by name. */
export function invitedPeople(
  event: Pick<ProgrammeEvent, 'audience'>,
  roster: readonly RosterPerson[],
): RosterPerson[] {
  return roster
    .filter((p) => isInvited(event, p.role))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The session can be recorded from its start on. */
export function canRecord(event: Pick<ProgrammeEvent, 'start'>, now: Date): boolean {
  return Date.parse(event.start) <= now.getTime();
}

/** The register as those who run the cohort see it: every invited person with their mark. */
export function registerView(
  event: ProgrammeEvent,
  invited: readonly RosterPerson[],
  stored: StoredRegister | undefined,
  now: Date,
  etag: string | null,
): AttendanceRegister {
  if (!isSessionEventType(event.type)) throw new RangeError('not a programme session');
  const marks = new Map(stored?.marks.map((m) => [m.participantId, m.attended]));
  const people: AttendancePerson[] = invited.map((p) => ({
    participantId: p.id,
    displayName: p.displayName,
    role: p.role,
    attended: marks.get(p.id) ?? null,
  }));
  return {
    cohortId: event.cohortId,
    eventId: event.id,
    type: event.type,
    title: event.title,
    start: event.start,
    end: event.end,
    canRecord: canRecord(event, now),
    people,
    recordedAt: stored?.recordedAt ?? null,
    recordedByName: stored?.recordedByName ?? null,
    etag,
  };
}

/** Each mark for someone not invited to the session, as a problem beside that mark. */
export function markProblems(
  marks: readonly AttendanceMark[],
  invited: readonly RosterPerson[],
): FieldProblem[] {
  const ids = new Set(invited.map((p) => p.id));
  return marks.flatMap((m, i) =>
    ids.has(m.participantId)
      ? []
      : [{ field: `marks.${i}.participantId`, message: 'is not invited to this session' }],
  );
}

/** The marks to store: every invited person, those not sent as not recorded. */
export function marksFor(
  invited: readonly RosterPerson[],
  sent: readonly AttendanceMark[],
): AttendanceMark[] {
  const given = new Map(sent.map((m) => [m.participantId, m.attended]));
  return invited.map((p) => ({ participantId: p.id, attended: given.get(p.id) ?? null }));
}

/**
 * One record per programme session that has a register: invited = the people on the register,
 * attended = those marked attended. Sessions without a register are not counted.
 */
export function sessionRecordsOf(calendar: {
  events: readonly { value: Pick<ProgrammeEvent, 'id' | 'type'> }[];
  registers: readonly { value: StoredRegister }[];
}): SessionRecord[] {
  const registers = new Map(calendar.registers.map((r) => [r.value.eventId, r.value]));
  return calendar.events.flatMap(({ value: event }) => {
    const register = registers.get(event.id);
    if (!register || !isSessionEventType(event.type)) return [];
    return [
      {
        eventId: event.id,
        type: event.type,
        invited: register.marks.length,
        attended: register.marks.filter((m) => m.attended === true).length,
      },
    ];
  });
}
