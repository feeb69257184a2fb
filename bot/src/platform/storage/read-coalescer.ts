import type { TableClient } from '@azure/data-tables';

/*
 * Identical point reads in flight at once share one storage call: when an announcement reaches
 * a large cohort, hundreds of people open the tab within a second and every request reads the
 * same cohort row (and a pair's two partners the same pair row). A read joins one already in
 * flight only if no write has been sent through the store since that read went out, so a
 * caller never sees data older than its own last write; otherwise it makes its own call.
 */

/** Tables whose clients report their writes (TableStore's clients); only they coalesce. */
const tracked = new WeakSet<TableClient>();
/** Bumped as each write (any non-GET storage request) is sent. */
let writeEpoch = 0;
const inFlight = new Map<string, { epoch: number; read: Promise<unknown> }>();

/** Marks a client whose store's pipeline calls `noteStorageWrite` for every write it sends. */
export function trackWrites(table: TableClient): TableClient {
  tracked.add(table);
  return table;
}

/** Called by the store's pipeline as each write request goes out. */
export function noteStorageWrite(): void {
  writeEpoch++;
}

/**
 * Runs `read` for (table, partitionKey, rowKey), or joins the identical read already in flight.
 * The map holds only reads in flight: each entry goes as its read settles.
 */
export function coalescedRead<T>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  read: () => Promise<T>,
): Promise<T> {
  if (!tracked.has(table)) return read();
  const key = `${table.url}\u0000${table.tableName}\u0000${partitionKey}\u0000${rowKey}`;
  const current = inFlight.get(key);
  if (current && current.epoch === writeEpoch) return current.read as Promise<T>;
  const entry = { epoch: writeEpoch, read: read() as Promise<unknown> };
  inFlight.set(key, entry);
  const forget = () => {
    if (inFlight.get(key) === entry) inFlight.delete(key);
  };
  entry.read.then(forget, forget);
  return entry.read as Promise<T>;
}

/** Reads in flight now (for tests). */
export function readsInFlight(): number {
  return inFlight.size;
}
