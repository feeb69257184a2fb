import { type PrivacySettings, privacySettingsSchema } from '../../../contracts/privacy';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/**
 * The programme's privacy contact and data controller: one row (PartitionKey `programme`,
 * RowKey `privacy`), the settings as JSON. Programme-wide: there is one programme per install.
 */

const PARTITION = 'programme';
const ROW = 'privacy';
const WHAT = 'The privacy settings';

export class PrivacySettingsRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('privacySettings');
  }

  async get(): Promise<Versioned<PrivacySettings> | undefined> {
    const row = await getRow(this.table, PARTITION, ROW);
    if (!row) return undefined;
    const parsed = privacySettingsSchema.safeParse(JSON.parse(str(row, 'data') || '{}'));
    return parsed.success ? { value: parsed.data, etag: row.etag } : undefined;
  }

  /** First save: inserted (a second first save loses, with the saved version). */
  async create(settings: PrivacySettings): Promise<string> {
    return insertRow(this.table, this.entity(settings), WHAT);
  }

  /** Replaced only if unchanged since `etag` was read (412 with the latest version). */
  async update(settings: PrivacySettings, etag: string): Promise<string> {
    return replaceRow(this.table, this.entity(settings), etag, WHAT, () => this.get());
  }

  private entity(settings: PrivacySettings) {
    return { partitionKey: PARTITION, rowKey: ROW, data: JSON.stringify(settings) };
  }
}
