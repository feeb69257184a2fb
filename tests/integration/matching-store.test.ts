import {
  DEFAULT_MATCH_WEIGHTS,
  type Draft,
  MatchingRepository,
} from '../../bot/src/features/matching';
import type { StoredRun } from '../../bot/src/features/matching/store/matching-repository';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { listPartition } from '../../bot/src/platform/storage/versioned';
import { startTestStorage } from '../support/test-service';

/**
 * What Azure Table Storage holds of a matching run, on the real Azurite (which does not enforce
 * the service's limits, so they are measured here): the publish claim of a large cohort (its
 * result, every pair made and every person told, is longer than one property holds) and a run
 * of thousands of pairs (longer than one entity holds), each kept whole and read back.
 */

let storage: EmbeddedStorage;
let store: TableStore;
let runs: MatchingRepository;

/** Azure's own limits: 1 MiB an entity, 64 KiB a string property. */
const ENTITY_MAX = 1024 * 1024;
const STRING_MAX = 64 * 1024;

/**
 * An entity's size the way Azure counts it, rounded up: 4 bytes, the keys at two bytes a
 * character, and each property 8 bytes plus its name at two bytes a character plus its value
 * (a string 4 + two bytes a character; anything else counted as 8).
 */
function entityBytes(row: Record<string, unknown>): number {
  let bytes = 4 + (String(row.partitionKey).length + String(row.rowKey).length) * 2;
  for (const [name, value] of Object.entries(row)) {
    if (name === 'partitionKey' || name === 'rowKey' || name === 'etag') continue;
    bytes += 8 + name.length * 2 + (typeof value === 'string' ? 4 + value.length * 2 : 8);
  }
  return bytes;
}

/** Every stored entity of a partition within Azure's limits. */
async function expectWithinLimits(cohortId: string): Promise<number> {
  const rows = await listPartition(store.table('matching'), cohortId);
  for (const row of rows) {
    expect({ rowKey: row.rowKey, bytes: entityBytes(row) <= ENTITY_MAX }).toEqual({
      rowKey: row.rowKey,
      bytes: true,
    });
    for (const value of Object.values(row)) {
      if (typeof value === 'string') expect(value.length * 2).toBeLessThanOrEqual(STRING_MAX);
    }
  }
  return rows.length;
}

const idOf = (side: string, i: number) =>
  `${side}0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A generated run of `n` pairs, each with its score, reasons and warnings in words. */
function bigRun(cohortId: string, n: number, label: string): Omit<StoredRun, 'id' | 'seq'> {
  const names: Record<string, string> = {};
  const pairs = Array.from({ length: n }, (_, i) => {
    const mentorId = idOf('a', i);
    const menteeId = idOf('b', i);
    names[mentorId] = `Mentor ${i} Zoë Ñúñez-O’Brien`;
    names[menteeId] = `Mentee ${i} Siobhán Nakamura`;
    return {
      mentorId,
      menteeId,
      score: (i * 7) % 100,
      reasons: [
        `covers ${i % 4} of 4 perspectives ${label} wants to learn`,
        'different organisations',
        'both free on Tuesday mornings and Thursday afternoons',
      ],
      warnings: i % 5 === 0 ? ['only one free slot in common'] : [],
      locked: i % 97 === 0,
    };
  });
  const draft: Draft = {
    pairs,
    unmatched: [
      { id: idOf('c', 1), role: 'mentee', cause: 'shortage', reason: 'all who may were taken' },
    ],
    refusedLocks: [],
    removedPairs: [[idOf('a', 9_999), idOf('b', 9_999)]],
  };
  return {
    cohortId,
    kind: 'run',
    status: 'draft',
    createdAt: '2027-02-01T09:00:00.000Z',
    createdBy: 'coordinator-1',
    previousRunId: null,
    settings: {
      aim: 'best-fit',
      weights: { ...DEFAULT_MATCH_WEIGHTS },
      neverPair: [],
      minimumBandGap: 2,
    },
    draft,
    names,
  };
}

beforeAll(async () => {
  storage = await startTestStorage();
  store = new TableStore({
    kind: 'connection-string',
    connectionString: storage.connectionString,
  });
  await store.ensureTables();
  runs = new MatchingRepository(store);
});

afterAll(() => storage.stop());

it('keeps a publish result longer than one property whole', async () => {
  const claim = { state: 'publishing' as const, owner: 'one', claimedAt: '2027-01-04T09:00:00Z' };
  const etag = await runs.tryClaim('cohort-a', 'r000001', claim);
  expect(etag).toBeDefined();
  const pairs = Array.from({ length: 1500 }, (_, i) => ({ pairId: `pair-${i}`, told: true }));
  const result = JSON.stringify({ pairs });
  expect(result.length).toBeGreaterThan(32_000);

  const saved = await runs.tryUpdateClaim(
    'cohort-a',
    'r000001',
    { ...claim, state: 'published', result },
    etag!,
  );
  expect(saved).toBeDefined();
  const read = await runs.getClaim('cohort-a', 'r000001');
  expect(read?.value).toEqual({ ...claim, state: 'published', result });
});

it('reads a claim still publishing without a result', async () => {
  const claim = { state: 'publishing' as const, owner: 'two', claimedAt: '2027-01-04T09:00:00Z' };
  await runs.tryClaim('cohort-b', 'r000001', claim);
  expect((await runs.getClaim('cohort-b', 'r000001'))?.value).toEqual({
    ...claim,
    result: undefined,
  });
});

it('keeps a run of 5,000 pairs whole over several rows, each within Azure’s limits', async () => {
  const made = bigRun('cohort-big', 5_000, 'David');
  expect(JSON.stringify(made).length * 2).toBeGreaterThan(2 * ENTITY_MAX);
  const created = await runs.createRun(made, 1);
  const read = await runs.getRun('cohort-big', 'r000001');
  expect(read?.value).toEqual({ ...made, id: 'r000001', seq: 1 });
  expect(read?.etag).toBe(created.etag);
  expect(await expectWithinLimits('cohort-big')).toBeGreaterThan(2);
  expect((await runs.latestRun('cohort-big'))?.value.draft.pairs).toHaveLength(5_000);

  // Replaced with the ETag read: the new body is read whole, the old parts are gone.
  const edited: StoredRun = { ...read!.value, ...bigRun('cohort-big', 4_000, 'Priya') };
  const before = (await listPartition(store.table('matching'), 'cohort-big')).length;
  const replaced = await runs.replaceRun(edited, read!.etag);
  expect((await runs.getRun('cohort-big', 'r000001'))?.value).toEqual(edited);
  const after = await expectWithinLimits('cohort-big');
  expect(after).toBeLessThanOrEqual(before);

  // The ETag read before is out of date: refused with the latest, nothing of it kept.
  const stale = { ...edited, draft: { ...edited.draft, pairs: edited.draft.pairs.slice(0, 10) } };
  await expect(runs.replaceRun(stale, read!.etag)).rejects.toMatchObject({ reason: 'stale' });
  const kept = await runs.getRun('cohort-big', 'r000001');
  expect(kept?.etag).toBe(replaced.etag);
  expect(kept?.value.draft.pairs).toHaveLength(4_000);
  expect((await listPartition(store.table('matching'), 'cohort-big')).length).toBe(after);

  // Shrunk back to one row: still read whole, and no part left behind.
  const small: StoredRun = { ...edited, ...bigRun('cohort-big', 3, 'Ada') };
  await runs.replaceRun(small, replaced.etag);
  expect((await runs.getRun('cohort-big', 'r000001'))?.value).toEqual(small);
  const rows = await listPartition(store.table('matching'), 'cohort-big');
  expect(rows.map((r) => r.rowKey).sort()).toEqual(['head', 'run:r000001']);
});

it('still reads a run kept in one row the way runs were kept before', async () => {
  const run = bigRun('cohort-old', 20, 'Ada');
  const json = JSON.stringify({ draft: run.draft, settings: run.settings, names: run.names });
  const { draft: _d, settings: _s, names: _n, ...rest } = run;
  await store.table('matching').createEntity({
    partitionKey: 'cohort-old',
    rowKey: 'run:r000001',
    ...rest,
    id: 'r000001',
    seq: 1,
    previousRunId: '',
    data0: json.slice(0, 30_000),
    data1: json.slice(30_000),
    chunks: 2,
  });
  expect((await runs.getRun('cohort-old', 'r000001'))?.value).toEqual({
    ...run,
    id: 'r000001',
    seq: 1,
  });
});

it('keeps a publish result longer than one entity holds, within Azure’s limits', async () => {
  const claim = { state: 'publishing' as const, owner: 'three', claimedAt: '2027-01-04T09:00:00Z' };
  const etag = await runs.tryClaim('cohort-c', 'r000001', claim);
  const pairs = Array.from({ length: 5_000 }, (_, i) => ({
    pairId: idOf('d', i),
    mentorId: idOf('a', i),
    menteeId: idOf('b', i),
    told: true,
  }));
  const result = JSON.stringify({ pairs });
  expect(result.length * 2).toBeGreaterThan(ENTITY_MAX);
  const saved = await runs.tryUpdateClaim(
    'cohort-c',
    'r000001',
    { ...claim, state: 'published', result },
    etag!,
  );
  expect(saved).toBeDefined();
  expect((await runs.getClaim('cohort-c', 'r000001'))?.value).toEqual({
    ...claim,
    state: 'published',
    result,
  });
  await expectWithinLimits('cohort-c');
  // A stale claim update is refused and leaves nothing behind.
  const rowsBefore = (await listPartition(store.table('matching'), 'cohort-c')).length;
  expect(
    await runs.tryUpdateClaim('cohort-c', 'r000001', { ...claim, result: `${result} ` }, etag!),
  ).toBeUndefined();
  expect((await listPartition(store.table('matching'), 'cohort-c')).length).toBe(rowsBefore);
});
