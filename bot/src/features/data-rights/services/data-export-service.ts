import { strToU8, zipSync } from 'fflate';
import { EXPORT_AREAS, EXPORT_AREA_WORDS, type ExportArea } from '../../../contracts/data-rights';
import type { AuditLog } from '../../../contracts/audit';
import type { Logger } from '../../../platform/logger';
import {
  DATA_MAP,
  type MappedTable,
  type PersonKeys,
  type StoredRow,
  type TableRowsPort,
  mappedTables,
} from '../domain/data-map';
import { readableRow } from '../domain/export-rules';

/** Where the export reads from: the person's keys, and one port per table of the data map. */
export interface PersonDataSource {
  resolve(objectId: string): Promise<PersonKeys>;
  ports(): Record<MappedTable, TableRowsPort>;
}

export interface ExportCaller {
  userId: string;
  name: string;
}

/** One area's file: the person's rows of each table that feeds it. */
type AreaFile = Partial<Record<string, StoredRow[]>>;

/**
 * "Export my data": everything the product holds about the caller, found table by table
 * through the data map, as a zip with one JSON file per area and a readable `summary.txt`.
 * Only ever the caller's own data: the person is the token's object id, never a parameter.
 * Logged and audited (`data.exported`), never with any content.
 */
export class DataExportService {
  constructor(
    private readonly source: PersonDataSource,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  async export(caller: ExportCaller): Promise<Uint8Array> {
    const started = Date.now();
    const person = await this.source.resolve(caller.userId);
    const ports = this.source.ports();
    const files = Object.fromEntries(EXPORT_AREAS.map((a) => [a, {} as AreaFile])) as Record<
      ExportArea,
      AreaFile
    >;
    const counts: Partial<Record<MappedTable, number>> = {};
    await Promise.all(
      mappedTables().map(async (key) => {
        const area = DATA_MAP[key].exportArea;
        if (area === null) return;
        const rows = (await ports[key].find(person)).map(readableRow);
        files[area][DATA_MAP[key].table] = rows;
        counts[key] = rows.length;
      }),
    );
    const at = this.now().toISOString();
    const zip: Record<string, Uint8Array> = {
      'summary.txt': strToU8(summaryText(caller.name, at, files)),
    };
    for (const area of EXPORT_AREAS) {
      zip[`${area}.json`] = strToU8(JSON.stringify(files[area], null, 2));
    }
    // Stored, not deflated: a person's JSON is small, and the archive stays readable byte for byte
    // (the authorisation matrix reads every answer for what must never leak).
    const archive = zipSync(zip, { level: 0 });
    await this.audit.record({
      action: 'data.exported',
      actorId: caller.userId,
      actorName: caller.name,
      target: 'participant',
      targetId: caller.userId,
      targetLabel: caller.name,
      cohortId: null,
      changes: [],
      reason: null,
    });
    this.log.info(
      { userId: caller.userId, counts, bytes: archive.length, ms: Date.now() - started },
      'data exported',
    );
    return archive;
  }
}

function summaryText(name: string, at: string, files: Record<ExportArea, AreaFile>): string {
  const lines = [
    `Your data, as the reverse-mentoring app holds it`,
    `For: ${name}`,
    `Exported: ${at} (UTC)`,
    '',
    'Each file holds one area, grouped by the table it was kept in:',
    '',
  ];
  for (const area of EXPORT_AREAS) {
    const tables = Object.entries(files[area])
      .map(([table, rows]) => `${table}: ${rows?.length ?? 0}`)
      .join(', ');
    lines.push(`${area}.json — ${EXPORT_AREA_WORDS[area]}.`, `  Rows: ${tables}`, '');
  }
  lines.push(
    'Not included: your partner’s own preparation, reflections, reviews and fit checks (theirs,',
    'shared or not), and the programme team’s working notes on a pairing’s status.',
    'Aggregates (survey results, counts) are not about you alone and are not included.',
  );
  return `${lines.join('\n')}\n`;
}
