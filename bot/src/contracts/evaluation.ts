import * as z from 'zod';
import { cleanText } from './text';

/**
 * Evaluation on the wire: a cohort's evaluation plan (baseline, mid-point pulse, final), its
 * items and scales, the answers a person gives, and every limit and enum of them. The bot's
 * domain (features/evaluation), its later cards and routes, and the tab's forms all read these.
 * The results' wire shapes are in `evaluation-results.ts`.
 */

// ---------------------------------------------------------------- limits

export const EVALUATION_LIMITS = {
  /** Items in one survey (baseline, pulse or final), for both audiences together. */
  itemsPerSurvey: 40,
  /** An item's wording. */
  itemText: 300,
  /** A scale end's label ("Not at all confident"). */
  scaleLabel: 60,
  /** The lowest and highest point any scale may use. */
  scaleFloor: 0,
  scaleCeiling: 10,
  /** A free-text answer. */
  answerText: 4000,
  /** An item id: short, lower-case, dots and dashes ("conf.feedback.mentor"). */
  itemIdLength: 60,
  /** How long a survey stays open once sent, in days. */
  surveyOpenDaysMin: 3,
  surveyOpenDaysMax: 60,
  /** A plan is edited a handful of times; a version above this came from no form of ours. */
  planVersionMax: 1000,
  /** Smallest number of people any published figure may cover: the default… */
  minGroupSizeDefault: 5,
  /** …never below three, whoever configures it… */
  minGroupSizeFloor: 3,
  /** …and no higher than this (a higher floor would hide every cohort we serve). */
  minGroupSizeCeiling: 50,
} as const;

const L = EVALUATION_LIMITS;

// ---------------------------------------------------------------- enums

/** The three moments of a cohort's evaluation plan, in the order they are sent. */
export const SURVEY_KINDS = ['baseline', 'pulse', 'final'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Who is asked an item. */
export const ITEM_AUDIENCES = ['mentor', 'mentee', 'both'] as const;
export type ItemAudience = (typeof ITEM_AUDIENCES)[number];

/** The two sides of a pair an answer comes from. */
export const RESPONDENT_ROLES = ['mentor', 'mentee'] as const;
export type RespondentRole = (typeof RESPONDENT_ROLES)[number];

/** The seven confidence domains the default plan scores (seven items of 1–5: a total of 35). */
export const CONFIDENCE_DOMAINS = [
  'feedback',
  'speaking_up',
  'other_perspectives',
  'inclusive_practice',
  'decision_making',
  'relationships_across_grades',
  'own_development',
] as const;
export type ConfidenceDomain = (typeof CONFIDENCE_DOMAINS)[number];

/** A person's answers to one survey: saved part way (`partial`), or sent (`submitted`). */
export const RESPONSE_STATES = ['partial', 'submitted'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

// ---------------------------------------------------------------- the plan

const ITEM_ID = /^[a-z0-9][a-z0-9._-]*$/;

const itemId = z
  .string({ message: 'is required' })
  .min(1, 'is required')
  .max(L.itemIdLength, `must be at most ${L.itemIdLength} characters`)
  .regex(ITEM_ID, 'must use lower-case letters, digits, dots, dashes or underscores');

const oneLine = (max: number) =>
  cleanText(
    z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(max, `must be at most ${max} characters`),
  );

const scalePoint = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(L.scaleFloor, `must be at least ${L.scaleFloor}`)
  .max(L.scaleCeiling, `must be at most ${L.scaleCeiling}`);

/** A rating scale: whole points from `min` to `max`, with words for both ends. */
export const scaleSchema = z
  .object({
    min: scalePoint,
    max: scalePoint,
    minLabel: oneLine(L.scaleLabel),
    maxLabel: oneLine(L.scaleLabel),
  })
  .strict()
  .refine((s) => s.max > s.min, { message: 'must be above the lowest point', path: ['max'] });

export type Scale = z.output<typeof scaleSchema>;

const scaleItemSchema = z
  .object({
    id: itemId,
    kind: z.literal('scale'),
    audience: z.enum(ITEM_AUDIENCES, { message: 'must be mentor, mentee or both' }),
    text: oneLine(L.itemText),
    scale: scaleSchema,
    /** Confidence items name their domain; a domain's score is the sum of its items. */
    domain: z
      .enum(CONFIDENCE_DOMAINS, { message: 'must be one of the confidence domains' })
      .optional(),
  })
  .strict();

const textItemSchema = z
  .object({
    id: itemId,
    kind: z.literal('text'),
    audience: z.enum(ITEM_AUDIENCES, { message: 'must be mentor, mentee or both' }),
    text: oneLine(L.itemText),
    /** The answer comes with its own "may be quoted anonymously" tick (off unless ticked). */
    asksQuoteConsent: z.boolean({ message: 'must be true or false' }),
  })
  .strict();

export const surveyItemSchema = z.discriminatedUnion('kind', [scaleItemSchema, textItemSchema], {
  message: 'kind must be scale or text',
});

export type SurveyItem = z.output<typeof surveyItemSchema>;
export type ScaleItem = z.output<typeof scaleItemSchema>;
export type TextItem = z.output<typeof textItemSchema>;

export const surveySchema = z
  .object({
    items: z
      .array(surveyItemSchema)
      .min(1, 'needs at least one item')
      .max(L.itemsPerSurvey, `must have at most ${L.itemsPerSurvey} items`),
    /** Days the survey stays open once sent; after that a late answer is refused. */
    openDays: z
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(L.surveyOpenDaysMin, `must be at least ${L.surveyOpenDaysMin} days`)
      .max(L.surveyOpenDaysMax, `must be at most ${L.surveyOpenDaysMax} days`),
  })
  .strict()
  .superRefine((survey, ctx) => {
    const seen = new Set<string>();
    survey.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: 'is used twice' });
      }
      seen.add(item.id);
    });
  });

export type Survey = z.output<typeof surveySchema>;

/**
 * Where the final fails to repeat a baseline scale item (same id, audience and scale), as
 * field problems naming the final's field; empty when it repeats them all. The final repeats
 * the baseline so that each person's two answers pair up for the pre/post comparison.
 */
export function finalRepeatProblems(
  baseline: Survey,
  final: Survey,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const finalIndex = new Map(final.items.map((item, index) => [item.id, index]));
  for (const item of baseline.items) {
    if (item.kind !== 'scale') continue;
    const index = finalIndex.get(item.id);
    const again = index === undefined ? undefined : final.items[index];
    if (index === undefined || !again) {
      problems.push({
        path: ['surveys', 'final', 'items'],
        message: `must repeat the baseline item "${item.id}" so answers pair up`,
      });
    } else if (again.kind !== 'scale') {
      problems.push({
        path: ['surveys', 'final', 'items', index, 'kind'],
        message: `must be a scale, as in the baseline item "${item.id}"`,
      });
    } else if (again.audience !== item.audience) {
      problems.push({
        path: ['surveys', 'final', 'items', index, 'audience'],
        message: `must be ${item.audience}, as in the baseline item "${item.id}"`,
      });
    } else if (again.scale.min !== item.scale.min || again.scale.max !== item.scale.max) {
      problems.push({
        path: ['surveys', 'final', 'items', index, 'scale'],
        message: `must run ${item.scale.min}–${item.scale.max}, as in the baseline item "${item.id}"`,
      });
    } else if (again.domain !== item.domain) {
      problems.push({
        path: ['surveys', 'final', 'items', index, 'domain'],
        message: `must be in the same domain as the baseline item "${item.id}"`,
      });
    }
  }
  return problems;
}

/** The smallest number of people a published figure may cover (default 5, never below 3). */
export const minGroupSizeSchema = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(L.minGroupSizeFloor, `must be at least ${L.minGroupSizeFloor}`)
  .max(L.minGroupSizeCeiling, `must be at most ${L.minGroupSizeCeiling}`);

/** A cohort's evaluation plan, as the coordinator's form sends it and the store keeps it. */
export const evaluationPlanSchema = z
  .object({
    /** Goes up by one at each saved edit; answers record the version they answered. */
    version: z
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(L.planVersionMax, `must be at most ${L.planVersionMax}`),
    surveys: z
      .object({ baseline: surveySchema, pulse: surveySchema, final: surveySchema })
      .strict(),
    minGroupSize: minGroupSizeSchema.default(L.minGroupSizeDefault),
  })
  .strict()
  .superRefine((plan, ctx) => {
    for (const problem of finalRepeatProblems(plan.surveys.baseline, plan.surveys.final)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });

export type EvaluationPlan = z.output<typeof evaluationPlanSchema>;
export type EvaluationPlanInput = z.input<typeof evaluationPlanSchema>;

// ---------------------------------------------------------------- answers

/** One answer: a scale item's point, or a text item's words with its quote tick. */
export const answerSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ itemId, kind: z.literal('scale'), value: scalePoint }).strict(),
    z
      .object({
        itemId,
        kind: z.literal('text'),
        text: cleanText(
          z.string().trim().max(L.answerText, `must be at most ${L.answerText} characters`),
          { multiLine: true },
        ),
        /** "May be quoted anonymously": only a ticked answer can ever be quoted. */
        mayQuote: z.boolean({ message: 'must be true or false' }).default(false),
      })
      .strict(),
  ],
  { message: 'kind must be scale or text' },
);

export type Answer = z.output<typeof answerSchema>;

/** A person's answers to one survey, saved part way or submitted. */
export const surveyResponseSchema = z
  .object({
    survey: z.enum(SURVEY_KINDS, { message: 'must be baseline, pulse or final' }),
    planVersion: z
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(L.planVersionMax, `must be at most ${L.planVersionMax}`),
    state: z.enum(RESPONSE_STATES, { message: 'must be partial or submitted' }),
    answers: z.array(answerSchema).max(L.itemsPerSurvey, `at most ${L.itemsPerSurvey} answers`),
  })
  .strict();

export type SurveyResponse = z.output<typeof surveyResponseSchema>;
