import * as z from 'zod';
import { calendarDate } from './dates';
import { cleanText } from './text';

/**
 * The pair journey on the wire: every limit and enum of what partners write (goals, actions,
 * preparation, reflections, meetings, the contract, reviews), the tab API's request bodies and
 * the pair space as the API answers it. The bot's routes, its card parsers and cards, and the
 * tab's forms all read these; nothing here is copied elsewhere.
 */

// ---------------------------------------------------------------- limits

/** Every limit of what partners write, in characters unless named otherwise. */
export const JOURNEY_LIMITS = {
  goalText: 500,
  goalNote: 2000,
  /** An agreed action, from a card or the tab. */
  actionText: 500,
  /** What someone wants to cover at a meeting. */
  preparationTopics: 2000,
  /** Each of a reflection's texts: what I learned, what I would do differently. */
  reflectionText: 2000,
  /** Agreed actions one reflection card can carry. */
  reflectionActions: 3,
  /** Each text of the final review. */
  reviewText: 4000,
  /** Each written term of the relationship contract… */
  contractTerm: 1000,
  /** …except how often and how long the pair meets. */
  contractFrequency: 300,
  /** The optional private reason for pausing or ending a pairing. */
  changeReason: 500,
  /** A meeting that counts lasts at least this long, in minutes… */
  meetingMinutesMin: 15,
  /** …and no longer than this (8 hours). */
  meetingMinutesMax: 480,
  /** "Pause reminders": at least a week… */
  reminderPauseWeeksMin: 1,
  /** …and at most twelve. */
  reminderPauseWeeksMax: 12,
  /** A contract is edited a handful of times; a version above this came from no card of ours. */
  contractVersionMax: 1000,
} as const;

const L = JOURNEY_LIMITS;

// ---------------------------------------------------------------- enums

export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'set_aside'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const MEETING_STATUSES = ['unplanned', 'planned', 'held', 'cancelled', 'missed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** How a meeting is held. */
export const MEETING_MODES = ['online', 'in_person'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/** How the contract says the pair prefers to meet. */
export const CONTRACT_MODES = ['online', 'in_person', 'either'] as const;
export type ContractMode = (typeof CONTRACT_MODES)[number];

/** Who does an agreed action, from the writer's side. */
export const ACTION_OWNERS = ['me', 'partner'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];

/** What happened to a meeting, as its reflection card asks. */
export const REFLECTION_OUTCOMES = [
  'held',
  'rescheduled',
  'cancelled_by_me',
  'cancelled_by_partner',
] as const;
export type ReflectionOutcome = (typeof REFLECTION_OUTCOMES)[number];

/** What a pair chooses at the end of the programme. */
export const REVIEW_CHOICES = ['continue_informally', 'finish'] as const;
export type ReviewChoice = (typeof REVIEW_CHOICES)[number];

// ---------------------------------------------------------------- request bodies (tab API)

const goalStatus = z.enum(GOAL_STATUSES, {
  message: 'must be not_started, in_progress, achieved or set_aside',
});
const shortText = (max: number) =>
  cleanText(
    z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(max, `must be at most ${max} characters`),
  );
const longText = (max: number) =>
  cleanText(z.string().trim().max(max, `must be at most ${max} characters`), { multiLine: true });
/** A real calendar date (contracts/dates.ts); the service checks it falls within the programme. */
const dueDate = calendarDate();
const flag = z.boolean({ message: 'must be true or false' });

/** `POST /api/pairs/{pairId}/goals`. */
export const newGoalSchema = z
  .object({
    text: shortText(L.goalText),
    status: goalStatus.default('not_started'),
    note: longText(L.goalNote).default(''),
  })
  .strict();

/** `PUT /api/pairs/{pairId}/goals/{goalId}` (with If-Match). */
export const goalChangeSchema = z
  .object({ text: shortText(L.goalText), status: goalStatus, note: longText(L.goalNote) })
  .strict();

/** A goal as the tab's form sends it. */
export type GoalInput = z.output<typeof goalChangeSchema>;
export type NewGoal = z.output<typeof newGoalSchema>;

/** `POST /api/pairs/{pairId}/actions`. */
export const newActionSchema = z
  .object({
    text: shortText(L.actionText),
    owner: z.enum(ACTION_OWNERS, { message: 'must be me or partner' }),
    dueDate,
  })
  .strict();

export type NewAction = z.output<typeof newActionSchema>;

/** `PATCH /api/pairs/{pairId}/actions/{actionId}` (with If-Match). */
export const actionChangeSchema = z
  .object({
    done: flag.optional(),
    text: shortText(L.actionText).optional(),
    dueDate: dueDate.optional(),
  })
  .strict()
  .refine((v) => v.done !== undefined || v.text !== undefined || v.dueDate !== undefined, {
    message: 'send at least one of done, text or dueDate',
  });

export type ActionChange = z.output<typeof actionChangeSchema>;

/** `PUT /api/pairs/{pairId}/meetings/{meetingId}/preparation`. */
export const preparationBodySchema = z
  .object({
    topics: cleanText(
      z
        .string({ message: 'is required' })
        .trim()
        .min(1, 'write at least one thing you want to cover')
        .max(L.preparationTopics, `must be at most ${L.preparationTopics} characters`),
      { multiLine: true },
    ),
    share: flag.default(false),
  })
  .strict();

export type PreparationBody = z.input<typeof preparationBodySchema>;

/** `POST /api/pairs/{pairId}/meetings/{meetingId}/reflections`. */
export const reflectionBodySchema = z
  .object({
    learned: longText(L.reflectionText).default(''),
    doDifferently: longText(L.reflectionText).default(''),
    share: flag.default(false),
  })
  .strict()
  .refine((v) => v.learned !== '' || v.doDifferently !== '', {
    message: 'write what you learned or what you would do differently',
    path: ['learned'],
  });

export type ReflectionBody = z.input<typeof reflectionBodySchema>;

// ---------------------------------------------------------------- responses

/**
 * The cohort-side shapes the pair space carries, as `GET /api/me` gives them. (Kept private
 * here; the cohorts contract owns the exported ones.)
 */
type PairState = 'proposed' | 'introduced' | 'active' | 'paused' | 'completed' | 'ended_early';
type Arrangement = 'reverse' | 'reciprocal';
type PairRole = 'mentor' | 'mentee';
interface CohortSummary {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  isDemo: boolean;
  cadence: {
    frequency: 'monthly' | 'fortnightly';
    plannedMeetings: number;
    minimumMeetings: number;
    minimumMinutes: number;
  };
}
interface Partner {
  displayName: string;
  role: PairRole | 'either';
  organisation: string | null;
  jobTitle: string | null;
}

export interface PairMeeting {
  id: string;
  /** Its place in the plan; null for a meeting logged outside it. */
  number: number | null;
  status: MeetingStatus;
  /** The plan window (UTC ISO instants). */
  windowStart: string | null;
  windowEnd: string | null;
  /** UTC ISO instant. */
  plannedAt: string | null;
  plannedMinutes: number | null;
  mode: MeetingMode | null;
  heldMinutes: number | null;
}

/** A goal as the API answers it (the space's list, create and edit). */
export interface PairGoal {
  id: string;
  text: string;
  status: GoalStatus;
  note: string;
  updatedAt: string;
  etag: string;
  pairId?: string;
  createdBy?: string;
  updatedBy?: string;
  createdAt?: string;
}

export interface PairAction {
  id: string;
  text: string;
  owner: ActionOwner;
  /** yyyy-mm-dd. */
  dueDate: string;
  done: boolean;
  overdue?: boolean;
  meetingId?: string | null;
  etag: string;
}

/** What PATCH answers; text and due date may be left out when they did not change. */
export interface ActionChanged {
  id: string;
  done: boolean;
  etag: string;
  text?: string;
  dueDate?: string;
}

/** What the preparation PUT answers. */
export interface PreparationSaved {
  meetingId: string;
  topics: string;
  shared: boolean;
}

export interface PairReflection {
  id: string;
  meetingId: string | null;
  learned: string;
  doDifferently: string;
  sharedWithPartner: boolean;
  createdAt: string;
}

/** What My pair leads with: the one thing to do now. */
export const NEXT_STEP_KINDS = ['reflect', 'prepare', 'book', 'wait', 'done'] as const;
export type NextStepKind = (typeof NEXT_STEP_KINDS)[number];

/**
 * The pair's next step for this partner (features/journey/domain/next-step.ts decides it):
 * `reflect` on the latest held meeting they have not reflected on; `prepare` for the next
 * booked meeting; `book` the next meeting in the plan by the last day of its window; `wait`
 * while the pair is not meeting (not yet introduced or agreed, or paused); `done` once the plan
 * is over or the pair has ended.
 */
export interface PairNextStep {
  kind: NextStepKind;
  /** The meeting it is about (reflect, prepare, book), else null. */
  meetingId: string | null;
  /** Its place in the plan; null for a meeting logged outside it, or no meeting. */
  meetingNumber: number | null;
  /** prepare and reflect: when the meeting is or was (UTC ISO instant). */
  at: string | null;
  /** book: the last day to book it, yyyy-mm-dd in the cohort's time zone. */
  byDate: string | null;
}

/** `GET /api/pairs/{pairId}`: one partner's view of the pair's space. */
export interface PairSpace {
  pair: { id: string; state: PairState; arrangement: Arrangement; myRole: PairRole };
  cohort: CohortSummary;
  me: { participantId: string; displayName: string };
  partner: Partner;
  contract: null | {
    version: number;
    terms: unknown;
    agreedByMe: boolean;
    agreedByPartner: boolean;
  };
  progress: {
    held: number;
    planned: number;
    qualifying: number;
    minimumMet: boolean;
    summary: string;
  };
  nextStep: PairNextStep;
  meetings: PairMeeting[];
  goals: PairGoal[];
  actions: PairAction[];
  preparation: null | {
    meetingId: string;
    mine: null | { topics: string; shared: boolean };
    partner: null | { topics: string };
  };
  reflections: { mine: PairReflection[]; sharedWithMe: PairReflection[] };
}
