import { createHash } from 'node:crypto';
import { DATA_MAP, type MappedTable, type PersonKeys, type StoredRow } from './data-map';

/**
 * What erasure does to one stored row, table by table, as the data map says: `remove` deletes
 * it; `anonymise` rewrites it without the person's name, email or object id (and deletes the
 * rows of theirs the map says go: their own pair writing, their RSVPs, an insight they wrote
 * alone). Pure, and idempotent: a row already erased is left as it is, so a run cut short is
 * finished by running it again.
 */

/** The person as erasure knows them: their keys, the names they were known by, a pseudonym. */
export interface ErasedPerson extends PersonKeys {
  names: string[];
  /** Stands in for the object id wherever a row is kept (never reversible to a name). */
  pseudonym: string;
}

export type RowChange = { kind: 'delete' } | { kind: 'replace'; row: StoredRow } | { kind: 'keep' };

/** The name kept rows show in place of the person's. */
export const ERASED_NAME = 'Erased person';

/** The hash of an object id, lower-cased: the tombstone's key and the audit's pseudonym. */
export function hashObjectId(objectId: string, salt = ''): string {
  return createHash('sha256').update(`${salt}${objectId.trim().toLowerCase()}`).digest('hex');
}

export function pseudonymOf(hash: string): string {
  return `erased:${hash.slice(0, 16)}`;
}

/** Columns the SDK adds on reading that are never written back. */
const READ_ONLY = new Set(['etag', 'odata.etag', 'odata.metadata', 'timestamp']);
const AUTHORED_AT: Record<string, number> = { prep: 2, reflection: 1, review: 1, fit: 1 };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What stands for the person in text, longest first, each with what replaces it. A name is
 * matched as a whole word only, so erasing "Ada Lee" never touches "Adam Leeson".
 */
function replacements(p: ErasedPerson): [RegExp, string][] {
  const word = (text: string) => `(?<![\\p{L}\\p{N}])${escapeRegExp(text)}(?![\\p{L}\\p{N}])`;
  const pairs: [string, string, string][] = [
    [p.objectId, escapeRegExp(p.objectId), p.pseudonym],
    ...p.emails.flatMap((e): [string, string, string][] => [
      [e, escapeRegExp(e), ''],
      [encodeURIComponent(e), escapeRegExp(encodeURIComponent(e)), ''],
    ]),
    ...p.names
      .filter((n) => n.trim().length > 1)
      .map((n): [string, string, string] => [n, word(n.trim()), ERASED_NAME]),
  ];
  return pairs
    .filter(([from]) => from.length > 0)
    .sort((a, b) => b[0].length - a[0].length)
    .map(([, pattern, to]) => [new RegExp(pattern, 'giu'), to]);
}

/** Does any column of the row name the person (object id, email or name)? */
export function mentions(row: StoredRow, p: ErasedPerson): boolean {
  const rules = replacements(p);
  return Object.entries(row).some(
    ([k, v]) =>
      !READ_ONLY.has(k) && typeof v === 'string' && rules.some(([re]) => new RegExp(re).test(v)),
  );
}

/** The row with every mention of the person replaced (keys untouched); columns in `clear` emptied. */
export function scrubbed(row: StoredRow, p: ErasedPerson, clear: string[] = []): StoredRow {
  const rules = replacements(p);
  const out: StoredRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (READ_ONLY.has(k)) continue;
    if (clear.includes(k)) out[k] = '';
    else if (typeof v === 'string' && k !== 'partitionKey' && k !== 'rowKey')
      out[k] = rules.reduce((text, [re, to]) => text.replace(re, to), v);
    else out[k] = v;
  }
  return out;
}

function replaceIfChanged(row: StoredRow, next: StoredRow): RowChange {
  const same = Object.entries(next).every(([k, v]) => row[k] === v);
  return same ? { kind: 'keep' } : { kind: 'replace', row: next };
}

function pairSpaceChange(row: StoredRow, p: ErasedPerson): RowChange {
  const parts = String(row.rowKey).split('|');
  const at = AUTHORED_AT[parts[0]!];
  if (at !== undefined) {
    const author = decodeURIComponent(parts[at] ?? '');
    // Their own writing goes; the partner's own writing is theirs and is never touched.
    if (p.memberships.some((m) => m.participantId === author)) return { kind: 'delete' };
    return { kind: 'keep' };
  }
  return replaceIfChanged(row, scrubbed(row, p));
}

function insightChange(row: StoredRow, p: ErasedPerson): RowChange {
  const mine = (column: string) => p.memberships.some((m) => m.participantId === row[column]);
  const others = ['author1', 'author2'].filter((c) => row[c] !== '' && !mine(c));
  if (others.length === 0) return { kind: 'delete' };
  const clear = ['author1', 'author2'].filter(mine);
  return replaceIfChanged(row, scrubbed(row, p, clear));
}

/** What erasure does to one row of `table` found for the person. */
export function erasureOf(table: MappedTable, row: StoredRow, p: ErasedPerson): RowChange {
  const action = DATA_MAP[table].erasure;
  if (action === 'nothing') return { kind: 'keep' };
  if (action === 'remove') return { kind: 'delete' };
  switch (table) {
    case 'pairSpace':
      return pairSpaceChange(row, p);
    case 'events':
      // RSVPs go; an attendance register names no one (participant ids only) and is kept.
      return String(row.rowKey).startsWith('rsvp|') ? { kind: 'delete' } : { kind: 'keep' };
    case 'insights':
      return insightChange(row, p);
    case 'participants':
      return replaceIfChanged(row, {
        ...scrubbed(row, p, ['email', 'userId', 'organisation', 'jobTitle']),
        displayName: ERASED_NAME,
      });
    default:
      return replaceIfChanged(row, scrubbed(row, p));
  }
}
