import { MatchingRepository } from '../../bot/src/features/matching';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { startTestStorage } from '../support/test-service';

/**
 * The publish claim of a large cohort: its result (every pair made and every person told) is
 * longer than one table property holds, and is kept whole.
 */

let storage: EmbeddedStorage;
let runs: MatchingRepository;

beforeAll(async () => {
  storage = await startTestStorage();
  const store = new TableStore({
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
