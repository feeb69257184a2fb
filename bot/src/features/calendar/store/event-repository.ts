import { type TransactionAction, odata } from '@azure/data-tables';
import type { StoredRegister } from '../domain/attendance';
import type { ProgrammeEvent, RsvpResponse } from '../domain/programme-event';
import { ConflictError, statusOf, translate } from '../../../platform/storage/errors';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  encodeKey,
  getRow,
  insertRow,
  listPartition,
  num,
  replaceRow,
  str,
  tryInsertRow,
  tryUpdateRow,
} from '../../../platform/storage/versioned';
import { RecentReads } from '../../../platform/storage/recent-reads';

/**
 * Programme events and their RSVPs: PartitionKey cohort id; RowKeys `event|{id}`,
 * `rsvp|{eventId}|{participantId}` and, for an event with a capacity, `places|{eventId}`
 * holding how many are going, and for a programme session whose attendance was recorded
 * `attendance|{eventId}` holding the register. A cohort's calendar with everyone's answers and
 * every register is one query.
 */

export interface Rsvp {
  eventId: string;
  participantId: string;
  response: RsvpResponse;
  updatedAt: string;
}

/** What one person's answer to one event is decided on, each row with its ETag. */
export interface AnswerState {
  event?: ProgrammeEvent;
  /** How many are going; absent until the first answer that changes it under a capacity. */
  places?: Versioned<number>;
  mine?: Versioned<Rsvp>;
}

/**
 * One answer as a single transaction: the person's RSVP row and, when the number going
 * changes, the places row. Rows read before are written under their ETag, new rows inserted.
 */
export interface AnswerWrite {
  rsvp: Rsvp;
  mine?: Versioned<Rsvp>;
  /** The new number going, written over `places` (or inserted when there is none). */
  going?: number;
  places?: Versioned<number>;
  /**
   * Delete the places row: the event has no capacity now, so the count would go stale; if a
   * capacity comes back, it is counted afresh from the RSVPs.
   */
  dropPlaces?: boolean;
}

export interface CohortCalendar {
  events: Versioned<ProgrammeEvent>[];
  rsvps: Rsvp[];
  /** The attendance registers of the cohort's sessions (those recorded). */
  registers: Versioned<StoredRegister>[];
}

const eventKey = (id: string) => `event|${encodeKey(id)}`;
const rsvpKey = (eventId: string, participantId: string) =>
  `rsvp|${encodeKey(eventId)}|${encodeKey(participantId)}`;
const placesKey = (eventId: string) => `places|${encodeKey(eventId)}`;
const registerKey = (eventId: string) => `attendance|${encodeKey(eventId)}`;

export class EventRepository {
  /** Calendars read in the last moment, for the channel home a whole cohort opens at once. */
  private readonly recent: RecentReads<CohortCalendar>;

  constructor(private readonly store: TableStore) {
    this.recent = new RecentReads([store.tableName('events')]);
  }

  private get table() {
    return this.store.table('events');
  }

  /**
   * The cohort's calendar as read a moment ago (platform/storage/recent-reads.ts): never older
   * than this process's own last write to it. Shared between callers: read it, never change it.
   */
  sharedCalendar(cohortId: string): Promise<CohortCalendar> {
    return this.recent.read(cohortId, () => this.calendar(cohortId));
  }

  async calendar(cohortId: string): Promise<CohortCalendar> {
    const rows = await listPartition(this.table, cohortId);
    const calendar: CohortCalendar = { events: [], rsvps: [], registers: [] };
    for (const row of rows) {
      const rowKey = String(row.rowKey);
      if (rowKey.startsWith('event|')) {
        calendar.events.push({
          value: JSON.parse(str(row, 'data')) as ProgrammeEvent,
          etag: row.etag,
        });
      } else if (rowKey.startsWith('rsvp|')) {
        calendar.rsvps.push(JSON.parse(str(row, 'data')) as Rsvp);
      } else if (rowKey.startsWith('attendance|')) {
        calendar.registers.push({
          value: JSON.parse(str(row, 'data')) as StoredRegister,
          etag: row.etag,
        });
      } // `places|` rows are counts for answering; cards count the RSVPs themselves
    }
    calendar.events.sort((a, b) => a.value.start.localeCompare(b.value.start));
    return calendar;
  }

  async get(cohortId: string, id: string): Promise<Versioned<ProgrammeEvent> | undefined> {
    const row = await getRow(this.table, cohortId, eventKey(id));
    return row
      ? { value: JSON.parse(str(row, 'data')) as ProgrammeEvent, etag: row.etag }
      : undefined;
  }

  async create(event: ProgrammeEvent): Promise<Versioned<ProgrammeEvent>> {
    const etag = await insertRow(
      this.table,
      { partitionKey: event.cohortId, rowKey: eventKey(event.id), data: JSON.stringify(event) },
      'This event',
    );
    return { value: event, etag };
  }

  async update(event: ProgrammeEvent, etag: string): Promise<Versioned<ProgrammeEvent>> {
    const next = await replaceRow(
      this.table,
      { partitionKey: event.cohortId, rowKey: eventKey(event.id), data: JSON.stringify(event) },
      etag,
      `The event "${event.title}"`,
      () => this.get(event.cohortId, event.id),
    );
    return { value: event, etag: next };
  }

  /** A session's attendance register with its ETag, or undefined before the first save. */
  async register(
    cohortId: string,
    eventId: string,
  ): Promise<Versioned<StoredRegister> | undefined> {
    const row = await getRow(this.table, cohortId, registerKey(eventId));
    return row
      ? { value: JSON.parse(str(row, 'data')) as StoredRegister, etag: row.etag }
      : undefined;
  }

  /**
   * Saves a register: over the version `etag` names, or as the first one when `etag` is
   * undefined. Undefined (nothing written) when it changed, or was first saved, meanwhile.
   */
  async saveRegister(
    cohortId: string,
    register: StoredRegister,
    etag: string | undefined,
  ): Promise<string | undefined> {
    const row = {
      partitionKey: cohortId,
      rowKey: registerKey(register.eventId),
      data: JSON.stringify(register),
    };
    return etag === undefined
      ? tryInsertRow(this.table, row)
      : tryUpdateRow(this.table, row, etag, 'Replace');
  }

  /** The event, its places row and the person's own answer: three point reads. */
  async answerState(
    cohortId: string,
    eventId: string,
    participantId: string,
  ): Promise<AnswerState> {
    const [event, places, mine] = await Promise.all([
      getRow(this.table, cohortId, eventKey(eventId)),
      getRow(this.table, cohortId, placesKey(eventId)),
      getRow(this.table, cohortId, rsvpKey(eventId, participantId)),
    ]);
    return {
      event: event ? (JSON.parse(str(event, 'data')) as ProgrammeEvent) : undefined,
      places: places ? { value: num(places, 'going'), etag: places.etag } : undefined,
      mine: mine ? { value: JSON.parse(str(mine, 'data')) as Rsvp, etag: mine.etag } : undefined,
    };
  }

  /**
   * How many answered "yes", counted from the RSVP rows: only to start the places row of an
   * event answered before places rows existed (or whose capacity was added later).
   */
  async countGoing(cohortId: string, eventId: string): Promise<number> {
    const prefix = `rsvp|${encodeKey(eventId)}|`;
    const rows = await listPartition(
      this.table,
      cohortId,
      odata`RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}}`}`, // '}' follows '|'
    );
    return rows.filter((row) => (JSON.parse(str(row, 'data')) as Rsvp).response === 'yes').length;
  }

  /**
   * Writes an answer all-or-nothing (one partition, one transaction). Any row changed or
   * created since it was read fails the whole write as a ConflictError: read again and retry.
   */
  async answer(cohortId: string, write: AnswerWrite): Promise<void> {
    const { rsvp } = write;
    const rsvpRow = {
      partitionKey: cohortId,
      rowKey: rsvpKey(rsvp.eventId, rsvp.participantId),
      data: JSON.stringify(rsvp),
    };
    const actions: TransactionAction[] = [
      write.mine ? ['update', rsvpRow, 'Replace', { etag: write.mine.etag }] : ['create', rsvpRow],
    ];
    const placesRow = { partitionKey: cohortId, rowKey: placesKey(rsvp.eventId) };
    if (write.going !== undefined) {
      const row = { ...placesRow, eventId: rsvp.eventId, going: write.going };
      actions.push(
        write.places ? ['update', row, 'Replace', { etag: write.places.etag }] : ['create', row],
      );
    } else if (write.dropPlaces) {
      actions.push(['delete', placesRow]);
    }
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 409 || status === 404) {
        throw new ConflictError('Someone answered this event at the same moment');
      }
      translate(error);
    }
  }
}
