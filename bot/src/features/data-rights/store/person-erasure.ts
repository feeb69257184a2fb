import type { TableKey, TableStore } from '../../../platform/storage/table-store';
import { listPartition, tryDeleteRow, tryUpdateRow } from '../../../platform/storage/versioned';
import { DATA_MAP, type MappedTable, type StoredRow, mappedTables } from '../domain/data-map';
import { type ErasedPerson, erasureOf, mentions } from '../domain/erasure-rules';
import type { PersonRows } from './person-rows';

/**
 * Erasure's hands on the tables: for each table of the data map, the person's rows (found as the
 * export finds them; the audit trail by any mention of them) and the change the rules say, each
 * written only if the row is unchanged since it was read. A row changed meanwhile is read again;
 * a run cut short is finished by running it again (every change is idempotent).
 */
export class PersonErasure {
  constructor(
    private readonly store: TableStore,
    private readonly rows: PersonRows,
  ) {}

  /** The tables erasure reaches, in the map's order (the erasure requests themselves last). */
  tables(): MappedTable[] {
    return mappedTables().filter((t) => DATA_MAP[t].erasure !== 'nothing' && t !== 'erasures');
  }

  private async find(table: MappedTable, person: ErasedPerson): Promise<StoredRow[]> {
    if (table === 'audit') {
      const trail = await listPartition(this.store.table('audit'), 'trail');
      return trail.filter((row) => mentions(row, person));
    }
    if (table === 'matching') {
      // A coordinator's drafts name applicants anywhere in them: each cohort's drafts are read.
      const cohorts = new Set([
        ...person.memberships.map((m) => m.cohortId),
        ...person.applicationCohortIds,
      ]);
      const drafts = await Promise.all(
        [...cohorts].map((cohortId) => listPartition(this.store.table('matching'), cohortId)),
      );
      return drafts.flat().filter((row) => mentions(row, person));
    }
    return this.rows.ports()[table].find(person);
  }

  /** Erases the person's rows of one table; the counts of rows deleted and rewritten. */
  async eraseTable(
    table: MappedTable,
    person: ErasedPerson,
  ): Promise<{ deleted: number; rewritten: number }> {
    const client = this.store.table(table as TableKey);
    let deleted = 0;
    let rewritten = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      let lost = false;
      // A fresh copy each round: the ports cache what they read per person object.
      const who = { ...person };
      for (const row of await this.find(table, who)) {
        // A row the export projected (one mark of a register) is not a stored row: never written.
        if (typeof row.etag !== 'string') continue;
        const change = erasureOf(table, row, who);
        const etag = String(row.etag);
        const pk = String(row.partitionKey);
        const rk = String(row.rowKey);
        if (change.kind === 'delete') {
          if (await tryDeleteRow(client, pk, rk, etag)) deleted++;
          else lost = true;
        } else if (change.kind === 'replace') {
          const entity = { ...change.row, partitionKey: pk, rowKey: rk };
          if ((await tryUpdateRow(client, entity, etag, 'Replace')) !== undefined) rewritten++;
          else lost = true;
        }
      }
      if (!lost) return { deleted, rewritten };
    }
    throw new Error(`Erasure could not finish ${DATA_MAP[table].table}: rows keep changing`);
  }
}
