/**
 * The one id rule: the shape of every id the product hands out (cohort, participant, pair,
 * event, goal, action, meeting and announcement ids, Entra object ids, Teams channel ids). A
 * route parameter or card field named `…Id` that breaks it names nothing that can exist, so it
 * is answered "not found" before any storage call (platform/http/route.ts,
 * platform/teams/activity-handler.ts). Pure, so the tab may use it too.
 */

/** Letters, digits and `_ . : @ = -`, starting with a letter or digit; at most 200 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@=-]{0,199}$/;

export function isWellFormedId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** The names of the `…Id` fields of `fields` whose values break the id rule ('' is absent). */
export function malformedIdFields(fields: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .filter(([name, value]) => /Id$/.test(name) && value !== undefined && value !== '')
    .filter(([, value]) => !isWellFormedId(value))
    .map(([name]) => name);
}
