import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { announcementId } from '../../bot/src/features/announcements/domain/announcement';
import type { RunningService } from '../../bot/src/app/service';
import { type TeamsUser, installActivity, postActivity } from '../support/activities';
import { type AxeFinding, THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type FakeConnector, startFakeConnector, visibleText } from '../support/fake-connector';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  type TabPage,
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  openTab,
  refused,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The coordinator's announcements in the tab, against the real service and its fan-out worker.
 * Three demo people have opened the bot in Teams (installs through a fake Bot Connector), so
 * they really receive announcements; the other three have no chat with the bot, so the fan-out
 * reports them "not delivered" with the reason.
 */

// The demo people, from bot/src/dev/demo-cohort.ts.
const PRIYA = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
};
const AMARA: TeamsUser = {
  aadObjectId: '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202',
  name: 'Amara Okafor',
};
const DAVID: TeamsUser = {
  aadObjectId: '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303',
  name: 'David Whitfield',
};
const KWAME: TeamsUser = {
  aadObjectId: '3d8f40a2-5e61-4c7d-9e8f-90a1b2c3d404',
  name: 'Kwame Mensah',
};
const HELEN = { aadObjectId: '4e9051b3-6f72-4d8e-8f90-a1b2c3d4e505', name: 'Helen Carter' };
const SOFIA = { aadObjectId: '5fa162c4-7083-4e9f-90a1-b2c3d4e5f606', name: 'Sofia Rahman' };
const JAMES = { aadObjectId: '60b273d5-8194-4fa0-a1b2-c3d4e5f60707', name: 'James Porter' };

/** These three open the bot in Teams before the tests; the other three never do. */
const INSTALLED = [AMARA, DAVID, KWAME];
const NEVER_OPENED = [HELEN, SOFIA, JAMES];

const TIME_ZONE = 'Europe/London';
const WELCOME = 'Welcome to the spring cohort';
const SURVEY = 'Evaluation survey opens';
const CSV_HEADER = 'name,status,reason,sent_at,acknowledged_at';

let harness: TabHarness;
let service: RunningService;
let connector: FakeConnector;
let cohortId: string;
let priyaToken: string;

/** A day `offset` days from today in London, as yyyy-mm-dd for a date input. */
function londonDate(offset: number): string {
  return new Date(Date.now() + offset * 24 * 3600_000).toLocaleDateString('en-CA', {
    timeZone: TIME_ZONE,
  });
}

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  connector = await startFakeConnector();
  priyaToken = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: priyaToken },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo);
  if (!demo) throw new Error('the demo cohort was not seeded');
  cohortId = demo.id;

  // The demo participants carry the demo users' Entra ids, so an install links to them.
  const people = await service.parts.repos.participants.listByCohort(cohortId);
  const entraIds = Object.fromEntries(people.map((p) => [p.displayName, p.userId]));
  for (const person of [...INSTALLED, ...NEVER_OPENED]) {
    expect(entraIds[person.name]).toBe(person.aadObjectId);
  }

  // Three people open the bot in Teams: the service keeps their chat to send in.
  for (const person of INSTALLED) {
    const before = connector.received.length;
    expect(await postActivity(service.url, installActivity(connector.serviceUrl, person))).toBe(
      200,
    );
    await connector.waitFor(before + 1); // the welcome card
  }
  for (const person of INSTALLED) {
    await expect(
      service.parts.repos.conversations.getPersonal(person.aadObjectId),
    ).resolves.toBeTruthy();
  }
});

afterAll(async () => {
  await harness?.stop();
  await connector?.stop();
});

async function openCohortAs(
  userId: string,
  { width = 1280, theme }: { width?: number; theme?: string } = {},
): Promise<TabPage> {
  const themeParam = theme ? `&theme=${theme}` : '';
  return openTab(harness, {
    query: `view=personal&cohort=${cohortId}${themeParam}`,
    width,
    as: userId,
    context: { timezoneId: TIME_ZONE, locale: 'en-GB', acceptDownloads: true },
  });
}

async function openAnnouncements(width = 1280, theme?: string) {
  const opened = await openCohortAs(PRIYA.userId, { width, theme });
  const { page } = opened;
  await page.getByTestId('coordinator-cohort').waitFor();
  await page.getByTestId('cohort-tab-announcements').click();
  await expect(
    page.getByTestId('cohort-tab-announcements').getAttribute('aria-selected'),
  ).resolves.toBe('true');
  const panel = page.getByTestId('cohort-panel-announcements');
  await panel.waitFor();
  for (const other of ['health', 'participants', 'import']) {
    await expect(page.getByTestId(`cohort-panel-${other}`).isHidden()).resolves.toBe(true);
  }
  await page
    .getByTestId('announcements-list')
    .or(page.getByTestId('announcements-empty'))
    .waitFor();
  return { ...opened, panel };
}

/** The report, once nothing is waiting to send any more. */
async function reportFinished(page: Page): Promise<Locator> {
  const report = page.getByTestId('announcement-report');
  await page
    .locator('[data-testid="announcement-report"][data-underway="false"]')
    .waitFor({ timeout: 30_000 });
  return report;
}

async function countTile(page: Page, key: string): Promise<string | null> {
  return page.getByTestId(`announcement-count-${key}`).locator('span').first().textContent();
}

/** Each recipient's name, status and reason, from the table. */
async function recipientRows(page: Page): Promise<Record<string, [string, string]>> {
  const rows = page.getByTestId('announcement-recipients').locator('tbody tr');
  const result: Record<string, [string, string]> = {};
  for (const row of await rows.all()) {
    const name = (await row.getByTestId('recipient-name').textContent()) ?? '';
    result[name] = [
      (await row.getByTestId('recipient-status').textContent()) ?? '',
      (await row.getByTestId('recipient-reason').textContent()) ?? '',
    ];
  }
  return result;
}

/** GETs of one announcement's report the page makes during `ms`. */
async function reportReadsDuring(page: Page, announcementId: string, ms: number): Promise<number> {
  let reads = 0;
  const listener = (request: { url: () => string; method: () => string }) => {
    if (request.method() === 'GET' && request.url().endsWith(`/announcements/${announcementId}`)) {
      reads += 1;
    }
  };
  page.on('request', listener);
  await page.waitForTimeout(ms);
  page.off('request', listener);
  return reads;
}

async function announcementsByApi(): Promise<
  { id: string; title: string; status: string; kind: string }[]
> {
  const list = await call<{
    announcements: { id: string; title: string; status: string; kind: string }[];
  }>(service.url, 'GET', `/api/cohorts/${cohortId}/announcements`, { token: priyaToken });
  expect(list.status).toBe(200);
  return list.body.announcements;
}

describe('announcements in the coordinator’s view of a cohort', () => {
  it('shows each problem next to its field, keeps what was typed, sends to everyone and reports how it went', async () => {
    const { page, errors, panel } = await openAnnouncements();

    // Nothing sent yet: the empty list says what announcements are for.
    const empty = panel.getByTestId('announcements-empty');
    await expect(empty.textContent()).resolves.toContain(
      "You haven't sent any announcements to this cohort yet.",
    );
    await screenshot(page, 'tab-announcements-empty-1280');

    await panel.getByTestId('announcement-new').click();
    const form = panel.getByTestId('announcement-form');
    await form.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toBe(
      'New announcement',
    );

    // A message with a bad web address and a send time already past; no title.
    const message = 'Your **first meetings** start next week.\n\n- Read the guide\n- Book a slot';
    await form.getByLabel('Message').fill(message);
    await form.getByLabel('Web address').fill('intranet.example.nhs.uk/mentoring');
    await form.getByLabel('Button text').fill('Programme guide');
    await form.getByRole('radio', { name: 'Send later' }).check();
    await form.getByLabel('Date').fill(londonDate(-2));
    await form.getByLabel('Time').fill('09:00');
    await form.getByTestId('announcement-send').click();

    // Each problem sits next to its field, and the cursor goes to the first.
    const title = form.getByTestId('announcement-title');
    await expect(describedBy(title)).resolves.toContain(
      'Write a title, so people know what it is about.',
    );
    await expect(title.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(describedBy(form.getByTestId('announcement-link-url'))).resolves.toContain(
      'Write the whole web address, starting https://',
    );
    await expect(describedBy(form.getByTestId('announcement-date'))).resolves.toContain(
      'This time has passed. Choose a later time, or send it now.',
    );
    // What was typed stays.
    await expect(form.getByTestId('announcement-text').inputValue()).resolves.toBe(message);
    await expect(form.getByTestId('announcement-date').inputValue()).resolves.toBe(londonDate(-2));

    // The preview shows the card as people will see it: bold, a list and the link button.
    const preview = panel.getByTestId('announcement-preview');
    await expect(preview.locator('strong').textContent()).resolves.toBe('first meetings');
    await expect(preview.locator('li').allTextContents()).resolves.toEqual([
      'Read the guide',
      'Book a slot',
    ]);
    await expect(preview.getByTestId('announcement-preview-link').textContent()).resolves.toBe(
      'Programme guide',
    );
    await screenshot(page, 'tab-announcements-form-errors-1280');

    // A message over 4000 characters is refused here, with what was typed kept.
    const long = 'x'.repeat(4001);
    await form.getByLabel('Message').fill(long);
    await form.getByTestId('announcement-send').click();
    await expect(describedBy(form.getByTestId('announcement-text'))).resolves.toContain(
      'Shorten the message to 4000 characters or fewer; it has 4001.',
    );
    await expect(form.getByTestId('announcement-text').inputValue()).resolves.toBe(long);

    // Fixed; sent now to pairs needing a check-in, which has nobody in it: the service says so
    // next to the audience, and everything typed stays.
    await form.getByLabel('Title').fill(WELCOME);
    await form.getByLabel('Message').fill(message);
    await form.getByLabel('Web address').fill('https://intranet.example.nhs.uk/mentoring');
    await form.getByRole('radio', { name: 'Send now' }).check();
    await form.getByTestId('announcement-audience').selectOption('needs_check_in');
    await expect(form.getByTestId('announcement-reach').textContent()).resolves.toBe(
      'Nobody is in this group right now.',
    );
    await form.getByTestId('announcement-send').click();
    const audience = form.getByTestId('announcement-audience');
    await eventually(
      () => describedBy(audience),
      /Nobody is in this group right now\. Choose another audience\./,
      { within: 10_000 },
    );
    await expect(audience.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(form.getByTestId('announcement-title').inputValue()).resolves.toBe(WELCOME);
    await expect(form.getByTestId('announcement-text').inputValue()).resolves.toBe(message);
    await expect(describedBy(form.getByTestId('announcement-title'))).resolves.not.toContain(
      'Write a title',
    );
    await expect(announcementsByApi()).resolves.toEqual([]);

    // To everyone: six people.
    await audience.selectOption('cohort');
    await expect(form.getByTestId('announcement-reach').textContent()).resolves.toBe(
      'Goes to 6 people.',
    );
    await form.getByTestId('announcement-send').click();

    // The delivery report follows the send to its end.
    await panel.getByTestId('announcement-report-heading').waitFor();
    await expect(panel.getByTestId('announcement-report-heading').textContent()).resolves.toBe(
      `Delivery report: ${WELCOME}`,
    );
    const report = await reportFinished(page);
    await expect(report.getAttribute('data-status')).resolves.toBe('sent');
    await expect(panel.getByTestId('announcement-report-status').textContent()).resolves.toMatch(
      /^Sent [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/,
    );
    await expect(countTile(page, 'sent')).resolves.toBe('3');
    await expect(countTile(page, 'failed')).resolves.toBe('3');
    await expect(countTile(page, 'waiting')).resolves.toBe('0');
    await expect(countTile(page, 'read')).resolves.toBe('0');
    await expect(countTile(page, 'blocked')).resolves.toBe('0');
    await expect(panel.getByTestId('announcement-progress').count()).resolves.toBe(0);
    await expect(panel.getByTestId('announcement-cancel').count()).resolves.toBe(0);
    await expect(panel.getByTestId('announcement-resend').count()).resolves.toBe(0);
    const rows = await recipientRows(page);
    expect(Object.keys(rows).sort()).toEqual(
      [...INSTALLED, ...NEVER_OPENED].map((p) => p.name).sort(),
    );
    for (const person of INSTALLED) expect(rows[person.name]).toEqual(['Sent', 'None']);
    for (const person of NEVER_OPENED) {
      expect(rows[person.name]?.[0]).toBe('Not delivered');
      expect(rows[person.name]?.[1]).toMatch(/Has never opened the app in Teams/);
    }
    // Screen reader users hear how it ended.
    await eventually(
      () => panel.getByTestId('announcements-live').textContent(),
      new RegExp(`Finished sending “${WELCOME}”: 3 sent, 3 not delivered\\.`),
      { within: 10_000 },
    );
    // The three who opened the bot really got it, once; the others got nothing.
    for (const person of INSTALLED) {
      const got = connector
        .deliveredTo(person.aadObjectId)
        .filter((r) => visibleText(r.activity).includes(WELCOME));
      expect(got).toHaveLength(1);
      expect(visibleText(got[0]!.activity)).toContain('Read the guide');
    }
    for (const person of NEVER_OPENED)
      expect(connector.deliveredTo(person.aadObjectId)).toEqual([]);

    // Filter by status.
    await panel.getByTestId('announcement-recipient-filter').selectOption('failed');
    expect(Object.keys(await recipientRows(page)).sort()).toEqual(
      NEVER_OPENED.map((p) => p.name).sort(),
    );
    await panel.getByTestId('announcement-recipient-filter').selectOption('read');
    await panel.getByTestId('announcement-recipients-filter-empty').waitFor();
    await panel.getByTestId('announcement-recipient-filter').selectOption('all');
    await screenshot(page, 'tab-announcements-report-1280');

    // Export CSV: the service's report, one row per person.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId('announcement-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^announcement-welcome-to-the-spring-cohort-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + 6);
    for (const person of INSTALLED) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${person.name},sent,,20`)));
    }
    for (const person of NEVER_OPENED) {
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${person.name},failed,"Has never opened the app in Teams`),
        ),
      );
    }
    await expect(panel.getByTestId('announcement-action-status').textContent()).resolves.toMatch(
      /^Downloaded announcement-welcome-to-the-spring-cohort-/,
    );

    // Back to the list: the announcement with its kind, audience, state and counts.
    await panel.getByTestId('announcement-report-back').click();
    const item = panel.getByTestId('announcement-item').filter({ hasText: WELCOME });
    await item.waitFor();
    await expect(item.getByTestId('announcement-kind').textContent()).resolves.toBe('Announcement');
    await expect(item.getByTestId('announcement-audience-words').textContent()).resolves.toBe(
      'To everyone in the cohort',
    );
    await eventually(() => item.getByTestId('announcement-status').textContent(), /^Sent /, {
      within: 10_000,
    });
    await eventually(
      () => item.getByTestId('announcement-item-counts').textContent(),
      /^3 of 6 sent · 0 read$/,
      { within: 10_000 },
    );
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toBe(
      'Announcements',
    );
    await screenshot(page, 'tab-announcements-list-1280');

    // The one 400 is the audience with nobody in it.
    expect(errors.filter((e) => !refused(400).test(e))).toEqual([]);
    expect(errors.filter((e) => refused(400).test(e))).toHaveLength(1);
    await page.close();
  });

  it('schedules one for later, reads it while it waits, and cancels it', async () => {
    const { page, errors, panel } = await openAnnouncements();
    await panel.getByTestId('announcement-new').click();
    const form = panel.getByTestId('announcement-form');
    await form.getByLabel('Title').fill(SURVEY);
    await form.getByLabel('Message').fill('Tell us how the programme is going for you.');
    await form.getByTestId('announcement-audience').selectOption('mentees');
    // Sofia and James mentor each other: both are mentees too, and the count says so.
    await expect(form.getByTestId('announcement-reach').textContent()).resolves.toBe(
      'Goes to 4 people, including 2 in reciprocal pairs.',
    );
    await expect(form.getByTestId('announcement-reach-note').textContent()).resolves.toMatch(
      /each person is both mentor and mentee/,
    );
    await expect(
      form.getByTestId('announcement-audience').locator('option[value="mentees"]').textContent(),
    ).resolves.toBe('Mentees (4, including 2 in reciprocal pairs)');
    await form.getByRole('radio', { name: 'Send later' }).check();
    await form.getByLabel('Date').fill(londonDate(2));
    await form.getByLabel('Time').fill('10:00');
    await expect(form.getByTestId('announcement-send').textContent()).resolves.toBe('Schedule');
    await form.getByTestId('announcement-send').click();

    const report = page.getByTestId('announcement-report');
    await report.waitFor();
    const [day, month, year] = londonDate(2).split('-').reverse().map(Number);
    const monthName = new Date(Date.UTC(year!, month! - 1, 15)).toLocaleString('en-GB', {
      month: 'long',
    });
    await expect(panel.getByTestId('announcement-report-status').textContent()).resolves.toMatch(
      new RegExp(`^Scheduled for [A-Z][a-z]{2} ${day} ${monthName} ${year}, 10:00$`),
    );
    const created = (await announcementsByApi()).find((a) => a.title === SURVEY);
    expect(created?.status).toBe('scheduled');
    // The sendAt is 10:00 in London, as an instant.
    await expect(panel.getByTestId('announcement-recipients-empty').textContent()).resolves.toBe(
      'People are listed here once it starts sending.',
    );
    // While it waits, the report is read again every two seconds; not while another tab shows.
    expect(await reportReadsDuring(page, created!.id, 4500)).toBeGreaterThanOrEqual(2);
    await page.getByTestId('cohort-tab-health').click();
    await page.waitForTimeout(300);
    expect(await reportReadsDuring(page, created!.id, 4500)).toBe(0);
    await page.getByTestId('cohort-tab-announcements').click();
    await screenshot(page, 'tab-announcements-scheduled-1280');

    // Cancel asks first; Escape keeps it.
    await panel.getByTestId('announcement-cancel').click();
    const confirm = panel.getByTestId('announcement-cancel-confirm');
    await confirm.waitFor();
    await expect(confirm.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(confirm.textContent()).resolves.toContain('Cancel this announcement?');
    await page.keyboard.press('Escape');
    await expect(confirm.count()).resolves.toBe(0);
    // Focus goes back to the button that opened the dialog (after the dialog has closed).
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'announcement-cancel',
    );
    await panel.getByTestId('announcement-cancel').click();
    await panel.getByTestId('announcement-cancel-yes').click();

    await page.locator('[data-testid="announcement-report"][data-status="cancelled"]').waitFor();
    await expect(panel.getByTestId('announcement-report-status').textContent()).resolves.toMatch(
      /^Cancelled /,
    );
    await expect(panel.getByTestId('announcement-action-status').textContent()).resolves.toBe(
      'Cancelled. Nobody will get it.',
    );
    await expect(panel.getByTestId('announcement-cancel').count()).resolves.toBe(0);
    expect((await announcementsByApi()).find((a) => a.id === created!.id)?.status).toBe(
      'cancelled',
    );
    // Finished: no more reading.
    await page.waitForTimeout(500);
    expect(await reportReadsDuring(page, created!.id, 4500)).toBe(0);

    await panel.getByTestId('announcement-report-back').click();
    const item = panel.getByTestId('announcement-item').filter({ hasText: SURVEY });
    await item.waitFor();
    await eventually(() => item.getByTestId('announcement-status').textContent(), /^Cancelled /, {
      within: 10_000,
    });
    await expect(item.getByTestId('announcement-audience-words').textContent()).resolves.toBe(
      'To mentees',
    );
    // Nobody got it.
    for (const person of INSTALLED) {
      expect(
        connector
          .deliveredTo(person.aadObjectId)
          .filter((r) => visibleText(r.activity).includes(SURVEY)),
      ).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends to people chosen by name, and lists event invitations with announcements', async () => {
    // An event's invitations go through the same fan-out.
    const event = await call<{ id: string }>(
      service.url,
      'POST',
      `/api/cohorts/${cohortId}/events`,
      {
        token: priyaToken,
        json: {
          type: 'peer_support',
          title: 'Peer support for mentors',
          audience: 'mentors',
          start: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
          end: new Date(Date.now() + 7 * 24 * 3600_000 + 3600_000).toISOString(),
          description: 'Bring a question.',
          location: 'Room 4',
        },
      },
    );
    expect(event.status).toBe(201);
    const invited = await call(
      service.url,
      'POST',
      `/api/cohorts/${cohortId}/events/${event.body.id}/invitations`,
      { token: priyaToken },
    );
    expect(invited.status).toBe(201);

    const { page, errors, panel } = await openAnnouncements();
    const invitation = panel
      .getByTestId('announcement-item')
      .filter({ hasText: 'Peer support for mentors' })
      .filter({ has: page.getByTestId('announcement-kind').getByText('Event invitation') });
    await invitation.waitFor();
    await expect(invitation.count()).resolves.toBe(1);
    await expect(invitation.getByTestId('announcement-audience-words').textContent()).resolves.toBe(
      'To mentors',
    );
    // Its reminders wait for those who say they're going.
    const reminder = panel
      .getByTestId('announcement-item')
      .filter({ hasText: 'Peer support for mentors' })
      .filter({ has: page.getByTestId('announcement-kind').getByText('Reminder') })
      .first();
    await expect(reminder.getByTestId('announcement-status').textContent()).resolves.toMatch(
      /^Scheduled for /,
    );
    await expect(reminder.getByTestId('announcement-audience-words').textContent()).resolves.toBe(
      "To those who said they're going",
    );
    // Newest first: the invitation, then its reminders, then the earlier announcements.
    const titles = await panel
      .getByTestId('announcement-item')
      .locator('[data-testid="announcement-open"]')
      .allTextContents();
    expect(titles[0]).toBe('Peer support for mentors');
    expect(titles.lastIndexOf('Peer support for mentors')).toBeLessThan(titles.indexOf(WELCOME));
    expect(titles.indexOf(SURVEY)).toBeLessThan(titles.indexOf(WELCOME));

    await panel.getByTestId('announcement-new').click();
    const form = panel.getByTestId('announcement-form');
    await form.getByLabel('Title').fill('A word with two of you');
    await form.getByLabel('Message').fill('Could we meet on Friday?');
    await form.getByTestId('announcement-audience').selectOption('people');
    // Nobody chosen: said next to the list.
    await form.getByTestId('announcement-send').click();
    await expect(form.getByTestId('announcement-people-error').textContent()).resolves.toBe(
      'Choose at least one person, or choose another audience.',
    );
    const search = form.getByTestId('announcement-people-search');
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await search.fill('kwa');
    await expect(
      form.getByTestId('announcement-people-options').getByRole('checkbox').count(),
    ).resolves.toBe(1);
    await form.getByRole('checkbox', { name: /Kwame Mensah/ }).check();
    await search.fill('sofia');
    await form.getByRole('checkbox', { name: /Sofia Rahman/ }).check();
    await search.fill('');
    await expect(form.getByTestId('announcement-people-count').textContent()).resolves.toBe(
      '2 people chosen.',
    );
    await form.getByRole('button', { name: 'Remove Sofia Rahman' }).click();
    await form.getByRole('checkbox', { name: /Sofia Rahman/ }).check();
    await expect(form.getByTestId('announcement-reach').textContent()).resolves.toBe(
      'Goes to 2 people.',
    );
    await screenshot(page, 'tab-announcements-people-1280');
    await form.getByTestId('announcement-send').click();

    await reportFinished(page);
    expect(await recipientRows(page)).toEqual({
      'Kwame Mensah': ['Sent', 'None'],
      'Sofia Rahman': [
        'Not delivered',
        expect.stringMatching(/Has never opened the app in Teams/) as unknown as string,
      ],
    });
    await panel.getByTestId('announcement-report-back').click();
    const item = panel
      .getByTestId('announcement-item')
      .filter({ hasText: 'A word with two of you' });
    await expect(item.getByTestId('announcement-audience-words').textContent()).resolves.toBe(
      'To 2 chosen people',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a progress bar while a slow send goes out, then the outcome', async () => {
    // Teams answers slowly: each message takes five seconds.
    connector.configure({ latencyMs: 5000 });
    try {
      const { page, errors, panel } = await openAnnouncements();
      await panel.getByTestId('announcement-new').click();
      const form = panel.getByTestId('announcement-form');
      await form.getByLabel('Title').fill('Mentor huddle');
      await form.getByLabel('Message').fill('Tea at 3 in the **library**.');
      await form.getByTestId('announcement-audience').selectOption('mentors');
      // Sofia mentors James and he mentors her: both are mentors, with Amara and Kwame.
      await expect(form.getByTestId('announcement-reach').textContent()).resolves.toBe(
        'Goes to 4 people, including 2 in reciprocal pairs.',
      );
      await form.getByTestId('announcement-send').click();

      const progress = panel.getByTestId('announcement-progress');
      await progress.waitFor({ timeout: 60_000 });
      await expect(progress.textContent()).resolves.toMatch(/Progress[\s\S]*\d of 4 people done/);
      await expect(progress.getByRole('progressbar').count()).resolves.toBe(1);
      await expect(panel.getByTestId('announcement-cancel').count()).resolves.toBe(1);
      await expect(panel.getByTestId('announcement-export').count()).resolves.toBe(1);
      await expect(
        page.locator('[data-testid="announcement-report"][data-underway="true"]').count(),
      ).resolves.toBe(1);
      await screenshot(page, 'tab-announcements-sending-1280');
      expect(await settledAxeFindings(page)).toEqual([]);

      await reportFinished(page);
      await expect(progress.count()).resolves.toBe(0);
      await expect(countTile(page, 'sent')).resolves.toBe('2');
      await expect(countTile(page, 'failed')).resolves.toBe('2');
      await eventually(
        () => panel.getByTestId('announcements-live').textContent(),
        /Finished sending “Mentor huddle”: 2 sent, 2 not delivered\./,
        { within: 10_000 },
      );
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      connector.configure({ latencyMs: 0 });
    }
  });

  it('reads only the counts for the list, and shows a large report 200 people at a time', async () => {
    // A finished send to 230 people (written straight to storage: the fan-out is not under test).
    const repo = service.parts.repos.announcements;
    const at = new Date(Date.now() - 3600_000);
    const big = {
      id: announcementId(at, 'b16b16b1'),
      cohortId,
      kind: 'announcement' as const,
      title: 'Large cohort notice',
      text: 'For everyone.',
      audience: { kind: 'cohort' as const },
      alsoInChannel: false,
      sendAt: at.toISOString(),
      status: 'sent' as const,
      createdBy: PRIYA.userId,
      createdByName: PRIYA.name,
      createdAt: at.toISOString(),
      startedAt: at.toISOString(),
      completedAt: at.toISOString(),
      recipientCount: 230,
      round: 1,
    };
    await repo.create(big);
    await repo.addRecipients(
      big.id,
      Array.from({ length: 230 }, (_, i) => ({
        announcementId: big.id,
        participantId: `p-${String(i).padStart(3, '0')}`,
        displayName: `Person ${String(i + 1).padStart(3, '0')}`,
        status: i < 220 ? ('sent' as const) : ('failed' as const),
        reason: i < 220 ? undefined : 'not linked to Teams yet',
        attempts: 1,
        round: 1,
        sentAt: i < 220 ? at.toISOString() : undefined,
        updatedAt: at.toISOString(),
      })),
    );

    const opened = await openCohortAs(PRIYA.userId);
    const reads: string[] = [];
    opened.page.on('request', (r) => {
      if (r.url().includes(`/announcements/${big.id}`)) reads.push(r.url());
    });
    const { page, errors } = opened;
    await page.getByTestId('coordinator-cohort').waitFor();
    await page.getByTestId('cohort-tab-announcements').click();
    const panel = page.getByTestId('cohort-panel-announcements');
    const item = panel.getByTestId('announcement-item').filter({ hasText: 'Large cohort notice' });
    await eventually(
      () => item.getByTestId('announcement-item-counts').textContent(),
      /^220 of 230 sent · 0 read$/,
      { within: 10_000 },
    );
    // The list asked for the counts alone, not 230 people's rows.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((u) => u.endsWith('?recipients=none'))).toBe(true);

    await item.getByTestId('announcement-open').click();
    await reportFinished(page);
    const rows = panel.getByTestId('announcement-recipients').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(200);
    await expect(panel.getByTestId('announcement-recipients-shown').textContent()).resolves.toBe(
      'Showing 200 of 230 people.',
    );
    const more = panel.getByTestId('announcement-recipients-more');
    await expect(more.textContent()).resolves.toBe('Show 30 more');
    await more.click();
    await expect(rows.count()).resolves.toBe(230);
    await expect(more.count()).resolves.toBe(0);
    // A filter starts again at the first page; the failed fit on one.
    await panel.getByTestId('announcement-recipient-filter').selectOption('failed');
    await expect(rows.count()).resolves.toBe(10);
    await expect(panel.getByTestId('announcement-recipients-more').count()).resolves.toBe(0);
    expect(await settledAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is not there for a mentor: the cohort view refuses, and so does the API', async () => {
    const { page, errors } = await openCohortAs(AMARA.aadObjectId);
    await page.getByTestId('cohort-forbidden').waitFor();
    await expect(page.getByTestId('cohort-tab-announcements').count()).resolves.toBe(0);
    await expect(page.getByTestId('announcements').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.not.toContain(WELCOME);
    const amaraToken = await devToken(service.url, {
      userId: AMARA.aadObjectId,
      name: AMARA.name,
    });
    const list = await call(service.url, 'GET', `/api/cohorts/${cohortId}/announcements`, {
      token: amaraToken,
    });
    expect(list.status).toBe(403);
    expect(errors.filter((e) => !refused(403).test(e))).toEqual([]);
    await page.close();
  });

  it('works at Teams mobile width: the page never scrolls sideways, the table in its own box', async () => {
    const { page, errors, panel } = await openAnnouncements(375);
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-announcements-list-375');

    await panel.getByTestId('announcement-new').click();
    const form = panel.getByTestId('announcement-form');
    await form.getByLabel('Message').fill('- one\n- two');
    await form.getByRole('radio', { name: 'Send later' }).check();
    await form.getByTestId('announcement-send').click();
    await expect(describedBy(form.getByTestId('announcement-date'))).resolves.toContain(
      'Choose the day to send it.',
    );
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-announcements-form-375');
    await form.getByTestId('announcement-discard').click();

    await panel
      .getByTestId('announcement-item')
      .filter({ hasText: WELCOME })
      .getByTestId('announcement-open')
      .click();
    await reportFinished(page);
    const box = panel.getByTestId('announcement-recipients-scroll');
    await expect(box.evaluate((el) => el.scrollWidth > el.clientWidth)).resolves.toBe(true);
    await expect(box.getAttribute('tabindex')).resolves.toBe('0');
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-announcements-report-375');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility findings in the list, the form with errors and the report, in each theme', async () => {
    const findings: Record<string, AxeFinding[]> = {};
    for (const theme of THEMES) {
      const { page, errors, panel } = await openAnnouncements(1280, theme);
      await panel.getByTestId('announcement-item').first().waitFor();
      findings[`${theme} list`] = await settledAxeFindings(page);
      await screenshot(page, `tab-announcements-list-${theme}`);

      await panel.getByTestId('announcement-new').click();
      const form = panel.getByTestId('announcement-form');
      await form.getByLabel('Message').fill('**Bold** words\n- a list');
      await form.getByLabel('Web address').fill('not a web address');
      await form.getByTestId('announcement-audience').selectOption('people');
      await form.getByRole('radio', { name: 'Send later' }).check();
      await form.getByLabel('Date').fill(londonDate(-1));
      await form.getByLabel('Time').fill('08:00');
      await form.getByTestId('announcement-send').click();
      await form.getByTestId('announcement-people-error').waitFor();
      findings[`${theme} form with errors`] = await settledAxeFindings(page);
      await screenshot(page, `tab-announcements-form-errors-${theme}`);
      await form.getByTestId('announcement-discard').click();

      await panel
        .getByTestId('announcement-item')
        .filter({ hasText: WELCOME })
        .getByTestId('announcement-open')
        .click();
      await reportFinished(page);
      findings[`${theme} report`] = await settledAxeFindings(page);
      await screenshot(page, `tab-announcements-report-${theme}`);
      expect(errors).toEqual([]);
      await page.close();
    }
    const serious = Object.fromEntries(Object.entries(findings).filter(([, f]) => f.length > 0));
    if (Object.keys(serious).length > 0) {
      console.log('axe findings:', JSON.stringify(serious, null, 2));
    }
    expect(serious).toEqual({});
  });
});
