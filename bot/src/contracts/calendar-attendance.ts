import * as z from 'zod';
import type { ProgrammeRole } from './cohorts';
import { SESSION_EVENT_TYPES, type SessionEventType } from './evaluation-participation';

/**
 * The attendance register of a programme session on the wire (issue 16): those who run a cohort
 * record who attended a past peer support meeting or action learning set. The register lists the
 * people invited (the event's audience among the cohort's participants), each attended, did not
 * attend, or not recorded. Only counts of it ever leave for the evaluation's participation
 * measures.
 */

export { SESSION_EVENT_TYPES, type SessionEventType };

export function isSessionEventType(type: string): type is SessionEventType {
  return (SESSION_EVENT_TYPES as readonly string[]).includes(type);
}

export const ATTENDANCE_LIMITS = {
  /** The most people one register may mark (a cohort's roster is far smaller). */
  marksMax: 2000,
  participantIdMax: 200,
} as const;

/** One person's mark: attended, did not attend, or not recorded (null). */
export interface AttendanceMark {
  participantId: string;
  attended: boolean | null;
}

/**
 * `PUT /api/cohorts/{cohortId}/events/{eventId}/attendance` (If-Match: the register's ETag, none
 * for the first save). Invited people left out are saved as not recorded.
 */
export const attendanceInputSchema = z
  .object({
    marks: z
      .array(
        z
          .object({
            participantId: z
              .string({ message: 'is required' })
              .trim()
              .min(1, 'is required')
              .max(ATTENDANCE_LIMITS.participantIdMax, 'is not a participant id'),
            attended: z.boolean({ message: 'must be true, false or null' }).nullable(),
          })
          .strict(),
        { message: 'must be a list of marks' },
      )
      .max(ATTENDANCE_LIMITS.marksMax, `must hold at most ${ATTENDANCE_LIMITS.marksMax} marks`),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.marks.forEach((mark, i) => {
      if (seen.has(mark.participantId)) {
        ctx.addIssue({
          code: 'custom',
          message: 'is marked twice',
          path: ['marks', i, 'participantId'],
        });
      }
      seen.add(mark.participantId);
    });
  });

export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

/** One invited person on the register, as those who run the cohort see it. */
export interface AttendancePerson {
  participantId: string;
  displayName: string;
  role: ProgrammeRole;
  attended: boolean | null;
}

/** `GET` and `PUT …/events/{eventId}/attendance`. */
export interface AttendanceRegister {
  cohortId: string;
  eventId: string;
  type: SessionEventType;
  title: string;
  /** UTC ISO instants; the register can be saved from the start on. */
  start: string;
  end: string;
  /** False before the session starts: the register is shown, not saved. */
  canRecord: boolean;
  people: AttendancePerson[];
  /** When and by whom it was last saved; null before the first save. */
  recordedAt: string | null;
  recordedByName: string | null;
  /** Send as If-Match with the next save; null before the first save (send none). */
  etag: string | null;
}
