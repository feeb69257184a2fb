import type { Cohort, ProgrammeChannel } from '../domain/cohort';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  bool,
  getRow,
  insertRow,
  listPartition,
  num,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/** Cohorts: PartitionKey "cohort", RowKey cohort id. A tenant has tens of cohorts, not thousands. */
const PARTITION = 'cohort';

type Row = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag?: string };

function toEntity(c: Cohort) {
  return {
    partitionKey: PARTITION,
    rowKey: c.id,
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    frequency: c.cadence.frequency,
    plannedMeetings: c.cadence.plannedMeetings,
    minimumMeetings: c.cadence.minimumMeetings,
    minimumMinutes: c.cadence.minimumMinutes,
    isDemo: c.isDemo,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    channel: c.channel ? JSON.stringify(c.channel) : '',
  };
}

function fromEntity(row: Row): Cohort {
  return {
    id: String(row.rowKey),
    name: str(row, 'name'),
    startDate: str(row, 'startDate'),
    endDate: str(row, 'endDate'),
    cadence: {
      frequency: str(row, 'frequency') === 'fortnightly' ? 'fortnightly' : 'monthly',
      plannedMeetings: num(row, 'plannedMeetings'),
      minimumMeetings: num(row, 'minimumMeetings'),
      minimumMinutes: num(row, 'minimumMinutes'),
    },
    isDemo: bool(row, 'isDemo'),
    createdBy: str(row, 'createdBy'),
    createdAt: str(row, 'createdAt'),
    ...(str(row, 'channel')
      ? { channel: JSON.parse(str(row, 'channel')) as ProgrammeChannel }
      : {}),
  };
}

export class CohortRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('cohorts');
  }

  async create(cohort: Cohort): Promise<Versioned<Cohort>> {
    const etag = await insertRow(this.table, toEntity(cohort), `Cohort ${cohort.id}`);
    return { value: cohort, etag };
  }

  async get(id: string): Promise<Versioned<Cohort> | undefined> {
    const row = await getRow(this.table, PARTITION, id);
    return row ? { value: fromEntity(row), etag: row.etag } : undefined;
  }

  async list(): Promise<Cohort[]> {
    const rows = await listPartition(this.table, PARTITION);
    return rows.map(fromEntity).sort((a, b) => b.startDate.localeCompare(a.startDate));
  }

  async update(cohort: Cohort, etag: string): Promise<Versioned<Cohort>> {
    const next = await replaceRow(
      this.table,
      toEntity(cohort),
      etag,
      `Cohort "${cohort.name}"`,
      () => this.get(cohort.id),
    );
    return { value: cohort, etag: next };
  }
}
