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
import {
  ERASED_NAME,
  type ErasedPerson,
  erasureOf,
  hashObjectId,
  mentions,
} from '../../bot/src/features/data-rights/domain/erasure-rules';

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

describe('what erasure does to a row', () => {
  const person: ErasedPerson = {
    objectId: 'e1000000-0000-4000-8000-000000000001',
    emails: ['ada@trust.nhs.uk'],
    memberships: [{ cohortId: 'c1', participantId: 'p-ada', pairId: 'pair1' }],
    applicationCohortIds: [],
    names: ['Ada Lovelace'],
    pseudonym: 'erased:0123456789abcdef',
  };

  it('removes rows the map says to remove, and the person’s own pair writing and RSVPs', () => {
    expect(erasureOf('applications', { rowKey: 'x' }, person).kind).toBe('delete');
    expect(erasureOf('pairSpace', { rowKey: 'reflection|p-ada|r1' }, person).kind).toBe('delete');
    expect(erasureOf('events', { rowKey: 'rsvp|e1|p-ada' }, person).kind).toBe('delete');
    expect(erasureOf('insights', { author1: 'p-ada', author2: '' }, person).kind).toBe('delete');
  });

  it('replaces a name only as a whole word: another person whose name contains it is untouched', () => {
    const row = {
      partitionKey: 'trail',
      rowKey: 'k2',
      targetLabel: 'Ada Lovelace / Ada Lovelaceson',
      note: 'Seen by ada lovelace, and by Ada Lovelace2',
    };
    const change = erasureOf('audit', row, person);
    expect(change).toMatchObject({
      kind: 'replace',
      row: {
        targetLabel: 'Erased person / Ada Lovelaceson',
        note: 'Seen by Erased person, and by Ada Lovelace2',
      },
    });
    expect(mentions({ note: 'Ada Lovelaceson' }, person)).toBe(false);
  });

  it('never touches the partner’s own writing', () => {
    const theirs = { rowKey: 'reflection|p-ben|r2', data: '{"text":"About Ada Lovelace"}' };
    expect(erasureOf('pairSpace', theirs, person).kind).toBe('keep');
  });

  it('rewrites kept rows without name, email or object id, and a second run changes nothing', () => {
    const row = {
      partitionKey: 'trail',
      rowKey: 'k1',
      etag: 'W/"1"',
      actorId: person.objectId.toUpperCase(),
      targetLabel: 'Ada Lovelace / Ben',
      changes: '[{"field":"email","after":"ADA@trust.nhs.uk"}]',
    };
    const first = erasureOf('audit', row, person);
    expect(first.kind).toBe('replace');
    const rewritten = (first as { row: Record<string, unknown> }).row;
    const text = JSON.stringify(rewritten);
    for (const mark of [person.objectId, 'ada@trust', 'Ada Lovelace'])
      expect(text.toLowerCase()).not.toContain(mark.toLowerCase());
    expect(rewritten.targetLabel).toBe(`${ERASED_NAME} / Ben`);
    expect(rewritten.actorId).toBe(person.pseudonym);
    expect(erasureOf('audit', rewritten, person).kind).toBe('keep');
  });

  it('keeps an insight written with the partner, without their author id', () => {
    const change = erasureOf(
      'insights',
      { author1: 'p-ada', author2: 'p-ben', data: '{}' },
      person,
    );
    expect(change).toEqual({
      kind: 'replace',
      row: { author1: '', author2: 'p-ben', data: '{}' },
    });
  });

  it('hashes an object id the same whatever its case', () => {
    expect(hashObjectId('ABC')).toBe(hashObjectId('abc'));
    expect(hashObjectId('abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});
