/** Scheduled work that drives the pair journey (see docs/journey.md). */
export type JobKind =
  | 'introduction'
  | 'booking-nudge'
  | 'preparation-prompt'
  | 'reflection-prompt'
  | 'action-reminder'
  | 'window-close'
  | 'fit-check'
  | 'final-review'
  /** Follows a missed window: a gentle note to each partner. */
  | 'check-in'
  /** Two windows missed in a row: the coordinator hears (states and counts only). */
  | 'coordinator-alert';

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
