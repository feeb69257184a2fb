/**
 * The trail is read newest first. Table storage returns a partition in RowKey order, so an
 * entry's RowKey starts with the time left until the year 9999, zero-padded: later is smaller.
 */

const END_OF_TIME_MS = Date.UTC(9999, 11, 31);
const WIDTH = String(END_OF_TIME_MS).length;

const SEQ_WIDTH = 6;
const SEQ_SPAN = 10 ** SEQ_WIDTH;

/**
 * The RowKey that sorts `at` (ISO date-time) newest first. Entries recorded in the same
 * millisecond (a stopped development clock) keep their order by `seq`, a number that grows with
 * each entry this process records; `id` keeps entries of different processes apart.
 */
export function trailKey(at: string, seq: number, id: string): string {
  const left = END_OF_TIME_MS - Date.parse(at);
  const later = SEQ_SPAN - 1 - (seq % SEQ_SPAN);
  return `${String(left).padStart(WIDTH, '0')}-${String(later).padStart(SEQ_WIDTH, '0')}-${id}`;
}

/** Well-formed `before` cursors only (a RowKey the trail handed out). */
export function isTrailCursor(value: string): boolean {
  return new RegExp(`^\\d{${WIDTH}}-\\d{${SEQ_WIDTH}}-[A-Za-z0-9-]{1,64}$`).test(value);
}
