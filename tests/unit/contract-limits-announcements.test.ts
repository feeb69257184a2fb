import {
  ANNOUNCEMENT_LIMITS,
  type CreateAnnouncementRequest,
  createAnnouncementBody,
} from '../../bot/src/contracts/announcements';
import { buildComposerCard } from '../../bot/src/features/announcements/cards/announcement-composer-card';
import { sendTimeProblem } from '../../bot/src/features/announcements/domain/announcement';
import {
  type ComposerFields,
  parseComposer,
} from '../../bot/src/features/announcements/domain/announcement-composer';
import {
  type AnnouncementValues,
  EMPTY_VALUES,
  checkAnnouncement,
} from '../../tab/src/announcements/form/announcement-checks';

/**
 * Every announcement limit is read from the contract and checked on each surface: the API's
 * request schema, the chat composer (its card and its parser) and the tab's form. At the limit
 * each takes the input; one over, each refuses it.
 */

const NOW = new Date('2027-03-01T10:00:00Z');
const DAY_MS = 24 * 3600_000;
const L = ANNOUNCEMENT_LIMITS;

const chars = (n: number) => 'x'.repeat(n);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `person-${i + 1}`);

/** The API: the request body as the route checks it (and the send time, as the service does). */
function apiTakes(body: Partial<CreateAnnouncementRequest>): boolean {
  const parsed = createAnnouncementBody.safeParse({
    title: 'Welcome',
    text: 'Hello all.',
    audience: 'cohort',
    ...body,
  });
  return parsed.success && sendTimeProblem(parsed.data.sendAt, NOW) === undefined;
}

/** The chat composer: the card's strings, as Teams sends them. */
function chatTakes(fields: ComposerFields): boolean {
  return parseComposer(
    { cohortId: 'c1', title: 'Welcome', text: 'Hello all.', audience: 'cohort', ...fields },
    'UTC',
    NOW,
  ).ok;
}

/** The tab: the form's values, checked before anything is sent. */
function tabTakes(values: Partial<AnnouncementValues>): boolean {
  const checked = checkAnnouncement(
    { ...EMPTY_VALUES, title: 'Welcome', text: 'Hello all.', ...values },
    NOW,
  );
  return checked.input !== undefined && Object.keys(checked.errors).length === 0;
}

/** The composer card's input of that id. */
function cardInput(id: string): Record<string, unknown> | undefined {
  const card = buildComposerCard({
    cohorts: [{ id: 'c1', name: 'Spring' }],
    people: [],
    timeZone: 'UTC',
  });
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown) => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.id === id && typeof record.type === 'string' && record.type.startsWith('Input.')) {
      found = record;
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

/** `sendAt` that many days ahead, less an hour; and the tab's date and time inputs for it. */
function ahead(days: number) {
  const at = new Date(NOW.getTime() + days * DAY_MS - 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    iso: at.toISOString(),
    utcDate: at.toISOString().slice(0, 10),
    utcTime: at.toISOString().slice(11, 16),
    localDate: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    localTime: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

describe('announcement limits come from one contract', () => {
  describe.each([
    ['title', L.title],
    ['text', L.text],
  ] as const)('%s: at most %i characters', (field, limit) => {
    it('the API takes the limit and refuses one more', () => {
      expect(apiTakes({ [field]: chars(limit) })).toBe(true);
      expect(apiTakes({ [field]: chars(limit + 1) })).toBe(false);
    });

    it('the chat composer takes the limit and refuses one more', () => {
      expect(chatTakes({ [field]: chars(limit) })).toBe(true);
      expect(chatTakes({ [field]: chars(limit + 1) })).toBe(false);
      expect(cardInput(field)?.maxLength).toBe(limit);
    });

    it('the tab takes the limit and refuses one more', () => {
      expect(tabTakes({ [field]: chars(limit) })).toBe(true);
      expect(tabTakes({ [field]: chars(limit + 1) })).toBe(false);
    });
  });

  describe(`link button text: at most ${L.linkLabel} characters`, () => {
    const url = 'https://example.org/welcome';

    it('the API takes the limit and refuses one more', () => {
      expect(apiTakes({ linkUrl: url, linkLabel: chars(L.linkLabel) })).toBe(true);
      expect(apiTakes({ linkUrl: url, linkLabel: chars(L.linkLabel + 1) })).toBe(false);
    });

    it('the chat composer takes the limit and refuses one more', () => {
      expect(chatTakes({ linkUrl: url, linkLabel: chars(L.linkLabel) })).toBe(true);
      expect(chatTakes({ linkUrl: url, linkLabel: chars(L.linkLabel + 1) })).toBe(false);
      expect(cardInput('linkLabel')?.maxLength).toBe(L.linkLabel);
    });

    it('the tab takes the limit and refuses one more', () => {
      expect(tabTakes({ linkUrl: url, linkLabel: chars(L.linkLabel) })).toBe(true);
      expect(tabTakes({ linkUrl: url, linkLabel: chars(L.linkLabel + 1) })).toBe(false);
    });
  });

  describe(`chosen people: at most ${L.people}`, () => {
    it('the API takes the limit and refuses one more', () => {
      expect(apiTakes({ audience: 'people', participantIds: ids(L.people) })).toBe(true);
      expect(apiTakes({ audience: 'people', participantIds: ids(L.people + 1) })).toBe(false);
    });

    it('the chat composer takes the limit and refuses one more', () => {
      expect(chatTakes({ audience: 'people', people: ids(L.people).join(',') })).toBe(true);
      expect(chatTakes({ audience: 'people', people: ids(L.people + 1).join(',') })).toBe(false);
    });

    it('the tab takes the limit and refuses one more', () => {
      expect(tabTakes({ audience: 'people', participantIds: ids(L.people) })).toBe(true);
      expect(tabTakes({ audience: 'people', participantIds: ids(L.people + 1) })).toBe(false);
    });
  });

  describe(`a send is scheduled at most ${L.sendAheadDays} days ahead`, () => {
    const within = ahead(L.sendAheadDays);
    const beyond = ahead(L.sendAheadDays + 1);

    it('the API takes the limit and refuses a day more', () => {
      expect(apiTakes({ sendAt: within.iso })).toBe(true);
      expect(apiTakes({ sendAt: beyond.iso })).toBe(false);
    });

    it('the chat composer takes the limit and refuses a day more', () => {
      expect(chatTakes({ sendDate: within.utcDate, sendTime: within.utcTime })).toBe(true);
      expect(chatTakes({ sendDate: beyond.utcDate, sendTime: beyond.utcTime })).toBe(false);
    });

    it('the tab takes the limit and refuses a day more', () => {
      const later = { when: 'later' as const };
      expect(tabTakes({ ...later, date: within.localDate, time: within.localTime })).toBe(true);
      expect(tabTakes({ ...later, date: beyond.localDate, time: beyond.localTime })).toBe(false);
    });
  });
});
