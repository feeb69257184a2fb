import {
  type EqualityBreakdowns,
  type EvaluationResults,
  breakdownsSchema,
  evaluationResultsSchema,
} from '../../../contracts/evaluation-results';
import type { TableStore } from '../../../platform/storage/table-store';
import { getRow, num, str, tryInsertRow } from '../../../platform/storage/versioned';

/**
 * `CohortSummaries`: PartitionKey `summary`, RowKey cohort id. A retained cohort's evaluation
 * results exactly as its report showed them (already suppressed: no group under the plan's
 * minimum group size carries a figure), kept before its personal rows are deleted, so its
 * outcomes and the sponsor's report still answer. Aggregates only, written once (insert): a
 * second keep leaves the first, so a run resumed after the deletion began never replaces the
 * summary by figures over rows already gone.
 *
 * PartitionKey `breakdowns`, RowKey cohort id: the cohort's breakdowns by special-category data,
 * kept the same way (suppressed, written once) just before those answers are deleted, months
 * before the rest; the report reads them from here afterwards.
 */

const PARTITION = 'summary';
const BREAKDOWNS = 'breakdowns';
/** Characters per string property (Table Storage holds 64 KiB, two bytes a character). */
const CHUNK = 30_000;
/** At most this many properties (about 900 KB, within the 1 MiB entity). */
const MAX_CHUNKS = 15;

export interface KeptSummary {
  results: EvaluationResults;
  /** ISO instant it was kept. */
  keptAt: string;
}

export interface KeptBreakdowns {
  breakdowns: EqualityBreakdowns | null;
  keptAt: string;
}

export class SummaryRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('cohortSummaries');
  }

  async get(cohortId: string): Promise<KeptSummary | undefined> {
    const row = await getRow(this.table, PARTITION, cohortId);
    if (!row) return undefined;
    const json = Array.from({ length: num(row, 'chunks') }, (_, i) => str(row, `data${i}`)).join(
      '',
    );
    return {
      results: evaluationResultsSchema.parse(JSON.parse(json)),
      keptAt: str(row, 'keptAt'),
    };
  }

  async breakdowns(cohortId: string): Promise<KeptBreakdowns | undefined> {
    const row = await getRow(this.table, BREAKDOWNS, cohortId);
    if (!row) return undefined;
    return {
      breakdowns: breakdownsSchema.nullable().parse(JSON.parse(str(row, 'data'))),
      keptAt: str(row, 'keptAt'),
    };
  }

  /** Keeps the breakdowns unless kept already; false when they were. */
  async keepBreakdowns(cohortId: string, kept: KeptBreakdowns): Promise<boolean> {
    const etag = await tryInsertRow(this.table, {
      partitionKey: BREAKDOWNS,
      rowKey: cohortId,
      keptAt: kept.keptAt,
      data: JSON.stringify(kept.breakdowns),
    });
    return etag !== undefined;
  }

  /** Keeps the summary unless one is kept already; false when one was. */
  async keep(cohortId: string, summary: KeptSummary): Promise<boolean> {
    const json = JSON.stringify(summary.results);
    const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
    if (chunks > MAX_CHUNKS) throw new Error(`The summary of cohort ${cohortId} is too large`);
    const data = Object.fromEntries(
      Array.from({ length: chunks }, (_, i) => [
        `data${i}`,
        json.slice(i * CHUNK, (i + 1) * CHUNK),
      ]),
    );
    const etag = await tryInsertRow(this.table, {
      partitionKey: PARTITION,
      rowKey: cohortId,
      keptAt: summary.keptAt,
      chunks,
      ...data,
    });
    return etag !== undefined;
  }
}
