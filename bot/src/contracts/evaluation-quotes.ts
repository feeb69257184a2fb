import * as z from 'zod';
import { RESPONDENT_ROLES, SURVEY_KINDS } from './evaluation';

/**
 * Quotes from the surveys' free text, for the programme team only (issue 16: "free text is
 * shown to the programme team only when the author ticked 'may be quoted anonymously', and
 * never to sponsors unless moderated"). No name, id or time leaves: a quote is its words and,
 * when that side of the survey has enough respondents, the side it came from. A survey with
 * fewer respondents than the plan's `minGroupSize` gives no quote at all (`withheld`), since
 * words from a handful of people can point to one of them. Built by
 * `features/evaluation/domain/quotes.ts`.
 */

export const quoteSchema = z
  .object({
    text: z.string(),
    /** Mentor or mentee; null when that side of the survey had too few respondents to say. */
    side: z.enum(RESPONDENT_ROLES).nullable(),
  })
  .strict();
export type Quote = z.infer<typeof quoteSchema>;

/** `GET /api/cohorts/{id}/evaluation/quotes`: checked by the tab and the tests. */
export const evaluationQuotesSchema = z
  .object({
    minGroupSize: z.number().int(),
    surveys: z.array(
      z
        .object({
          survey: z.enum(SURVEY_KINDS),
          /** True when the survey had too few respondents: no quote is given. */
          withheld: z.boolean(),
          items: z.array(
            z
              .object({
                itemId: z.string(),
                /** The question as the plan words it. */
                prompt: z.string(),
                quotes: z.array(quoteSchema),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type EvaluationQuotes = z.infer<typeof evaluationQuotesSchema>;
