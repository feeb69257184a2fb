import * as z from 'zod';
import { SENSITIVE_CATEGORIES, type SensitiveCategory } from './application-sensitive';
import {
  CONFIDENCE_DOMAINS,
  RESPONDENT_ROLES,
  SURVEY_KINDS,
  type ConfidenceDomain,
  type RespondentRole,
  type SurveyKind,
} from './evaluation';
import {
  CHOICE_COLUMNS,
  EARLY_END_GROUPS,
  MEETING_BANDS,
  SESSION_EVENT_TYPES,
  type ParticipationResults,
} from './evaluation-participation';

/**
 * Evaluation results on the wire: only aggregates, each either shown or suppressed. A suppressed
 * figure carries nothing (not even how many people it covers), so the tab, the sponsor's report
 * and any export cannot leak what the domain hid. Built by `features/evaluation/domain`.
 */

/** A figure covering enough people to show, or hidden because it covers too few. */
export type Figure<T> = ({ shown: true } & T) | { shown: false };

/** How the p-value was found (see docs/evaluation.md). */
export const P_VALUE_METHODS = [
  'exact',
  'exact_conditional',
  'normal_approximation',
  'none',
] as const;
export type PValueMethodName = (typeof P_VALUE_METHODS)[number];

/** Paired pre/post change over the people who answered both the baseline and the final. */
export interface PairedChangeFigures {
  /** People who answered both times. */
  n: number;
  medianBefore: number;
  medianAfter: number;
  /** Median of each person's final − baseline. */
  medianDifference: number;
  /** Wilcoxon signed-rank V (sum of the ranks of the rises); null when nobody changed. */
  statistic: number | null;
  /** Two-sided p-value; null when nobody changed. */
  pValue: number | null;
  method: PValueMethodName;
  /** Matched-pairs rank-biserial correlation, −1…+1. */
  rankBiserial: number;
}

/** Whose answers a result covers. */
export type ResultGroup = RespondentRole | 'all';

export interface ItemResult {
  itemId: string;
  group: ResultGroup;
  change: Figure<PairedChangeFigures>;
}

export interface DomainResult {
  /** A confidence domain (the sum of its items) or `total` (all seven: out of 35 by default). */
  domain: ConfidenceDomain | 'total';
  group: ResultGroup;
  change: Figure<PairedChangeFigures>;
}

export interface ResponseRate {
  survey: SurveyKind;
  group: ResultGroup;
  figure: Figure<{ invited: number; responded: number; rate: number }>;
}

/** A count table after suppression: cells, then each row's total; the last row the totals. */
export interface PublishedTable {
  rows: string[];
  columns: string[];
  /** (rows + 1) × (columns + 1): the last column is row totals, the last row column totals. */
  cells: Figure<{ count: number }>[][];
}

/** A breakdown by special-category data: whole, or withheld whole. */
export type PublishedBreakdown = ({ withheld: false } & PublishedTable) | { withheld: true };

/** The columns of an equality breakdown: the cohort's pairs by where they are. */
export const BREAKDOWN_COLUMNS = ['completed', 'ended_early', 'ongoing'] as const;
export type BreakdownColumn = (typeof BREAKDOWN_COLUMNS)[number];

/**
 * The row of those whose answer is not shown: "prefer not to say", no answer, or an answer
 * given without consent to use it in aggregates (one row, so none of them can be told apart).
 */
export const BREAKDOWN_NOT_SHARED = 'not-shared';

/** Special-category aggregates never cover fewer than five people, whatever the plan says. */
export const BREAKDOWN_FLOOR = 5;

/** One special category: the pairs by the mentor's answer (rows) and where the pair is. */
export interface CategoryBreakdown {
  category: SensitiveCategory;
  table: PublishedBreakdown;
}

/** Equality monitoring: a breakdown per special category that mentors answered with consent. */
export interface EqualityBreakdowns {
  /** The plan's group size, raised to `BREAKDOWN_FLOOR`: every shown cell covers at least it. */
  minGroupSize: number;
  categories: CategoryBreakdown[];
}

export interface EvaluationResults {
  planVersion: number;
  minGroupSize: number;
  responseRates: ResponseRate[];
  items: ItemResult[];
  domains: DomainResult[];
  /**
   * The participation measures (meetings, sessions, early endings, the end choice, actions);
   * null where the service was not given the journey's and calendar's facts.
   */
  participation: ParticipationResults | null;
  /**
   * The breakdowns by special-category data (the report only); null where the service
   * was not given the applications' counts.
   */
  breakdowns: EqualityBreakdowns | null;
  /**
   * Set when the cohort's personal rows are gone after its retention period: the ISO instant
   * the summary these figures come from was kept (the figures are frozen from then on).
   */
  retainedAt?: string;
}

// ---------------------------------------------------------------- on the wire (zod)

/** A figure as sent: `{shown: false}` carries nothing else (strict), a shown one its numbers. */
function figureSchema<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('shown', [
    z.object({ shown: z.literal(true), ...shape }).strict(),
    z.object({ shown: z.literal(false) }).strict(),
  ]);
}

const group = z.enum([...RESPONDENT_ROLES, 'all']);
const changeSchema = figureSchema({
  n: z.number().int().nonnegative(),
  medianBefore: z.number(),
  medianAfter: z.number(),
  medianDifference: z.number(),
  statistic: z.number().nullable(),
  pValue: z.number().min(0).max(1).nullable(),
  method: z.enum(P_VALUE_METHODS),
  rankBiserial: z.number().min(-1).max(1),
});

const cellSchema = figureSchema({ count: z.number().int().nonnegative() });

/** A published count table: labels, then (rows + 1) × (columns + 1) cells with the totals. */
const publishedTableSchema = z
  .object({
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    cells: z.array(z.array(cellSchema)),
  })
  .strict()
  .refine(
    (t) =>
      t.cells.length === t.rows.length + 1 &&
      t.cells.every((row) => row.length === t.columns.length + 1),
    { message: 'a published table has a row and a column of totals' },
  );

const participationSchema = z
  .object({
    minGroupSize: z.number().int(),
    meetings: z
      .object({
        plannedPerPair: z.number().int().nonnegative(),
        minimumPerPair: z.number().int().nonnegative(),
        pairsByBand: publishedTableSchema,
        total: figureSchema({
          pairs: z.number().int().nonnegative(),
          planned: z.number().int().nonnegative(),
          held: z.number().int().nonnegative(),
        }),
      })
      .strict(),
    attendance: z
      .object({
        sessions: z.array(
          z.object({ eventId: z.string(), type: z.enum(SESSION_EVENT_TYPES) }).strict(),
        ),
        table: publishedTableSchema,
      })
      .strict()
      .nullable(),
    earlyEndings: publishedTableSchema,
    continueOrFinish: publishedTableSchema,
    actions: figureSchema({
      pairs: z.number().int().nonnegative(),
      agreed: z.number().int().nonnegative(),
      completed: z.number().int().nonnegative(),
    }),
  })
  .strict();

export const breakdownsSchema = z
  .object({
    minGroupSize: z.number().int(),
    categories: z.array(
      z
        .object({
          category: z.enum(SENSITIVE_CATEGORIES),
          table: z.union([
            z.object({ withheld: z.literal(true) }).strict(),
            // Only `withheld` is added to the strict table shape.
            z
              .object({
                withheld: z.literal(false),
                rows: z.array(z.string()),
                columns: z.array(z.enum(BREAKDOWN_COLUMNS)),
                cells: z.array(z.array(cellSchema)),
              })
              .strict()
              .refine(
                (t) =>
                  t.cells.length === t.rows.length + 1 &&
                  t.cells.every((row) => row.length === t.columns.length + 1),
                { message: 'a published table has a row and a column of totals' },
              ),
          ]),
        })
        .strict(),
    ),
  })
  .strict();

/** The labels a participation table may carry (for readers that word them). */
export const PARTICIPATION_LABELS = {
  meetingBands: MEETING_BANDS,
  earlyEndGroups: EARLY_END_GROUPS,
  choiceColumns: CHOICE_COLUMNS,
} as const;

/** `GET /api/cohorts/{id}/evaluation/results`: checked by the tab and the tests. */
export const evaluationResultsSchema = z
  .object({
    planVersion: z.number().int().positive(),
    minGroupSize: z.number().int(),
    responseRates: z.array(
      z
        .object({
          survey: z.enum(SURVEY_KINDS),
          group,
          figure: figureSchema({
            invited: z.number().int().nonnegative(),
            responded: z.number().int().nonnegative(),
            rate: z.number().min(0),
          }),
        })
        .strict(),
    ),
    items: z.array(z.object({ itemId: z.string(), group, change: changeSchema }).strict()),
    domains: z.array(
      z
        .object({ domain: z.enum([...CONFIDENCE_DOMAINS, 'total']), group, change: changeSchema })
        .strict(),
    ),
    participation: participationSchema.nullable(),
    breakdowns: breakdownsSchema.nullable(),
    retainedAt: z.string().optional(),
  })
  .strict() satisfies z.ZodType<EvaluationResults>;
