/**
 * The scheduled work that drives the pair journey (see docs/journey.md, "Scheduled work"). The
 * platform's job store keeps any feature's jobs with a `kind` string; these are the journey's
 * kinds, and the journey's job handler routes each one by a table over them.
 */
export const JOURNEY_JOB_KINDS = [
  'introduction',
  'booking-nudge',
  'preparation-prompt',
  'reflection-prompt',
  'action-reminder',
  'window-close',
  'fit-check',
  'final-review',
  /** Follows a missed window: a gentle note to each partner. */
  'check-in',
  /** Two windows missed in a row: the coordinator hears (states and counts only). */
  'coordinator-alert',
  /** Five working days after the introduction with no agreed contract: one gentle chaser. */
  'contract-chaser',
  /** A pause for a set time reaches its end: the pair resumes by itself (see pause-end.ts). */
  'pause-end',
  /** Follows a pause's end: each partner is told, kindly, that the pairing is active again. */
  'pause-over',
] as const;

export type JourneyJobKind = (typeof JOURNEY_JOB_KINDS)[number];

export function isJourneyJobKind(kind: unknown): kind is JourneyJobKind {
  return typeof kind === 'string' && (JOURNEY_JOB_KINDS as readonly string[]).includes(kind);
}

/** A scheduled job as the store holds it (the same shape as the platform's job). */
export interface ScheduledJob {
  /** Deterministic, e.g. `booking:{pairId}:3:{participantId}`, so scheduling twice is harmless. */
  id: string;
  kind: string;
  /** The earliest the job may run, UTC ISO instant. */
  dueAt: string;
  cohortId: string;
  pairId: string;
  /** Participant id of the person the message is for, when it is for one person. */
  recipientId?: string;
  /** Small, flat facts the handler needs (meeting number, action id…). */
  payload: Record<string, string | number | boolean>;
}

/** One of the journey's jobs. */
export interface JourneyJob extends ScheduledJob {
  kind: JourneyJobKind;
}
