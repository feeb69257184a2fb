import { isHttpsUrl, safeLinkTarget, safeMarkdown } from '../../bot/src/contracts/safe-links';

/**
 * Links in text people write (issue 12, hole 8): only https:, mailto: and msteams: links survive;
 * any other link is shown as its words. One pure function, used by the cards and the tab.
 */

/** Every link a Markdown reader could find in the text, with its address. */
function linksIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]*)/g)) found.push(m[1]!);
  for (const m of text.matchAll(/<([^<>\s]+)>/g)) found.push(m[1]!);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/gm)) found.push(m[1]!);
  return found;
}

const ALLOWED_ADDRESS = /^(https:|mailto:|msteams:)/;

const BAD: [string, string, string][] = [
  ['javascript:', '[here](javascript:alert(1))', 'here'],
  ['JavaScript in mixed case', '[here](JaVaScRiPt:alert(1))', 'here'],
  ['a hex entity', '[here](jav&#x61;script:alert(1))', 'here'],
  ['a decimal entity without ;', '[here](&#106avascript:alert(1))', 'here'],
  ['a named entity colon', '[here](javascript&colon;alert(1))', 'here'],
  ['a double-encoded entity', '[here](jav&amp;#x61;script:alert(1))', 'here'],
  ['a newline inside', '[here](java\nscript:alert(1))', 'here'],
  ['a tab inside', '[here](java\tscript:alert(1))', 'here'],
  ['an escaped colon', '[here](javascript\\:alert(1))', 'here'],
  ['leading spaces', '[here](   javascript:alert(1))', 'here'],
  ['a zero-width space', '[here](java\u200bscript:alert(1))', 'here'],
  ['angle brackets', '[here](<javascript:alert(1)>)', 'here'],
  ['a title', '[here](javascript:alert(1) "Click")', 'here'],
  ['data:', '[here](data:text/html;base64,PHNjcmlwdD4=)', 'here'],
  ['vbscript:', '[here](vbscript:msgbox(1))', 'here'],
  ['file:', '[here](file:///etc/passwd)', 'here'],
  ['http: (not allowed)', '[here](http://example.org)', 'here'],
  ['a relative address', '[here](/api/dev/token)', 'here'],
  ['a protocol-relative address', '[here](//evil.example)', 'here'],
  ['an image', '![pic](javascript:alert(1))', '!pic'],
  ['an autolink', '<javascript:alert(1)>', 'javascript:alert(1)'],
  ['an http autolink', '<http://example.org>', 'http://example.org'],
  ['an entity in an autolink', '<jav&#x61;script:alert(1)>', 'jav&#x61;script:alert(1)'],
  ['a reference link', '[here][x]\n\n[x]: javascript:alert(1)', 'here\n\n'],
  ['a collapsed reference', '[X][]\n[x]: data:text/html,hi', 'X\n'],
  ['a shortcut reference', '[x]\n[x]: <vbscript:msgbox(1)>', 'x\n'],
  ['a definition on the next line', '[x][y]\n[y]:\n  javascript:alert(1)', 'x\n'],
  ['nested brackets', '[[click]](javascript:alert(1))', '[click]'],
  [
    'a bad link inside a good one',
    '[a [b](javascript:1)](https://ok.example)',
    '[a b](https://ok.example)',
  ],
  ['a link that unwrapping would make', '[[y]](javascript:1)(javascript:2)', 'y'],
];

describe('safeMarkdown', () => {
  it.each(BAD)('shows a link with %s as its words', (_what, text, shown) => {
    const safe = safeMarkdown(text);
    for (const address of linksIn(safe)) expect(address).toMatch(ALLOWED_ADDRESS);
    expect(safe).toBe(shown);
  });

  it('never lets a link through whose address is not https, mailto or msteams', () => {
    for (const [, text] of BAD) {
      const safe = safeMarkdown(`Before ${text} after`);
      for (const address of linksIn(safe)) expect(address).toMatch(ALLOWED_ADDRESS);
      expect(safeMarkdown(safe)).toBe(safe); // stable: applying it again changes nothing
    }
  });

  it('keeps https, mailto and msteams links, in canonical form', () => {
    expect(safeMarkdown('Read [the guide](https://nhs.example/guide) first')).toBe(
      'Read [the guide](https://nhs.example/guide) first',
    );
    expect(safeMarkdown('[Mail us](mailto:team@nhs.example)')).toBe(
      '[Mail us](mailto:team@nhs.example)',
    );
    expect(safeMarkdown('[Chat](msteams:/l/chat/0/0?users=a@b.example)')).toBe(
      '[Chat](msteams:/l/chat/0/0?users=a@b.example)',
    );
    expect(safeMarkdown('[Wiki](https://en.example/wiki/A_(b))')).toBe(
      '[Wiki](https://en.example/wiki/A%5F%28b%29)',
    );
    expect(safeMarkdown('[Up](HTTPS://nhs.example "Title")')).toBe('[Up](https://nhs.example)');
    expect(safeMarkdown('<https://nhs.example>')).toBe('<https://nhs.example>');
    expect(safeMarkdown('<team@nhs.example>')).toBe('<team@nhs.example>');
    expect(safeMarkdown('[x][ok]\n[ok]: https://nhs.example')).toBe(
      '[x][ok]\n[ok]: https://nhs.example',
    );
  });

  it('leaves text without links exactly as it was', () => {
    for (const text of [
      '**Welcome** to the _cohort_.\n\n- one\n- two\n1. first',
      'Ratio 3:1, time 10:30, [draft] and [a][b] as typed',
      'Maths: 2 < 3 > 1 and a\\[b\\]',
      '',
    ]) {
      expect(safeMarkdown(text)).toBe(text);
    }
  });
});

describe('safeLinkTarget and isHttpsUrl', () => {
  it('accepts only https, mailto and msteams addresses', () => {
    expect(safeLinkTarget('https://nhs.example')).toBe('https://nhs.example');
    expect(safeLinkTarget(' MAILTO:a@b.example ')).toBe('mailto:a@b.example');
    for (const bad of [
      'javascript:x',
      'http://x',
      'data:x',
      '/x',
      '',
      'https:',
      'jav&#x61;script:x',
    ]) {
      expect(safeLinkTarget(bad)).toBeUndefined();
    }
  });

  it('lets a button open an absolute https address and nothing else', () => {
    expect(isHttpsUrl('https://teams.microsoft.com/l/meetup-join/abc')).toBe(true);
    for (const bad of [
      'http://teams.microsoft.com',
      'javascript:alert(1)',
      'mailto:a@b.example',
      'msteams:/l/chat',
      'https://',
      'https://exa mple.org',
      'https://example.org/\nx',
      'Room 1',
      '',
    ]) {
      expect({ bad, ok: isHttpsUrl(bad) }).toEqual({ bad, ok: false });
    }
  });
});
