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

export function isAnnouncementVerb(value: unknown): value is AnnouncementVerb {
  return typeof value === 'string' && (ANNOUNCEMENT_VERBS as readonly string[]).includes(value);
}
