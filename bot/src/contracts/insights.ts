import * as z from 'zod';
import { cleanText } from './text';

/**
 * The insights board on the wire (issue 16 item 7): what a pair (an insight) or one person (a
 * testimonial) writes for the organisation, the consent each author gives, the programme team's
 * moderation and the board the cohort's sponsors read. Nothing here names a person or a pair:
 * authors appear only as broad role groups. The bot's routes and the tab's views both read it.
 */

// ---------------------------------------------------------------- limits and enums

export const INSIGHT_LIMITS = {
  title: 120,
  text: 2000,
  /** The note an author or the programme team leaves when asking for a change or returning. */
  note: 500,
} as const;

/** An insight is a pair's ("what leaders should know"); a testimonial is one person's quote. */
export const INSIGHT_KINDS = ['insight', 'testimonial'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** The themes the board groups by (the programme team chooses one when publishing). */
export const INSIGHT_THEMES = [
  'inclusive_leadership',
  'lived_experience',
  'culture_and_belonging',
  'career_and_progression',
  'decision_making',
  'wellbeing',
  'the_programme',
] as const;
export type InsightTheme = (typeof INSIGHT_THEMES)[number];

export const INSIGHT_THEME_WORDS: Record<InsightTheme, string> = {
  inclusive_leadership: 'Inclusive leadership',
  lived_experience: 'Lived experience',
  culture_and_belonging: 'Culture and belonging',
  career_and_progression: 'Careers and progression',
  decision_making: 'How decisions are made',
  wellbeing: 'Wellbeing',
  the_programme: 'About the programme',
};

/**
 * Where an insight is:
 * - `draft`: its authors are writing it; it goes nowhere until every author agrees to this text;
 * - `in_moderation`: every author agreed; it waits in the programme team's queue;
 * - `awaiting_authors`: the programme team edited it for anonymity; every author must approve
 *   the edited text before it can be published;
 * - `returned`: the programme team sent it back with a note; the authors may edit and agree again;
 * - `published`: on the board.
 */
export const INSIGHT_STATES = [
  'draft',
  'in_moderation',
  'awaiting_authors',
  'returned',
  'published',
] as const;
export type InsightState = (typeof INSIGHT_STATES)[number];

export const INSIGHT_STATE_WORDS: Record<InsightState, string> = {
  draft: 'Draft: waiting for every author to agree',
  in_moderation: 'With the programme team',
  awaiting_authors: 'Edited by the programme team: waiting for the authors’ approval',
  returned: 'Returned by the programme team',
  published: 'On the board',
};

/** The broad groups authors are shown as: from their role in the pair, nothing else. */
export const AUTHOR_GROUPS = ['junior_colleague', 'senior_leader'] as const;
export type AuthorGroup = (typeof AUTHOR_GROUPS)[number];

export const AUTHOR_GROUP_WORDS: Record<AuthorGroup, string> = {
  junior_colleague: 'a mentor (junior colleague)',
  senior_leader: 'a senior leader',
};

/** "a mentor (junior colleague) and a senior leader", for the board. */
export function authorGroupsText(groups: readonly AuthorGroup[]): string {
  return groups.map((g) => AUTHOR_GROUP_WORDS[g]).join(' and ');
}

// ---------------------------------------------------------------- request bodies

const title = cleanText(
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(INSIGHT_LIMITS.title, `must be at most ${INSIGHT_LIMITS.title} characters`),
);
const text = cleanText(
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(INSIGHT_LIMITS.text, `must be at most ${INSIGHT_LIMITS.text} characters`),
  { multiLine: true },
);
const note = cleanText(
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(INSIGHT_LIMITS.note, `must be at most ${INSIGHT_LIMITS.note} characters`),
  { multiLine: true },
);
const theme = z.enum(INSIGHT_THEMES, { message: 'choose one of the themes' });

/** `POST /api/me/insights`: a new insight (for the caller's pair) or testimonial (their own). */
export const newInsightSchema = z
  .object({
    cohortId: z.string().trim().min(1, 'is required'),
    kind: z.enum(INSIGHT_KINDS, { message: 'must be insight or testimonial' }),
    title,
    text,
    themeSuggestion: theme.optional(),
    /** A testimonial needs the author's explicit consent to be quoted anonymously. */
    consentToQuote: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.kind !== 'testimonial' || b.consentToQuote === true, {
    message: 'tick to agree to be quoted anonymously',
    path: ['consentToQuote'],
  });
export type NewInsight = z.infer<typeof newInsightSchema>;

/** `PUT /api/me/insights/{cohortId}/{id}` (an author) and the programme team's edit. */
export const insightTextSchema = z
  .object({ title, text, themeSuggestion: theme.optional() })
  .strict();
export type InsightText = z.infer<typeof insightTextSchema>;

/** `POST /api/me/insights/{cohortId}/{id}/consent`: agree to the text as it is, or ask for a change. */
export const insightConsentSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('agree') }).strict(),
    z.object({ decision: z.literal('change'), note }).strict(),
  ],
  { message: 'must be agree or change' },
);
export type InsightConsent = z.infer<typeof insightConsentSchema>;

/** `POST /api/cohorts/{id}/insights/{id}/publish`. */
export const publishInsightSchema = z.object({ theme }).strict();
/** `POST /api/cohorts/{id}/insights/{id}/return`. */
export const returnInsightSchema = z.object({ note }).strict();

// ---------------------------------------------------------------- responses

/** What an insight shows to its authors and the programme team: never a name or a pair id. */
export interface InsightView {
  id: string;
  cohortId: string;
  kind: InsightKind;
  state: InsightState;
  title: string;
  text: string;
  themeSuggestion: InsightTheme | null;
  theme: InsightTheme | null;
  authorGroups: AuthorGroup[];
  /** "a mentor (junior colleague) and a senior leader". */
  authorsText: string;
  /** How many authors have agreed to the text as it stands, of how many. */
  agreed: number;
  authors: number;
  /** The programme team's note when it returned the insight. */
  returnNote: string | null;
  /** An author's note when they asked for a change. */
  changeNote: string | null;
  /** ISO date-times. */
  updatedAt: string;
  publishedAt: string | null;
  /** The strong ETag to send as If-Match with the next change. */
  etag: string;
}

/** One of the caller's own insights: whether they have agreed, and whether it is their turn. */
export interface MyInsightView extends InsightView {
  iAgreed: boolean;
}

export interface MyInsights {
  insights: MyInsightView[];
}

export interface InsightQueue {
  insights: InsightView[];
}

/** One published insight on the board. */
export interface BoardInsight {
  id: string;
  kind: InsightKind;
  title: string;
  text: string;
  authorsText: string;
  publishedAt: string;
}

export interface InsightBoard {
  cohortId: string;
  themes: { theme: InsightTheme; themeText: string; insights: BoardInsight[] }[];
}
