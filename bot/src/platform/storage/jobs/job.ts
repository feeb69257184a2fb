/**
 * A job's kind. Each feature names its own kinds and routes them by its own table (the
 * journey's are in features/journey/domain/journey-jobs.ts); the store and the scheduler only
 * carry the string.
 */
export type JobKind = string;

export interface Job {
  /** Deterministic, e.g. `booking:{pairId}:3:{participantId}`, so scheduling twice is harmless. */
  id: string;
  kind: JobKind;
  /** The earliest the job may run, UTC ISO instant. */
  dueAt: string;
  cohortId: string;
  pairId: string;
  /** Participant id of the person the message is for, when it is for one person. */
  recipientId?: string;
  /** Small, flat facts the handler needs (meeting number, action id…). */
  payload: Record<string, string | number | boolean>;
}
