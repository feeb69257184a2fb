import * as z from 'zod';
import { ARRANGEMENTS, type Arrangement, PAIR_ROLES, ROSTER_LIMITS } from './cohorts';
import { cleanText } from './text';

/**
 * The programme team's changes to people and pairs in the tab: add, edit, remove and move a
 * participant; make a pair from two unpaired people; pause, resume or end a pair with a reason.
 * Every change of an existing record is sent with If-Match; every answer says who was told.
 */

export const PEOPLE_LIMITS = {
  ...ROSTER_LIMITS,
  band: 40,
  reason: 500,
} as const;

const P = PEOPLE_LIMITS;

const oneLine = (max: number, required?: string) => {
  const base = z.string({ message: required ?? 'must be text' }).trim();
  return cleanText(
    required
      ? base.min(1, required).max(max, `must be at most ${max} characters`)
      : base.max(max, `must be at most ${max} characters`),
  );
};

const email = z
  .string({ message: 'is required' })
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(P.email, `must be at most ${P.email} characters`)
  .email('must be an email address');

/** The details a coordinator may give and correct; empty text clears an optional one. */
const details = {
  displayName: oneLine(P.displayName, 'is required'),
  email,
  jobTitle: oneLine(P.jobTitle).optional(),
  organisation: oneLine(P.organisation).optional(),
  band: oneLine(P.band).optional(),
};

/** `POST /api/cohorts/{id}/participants`. */
export const newParticipantSchema = z
  .object({
    ...details,
    role: z.enum(PAIR_ROLES, { message: 'must be mentor or mentee' }),
  })
  .strict();
export type NewParticipant = z.infer<typeof newParticipantSchema>;

/** `PUT /api/cohorts/{id}/participants/{participantId}` with If-Match: the details, whole. */
export const participantChangeSchema = z.object(details).strict();
export type ParticipantChange = z.infer<typeof participantChangeSchema>;

const reason = (required: boolean) => {
  const text = z.string({ message: 'give a reason' }).trim();
  return cleanText(
    required
      ? text.min(1, 'give a reason').max(P.reason, `must be at most ${P.reason} characters`)
      : text.max(P.reason, `must be at most ${P.reason} characters`),
    { multiLine: true },
  );
};

/** `DELETE /api/cohorts/{id}/participants/{participantId}` (If-Match); the body is optional. */
export const removeParticipantSchema = z.object({ reason: reason(false).optional() }).strict();

/** `POST /api/cohorts/{id}/participants/{participantId}/move` with If-Match. */
export const moveParticipantSchema = z
  .object({
    toCohortId: z.string({ message: 'choose the cohort' }).trim().min(1, 'choose the cohort'),
    reason: reason(false).optional(),
  })
  .strict();

/** `POST /api/cohorts/{id}/pairs`: a new pair from two unpaired participants. */
export const newPairSchema = z
  .object({
    mentorId: z.string({ message: 'choose the mentor' }).trim().min(1, 'choose the mentor'),
    menteeId: z.string({ message: 'choose the mentee' }).trim().min(1, 'choose the mentee'),
    arrangement: z.enum(ARRANGEMENTS, { message: 'must be reverse or reciprocal' }),
  })
  .strict()
  .refine((p) => p.mentorId !== p.menteeId, {
    message: 'choose two different people',
    path: ['menteeId'],
  });
export type NewPair = z.infer<typeof newPairSchema>;

/** How long a coordinator's pause lasts: weeks, or until someone resumes it. */
export const PAUSE_WEEKS = [2, 4, 8] as const;

/** `POST /api/cohorts/{id}/pairs/{pairId}/pause` with If-Match. */
export const pausePairSchema = z
  .object({
    reason: reason(true),
    weeks: z
      .union([z.literal(2), z.literal(4), z.literal(8)], {
        message: 'must be 2, 4 or 8 weeks, or left out (until resumed)',
      })
      .optional(),
  })
  .strict();

/** `POST /api/cohorts/{id}/pairs/{pairId}/resume` with If-Match. */
export const resumePairSchema = z.object({ reason: reason(false).optional() }).strict();

/** `POST /api/cohorts/{id}/pairs/{pairId}/end` with If-Match. */
export const endPairSchema = z.object({ reason: reason(true) }).strict();

export type PausePair = z.infer<typeof pausePairSchema>;

/** What happened to a pair because of a change to one of its people, and who was told. */
export interface PairOutcome {
  pairId: string;
  /** True when the change ended the pair (it was still running). */
  ended: boolean;
  partnerId: string | null;
  partnerName: string | null;
  /** The partner got a kind message in Teams (false: the app is not installed for them yet). */
  partnerTold: boolean;
}

/** The answer to removing or moving a participant. */
export interface PersonChanged {
  participantId: string;
  displayName: string;
  /** The pair they were in, or null when they had none running. */
  pair: PairOutcome | null;
  /** What happened, in words the tab shows. */
  message: string;
}

/** The answer to pausing, resuming or ending a pair. */
export interface PairChanged {
  pairId: string;
  state: string;
  /** Whether each partner got the message in Teams. */
  told: { name: string; told: boolean }[];
  message: string;
  /** The pair row's new ETag. */
  etag: string;
}

/** The answer to making a pair. */
export interface PairMade {
  pairId: string;
  mentorId: string;
  menteeId: string;
  arrangement: Arrangement;
  message: string;
  etag: string;
}
