import { type ExecuteOptions, execute as anyExecute } from '../../../platform/teams/cards/card-kit';

/**
 * Every verb a journey card's `Action.Execute` can send (see docs/journey.md, "Cards and
 * actions"). The journey's verb table has exactly one handler for each (teams/card-actions.ts);
 * from an old client the same verb arrives as `value.verb` of an `Action.Submit` message.
 */
export const JOURNEY_VERBS = [
  'contract.open',
  'contract.agree',
  'contract.edit',
  'contract.save',
  'meeting.booked',
  'meeting.plan',
  'reminders.pause',
  'preparation.save',
  'reflection.save',
  'action.done',
  'fit.answer',
  'pair.pause',
  'pair.resume',
  'pair.end',
  'review.save',
  'meeting.log',
] as const;

export type JourneyVerb = (typeof JOURNEY_VERBS)[number];

export function isJourneyVerb(value: unknown): value is JourneyVerb {
  return typeof value === 'string' && (JOURNEY_VERBS as readonly string[]).includes(value);
}

/** A journey card's Universal Action button: only a verb the journey handles compiles. */
export function execute(
  title: string,
  verb: JourneyVerb,
  data: Record<string, unknown>,
  options: ExecuteOptions = {},
): object {
  return anyExecute(title, verb, data, options);
}
