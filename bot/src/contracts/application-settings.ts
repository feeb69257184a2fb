import * as z from 'zod';
import { DECISION_MESSAGES, decisionMessagesSchema } from './decision-messages';
import { isWellFormedId } from './ids';
import { cleanText } from './text';

/**
 * A cohort's application settings: the window (local date-times in the cohort's time zone), the
 * seniority ladder and the smallest band gap between mentor and mentee, the perspectives people
 * may offer or seek, whether training is required before matching, and the awareness sessions
 * (calendar events of the cohort) linked to the window, and the words each applicant is told
 * when the programme team accepts, waitlists or declines them (`decisionMessages`). Pure (zod only): the tab's settings form
 * checks with the same schema.
 */

export const APPLICATION_SETTINGS_LIMITS = {
  ladderMin: 2,
  ladderMax: 30,
  bandLabelMax: 40,
  perspectivesMax: 30,
  perspectiveLabelMax: 80,
  awarenessEventsMax: 20,
  /** The band gap: one cohort rule, used by matching (and smaller than the ladder). */
  bandGapMin: 1,
  bandGapMax: 10,
} as const;

/** NHS Agenda for Change, most junior first; the index is the band's position on the ladder. */
export const DEFAULT_SENIORITY_LADDER: readonly string[] = [
  'Band 2',
  'Band 3',
  'Band 4',
  'Band 5',
  'Band 6',
  'Band 7',
  'Band 8a',
  'Band 8b',
  'Band 8c',
  'Band 8d',
  'Band 9',
  'Very senior manager',
];

/**
 * The mentor is at least this many steps below the mentee on the ladder (reverse). The cohort's
 * one band gap: matching reads it from here (the matching settings have no gap of their own).
 */
export const DEFAULT_MINIMUM_BAND_GAP = 2;

/**
 * Perspectives people may volunteer to share or ask to learn. None is special-category data
 * (UK GDPR art. 9): those are asked apart, each with its own consent (application-sensitive.ts).
 */
export const DEFAULT_PERSPECTIVES: readonly string[] = [
  'Frontline, patient-facing work',
  'Working shifts, nights or on a rota',
  'Working part-time or flexibly',
  'Caring responsibilities outside work',
  'Early career or a new starter',
  'Returning to work or changing career',
  'Corporate and support services',
  'Working in community or primary care',
  'First in the family to go to university',
];

/** A local date and time without a zone (`2027-01-15T17:00`), read in the cohort's time zone. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 2000 || year > 2100 || hour > 23 || minute > 59) return false;
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const localDateTime = () =>
  z
    .string({ message: 'is required (a date and time like 2027-01-15T17:00)' })
    .trim()
    .refine(isLocalDateTime, 'must be a real date and time written like 2027-01-15T17:00');

const L = APPLICATION_SETTINGS_LIMITS;

const label = (max: number) =>
  cleanText(
    z
      .string({ message: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`),
  );

const distinct = (list: string[]) => new Set(list.map((s) => s.toLowerCase())).size === list.length;

export const applicationSettingsSchema = z
  .object({
    opensAt: localDateTime(),
    closesAt: localDateTime(),
    ladder: z
      .array(label(L.bandLabelMax), { message: 'list the bands, most junior first' })
      .min(L.ladderMin, `list at least ${L.ladderMin} bands`)
      .max(L.ladderMax, `list at most ${L.ladderMax} bands`)
      .refine(distinct, 'the bands must all differ'),
    minimumBandGap: z
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(L.bandGapMin, `must be at least ${L.bandGapMin}`)
      .max(L.bandGapMax, `must be at most ${L.bandGapMax}`),
    perspectives: z
      .array(label(L.perspectiveLabelMax), { message: 'list the perspectives' })
      .max(L.perspectivesMax, `list at most ${L.perspectivesMax} perspectives`)
      .refine(distinct, 'the perspectives must all differ'),
    requireTraining: z.boolean({ message: 'must be true or false' }),
    awarenessEventIds: z
      .array(z.string().refine(isWellFormedId, 'is not an event id'), {
        message: 'list the awareness sessions by event id',
      })
      .max(L.awarenessEventsMax, `link at most ${L.awarenessEventsMax} sessions`)
      .transform((ids) => [...new Set(ids)]),
    /** Left out: the kind defaults (`DECISION_MESSAGES`). */
    decisionMessages: decisionMessagesSchema.default(() => structuredClone(DECISION_MESSAGES)),
  })
  .strict()
  .refine((s) => s.closesAt > s.opensAt, {
    message: 'must be after the opening date and time',
    path: ['closesAt'],
  })
  .refine((s) => s.minimumBandGap < s.ladder.length, {
    message: 'must be smaller than the number of bands on the ladder',
    path: ['minimumBandGap'],
  });

/** `PUT /api/cohorts/{cohortId}/application-settings` (If-Match once saved). */
export type ApplicationSettings = z.infer<typeof applicationSettingsSchema>;

/** Where the window stands now. */
export const WINDOW_STATES = ['not-set', 'upcoming', 'open', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export const WINDOW_STATE_WORDS: Record<WindowState, string> = {
  'not-set': 'Not set up yet',
  upcoming: 'Not open yet',
  open: 'Open for applications',
  closed: 'Closed',
};

/** The window as people read it: instants (UTC), the cohort's zone and the dates in words. */
export interface ApplicationWindowView {
  state: WindowState;
  stateWords: string;
  timeZone: string;
  /** ISO instants (UTC). */
  opensAt: string;
  closesAt: string;
  /** "Monday 4 January 2027 at 09:00 (Europe/London)". */
  opensWords: string;
  closesWords: string;
}

/** `GET /api/cohorts/{cohortId}/application-settings` (coordinators). */
export interface ApplicationSettingsDetail {
  cohortId: string;
  /** The saved settings, or the defaults (and no ETag) before the first save. */
  settings: ApplicationSettings;
  saved: boolean;
  /** Send as If-Match to change saved settings; absent before the first save. */
  etag?: string;
  window?: ApplicationWindowView;
  /** How many people asked to hear about the next cohort. */
  nextCohortInterest: number;
}

/** The settings a cohort has before its coordinator saves any (the window is theirs to set). */
export const DEFAULT_APPLICATION_SETTINGS: Omit<ApplicationSettings, 'opensAt' | 'closesAt'> = {
  ladder: [...DEFAULT_SENIORITY_LADDER],
  minimumBandGap: DEFAULT_MINIMUM_BAND_GAP,
  perspectives: [...DEFAULT_PERSPECTIVES],
  requireTraining: false,
  awarenessEventIds: [],
  decisionMessages: DECISION_MESSAGES,
};

/** Settings as stored before a field existed, with that field's default (read, never refused). */
export function withSettingsDefaults(
  stored: Omit<ApplicationSettings, 'decisionMessages'> &
    Partial<Pick<ApplicationSettings, 'decisionMessages'>>,
): ApplicationSettings {
  return { ...stored, decisionMessages: stored.decisionMessages ?? DECISION_MESSAGES };
}
