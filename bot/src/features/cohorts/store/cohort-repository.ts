import { COHORT_DEFAULTS, type Cohort, type ProgrammeChannel, settingsOf } from '../domain/cohort';
import {
  COHORT_STATUSES,
  type CohortStatus,
  workingHoursSchema,
} from '../../../contracts/cohort-settings';
import { ARRANGEMENTS, type Arrangement } from '../../../contracts/cohorts';
import { isValidTimeZone } from '../../../contracts/time-zone';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  bool,
  getRow,
  insertRow,
  listPartition,
  num,
  optStr,
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
    timeZone: settingsOf(c).timeZone,
    workingHours: JSON.stringify(settingsOf(c).workingHours),
    arrangements: settingsOf(c).arrangements.join(','),
    status: settingsOf(c).status,
    closedAt: c.closedAt ?? '',
    archivedAt: c.archivedAt ?? '',
    retainedAt: c.retainedAt ?? '',
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
    ...storedSettings(row),
    isDemo: bool(row, 'isDemo'),
    createdBy: str(row, 'createdBy'),
    createdAt: str(row, 'createdAt'),
    ...(str(row, 'channel')
      ? { channel: JSON.parse(str(row, 'channel')) as ProgrammeChannel }
      : {}),
  };
}

/**
 * The settings added after the first cohorts were stored: a row without them (or with a value
 * that no longer reads) takes the defaults, so every stored cohort still reads.
 */
function storedSettings(
  row: Row,
): Pick<
  Cohort,
  'timeZone' | 'workingHours' | 'arrangements' | 'status' | 'closedAt' | 'archivedAt' | 'retainedAt'
> {
  const zone = optStr(row, 'timeZone');
  let hours = COHORT_DEFAULTS.workingHours;
  try {
    const parsed = workingHoursSchema.safeParse(JSON.parse(optStr(row, 'workingHours') ?? 'null'));
    if (parsed.success) hours = parsed.data;
  } catch {
    // unreadable: the default
  }
  const offered = (optStr(row, 'arrangements') ?? '')
    .split(',')
    .filter((a): a is Arrangement => (ARRANGEMENTS as readonly string[]).includes(a));
  const status = optStr(row, 'status');
  return {
    timeZone: zone && isValidTimeZone(zone) ? zone : COHORT_DEFAULTS.timeZone,
    workingHours: { ...hours, days: [...hours.days] },
    arrangements: offered.length > 0 ? offered : [...COHORT_DEFAULTS.arrangements],
    status: (COHORT_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as CohortStatus)
      : COHORT_DEFAULTS.status,
    ...(optStr(row, 'closedAt') ? { closedAt: optStr(row, 'closedAt') } : {}),
    ...(optStr(row, 'archivedAt') ? { archivedAt: optStr(row, 'archivedAt') } : {}),
    ...(optStr(row, 'retainedAt') ? { retainedAt: optStr(row, 'retainedAt') } : {}),
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
