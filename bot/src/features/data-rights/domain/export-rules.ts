import type { StoredRow } from './data-map';

/**
 * What of a pair's space a person may take away: the shared rows (contract, goals, actions,
 * meetings) and only their OWN preparation, reflections, reviews and fit checks. The
 * partner's are never exported, shared or not; the `status` row (who paused or ended the
 * pairing, and why) is the coordinator's.
 */
const SHARED = new Set(['contract', 'goal', 'action', 'meeting']);
const AUTHORED_AT: Record<string, number> = { prep: 2, reflection: 1, review: 1, fit: 1 };

export function mayExportPairRow(rowKey: string, participantId: string): boolean {
  const parts = rowKey.split('|');
  const kind = parts[0]!;
  if (SHARED.has(kind)) return true;
  const at = AUTHORED_AT[kind];
  if (at === undefined) return false;
  return decodeURIComponent(parts[at] ?? '') === participantId;
}

/** An RSVP row (`rsvp|{event}|{participant}`) belongs to the participant at its end. */
export function isOwnRsvp(rowKey: string, participantIds: readonly string[]): boolean {
  const parts = rowKey.split('|');
  return (
    parts[0] === 'rsvp' && participantIds.includes(decodeURIComponent(parts[parts.length - 1]!))
  );
}

/**
 * A session's attendance register row (`attendance|{event}`) holds everyone invited; only the
 * person's own mark may leave: the event, attended or not, and when it was recorded. Undefined
 * when the register does not mark them.
 */
export function ownAttendanceMark(
  row: StoredRow,
  participantIds: readonly string[],
): StoredRow | undefined {
  if (!String(row.rowKey).startsWith('attendance|') || typeof row.data !== 'string') return;
  const register = JSON.parse(row.data) as {
    eventId: string;
    recordedAt: string;
    marks: { participantId: string; attended: boolean | null }[];
  };
  const mark = register.marks.find((m) => participantIds.includes(m.participantId));
  if (!mark) return undefined;
  return {
    partitionKey: row.partitionKey,
    rowKey: row.rowKey,
    eventId: register.eventId,
    participantId: mark.participantId,
    attended: mark.attended,
    recordedAt: register.recordedAt,
  };
}

/** Parses the JSON columns of a row so the archive reads as data, not escaped strings. */
export function readableRow(row: StoredRow): StoredRow {
  const out: StoredRow = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === 'etag' || name === 'odata.etag') continue;
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[name] = JSON.parse(value) as unknown;
        continue;
      } catch {
        // not JSON: kept as text
      }
    }
    out[name] = value;
  }
  return out;
}
