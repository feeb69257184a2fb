import type { Application } from '../domain/application';
import { tryReplacePartition } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  encodeKey,
  getRow,
  insertRow,
  listPartition,
  replaceRow,
  str,
  tryDeleteRow,
  upsertRow,
} from '../../../platform/storage/versioned';

/**
 * Applications: PartitionKey cohort id, RowKey the applicant's Entra object id; `status` as a
 * column and the application as JSON (never a special-category answer: those are in
 * `ApplicationSensitive`). A cohort's applications are one partition; one person's is a point
 * read. Beside it, `NextCohortInterest`: PartitionKey cohort id, RowKey the person's object id,
 * who asked to hear about the next cohort.
 */

export interface Interest {
  userId: string;
  name: string;
  email?: string;
  at: string;
}

const entity = (app: Application) => ({
  partitionKey: app.cohortId,
  rowKey: encodeKey(app.applicantId),
  status: app.status,
  data: JSON.stringify(app),
});

export class ApplicationRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('applications');
  }

  private get interest() {
    return this.store.table('nextCohortInterest');
  }

  async get(cohortId: string, applicantId: string): Promise<Versioned<Application> | undefined> {
    const row = await getRow(this.table, cohortId, encodeKey(applicantId));
    return row ? { value: JSON.parse(str(row, 'data')) as Application, etag: row.etag } : undefined;
  }

  async listByCohort(cohortId: string): Promise<Versioned<Application>[]> {
    const rows = await listPartition(this.table, cohortId);
    return rows.map((row) => ({
      value: JSON.parse(str(row, 'data')) as Application,
      etag: row.etag,
    }));
  }

  /** Deletes one application under the ETag read; false when it was gone or changed meanwhile. */
  async remove(cohortId: string, applicantId: string): Promise<boolean> {
    const row = await getRow(this.table, cohortId, encodeKey(applicantId));
    return row ? tryDeleteRow(this.table, cohortId, encodeKey(applicantId), row.etag) : false;
  }

  async create(app: Application): Promise<Versioned<Application>> {
    const etag = await insertRow(this.table, entity(app), 'Your application');
    return { value: app, etag };
  }

  /** Replaces under the ETag read; a lost race is a 412 carrying the saved version. */
  async update(
    app: Application,
    etag: string,
    current: () => Promise<unknown>,
  ): Promise<Versioned<Application>> {
    const next = await replaceRow(this.table, entity(app), etag, 'Your application', current);
    return { value: app, etag: next };
  }

  /**
   * Replaces many applications of one cohort, each under the ETag read, 100 to a transaction;
   * answers how many were refused because they changed meanwhile (nothing is overwritten).
   */
  replaceMany(cohortId: string, apps: readonly Versioned<Application>[]): Promise<number> {
    return tryReplacePartition(
      this.table,
      apps.map(({ value, etag }) => ({ entity: entity({ ...value, cohortId }), etag })),
    );
  }

  async setInterest(cohortId: string, person: Interest): Promise<void> {
    await upsertRow(this.interest, {
      partitionKey: cohortId,
      rowKey: encodeKey(person.userId),
      data: JSON.stringify(person),
    });
  }

  async dropInterest(cohortId: string, userId: string): Promise<void> {
    const row = await getRow(this.interest, cohortId, encodeKey(userId));
    if (row) await tryDeleteRow(this.interest, cohortId, encodeKey(userId), row.etag);
  }

  async hasInterest(cohortId: string, userId: string): Promise<boolean> {
    return (await getRow(this.interest, cohortId, encodeKey(userId))) !== undefined;
  }

  async listInterest(cohortId: string): Promise<Interest[]> {
    const rows = await listPartition(this.interest, cohortId);
    return rows.map((row) => JSON.parse(str(row, 'data')) as Interest);
  }
}
