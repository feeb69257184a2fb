import type { ProgrammeEvent, RsvpResponse } from '../domain/programme-event';
import type { TableStore } from './table-store';
import {
  type Versioned,
  encodeKey,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
  upsertRow,
} from './versioned';

/**
 * Programme events and their RSVPs: PartitionKey cohort id; RowKeys `event|{id}` and
 * `rsvp|{eventId}|{participantId}`. A cohort's calendar with everyone's answers is one query.
 */

export interface Rsvp {
  eventId: string;
  participantId: string;
  response: RsvpResponse;
  updatedAt: string;
}

export interface CohortCalendar {
  events: Versioned<ProgrammeEvent>[];
  rsvps: Rsvp[];
}

const eventKey = (id: string) => `event|${encodeKey(id)}`;
const rsvpKey = (eventId: string, participantId: string) =>
  `rsvp|${encodeKey(eventId)}|${encodeKey(participantId)}`;

export class EventRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('events');
  }

  async calendar(cohortId: string): Promise<CohortCalendar> {
    const rows = await listPartition(this.table, cohortId);
    const calendar: CohortCalendar = { events: [], rsvps: [] };
    for (const row of rows) {
      const value = JSON.parse(str(row, 'data')) as unknown;
      if (String(row.rowKey).startsWith('event|')) {
        calendar.events.push({ value: value as ProgrammeEvent, etag: row.etag });
      } else {
        calendar.rsvps.push(value as Rsvp);
      }
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

  /** A person's answer; their own row, so the latest answer simply wins. */
  async rsvp(cohortId: string, rsvp: Rsvp): Promise<void> {
    await upsertRow(this.table, {
      partitionKey: cohortId,
      rowKey: rsvpKey(rsvp.eventId, rsvp.participantId),
      data: JSON.stringify(rsvp),
    });
  }
}
