import { cardForAnnouncement } from '../../bot/src/features/announcements/cards/announcement-card';
import { buildPreviewCard } from '../../bot/src/features/announcements/cards/announcement-preview-card';
import type { Announcement } from '../../bot/src/features/announcements/domain/announcement';
import { buildEventCard } from '../../bot/src/features/calendar/cards/event-card';
import type { ProgrammeEvent } from '../../bot/src/features/calendar/domain/programme-event';
import { buildMyPairCard } from '../../bot/src/features/journey/cards/my-pair-card';

/**
 * The cards people receive carry no link but https:, mailto: and msteams: ones, and no button
 * opening anything but https: (issue 12, hole 8), whatever a coordinator or a roster typed.
 */

const BAD_TEXT = [
  'Read [here](javascript:alert(1)) and [there](JaVa&#x53;cript:alert(2)),',
  '<vbscript:msgbox(1)>, [file](file:///etc/passwd), [web](http://evil.example),',
  '[ref][x], [[nested]](data:text/html,hi) and [good](https://nhs.example/guide).',
  '',
  '[x]: javascript:alert(3)',
].join('\n');

interface Shown {
  texts: string[];
  urls: string[];
}

/** What Teams renders of a card: the Markdown of its text and facts, and its buttons' addresses. */
function shown(node: unknown, into: Shown = { texts: [], urls: [] }): Shown {
  if (Array.isArray(node)) {
    for (const item of node) shown(item, into);
    return into;
  }
  if (!node || typeof node !== 'object') return into;
  const o = node as Record<string, unknown>;
  if (o.type === 'TextBlock' && typeof o.text === 'string') into.texts.push(o.text);
  if (o.type === 'FactSet') {
    for (const f of o.facts as { title: string; value: string }[])
      into.texts.push(f.title, f.value);
  }
  if (o.type === 'Action.OpenUrl') into.urls.push(String(o.url));
  for (const [key, value] of Object.entries(o)) if (key !== 'data') shown(value, into);
  return into;
}

/** Every address a Markdown reader could find in the text. */
function addressesIn(text: string): string[] {
  return [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]*)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/gm)].map((m) => m[1]!),
  ];
}

function expectNoBadLink(card: unknown): Shown {
  const what = shown(card);
  for (const text of what.texts) {
    for (const address of addressesIn(text)) expect(address).toMatch(/^(https|mailto|msteams):/);
  }
  for (const url of what.urls) expect(url).toMatch(/^https:\/\/[^\s]+$/);
  return what;
}

const ANNOUNCEMENT: Announcement = {
  id: 'a1',
  cohortId: 'c1',
  kind: 'announcement',
  title: 'Welcome [in](javascript:alert(1))',
  text: BAD_TEXT,
  link: { url: 'javascript:alert(1)', label: 'Open' },
  audience: { kind: 'cohort' },
  alsoInChannel: false,
  sendAt: '2027-03-01T09:00:00Z',
  status: 'scheduled',
  createdBy: 'u1',
  createdByName: 'Priya',
  createdAt: '2027-03-01T09:00:00Z',
  round: 0,
};

describe('an announcement’s cards', () => {
  it('the recipient’s card keeps the words and the good link, drops every bad link', () => {
    const what = expectNoBadLink(cardForAnnouncement(ANNOUNCEMENT, 'Spring', false));
    const text = what.texts.join('\n');
    expect(text).toContain('Read here and there,');
    expect(text).toContain('[good](https://nhs.example/guide)');
    expect(text).toContain('nested');
    expect(what.urls).toEqual([]);
  });

  it('the channel copy and the coordinator’s preview too', () => {
    const recipient = cardForAnnouncement(ANNOUNCEMENT, 'Spring', false);
    expectNoBadLink(cardForAnnouncement(ANNOUNCEMENT, 'Spring', false, true));
    expectNoBadLink(
      buildPreviewCard({
        announcementCard: recipient,
        audienceWords: 'Everyone [x](javascript:1)',
        recipientCount: 3,
        whenWords: 'now',
        alsoInChannel: false,
        draft: { title: ANNOUNCEMENT.title, text: ANNOUNCEMENT.text },
      }),
    );
  });

  it('an http link button is dropped, an https one kept', () => {
    const http = cardForAnnouncement(
      { ...ANNOUNCEMENT, link: { url: 'http://nhs.example', label: 'Open' } },
      'S',
      false,
    );
    expect(shown(http).urls).toEqual([]);
    const https = cardForAnnouncement(
      { ...ANNOUNCEMENT, link: { url: 'https://nhs.example/guide', label: 'Open' } },
      'S',
      false,
    );
    expect(shown(https).urls).toEqual(['https://nhs.example/guide']);
  });
});

describe('an event’s card', () => {
  const event: ProgrammeEvent = {
    id: 'e1',
    cohortId: 'c1',
    type: 'induction',
    title: 'Induction [x](javascript:alert(1))',
    description: BAD_TEXT,
    audience: 'everyone',
    start: '2027-07-01T12:00:00Z',
    end: '2027-07-01T13:30:00Z',
    location: 'https://teams.microsoft.com/l/meetup-join/abc',
    createdBy: 'x',
    updatedAt: 'x',
  };

  it('keeps the description’s words and good links, drops every bad link', () => {
    const what = expectNoBadLink(
      buildEventCard({ event, cohortName: 'Spring', timeZone: 'Europe/London' }),
    );
    expect(what.texts.join('\n')).toContain('Read here and there,');
    expect(what.urls).toEqual(['https://teams.microsoft.com/l/meetup-join/abc']);
  });

  it('offers "Join" only for an https address', () => {
    for (const location of [
      'javascript:alert(1)',
      'http://teams.microsoft.com/l/meetup-join/abc',
      'https://teams.microsoft.com/l/meetup join',
      '[Room](javascript:alert(1))',
    ]) {
      const what = expectNoBadLink(
        buildEventCard({ event: { ...event, location }, cohortName: 'S', timeZone: 'UTC' }),
      );
      expect(what.urls).toEqual([]);
    }
  });
});

describe('a card built from a template', () => {
  it('shows a roster’s words without their links (my pair)', () => {
    const what = expectNoBadLink(
      buildMyPairCard({
        cohortName: 'Cohort [3](javascript:alert(1))',
        isDemo: false,
        myRole: 'mentor',
        arrangement: 'reverse',
        state: 'active',
        partner: {
          displayName: '[Dev](javascript:alert(1))',
          organisation: '<vbscript:x>',
          jobTitle: '[Director](http://evil.example)',
        },
      }),
    );
    expect(what.texts).toContain('Dev');
  });
});
