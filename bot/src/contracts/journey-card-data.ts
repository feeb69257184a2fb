import * as z from 'zod';
import { JOURNEY_LIMITS as L } from './journey';

/**
 * The numbers the journey cards' buttons carry (not typed: a button's `data`), each with its
 * range from the journey contract's limits. A value outside it came from no card of ours and
 * is refused with words, never used.
 */

/** A whole number a card sent, as a number or as its digits ("2"); nothing else. */
const cardWhole = (words: string, min: number, max: number) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,6}$/, words)
          .transform(Number),
      ],
      {
        message: words,
      },
    )
    .pipe(z.number().int(words).min(min, words).max(max, words));

/** `reminders.pause`: how many weeks of quiet (the check-in card offers 2). */
export const reminderPauseSchema = z.object({
  weeks: cardWhole(
    `must be a whole number of weeks from ${L.reminderPauseWeeksMin} to ${L.reminderPauseWeeksMax}`,
    L.reminderPauseWeeksMin,
    L.reminderPauseWeeksMax,
  ).default(2),
});

/** `contract.agree`: the version of the contract the card showed. */
export const contractAgreeSchema = z.object({
  contractVersion: cardWhole(
    'is not a contract version this card could have shown',
    1,
    L.contractVersionMax,
  ),
});
