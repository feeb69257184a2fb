/**
 * Time zones as they cross the wire: Teams sends `localTimezone` on every activity and the tab
 * sends the viewer's zone. Pure (Intl only), so the tab can use it too.
 */

/** Used whenever a person's time zone is unknown or not a real IANA zone. */
export const FALLBACK_TIME_ZONE = 'Europe/London';

export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zone to use for a person: theirs when it is valid, otherwise Europe/London. */
export function resolveTimeZone(tz: string | undefined | null): string {
  return isValidTimeZone(tz) ? tz : FALLBACK_TIME_ZONE;
}
