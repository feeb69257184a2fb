import { AppError } from '../../../platform/errors';

/**
 * Why the journey refuses a change, as AppErrors (one vocabulary for the API and the cards).
 * Each refusal's message is the sentence a card shows; the API maps the reason to a status.
 */
export const refuse = {
  notInPair: () => AppError.coded('not_found', 'not_in_pair', 'You are not part of this pairing.'),
  /** Someone asked for a pairing they are not in (or that does not exist): the same words. */
  noSuchPair: () => AppError.notFound('You have no pairing with that id'),
  contractNotReady: () =>
    AppError.coded('conflict', 'contract_not_ready', 'The contract is not ready yet.'),
  contractBusy: () =>
    AppError.coded('conflict', 'contract_busy', 'The contract is busy just now; please try again.'),
  contractAgreed: () =>
    AppError.coded(
      'conflict',
      'contract_agreed',
      'The contract can be changed only before you both agree it.',
    ),
  /** The contract changed since the card was sent (the domain's words). */
  contractChanged: (reason: string) => AppError.coded('conflict', 'contract_changed', reason),
  notMeeting: () =>
    AppError.coded('conflict', 'pair_not_meeting', 'This pairing is not meeting just now.'),
  meetingNotInPlan: (message = 'That meeting is not in your plan.') => AppError.notFound(message),
  meetingHeld: () =>
    AppError.coded('conflict', 'meeting_held', 'That meeting has already been held.'),
  meetingNotPlanned: () =>
    AppError.coded('conflict', 'meeting_not_planned', 'That meeting is no longer coming up'),
  meetingNotHeld: () =>
    AppError.coded(
      'conflict',
      'meeting_not_held',
      'Record the meeting as held first (say "log meeting" to the bot), then reflect on it',
    ),
  /** A booking outside its meeting's window waits for the person to confirm it. */
  outsideWindow: (words: string, details: { meetingNumber?: number; countsAs?: number }) =>
    AppError.coded('conflict', 'outside_window', words, details),
  actionGone: (message = 'That action no longer exists.') => AppError.notFound(message),
  goalGone: () => AppError.notFound('That goal no longer exists'),
  /** The pair's state does not allow the change (the domain's words). */
  pairChange: (reason: string) => AppError.coded('conflict', 'pair_change_refused', reason),
};

const REFUSAL_REASONS = new Set(['conflict', 'not_found', 'invalid', 'forbidden']);

/**
 * A refusal people can read and act on (not a lost race, which is `stale`, and not an outage):
 * card handlers show its words in place of the confirmation.
 */
export function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && REFUSAL_REASONS.has(error.reason);
}
