import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../platform/errors';
import { translate } from '../../../platform/storage/errors';
import { eachLimited } from '../../../platform/storage/batch';
import { getRow, num, optStr, str, tryDeleteRow } from '../../../platform/storage/versioned';

/**
 * A JSON body too long for one table entity, kept whole. Azure Table Storage holds at most
 * 64 KiB in a string property and 1 MiB in an entity (strings count two bytes a character), so:
 * - up to `INLINE_MAX` characters the body sits in its own row, split over properties `data0`…
 *   of `CHUNK` characters, with `chunks` their number (how every run was kept before);
 * - longer, it goes to part rows `<owner key>:part:<body id>:0001`… of the same partition, each
 *   at most `PART_CHUNKS` such properties, and the owner row keeps only `parts` and `partsId`.
 *
 * Parts are written before the owner row points to them, under a body id of their own, so a
 * reader never sees half of a body: the owner row's conditional write (its ETag) is what makes
 * the new body the one in force; the parts it no longer names are then removed. A reader that
 * meets a part removed under it reads the owner row again.
 */

export const CHUNK = 30_000;
/** The most characters kept in the owner row itself: 8 × 30,000 (480 KB as stored). */
export const INLINE_MAX = 8 * CHUNK;
const PART_CHUNKS = 8;
/** Bounds a body to 200 parts (48 million characters): beyond is refused, not attempted. */
const MAX_PARTS = 200;
/** A transaction carries at most 100 entities and 4 MiB; parts are grouped well within. */
const BATCH_ENTITIES = 100;
const BATCH_BYTES = 3 * 1024 * 1024;
const READ_ATTEMPTS = 3;

type Row = Record<string, unknown>;
type Entity = TableEntity<Record<string, unknown>>;

/** Where a spilled body's parts are: the owner row's `partsId` and `parts`. */
export interface PartsRef {
  ownerKey: string;
  partsId: string;
  parts: number;
}

/** A body ready to write: the owner row's properties, and the part rows to write first. */
export interface SpilledBody {
  ownerProps: Record<string, string | number>;
  parts: Entity[];
  ref: PartsRef | undefined;
}

function chunked(json: string): Record<string, string | number> {
  const props: Record<string, string | number> = {};
  let n = 0;
  for (let at = 0; at < json.length || n === 0; at += CHUNK)
    props[`data${n++}`] = json.slice(at, at + CHUNK);
  props.chunks = n;
  return props;
}

const partKey = (ref: PartsRef, i: number) =>
  `${ref.ownerKey}:part:${ref.partsId}:${String(i + 1).padStart(4, '0')}`;

/** Lays out a body: in the owner row when short, else over part rows under a fresh body id. */
export function spill(partitionKey: string, ownerKey: string, json: string): SpilledBody {
  if (json.length <= INLINE_MAX) return { ownerProps: chunked(json), parts: [], ref: undefined };
  const size = PART_CHUNKS * CHUNK;
  const count = Math.ceil(json.length / size);
  if (count > MAX_PARTS) {
    throw AppError.coded('too_large', 'run_too_large', 'This proposal is too large to keep');
  }
  const ref: PartsRef = { ownerKey, partsId: randomBytes(6).toString('hex'), parts: count };
  const parts = Array.from({ length: count }, (_, i) => ({
    partitionKey,
    rowKey: partKey(ref, i),
    ...chunked(json.slice(i * size, (i + 1) * size)),
  }));
  return { ownerProps: { chunks: 0, parts: count, partsId: ref.partsId }, parts, ref };
}

/** The parts an owner row names, if its body was spilled. */
export function partsOf(ownerKey: string, row: Row): PartsRef | undefined {
  const parts = typeof row.parts === 'number' ? row.parts : 0;
  const partsId = optStr(row, 'partsId');
  return parts > 0 && partsId ? { ownerKey, partsId, parts } : undefined;
}

function unchunk(row: Row): string {
  let json = '';
  for (let i = 0; i < num(row, 'chunks'); i++) json += str(row, `data${i}`);
  return json;
}

/** Writes the part rows (upserts, grouped into transactions within the service's limits). */
export async function writeParts(table: TableClient, parts: readonly Entity[]): Promise<void> {
  let batch: TransactionAction[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await table.submitTransaction(batch);
    } catch (error) {
      translate(error);
    }
    batch = [];
    bytes = 0;
  };
  for (const part of parts) {
    // As sent: JSON (quotes escaped, UTF-8), with room for each operation's own headers.
    const size = Buffer.byteLength(JSON.stringify(part), 'utf8') + 2048;
    if (batch.length >= BATCH_ENTITIES || bytes + size > BATCH_BYTES) await flush();
    batch.push(['upsert', part, 'Replace']);
    bytes += size;
  }
  await flush();
}

/** Removes the parts a body no longer in force was kept in (best effort: leftovers are unread). */
export async function removeParts(
  table: TableClient,
  partitionKey: string,
  ref: PartsRef | undefined,
): Promise<void> {
  if (!ref) return;
  const keys = Array.from({ length: ref.parts }, (_, i) => partKey(ref, i));
  await eachLimited(keys, 4, async (key) => {
    await tryDeleteRow(table, partitionKey, key, '*').catch(() => false);
  });
}

/**
 * Reads an owner row and its whole body: `read` gets the row (undefined when there is none),
 * with its body, from the row itself or its parts. Read again when a part went missing under it
 * (the body was replaced meanwhile).
 */
export async function readWhole(
  table: TableClient,
  partitionKey: string,
  ownerKey: string,
): Promise<{ row: Row & { etag: string }; json: string | undefined } | undefined> {
  for (let attempt = 1; ; attempt++) {
    const row = await getRow(table, partitionKey, ownerKey);
    if (!row) return undefined;
    const ref = partsOf(ownerKey, row);
    if (!ref) return { row, json: row.chunks === undefined ? undefined : unchunk(row) };
    const texts: (string | undefined)[] = new Array<string | undefined>(ref.parts);
    await eachLimited(
      Array.from({ length: ref.parts }, (_, i) => i),
      4,
      async (i) => {
        const part = await getRow(table, partitionKey, partKey(ref, i));
        texts[i] = part ? unchunk(part) : undefined;
      },
    );
    if (texts.every((t) => t !== undefined)) return { row, json: texts.join('') };
    if (attempt >= READ_ATTEMPTS) {
      throw new AppError('unavailable', 'A stored body kept changing while it was read');
    }
  }
}
