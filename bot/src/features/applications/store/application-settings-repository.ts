import { type ApplicationSettings, withSettingsDefaults } from '../../../contracts/applications';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/**
 * Each cohort's application settings: PartitionKey `settings`, RowKey cohort id, the settings as
 * JSON. "Which cohorts take applications now?" is one small partition (tens of cohorts).
 */

const PARTITION = 'settings';

export interface StoredSettings {
  cohortId: string;
  settings: ApplicationSettings;
}

export class ApplicationSettingsRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('applicationSettings');
  }

  async get(cohortId: string): Promise<Versioned<ApplicationSettings> | undefined> {
    const row = await getRow(this.table, PARTITION, cohortId);
    return row
      ? { value: withSettingsDefaults(JSON.parse(str(row, 'data'))), etag: row.etag }
      : undefined;
  }

  async list(): Promise<StoredSettings[]> {
    const rows = await listPartition(this.table, PARTITION);
    return rows.map((row) => ({
      cohortId: String(row.rowKey),
      settings: withSettingsDefaults(JSON.parse(str(row, 'data'))),
    }));
  }

  /** First save: inserted (a second first save loses, 412 with the saved version). */
  async create(cohortId: string, settings: ApplicationSettings): Promise<string> {
    return insertRow(
      this.table,
      { partitionKey: PARTITION, rowKey: cohortId, data: JSON.stringify(settings) },
      'The application settings',
    );
  }

  async update(cohortId: string, settings: ApplicationSettings, etag: string): Promise<string> {
    return replaceRow(
      this.table,
      { partitionKey: PARTITION, rowKey: cohortId, data: JSON.stringify(settings) },
      etag,
      'The application settings',
      () => this.get(cohortId),
    );
  }
}
