import type { MatchingSettings, RunKind, RunStatus } from '../../../contracts/matching';
import { AppError } from '../../../platform/errors';
import type { TableStore } from '../../../platform/storage/table-store';
import { odata } from '@azure/data-tables';
import {
  type Versioned,
  getRow,
  listPartition,
  insertRow,
  replaceRow,
  tryInsertRow,
  tryUpdateRow,
  upsertRow,
  num,
  optStr,
  str,
} from '../../../platform/storage/versioned';
import type { Draft } from '../domain/proposal/draft';
import {
  type SpilledBody,
  partsOf,
  readWhole,
  removeParts,
  spill,
  writeParts,
} from './spilled-json';

/**
 * Matching runs, one partition per cohort (table MatchingRuns):
 * - `settings`: the cohort's matching settings (ETag-guarded);
 * - `head`: the number of the latest run (a hint: a run row beyond it is found by probing);
 * - `run:r000001`…: each run, its draft as JSON (split over properties of 30,000 characters), or,
 *   when longer than one row holds, over part rows `run:r000001:part:<body id>:0001`… (see
 *   spilled-json.ts: written first, in force once the ETag-guarded run row names them);
 * - `publish:<runId>`: the publish claim (made by a conditional insert) and then its result,
 *   kept the same way (`publish:<runId>:part:…` when long);
 * - `told:<runId>:<applicantId>`: someone told they are on the waiting list, once.
 */

/** The settings a run was made with: the matching settings and the cohort's band gap then. */
export type RunSettings = MatchingSettings & { minimumBandGap: number };

export interface StoredRun {
  id: string;
  cohortId: string;
  seq: number;
  kind: RunKind;
  status: RunStatus;
  createdAt: string;
  createdBy: string;
  previousRunId: string | null;
  settings: RunSettings;
  draft: Draft;
  /** Display names of everyone in the run, as they were when it was made. */
  names: Record<string, string>;
}

export interface PublishClaim {
  state: 'publishing' | 'published';
  owner: string;
  claimedAt: string;
  /** JSON of the publish result once published. */
  result?: string;
}

const runKey = (seq: number) => `run:${runIdOf(seq)}`;
const claimKey = (runId: string) => `publish:${runId}`;
export const runIdOf = (seq: number): string => `r${String(seq).padStart(6, '0')}`;
export const seqOf = (runId: string): number | undefined =>
  /^r\d{6}$/.test(runId) ? Number(runId.slice(1)) : undefined;

type Keys = { partitionKey: string; rowKey: string };

/** A run's row and its body (draft, settings, names) laid out by `spill`. */
function runWrite(run: StoredRun): { entity: Record<string, unknown> & Keys; body: SpilledBody } {
  const { draft, settings, names, ...rest } = run;
  const body = spill(run.cohortId, runKey(run.seq), JSON.stringify({ draft, settings, names }));
  const entity = {
    partitionKey: run.cohortId,
    rowKey: runKey(run.seq),
    ...rest,
    previousRunId: run.previousRunId ?? '',
    ...body.ownerProps,
  };
  return { entity, body };
}

function runOf(row: Record<string, unknown>, json: string): StoredRun {
  const body = JSON.parse(json) as Pick<StoredRun, 'draft' | 'settings' | 'names'>;
  return {
    id: str(row, 'id'),
    cohortId: str(row, 'cohortId'),
    seq: num(row, 'seq'),
    kind: str(row, 'kind') as RunKind,
    status: str(row, 'status') as RunStatus,
    createdAt: str(row, 'createdAt'),
    createdBy: str(row, 'createdBy'),
    previousRunId: optStr(row, 'previousRunId') || null,
    ...body,
  };
}

export class MatchingRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table('matching');
  }

  async getSettings(cohortId: string): Promise<Versioned<MatchingSettings> | undefined> {
    const row = await getRow(this.table, cohortId, 'settings');
    if (!row) return undefined;
    // Settings saved before the gap moved to the application settings carry their own: ignored.
    const { minimumBandGap: _ignored, ...value } = JSON.parse(
      str(row, 'json'),
    ) as MatchingSettings & {
      minimumBandGap?: number;
    };
    return { value, etag: row.etag };
  }

  /** Saves the settings: a first save inserts, any later one needs the ETag last read. */
  async putSettings(
    cohortId: string,
    settings: MatchingSettings,
    etag: string | undefined,
  ): Promise<Versioned<MatchingSettings>> {
    const { minimumBandGap: _never, ...kept } = settings as MatchingSettings & {
      minimumBandGap?: unknown;
    };
    const entity = { partitionKey: cohortId, rowKey: 'settings', json: JSON.stringify(kept) };
    const saved =
      etag === undefined
        ? await insertRow(this.table, entity, 'The matching settings')
        : await replaceRow(this.table, entity, etag, 'The matching settings', () =>
            this.getSettings(cohortId),
          );
    return { value: kept, etag: saved };
  }

  async getRun(cohortId: string, runId: string): Promise<Versioned<StoredRun> | undefined> {
    const seq = seqOf(runId);
    if (seq === undefined) return undefined;
    const read = await readWhole(this.table, cohortId, runKey(seq));
    return read ? { value: runOf(read.row, read.json ?? ''), etag: read.row.etag } : undefined;
  }

  /** The latest run: from the head's number, probing forward past a head not yet moved. */
  async latestRun(cohortId: string): Promise<Versioned<StoredRun> | undefined> {
    const head = await getRow(this.table, cohortId, 'head');
    let seq = head ? num(head, 'seq') : 0;
    let latest = seq > 0 ? await this.getRun(cohortId, runIdOf(seq)) : undefined;
    for (;;) {
      const next = await this.getRun(cohortId, runIdOf(seq + 1));
      if (!next) return latest;
      latest = next;
      seq += 1;
    }
  }

  /**
   * Adds the next run. Two runs started at once take the same number: one insert wins, the
   * other is refused as a conflict (never overwritten).
   */
  async createRun(run: Omit<StoredRun, 'id' | 'seq'>, seq: number): Promise<Versioned<StoredRun>> {
    const value: StoredRun = { ...run, id: runIdOf(seq), seq };
    const { entity, body } = runWrite(value);
    await writeParts(this.table, body.parts);
    const etag = await tryInsertRow(this.table, entity);
    if (etag === undefined) {
      await removeParts(this.table, run.cohortId, body.ref);
      throw AppError.coded(
        'stale',
        'run_conflict',
        'Someone started another run at the same time; nothing was saved',
      );
    }
    await upsertRow(this.table, { partitionKey: run.cohortId, rowKey: 'head', seq });
    return { value, etag };
  }

  /**
   * Replaces a run only if unchanged since `etag` (412 with the latest otherwise). A long body's
   * new parts are written first and become the run's only with the ETag-guarded row; the parts
   * of the body it replaced are then removed (or the new ones, when refused).
   */
  async replaceRun(run: StoredRun, etag: string): Promise<Versioned<StoredRun>> {
    const { entity, body } = runWrite(run);
    const before = await getRow(this.table, run.cohortId, entity.rowKey);
    await writeParts(this.table, body.parts);
    let saved: string;
    try {
      saved = await replaceRow(this.table, entity, etag, 'This run', () =>
        this.getRun(run.cohortId, run.id).then((r) => r && { ...r, etag: r.etag }),
      );
    } catch (error) {
      await removeParts(this.table, run.cohortId, body.ref);
      throw error;
    }
    if (before?.etag === etag) {
      await removeParts(this.table, run.cohortId, partsOf(entity.rowKey, before));
    }
    return { value: run, etag: saved };
  }

  /** The cohort's last published run, as its publish claims say: one query, whatever came after. */
  async lastPublishedRunId(cohortId: string): Promise<string | undefined> {
    const prefix = claimKey('');
    const rows = await listPartition(
      this.table,
      cohortId,
      // ';' follows ':' in code order: the range is every row key starting `publish:`.
      odata`RowKey ge ${prefix} and RowKey lt ${'publish;'} and state eq ${'published'}`,
    );
    const seqs = rows.flatMap((row) => seqOf(String(row.rowKey).slice(prefix.length)) ?? []);
    return seqs.length > 0 ? runIdOf(Math.max(...seqs)) : undefined;
  }

  async getClaim(cohortId: string, runId: string): Promise<Versioned<PublishClaim> | undefined> {
    const read = await readWhole(this.table, cohortId, claimKey(runId));
    if (!read) return undefined;
    const { row } = read;
    return {
      value: {
        state: str(row, 'state') as PublishClaim['state'],
        owner: str(row, 'owner'),
        claimedAt: str(row, 'claimedAt'),
        result: read.json,
      },
      etag: row.etag,
    };
  }

  /** The publish claim: a conditional insert, so only one caller ever holds a fresh claim. */
  async tryClaim(
    cohortId: string,
    runId: string,
    claim: PublishClaim,
  ): Promise<string | undefined> {
    return tryInsertRow(this.table, {
      partitionKey: cohortId,
      rowKey: claimKey(runId),
      ...claim,
    });
  }

  /** Takes over a claim left by a caller that stopped (or records the result): ETag-guarded. */
  async tryUpdateClaim(
    cohortId: string,
    runId: string,
    claim: PublishClaim,
    etag: string,
  ): Promise<string | undefined> {
    const { result, ...rest } = claim;
    // The result of a large cohort's publish is longer than one property (or row) holds.
    const body = result === undefined ? undefined : spill(cohortId, claimKey(runId), result);
    const before = await getRow(this.table, cohortId, claimKey(runId));
    await writeParts(this.table, body?.parts ?? []);
    const saved = await tryUpdateRow(
      this.table,
      { partitionKey: cohortId, rowKey: claimKey(runId), ...rest, ...body?.ownerProps },
      etag,
      'Replace',
    );
    if (saved === undefined) await removeParts(this.table, cohortId, body?.ref);
    else if (before?.etag === etag) {
      await removeParts(this.table, cohortId, partsOf(claimKey(runId), before));
    }
    return saved;
  }

  /** True the first time for this run and person: they are told once. */
  async firstTell(cohortId: string, runId: string, applicantId: string): Promise<boolean> {
    const etag = await tryInsertRow(this.table, {
      partitionKey: cohortId,
      rowKey: `told:${runId}:${applicantId}`,
    });
    return etag !== undefined;
  }
}
