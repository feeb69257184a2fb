import { TABLE_NAMES } from '../../bot/src/platform/storage/table-store';
import {
  DATA_MAP,
  mappedTables,
  tablesOfArea,
} from '../../bot/src/features/data-rights/domain/data-map';
import {
  mayExportPairRow,
  isOwnRsvp,
} from '../../bot/src/features/data-rights/domain/export-rules';
import { EXPORT_AREAS } from '../../bot/src/contracts/data-rights';

describe('the data map', () => {
  it('has an entry for every table the service keeps, and no other', () => {
    const tables = Object.keys(TABLE_NAMES).sort();
    expect(mappedTables().sort()).toEqual(tables);
  });

  it('names each table by its Azure name and says what erasure does and why', () => {
    for (const key of mappedTables()) {
      const entry = DATA_MAP[key];
      expect(entry.table.startsWith(TABLE_NAMES[key])).toBe(true);
      expect(entry.erasureWhy.length).toBeGreaterThan(5);
      expect(entry.howFound.length).toBeGreaterThan(5);
      if (entry.exportArea === null) expect(entry.exportTakes).toMatch(/^Nothing/);
    }
  });

  it('fills every area of the archive from at least one table', () => {
    for (const area of EXPORT_AREAS) expect(tablesOfArea(area).length).toBeGreaterThan(0);
  });
});

describe('what of a pair space a person takes away', () => {
  const me = 'p-me';
  const partner = 'p-partner';
  it('takes the shared rows and only their own private writing', () => {
    expect(mayExportPairRow('contract', me)).toBe(true);
    expect(mayExportPairRow('goal|g1', me)).toBe(true);
    expect(mayExportPairRow('action|a1', me)).toBe(true);
    expect(mayExportPairRow(`reflection|${me}|r1`, me)).toBe(true);
    expect(mayExportPairRow(`prep|m1|${me}`, me)).toBe(true);
    expect(mayExportPairRow(`reflection|${partner}|r2`, me)).toBe(false);
    expect(mayExportPairRow(`prep|m1|${partner}`, me)).toBe(false);
    expect(mayExportPairRow(`review|${partner}`, me)).toBe(false);
    expect(mayExportPairRow('status', me)).toBe(false);
  });

  it('finds RSVPs by the participant id at the end of the key', () => {
    expect(isOwnRsvp(`rsvp|e1|${me}`, [me])).toBe(true);
    expect(isOwnRsvp(`rsvp|e1|${partner}`, [me])).toBe(false);
    expect(isOwnRsvp('event|e1', [me])).toBe(false);
  });
});
