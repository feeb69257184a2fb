/**
 * The trail is read newest first. Table storage returns a partition in RowKey order, so an
 * entry's RowKey starts with the time left until the year 9999, zero-padded: later is smaller.
 */

const END_OF_TIME_MS = Date.UTC(9999, 11, 31);
const WIDTH = String(END_OF_TIME_MS).length;

/** The RowKey that sorts `at` (ISO date-time) newest first; `id` keeps equal times apart. */
export function trailKey(at: string, id: string): string {
  const left = END_OF_TIME_MS - Date.parse(at);
  return `${String(left).padStart(WIDTH, '0')}-${id}`;
}

/** Well-formed `before` cursors only (a RowKey the trail handed out). */
export function isTrailCursor(value: string): boolean {
  return new RegExp(`^\\d{${WIDTH}}-[A-Za-z0-9-]{1,64}$`).test(value);
}
