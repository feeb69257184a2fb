/**
 * Every verb a journey card's `Action.Execute` can send (see docs/journey.md, "Cards and
 * actions"). The bot dispatches on these; from an old client the same verb arrives as
 * `value.verb` of an `Action.Submit` message.
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

/** Verbs of the announcement and event cards (see docs/cards.md). */
export const ANNOUNCEMENT_VERBS = [
  'announcement.compose',
  'announcement.preview',
  'announcement.edit',
  'announcement.send',
  'announcement.ack',
  'announcement.report',
  'announcement.cancel',
  'announcement.resend',
  'event.rsvp',
] as const;

export type AnnouncementVerb = (typeof ANNOUNCEMENT_VERBS)[number];

export function isAnnouncementVerb(value: unknown): value is AnnouncementVerb {
  return typeof value === 'string' && (ANNOUNCEMENT_VERBS as readonly string[]).includes(value);
}

/** Every verb any card can send. */
export type CardVerb = JourneyVerb | AnnouncementVerb;
