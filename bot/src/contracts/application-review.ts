import * as z from 'zod';
import {
  APPLICATION_ARRANGEMENTS,
  APPLICATION_LIMITS,
  APPLICATION_ROLES,
  APPLICATION_STATUSES,
  type ApplicationArrangement,
  type ApplicationRole,
  type ApplicationStatus,
  type AvailabilitySlot,
  MANAGER_SUPPORT_STATUSES,
  type ManagerSupportStatus,
  type MeetingMode,
} from './applications';
import { REVIEW_DECISIONS, type ReviewDecision } from './decision-messages';
import { isWellFormedId } from './ids';
import { cleanText } from './text';

/**
 * Reviewing a cohort's applications, on the wire: the coordinator's list (filter, sort, search),
 * decisions one by one or in bulk (each with the ETag it was read at), training attendance, the
 * line manager's answer, the words each applicant is told per decision, and the line manager's
 * card verb. The list never carries special-category answers: they are stored apart and read
 * only by matching (application-sensitive.ts).
 */

// ---------------------------------------------------------------- decisions

export {
  DECISION_MESSAGES,
  type DecisionMessage,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from './decision-messages';

/** The application's status after each decision. */
export const DECISION_STATUS: Record<ReviewDecision, ApplicationStatus> = {
  accept: 'accepted',
  waitlist: 'waitlisted',
  decline: 'declined',
};

/*
 * What the applicant is told for each decision is a per-cohort template in the application
 * settings (`decisionMessages`; decision-messages.ts holds the placeholders, limits and the kind
 * defaults).
 */

const A = APPLICATION_LIMITS;

/** An ETag as the list handed it out (the application's version when it was read). */
const etagField = () =>
  z
    .string({ message: 'send the etag of the application as you read it' })
    .trim()
    .min(1, 'is required');

const reasonField = () =>
  cleanText(
    z
      .string({ message: 'must be text' })
      .trim()
      .max(A.decisionReasonMax, `must be at most ${A.decisionReasonMax} characters`),
    { multiLine: true },
  ).optional();

const decisionShape = {
  decision: z.enum(REVIEW_DECISIONS, { message: 'must be accept, waitlist or decline' }),
  reason: reasonField(),
  etag: etagField(),
};

const reasonToDecline = {
  check: (d: { decision: ReviewDecision; reason?: string }) =>
    d.decision !== 'decline' || (d.reason ?? '') !== '',
  message: { message: 'is required to decline: say why, kindly', path: ['reason'] },
};

/** `POST /api/cohorts/{cohortId}/applications/{applicationId}/decision`. */
export const decisionSchema = z
  .object(decisionShape)
  .strict()
  .refine(reasonToDecline.check, reasonToDecline.message);
export type DecisionInput = z.infer<typeof decisionSchema>;

export const BULK_DECISION_MAX = 200;

const applicationIdField = () =>
  z.string({ message: 'is required' }).refine(isWellFormedId, 'is not an application id');

/** `POST /api/cohorts/{cohortId}/applications/decisions`: each item decided on its own. */
export const bulkDecisionSchema = z
  .object({
    items: z
      .array(
        z
          .object({ applicationId: applicationIdField(), ...decisionShape })
          .strict()
          .refine(reasonToDecline.check, reasonToDecline.message),
        { message: 'list the decisions' },
      )
      .min(1, 'list at least one decision')
      .max(BULK_DECISION_MAX, `decide at most ${BULK_DECISION_MAX} at once`)
      .refine(
        (items) => new Set(items.map((i) => i.applicationId)).size === items.length,
        'each application at most once',
      ),
  })
  .strict();
export type BulkDecisionInput = z.infer<typeof bulkDecisionSchema>;

/** One item's own result in a bulk decision: nothing is silently lost. */
export type BulkDecisionResult =
  | { applicationId: string; ok: true; status: ApplicationStatus; etag: string }
  | {
      applicationId: string;
      ok: false;
      /** `conflict` (someone changed it since you read it), `not_found`, `invalid`… */
      code: string;
      message: string;
    };

export interface BulkDecisionAnswer {
  results: BulkDecisionResult[];
  decided: number;
  refused: number;
}

// ---------------------------------------------------------------- attendance

/** The version of one attendance as the list handed it out (`attendance[].etag`), or null. */
const attendanceEtagField = () =>
  z
    .string({ message: 'send the etag of the attendance as you read it, or null if none' })
    .trim()
    .min(1, 'send the etag of the attendance as you read it, or null if none')
    .nullable();

/**
 * `PUT /api/cohorts/{cohortId}/applications/{applicationId}/attendance`: with the version of
 * that attendance as the list handed it out, or null when none was recorded then. A record
 * someone else made or changed meanwhile is refused (412, with the latest), never overwritten.
 */
export const attendanceSchema = z
  .object({
    eventId: z.string({ message: 'is required' }).refine(isWellFormedId, 'is not an event id'),
    attended: z.boolean({ message: 'must be true or false' }),
    etag: attendanceEtagField(),
  })
  .strict();
export type AttendanceInput = z.infer<typeof attendanceSchema>;

/** What a single attendance write answers: the record and its new version. */
export interface AttendanceAnswer {
  applicationId: string;
  eventId: string;
  attended: boolean;
  etag: string;
}

export const BULK_ATTENDANCE_MAX = 200;

/**
 * `POST /api/cohorts/{cohortId}/applications/attendance`: attended (or not) one event, for many
 * applicants at once. Each item names the version of that person's attendance at the event as
 * the list handed it out (`attendance[].etag`), or null when none was recorded then: a record
 * someone else made or changed meanwhile is refused for that person, never overwritten.
 */
export const bulkAttendanceSchema = z
  .object({
    eventId: z.string({ message: 'is required' }).refine(isWellFormedId, 'is not an event id'),
    attended: z.boolean({ message: 'must be true or false' }),
    items: z
      .array(
        z.object({ applicationId: applicationIdField(), etag: attendanceEtagField() }).strict(),
        { message: 'list the applicants' },
      )
      .min(1, 'choose at least one applicant')
      .max(BULK_ATTENDANCE_MAX, `record at most ${BULK_ATTENDANCE_MAX} at once`)
      .refine(
        (items) => new Set(items.map((i) => i.applicationId)).size === items.length,
        'each applicant at most once',
      ),
  })
  .strict();
export type BulkAttendanceInput = z.infer<typeof bulkAttendanceSchema>;

/** One applicant's own result in a bulk attendance: nothing is silently lost. */
export type BulkAttendanceResult =
  | { applicationId: string; ok: true; attended: boolean; etag: string }
  | {
      applicationId: string;
      ok: false;
      /** `conflict` (someone recorded it since you read it), `not_found`. */
      code: string;
      message: string;
    };

export interface BulkAttendanceAnswer {
  eventId: string;
  attended: boolean;
  results: BulkAttendanceResult[];
  recorded: number;
  refused: number;
}

/** A recorded attendance of one applicant at one training event, with its version. */
export interface AttendanceView {
  eventId: string;
  attended: boolean;
  recordedAt: string;
  /** Send back with an attendance (one or in bulk) for this person and event. */
  etag: string;
}

/** The event types whose attendance is recorded (and may be required before matching). */
export const TRAINING_EVENT_TYPES = ['induction', 'mentor_training'] as const;
export type TrainingEventType = (typeof TRAINING_EVENT_TYPES)[number];

// ---------------------------------------------------------------- line manager

export const MANAGER_NOTE_MAX = 500;

/** `POST /api/cohorts/{cohortId}/applications/{applicationId}/manager-answer` (coordinator). */
export const managerAnswerSchema = z
  .object({
    released: z.boolean({ message: 'must be true or false' }),
    note: cleanText(
      z
        .string({ message: 'must be text' })
        .trim()
        .max(MANAGER_NOTE_MAX, `must be at most ${MANAGER_NOTE_MAX} characters`),
      { multiLine: true },
    ).optional(),
  })
  .strict();
export type ManagerAnswerInput = z.infer<typeof managerAnswerSchema>;

/** The line manager's card verb: `{ cohortId, applicationId, released: 'yes' | 'no' }`. */
export const APPLICATION_REVIEW_VERBS = ['application.manager_answer'] as const;
export type ApplicationReviewVerb = (typeof APPLICATION_REVIEW_VERBS)[number];

// ---------------------------------------------------------------- the list

export const REVIEW_SORTS = ['submitted', 'name', 'organisation', 'band', 'status'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export const TRAINING_FILTERS = ['complete', 'incomplete'] as const;
export type TrainingFilter = (typeof TRAINING_FILTERS)[number];

/** The query of `GET /api/cohorts/{cohortId}/applications` (every part optional). */
export const reviewQuerySchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES, { message: 'is not an application status' }).optional(),
    role: z.enum(APPLICATION_ROLES, { message: 'must be mentor, mentee or either' }).optional(),
    arrangement: z
      .enum(APPLICATION_ARRANGEMENTS, { message: 'must be reverse, reciprocal or either' })
      .optional(),
    managerSupport: z
      .enum(MANAGER_SUPPORT_STATUSES, { message: 'is not a line-manager answer' })
      .optional(),
    training: z.enum(TRAINING_FILTERS, { message: 'must be complete or incomplete' }).optional(),
    q: z.string().trim().max(A.textMax, `must be at most ${A.textMax} characters`).optional(),
    sort: z.enum(REVIEW_SORTS, { message: `must be one of ${REVIEW_SORTS.join(', ')}` }).optional(),
    order: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }).optional(),
  })
  .strict();
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** Training as the coordinator sees it for one applicant. */
export interface TrainingView {
  /** The cohort requires training before matching. */
  required: boolean;
  /** Event ids whose attendance was recorded as attended. */
  attended: string[];
  /** The kinds still missing, in words ("Programme induction"); empty once complete. */
  missing: string[];
  complete: boolean;
}

/**
 * The line manager's answer once given: released or not, who gave it (the manager on their card
 * in Teams, or a coordinator on their behalf) and when. The coordinator's note is for the
 * programme team only (the list is theirs).
 */
export interface ManagerAnswerView {
  released: boolean;
  answeredBy: 'manager' | 'coordinator';
  /** The coordinator who recorded it; null when the manager answered in Teams (or not kept). */
  recordedByName: string | null;
  answeredAt: string;
  note: string | null;
}

/**
 * One application in the coordinator's list: what the person applied with, never their
 * special-category answers (those are not even read to build this).
 */
export interface ApplicationReviewItem {
  applicationId: string;
  displayName: string;
  email: string;
  status: ApplicationStatus;
  statusWords: string;
  submittedAt: string | null;
  role: ApplicationRole;
  arrangement: ApplicationArrangement;
  band: string;
  organisation: string;
  directorate: string;
  lineManagerName: string;
  perspectivesShared: string[];
  perspectivesWanted: string[];
  meetingMode: MeetingMode;
  location: string | null;
  availability: AvailabilitySlot[];
  notes: string | null;
  managerSupport: ManagerSupportStatus;
  managerSupportWords: string;
  /** Released yes or no, by whom and when; null while nobody has answered. */
  managerAnswer: ManagerAnswerView | null;
  decisionReason: string | null;
  decidedAt: string | null;
  training: TrainingView;
  /** Each attendance recorded at the cohort's training events (attended or not). */
  attendance: AttendanceView[];
  /** Accepted, and trained when the cohort requires it. */
  readyForMatching: boolean;
  /** Send back with a decision (the application's version as read). */
  etag: string;
}

/** An induction or mentor-training event of the cohort, for recording attendance. */
export interface TrainingEventView {
  eventId: string;
  type: TrainingEventType;
  title: string;
  startsAt: string;
}

export interface ApplicationReviewList {
  cohortId: string;
  applications: ApplicationReviewItem[];
  /** How many applications the cohort has in each status (before filtering). */
  counts: Partial<Record<ApplicationStatus, number>>;
  requireTraining: boolean;
  trainingEvents: TrainingEventView[];
}
