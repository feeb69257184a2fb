import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  bool,
  encodeKey,
  getRow,
  listPartition,
  optStr,
  str,
  tryDeleteRow,
  tryInsertRow,
  tryUpdateRow,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * What the review adds beside each application, in table `ApplicationReview`:
 * - PartitionKey the cohort id: `attendance|<applicationId>|<eventId>` (one row per training
 *   event, so recording one never races with another or with a decision) and
 *   `manager|<applicationId>` (the line manager's answer and who gave it);
 * - PartitionKey `teams|<email>`, RowKey `user`: the Teams user id a verified email belongs to,
 *   learned when the person opened a chat with the app (how a line manager is reached);
 * - PartitionKey `ask|<email>`: the line-manager questions waiting for that person to become
 *   reachable, RowKey `<cohortId>|<applicationId>`;
 * - PartitionKey `tell|<user id>`: decision messages waiting for the applicant to open a chat
 *   with the app, RowKey the job id.
 */

export interface AttendanceRecord {
  applicationId: string;
  eventId: string;
  attended: boolean;
  recordedAt: string;
  recordedBy: string;
}

export type ManagerAnswerStatus = 'asked' | 'released' | 'not-released';

export interface ManagerRecord {
  applicationId: string;
  status: ManagerAnswerStatus;
  /** Who gave the answer: the manager in Teams, or the coordinator on their behalf. */
  answeredBy: 'manager' | 'coordinator' | null;
  /** The coordinator's note when they recorded it (never shown to the manager). */
  note: string | null;
  /** The coordinator who recorded the answer (absent on rows written before it was kept). */
  recordedBy?: { userId: string; name: string } | null;
  askedAt: string | null;
  answeredAt: string | null;
  /** The Teams user the card went to, once sent. */
  sentTo: string | null;
}

type Row = Record<string, unknown>;

const attendanceKey = (applicationId: string, eventId: string) =>
  `attendance|${encodeKey(applicationId)}|${encodeKey(eventId)}`;
const managerKey = (applicationId: string) => `manager|${encodeKey(applicationId)}`;
const teamsKey = (email: string) => `teams|${encodeKey(email.trim().toLowerCase())}`;
const askKey = (email: string) => `ask|${encodeKey(email.trim().toLowerCase())}`;
const tellKey = (userId: string) => `tell|${encodeKey(userId.toLowerCase())}`;

function attendanceOf(row: Row): AttendanceRecord {
  return {
    applicationId: str(row, 'applicationId'),
    eventId: str(row, 'eventId'),
    attended: bool(row, 'attended'),
    recordedAt: str(row, 'recordedAt'),
    recordedBy: str(row, 'recordedBy'),
  };
}

function managerOf(row: Row): ManagerRecord {
  const opt = (name: string) => optStr(row, name) || null;
  return {
    applicationId: str(row, 'applicationId'),
    status: str(row, 'status') as ManagerAnswerStatus,
    answeredBy: (opt('answeredBy') as ManagerRecord['answeredBy']) ?? null,
    note: opt('note'),
    recordedBy: opt('recordedById')
      ? { userId: opt('recordedById')!, name: opt('recordedByName') ?? '' }
      : null,
    askedAt: opt('askedAt'),
    answeredAt: opt('answeredAt'),
    sentTo: opt('sentTo'),
  };
}

export interface CohortReviewRecords {
  attendance: Versioned<AttendanceRecord>[];
  managers: Map<string, Versioned<ManagerRecord>>;
}

export class ReviewRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('applicationReview');
  }

  /** Every attendance and manager row of a cohort: one partition read. */
  async cohort(cohortId: string): Promise<CohortReviewRecords> {
    const rows = await listPartition(this.table, cohortId);
    const out: CohortReviewRecords = { attendance: [], managers: new Map() };
    for (const row of rows) {
      const key = String(row.rowKey);
      if (key.startsWith('attendance|')) {
        out.attendance.push({ value: attendanceOf(row), etag: row.etag });
      } else if (key.startsWith('manager|')) {
        const value = managerOf(row);
        out.managers.set(value.applicationId, { value, etag: row.etag });
      }
    }
    return out;
  }

  /** One applicant's attendance at one event, with its version; undefined when none recorded. */
  async attendance(
    cohortId: string,
    applicationId: string,
    eventId: string,
  ): Promise<Versioned<AttendanceRecord> | undefined> {
    const row = await getRow(this.table, cohortId, attendanceKey(applicationId, eventId));
    return row ? { value: attendanceOf(row), etag: row.etag } : undefined;
  }

  /**
   * Writes one attendance only if it is as it was read (`etag`), or still absent (`null`): the
   * new version, or undefined when someone else recorded it meanwhile (nothing written).
   */
  async writeAttendance(
    cohortId: string,
    record: AttendanceRecord,
    etag: string | null,
  ): Promise<string | undefined> {
    const entity = {
      partitionKey: cohortId,
      rowKey: attendanceKey(record.applicationId, record.eventId),
      ...record,
    };
    return etag === null
      ? tryInsertRow(this.table, entity)
      : tryUpdateRow(this.table, entity, etag, 'Replace');
  }

  async manager(
    cohortId: string,
    applicationId: string,
  ): Promise<Versioned<ManagerRecord> | undefined> {
    const row = await getRow(this.table, cohortId, managerKey(applicationId));
    return row ? { value: managerOf(row), etag: row.etag } : undefined;
  }

  /**
   * Writes the manager row only if it is as it was read (`etag`), or is still absent (`null`):
   * false when someone else wrote it meanwhile.
   */
  async writeManager(
    cohortId: string,
    record: ManagerRecord,
    etag: string | null,
  ): Promise<boolean> {
    const entity = {
      partitionKey: cohortId,
      rowKey: managerKey(record.applicationId),
      applicationId: record.applicationId,
      status: record.status,
      answeredBy: record.answeredBy ?? '',
      note: record.note ?? '',
      recordedById: record.recordedBy?.userId ?? '',
      recordedByName: record.recordedBy?.name ?? '',
      askedAt: record.askedAt ?? '',
      answeredAt: record.answeredAt ?? '',
      sentTo: record.sentTo ?? '',
    };
    const written =
      etag === null
        ? await tryInsertRow(this.table, entity)
        : await tryUpdateRow(this.table, entity, etag, 'Replace');
    return written !== undefined;
  }

  /** The Teams user id a verified email belongs to, when the person has opened a chat with the app. */
  async teamsUserOf(email: string): Promise<string | undefined> {
    const row = await getRow(this.table, teamsKey(email), 'user');
    return row ? str(row, 'userId') : undefined;
  }

  async rememberTeamsUser(email: string, userId: string, at: Date): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: teamsKey(email),
      rowKey: 'user',
      userId,
      seenAt: at.toISOString(),
    });
  }

  /** Keeps a question for a manager who cannot be reached yet. */
  async holdAsk(email: string, cohortId: string, applicationId: string, at: Date): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: askKey(email),
      rowKey: `${encodeKey(cohortId)}|${encodeKey(applicationId)}`,
      cohortId,
      applicationId,
      heldAt: at.toISOString(),
    });
  }

  async heldAsks(
    email: string,
  ): Promise<{ cohortId: string; applicationId: string; etag: string }[]> {
    const rows = await listPartition(this.table, askKey(email));
    return rows.map((row) => ({
      cohortId: str(row, 'cohortId'),
      applicationId: str(row, 'applicationId'),
      etag: row.etag,
    }));
  }

  async releaseAsk(email: string, cohortId: string, applicationId: string, etag: string) {
    await tryDeleteRow(
      this.table,
      askKey(email),
      `${encodeKey(cohortId)}|${encodeKey(applicationId)}`,
      etag,
    );
  }

  /** Keeps a decision message's job id for a person the app cannot reach yet (woken on install). */
  async holdTell(userId: string, jobId: string, cohortId: string): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: tellKey(userId),
      rowKey: encodeKey(jobId),
      jobId,
      cohortId,
    });
  }

  async heldTells(userId: string): Promise<{ jobId: string; etag: string }[]> {
    const rows = await listPartition(this.table, tellKey(userId));
    return rows.map((row) => ({ jobId: str(row, 'jobId'), etag: row.etag }));
  }

  async releaseTell(userId: string, jobId: string, etag: string): Promise<void> {
    await tryDeleteRow(this.table, tellKey(userId), encodeKey(jobId), etag);
  }
}
