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
/** Writes sent to each table, by name; a transaction (`$batch`) names none and counts for all. */
const writesByTable = new Map<string, number>();
let batchWrites = 0;
const inFlight = new Map<string, { epoch: number; read: Promise<unknown> }>();

/** Marks a client whose store's pipeline calls `noteStorageWrite` for every write it sends. */
export function trackWrites(table: TableClient): TableClient {
  tracked.add(table);
  return table;
}

/** The table a storage request's URL names (`Events` of `…/Events(PartitionKey=…)`), if any. */
export function tableOf(url: string): string | undefined {
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  const name = last.replace(/\(.*$/, '');
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : undefined;
}

/** Called by the store's pipeline as each write request goes out (its URL names the table). */
export function noteStorageWrite(url?: string): void {
  writeEpoch++;
  const table = url === undefined ? undefined : tableOf(url);
  if (table === undefined) batchWrites++;
  else writesByTable.set(table, (writesByTable.get(table) ?? 0) + 1);
}

/**
 * A mark that changes whenever this process sends a write to any of `tables` (by full name),
 * or a transaction: a read made under one mark is never older than the process's own writes
 * while the mark stays the same.
 */
export function writeMark(tables: readonly string[]): number {
  let mark = batchWrites;
  for (const table of tables) mark += writesByTable.get(table) ?? 0;
  return mark;
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
