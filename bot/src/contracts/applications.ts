import * as z from 'zod';
import type { ApplicationWindowView } from './application-settings';
import type { MySensitiveAnswers } from './application-sensitive';
import { cleanText } from './text';

/**
 * Applying to a cohort, on the wire: the form (built for the cohort's ladder and perspectives),
 * its draft (every field optional, saved between steps), the consent in plain words, and the
 * application's status, decision and line-manager support enums. The tab's form, the chat card
 * and the bot's routes all check with these. Settings: application-settings.ts; special-category
 * answers (asked apart): application-sensitive.ts.
 */

export * from './application-settings';
export * from './application-sensitive';

// ---------------------------------------------------------------- enums

export const APPLICATION_ROLES = ['mentor', 'mentee', 'either'] as const;
export type ApplicationRole = (typeof APPLICATION_ROLES)[number];

export const APPLICATION_ARRANGEMENTS = ['reverse', 'reciprocal', 'either'] as const;
export type ApplicationArrangement = (typeof APPLICATION_ARRANGEMENTS)[number];

export const MEETING_MODES = ['online', 'in-person', 'either'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

/** Weekday mornings and afternoons, the slots availability is given in. */
export const AVAILABILITY_SLOTS = [
  'mon-am',
  'mon-pm',
  'tue-am',
  'tue-pm',
  'wed-am',
  'wed-pm',
  'thu-am',
  'thu-pm',
  'fri-am',
  'fri-pm',
] as const;
export type AvailabilitySlot = (typeof AVAILABILITY_SLOTS)[number];

const DAY_WORDS = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
};
export const AVAILABILITY_SLOT_WORDS = Object.fromEntries(
  AVAILABILITY_SLOTS.map((slot) => {
    const [day, half] = slot.split('-') as [keyof typeof DAY_WORDS, 'am' | 'pm'];
    return [slot, `${DAY_WORDS[day]} ${half === 'am' ? 'morning' : 'afternoon'}`];
  }),
) as Record<AvailabilitySlot, string>;

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'waitlisted',
  'declined',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_WORDS: Record<ApplicationStatus, string> = {
  draft: 'Draft, not sent yet',
  submitted: 'Sent, waiting for the programme team',
  accepted: 'Accepted',
  waitlisted: 'On the waiting list',
  declined: 'Not offered a place this time',
  withdrawn: 'Withdrawn',
};

/** What a published matching run did with an accepted applicant (their status stays accepted). */
export const MATCH_OUTCOMES = ['matched', 'waitlisted'] as const;
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];

/** The applicant's own status words once matching has been published. */
export const MATCH_OUTCOME_WORDS: Record<MatchOutcome, string> = {
  matched: 'Accepted and matched: your introduction comes in Teams',
  waitlisted: 'Accepted, on the waiting list for a partner',
};

/** Whether the line manager can release the applicant for the meetings and sessions. */
export const MANAGER_SUPPORT_STATUSES = [
  'not-asked',
  'asked',
  'released',
  'not-released',
  'recorded-by-coordinator',
] as const;
export type ManagerSupportStatus = (typeof MANAGER_SUPPORT_STATUSES)[number];

export const MANAGER_SUPPORT_WORDS: Record<ManagerSupportStatus, string> = {
  'not-asked': 'Line manager not asked yet',
  asked: 'Waiting for the line manager',
  released: 'Line manager can release them',
  'not-released': 'Line manager cannot release them',
  'recorded-by-coordinator': 'Recorded by the programme team',
};

// ---------------------------------------------------------------- limits and consent

export const APPLICATION_LIMITS = {
  textMax: 120,
  emailMax: 254,
  notesMax: 1000,
  decisionReasonMax: 500,
} as const;

/** The consent in plain words; `version` is stored with each submitted application. */
export const APPLICATION_CONSENT = {
  version: '2026-12-1',
  sections: [
    {
      heading: 'What we use for matching',
      text: 'Your role, arrangement, band, organisation, directorate, line manager, the perspectives you chose, how and where you can meet and when you are free. We use them only to find you a partner and to keep you out of your own reporting line.',
    },
    {
      heading: 'Who sees what',
      text: 'The programme team sees your application. Your line manager is asked only whether you can be released for the meetings and sessions, and sees nothing else. Your partner sees your name, role and organisation, never the rest of this form.',
    },
    {
      heading: 'For how long',
      text: 'We keep your application for the cohort and twelve months after it ends, to run and evaluate the programme, then delete it.',
    },
    {
      heading: 'How to withdraw',
      text: 'You can withdraw your application at any time from this page or by telling the programme team. You do not need to give a reason.',
    },
  ],
  agreement: 'I have read how my answers are used and I agree to take part on these terms.',
} as const;

// ---------------------------------------------------------------- the form

/** What the form depends on: the cohort's ladder and perspectives list. */
export interface ApplicationFormOptions {
  ladder: readonly string[];
  perspectives: readonly string[];
}

const A = APPLICATION_LIMITS;

const text = (max: number, required = 'is required') =>
  cleanText(
    z
      .string({ message: required })
      .trim()
      .min(1, required)
      .max(max, `must be at most ${max} characters`),
  );

const email = () =>
  z
    .string({ message: 'is required (an email address)' })
    .trim()
    .max(A.emailMax, `must be at most ${A.emailMax} characters`)
    .pipe(z.email({ message: 'must be an email address like name@nhs.net' }))
    .transform((e) => e.toLowerCase());

const oneOf = <T extends string>(list: readonly T[], what: string) =>
  z.enum(list as unknown as [T, ...T[]], { message: `must be ${what}` });

function fields(options: ApplicationFormOptions) {
  const perspectives = (what: string) =>
    z
      .array(
        z.enum(options.perspectives as [string, ...string[]], { message: 'is not on the list' }),
        {
          message: `choose the perspectives ${what}`,
        },
      )
      .max(options.perspectives.length, 'choose only from the list, each once')
      .transform((list) => options.perspectives.filter((p) => list.includes(p)));
  return {
    role: oneOf(APPLICATION_ROLES, 'mentor, mentee or either'),
    arrangement: oneOf(APPLICATION_ARRANGEMENTS, 'reverse, reciprocal or either'),
    band: z.enum(options.ladder as [string, ...string[]], {
      message: `must be one of the cohort's bands: ${options.ladder.join(', ')}`,
    }),
    organisation: text(A.textMax),
    directorate: text(A.textMax),
    lineManager: z
      .object({ name: text(A.textMax), email: email() }, { message: 'give your line manager' })
      .strict(),
    perspectivesShared: perspectives('you can share'),
    perspectivesWanted: perspectives('you want to learn'),
    meetingMode: oneOf(MEETING_MODES, 'online, in-person or either'),
    location: text(A.textMax).optional(),
    availability: z
      .array(oneOf(AVAILABILITY_SLOTS, 'a weekday morning or afternoon, like mon-am'), {
        message: 'choose when you are free',
      })
      .min(1, 'choose at least one morning or afternoon')
      .max(AVAILABILITY_SLOTS.length)
      .transform((list) => AVAILABILITY_SLOTS.filter((s) => list.includes(s))),
    notes: cleanText(
      z
        .string({ message: 'must be text' })
        .trim()
        .max(A.notesMax, `must be at most ${A.notesMax} characters`),
      { multiLine: true },
    ).optional(),
  };
}

const locationWhenInPerson = {
  check: (a: { meetingMode?: MeetingMode; location?: string }) =>
    a.meetingMode !== 'in-person' || (a.location ?? '') !== '',
  message: {
    message: 'is required when you meet in person',
    path: ['location'],
    // Checked even when other fields are wrong, so every problem shows at once.
    when: (payload: { value: unknown }) =>
      typeof payload.value === 'object' && payload.value !== null,
  },
};

/** The whole application, as submitted: every field checked, consent given. */
export function applicationFormSchema(options: ApplicationFormOptions) {
  return z
    .object({
      ...fields(options),
      consent: z.literal(true, { message: 'tick to agree to how your answers are used' }),
    })
    .strict()
    .refine(locationWhenInPerson.check, locationWhenInPerson.message);
}
export type ApplicationForm = z.infer<ReturnType<typeof applicationFormSchema>>;

/** A draft: the same fields, each optional (each checked when given), saved between steps. */
export function applicationDraftSchema(options: ApplicationFormOptions) {
  const f = fields(options);
  return z
    .object({
      ...f,
      lineManager: z
        .object({ name: f.lineManager.shape.name.optional(), email: email().optional() })
        .strict()
        .optional(),
      consent: z.boolean({ message: 'must be true or false' }).optional(),
    })
    .partial()
    .strict();
}
export type ApplicationDraft = z.infer<ReturnType<typeof applicationDraftSchema>>;

/** `POST .../applications/mine/withdraw`: a reason is optional and never required. */
export const withdrawApplicationSchema = z
  .object({
    reason: cleanText(
      z
        .string()
        .trim()
        .max(A.decisionReasonMax, `must be at most ${A.decisionReasonMax} characters`),
      { multiLine: true },
    ).optional(),
  })
  .strict();

// ---------------------------------------------------------------- responses

/** `GET /api/cohorts/{cohortId}/applications/mine`: the caller's own application. */
export interface MyApplication {
  cohortId: string;
  cohortName: string;
  status: ApplicationStatus;
  statusWords: string;
  /** Once matching is published, for an accepted applicant. */
  matchOutcome?: MatchOutcome;
  /** The answers so far (a draft) or as submitted. */
  answers: ApplicationDraft;
  /** Send as If-Match to save the draft again; absent before the first save. */
  etag?: string;
  submittedAt?: string;
  updatedAt?: string;
  window?: ApplicationWindowView;
  /** The ladder and perspectives the form offers. */
  form: ApplicationFormOptions;
  /** The caller's own special-category answers (only ever shown to them). */
  sensitive: MySensitiveAnswers;
  /** The caller asked to hear about the next cohort. */
  nextCohortInterest: boolean;
}

/** One cohort open for applications now (`GET /api/applications/open`). */
export interface OpenCohort {
  cohortId: string;
  cohortName: string;
  window: ApplicationWindowView;
  /** The caller's application status in it, when they have one. */
  myStatus?: ApplicationStatus;
}

export interface OpenApplications {
  cohorts: OpenCohort[];
}

/** `POST/DELETE /api/cohorts/{cohortId}/next-cohort-interest`. */
export interface NextCohortInterest {
  cohortId: string;
  interested: boolean;
}
