import { BoundedMap } from '../../bot/src/platform/bounded-map';

/** Issue 18: every long-lived cache is bounded by size and by age. */
describe('BoundedMap', () => {
  it('keeps at most maxEntries, dropping the least recently written first', () => {
    const map = new BoundedMap<string, number>({ maxEntries: 2, maxAgeMs: 60_000 });
    map.set('a', 1).set('b', 2);
    map.set('a', 10); // rewriting makes it the newest
    map.set('c', 3);
    expect(map.size).toBe(2);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(10);
    expect(map.get('c')).toBe(3);
  });

  it('drops an entry once it is maxAgeMs old', () => {
    let now = 1_000;
    const map = new BoundedMap<string, string>({ maxEntries: 10, maxAgeMs: 500 }, () => now);
    map.set('cohort', 'row');
    now += 499;
    expect(map.get('cohort')).toBe('row');
    now += 1;
    expect(map.get('cohort')).toBeUndefined();
    expect(map.has('cohort')).toBe(false);
    expect(map.size).toBe(0);
  });

  it('refuses a size below one', () => {
    expect(() => new BoundedMap({ maxEntries: 0, maxAgeMs: 1 })).toThrow(RangeError);
  });
});
