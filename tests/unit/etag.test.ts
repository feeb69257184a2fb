import { httpEtag, storedEtagOf, versionForHttp } from '../../bot/src/platform/http/etag';

/** The API's ETags: strong and opaque on the way out; only that exact spelling is taken back in. */

const STORED = [
  `W/"datetime'2027-03-01T09%3A00%3A00.1234567Z'"`,
  `W/"datetime'2026-12-07T02%3A08%3A00.5988296Z'"`,
  '"0x8DC1234567890AB"',
];

describe('httpEtag and storedEtagOf', () => {
  it('hands out a strong quoted tag that names the stored version and nothing else', () => {
    for (const stored of STORED) {
      const given = httpEtag(stored);
      expect(given).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(storedEtagOf(given)).toBe(stored);
    }
  });

  it('refuses *, weak tags, lists, the raw stored tag and every malformed value', () => {
    const given = httpEtag(STORED[0]!);
    const refused = [
      '*',
      'W/"x"',
      `W/${given}`,
      STORED[0]!,
      `${given}, ${given}`,
      `${given} `,
      given.slice(1, -1),
      `"${given}"`,
      '""',
      '"abc', // unterminated
      `"${Buffer.from('*').toString('base64url')}"`, // a quoted wildcard
      `"${Buffer.from('no quotes').toString('base64url')}"`, // not an entity-tag inside
      `"${Buffer.from(STORED[0]!).toString('base64')}"`, // not the base64url spelling
      `${given.slice(0, -1)}A"`, // a different spelling of (almost) the same bytes
      '',
    ];
    for (const value of refused)
      expect({ value, stored: storedEtagOf(value) }).toEqual({ value, stored: undefined });
  });

  it('gives a 412’s latest version its ETag as handed out', () => {
    expect(versionForHttp({ value: { a: 1 }, etag: STORED[0] })).toEqual({
      value: { a: 1 },
      etag: httpEtag(STORED[0]!),
    });
    expect(versionForHttp(undefined)).toBeUndefined();
    expect(versionForHttp({ value: 1 })).toEqual({ value: 1 });
  });
});
