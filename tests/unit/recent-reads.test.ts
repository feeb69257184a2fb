import { noteStorageWrite } from '../../bot/src/platform/storage/read-coalescer';
import { RecentReads } from '../../bot/src/platform/storage/recent-reads';

/**
 * Issue 18: a cohort-wide read shared by a crowd for a moment, never older than this process's
 * own writes to its tables, bounded by size and age.
 */

const EVENTS = 'http://127.0.0.1:10002/devstoreaccount1/Events';
const OTHER = 'http://127.0.0.1:10002/devstoreaccount1/Participants';

function source() {
  let reads = 0;
  return {
    fetch: async () => {
      reads++;
      return { read: reads };
    },
    reads: () => reads,
  };
}

/** Recent reads of the Events table kept 2 s, on a clock the test moves, and a counted source. */
function onClock() {
  let at = 1_000;
  const recent = new RecentReads<{ read: number }>(
    ['Events'],
    { maxEntries: 8, maxAgeMs: 2_000 },
    () => at,
  );
  return { recent, data: source(), move: (ms: number) => (at += ms) };
}

describe('recent reads', () => {
  it('answers the crowd from one read while fresh', async () => {
    const { recent, data, move } = onClock();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => recent.read('cohort-1', data.fetch)),
    );
    move(1_999);
    answers.push(await recent.read('cohort-1', data.fetch));
    expect(data.reads()).toBe(1);
    expect(answers.every((a) => a.read === 1)).toBe(true);
  });

  it('reads again once the read is as old as its limit', async () => {
    const { recent, data, move } = onClock();
    await recent.read('cohort-1', data.fetch);
    move(2_000);
    expect(await recent.read('cohort-1', data.fetch)).toEqual({ read: 2 });
  });

  it('reads again after this process writes to its table, or sends a transaction', async () => {
    const recent = new RecentReads<{ read: number }>(['Events']);
    const data = source();
    await recent.read('cohort-1', data.fetch);
    noteStorageWrite(`${EVENTS}(PartitionKey='cohort-1',RowKey='rsvp%7Ce%7Cp')`);
    expect(await recent.read('cohort-1', data.fetch)).toEqual({ read: 2 });
    noteStorageWrite('http://127.0.0.1:10002/devstoreaccount1/$batch');
    expect(await recent.read('cohort-1', data.fetch)).toEqual({ read: 3 });
    expect(await recent.read('cohort-1', data.fetch)).toEqual({ read: 3 });
  });

  it('keeps its read when the write went to another table', async () => {
    const recent = new RecentReads<{ read: number }>(['Events']);
    const data = source();
    await recent.read('cohort-1', data.fetch);
    noteStorageWrite(`${OTHER}(PartitionKey='cohort-1',RowKey='p')`);
    noteStorageWrite(OTHER);
    expect(await recent.read('cohort-1', data.fetch)).toEqual({ read: 1 });
  });

  it('never keeps a failed read', async () => {
    const recent = new RecentReads<string>(['Events']);
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error('storage unavailable');
      return 'calendar';
    };
    await expect(recent.read('cohort-1', flaky)).rejects.toThrow('storage unavailable');
    await expect(recent.read('cohort-1', flaky)).resolves.toBe('calendar');
    expect(calls).toBe(2);
  });

  it('keeps at most its size: the oldest goes first', async () => {
    const recent = new RecentReads<{ read: number }>(['Events'], {
      maxEntries: 2,
      maxAgeMs: 60_000,
    });
    const data = source();
    await recent.read('a', data.fetch);
    await recent.read('b', data.fetch);
    await recent.read('c', data.fetch);
    await recent.read('b', data.fetch);
    await recent.read('a', data.fetch);
    expect(data.reads()).toBe(4);
  });
});
