/**
 * The verbs of the announcement cards (see docs/cards.md): what an `Action.Execute` sends, or
 * `value.verb` of an `Action.Submit` from an older client.
 */
export const ANNOUNCEMENT_VERBS = [
  'announcement.compose',
  'announcement.preview',
  'announcement.edit',
  'announcement.send',
  'announcement.ack',
  'announcement.report',
  'announcement.cancel',
  'announcement.resend',
] as const;

export type AnnouncementVerb = (typeof ANNOUNCEMENT_VERBS)[number];

/** Every announcement verb but "Got it" is for coordinators, checked on every action. */
export const COORDINATOR_VERBS: ReadonlySet<AnnouncementVerb> = new Set([
  'announcement.compose',
  'announcement.preview',
  'announcement.edit',
  'announcement.send',
  'announcement.report',
  'announcement.cancel',
  'announcement.resend',
]);

/** The event invitation card's verb: the calendar's, handled here until the calendar owns it. */
export const EVENT_RSVP_VERBS = ['event.rsvp'] as const;

export type EventRsvpVerb = (typeof EVENT_RSVP_VERBS)[number];

export function isAnnouncementVerb(value: unknown): value is AnnouncementVerb {
  return typeof value === 'string' && (ANNOUNCEMENT_VERBS as readonly string[]).includes(value);
}

export function isEventRsvpVerb(value: unknown): value is EventRsvpVerb {
  return typeof value === 'string' && (EVENT_RSVP_VERBS as readonly string[]).includes(value);
}
