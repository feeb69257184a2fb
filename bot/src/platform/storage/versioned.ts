import {
  odata,
  type TableClient,
  type TableEntity,
  type TableEntityResult,
} from '@azure/data-tables';
import { ConflictError, NotFoundError, statusOf, translate } from './errors';
import { coalescedRead } from './read-coalescer';

/** A value read from the store together with the ETag that guards the next update. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

type Row = TableEntityResult<Record<string, unknown>>;

/**
 * Reads one entity, or undefined when it does not exist. Identical reads in flight at once
 * share one storage call (read-coalescer.ts); each caller gets its own copy of the row.
 */
export function getRow(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Row | undefined> {
  return coalescedRead(table, partitionKey, rowKey, () =>
    readRow(table, partitionKey, rowKey),
  ).then((row) => (row ? { ...row } : undefined));
}

async function readRow(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Row | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    return translate(error);
  }
}

/** Inserts a new entity; an existing one with the same keys is a conflict, never overwritten. */
export async function insertRow(
  table: TableClient,
  entity: TableEntity<Record<string, unknown>>,
  what: string,
): Promise<string> {
  const etag = await tryInsertRow(table, entity);
  if (etag === undefined) throw new ConflictError(`${what} already exists`);
  return etag;
}

/** Replaces an entity only if it is unchanged since `etag` was read. */
export async function replaceRow(
  table: TableClient,
  entity: TableEntity<Record<string, unknown>>,
  etag: string,
  what: string,
  readCurrent: () => Promise<unknown>,
): Promise<string> {
  try {
    const response = await table.updateEntity(entity, 'Replace', { etag });
    return response.etag ?? '';
  } catch (error) {
    const status = statusOf(error);
    if (status === 412) {
      throw new ConflictError(`${what} was changed by someone else`, await readCurrent());
    }
    if (status === 404) throw new NotFoundError(`${what} no longer exists`);
    return translate(error);
  }
}

// Conditional writes for callers to whom a lost race is an answer, not an error (the job store's
// claims and moves): each returns undefined or false where the plain form above would throw.

/** Inserts; undefined when an entity with the same keys exists (409). */
export async function tryInsertRow(
  table: TableClient,
  entity: TableEntity<Record<string, unknown>>,
): Promise<string | undefined> {
  try {
    const response = await table.createEntity(entity);
    return response.etag ?? '';
  } catch (error) {
    if (statusOf(error) === 409) return undefined;
    return translate(error);
  }
}

/**
 * Merges (or replaces) an entity only if it is unchanged since `etag` was read; undefined when it
 * changed (412) or is gone (404).
 */
export async function tryUpdateRow(
  table: TableClient,
  entity: TableEntity<Record<string, unknown>>,
  etag: string,
  mode: 'Merge' | 'Replace' = 'Merge',
): Promise<string | undefined> {
  try {
    const response = await table.updateEntity(entity, mode, { etag });
    return response.etag ?? '';
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 404) return undefined;
    return translate(error);
  }
}

/** Deletes only if unchanged since `etag`; false when it changed or is already gone. */
export async function tryDeleteRow(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  etag: string,
): Promise<boolean> {
  try {
    await table.deleteEntity(partitionKey, rowKey, { etag });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 404) return false;
    return translate(error);
  }
}

/** Inserts or replaces unconditionally: only for data the caller alone owns (e.g. caches). */
export async function upsertRow(
  table: TableClient,
  entity: TableEntity<Record<string, unknown>>,
): Promise<string> {
  try {
    const response = await table.upsertEntity(entity, 'Replace');
    return response.etag ?? '';
  } catch (error) {
    return translate(error);
  }
}

/**
 * Reads every entity of one partition (one query, paged by the SDK).
 * `filter`, when given, must itself be built with the `odata` template.
 */
export async function listPartition(
  table: TableClient,
  partitionKey: string,
  filter?: string,
): Promise<Row[]> {
  const byPartition = odata`PartitionKey eq ${partitionKey}`;
  return listRows(table, filter ? `${byPartition} and (${filter})` : byPartition);
}

/** Every row whose PartitionKey is in [from, to), optionally filtered further. */
export async function listPartitionRange(
  table: TableClient,
  from: string,
  to: string,
  filter?: string,
): Promise<Row[]> {
  const range = odata`PartitionKey ge ${from} and PartitionKey lt ${to}`;
  return listRows(table, filter ? `${range} and (${filter})` : range);
}

/** Every row matching `filter` (built with `odata`), or every row of the table without one. */
export async function listRows(table: TableClient, filter?: string): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for await (const row of table.listEntities<Record<string, unknown>>(
      filter === undefined ? {} : { queryOptions: { filter } },
    )) {
      rows.push(row);
    }
  } catch (error) {
    return translate(error);
  }
  return rows;
}

/**
 * The rows matching `filter` a page at a time (at most `maxPageSize` each), for readers that stop
 * early. A table that does not exist holds no rows.
 */
export async function* pagesOf(
  table: TableClient,
  filter: string,
  maxPageSize: number,
): AsyncGenerator<Row[]> {
  const pages = table
    .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
    .byPage({ maxPageSize });
  try {
    for await (const page of pages) yield page;
  } catch (error) {
    if (statusOf(error) !== 404) translate(error);
  }
}

export function str(row: Record<string, unknown>, name: string): string {
  const v = row[name];
  return typeof v === 'string' ? v : '';
}

export function optStr(row: Record<string, unknown>, name: string): string | undefined {
  const v = row[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(row: Record<string, unknown>, name: string): number {
  const v = row[name];
  return typeof v === 'number' ? v : Number(v ?? 0);
}

export function bool(row: Record<string, unknown>, name: string): boolean {
  return row[name] === true;
}

/** Table keys may not contain / \ # ? or control characters; encode anything user-derived. */
export function encodeKey(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function decodeKey(value: string): string {
  return decodeURIComponent(value);
}
