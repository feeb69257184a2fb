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

/**
 * Every verb any card can send. Each feature checks its own verbs (the journey's are in
 * features/journey/cards/journey-verbs.ts), so the card kit takes any verb string.
 */
export type CardVerb = string;
