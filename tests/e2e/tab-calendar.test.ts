import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  type TabPage,
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';

/** The demo people (bot/src/dev/demo-cohort.ts). */
const PRIYA = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
};
const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
const DAVID = '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303';
const KWAME = '3d8f40a2-5e61-4c7d-9e8f-90a1b2c3d404';

/** Everyone in these tests lives in the UK; summer dates check the BST conversion too. */
const TIME_ZONE = 'Europe/London';
const YEAR = new Date().getUTCFullYear() + 1;
const INDUCTION_DATE = `${YEAR}-06-10`;
const PEER_DATE = `${YEAR}-07-14`;

const INDUCTION = 'Programme induction';
const INDUCTION_EDITED = 'Programme induction: welcome';
const PEER = 'Peer support meeting';
const TEAMS_LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_demo%40thread.v2/0';

let harness: TabHarness;
let service: RunningService;
let cohortId: string;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const me = (await (await asPriya('/api/me')).json()) as {
    coordinatedCohorts: { id: string }[];
  };
  const cohort = me.coordinatedCohorts[0];
  if (!cohort) throw new Error('the demo cohort was not seeded');
  cohortId = cohort.id;
});

afterAll(() => harness?.stop());

function asPriya(path: string, init: RequestInit = {}): Promise<Response> {
  return fetchAs(service.url, PRIYA, path, init);
}

interface ApiEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  etag: string;
  type: string;
  audience: string;
  location: string;
  description: string;
  capacity?: number;
}

async function eventsAsPriya(): Promise<ApiEvent[]> {
  const response = await asPriya(`/api/cohorts/${cohortId}/events`);
  return ((await response.json()) as { events: ApiEvent[] }).events;
}

/** Opens the cohort's calendar as a demo person, at a width and in a theme. */
async function openCalendar(
  userId: string,
  { width = 1280, theme }: { width?: number; theme?: string; axe?: boolean } = {},
): Promise<TabPage> {
  const themeParam = theme ? `&theme=${theme}` : '';
  const opened = await openTab(harness, {
    query: `view=personal&calendar=${cohortId}${themeParam}`,
    width,
    as: userId,
    context: { timezoneId: TIME_ZONE, locale: 'en-GB' },
  });
  await opened.page.getByTestId('calendar').waitFor();
  return opened;
}

/** The event card with this title. */
function eventCard(page: Page, title: string): Locator {
  return page.locator(`[data-event-title="${title}"]`);
}

/** 'Thu 10 June 2027, 10:00–11:30' worked out independently of the tab's code. */
function expectedWhen(date: string, from: string, to: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(
    day,
  );
  const rest = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day);
  return `${weekday} ${rest}, ${from}–${to}`;
}

/** Chromium logs each refused request; these are the ones a test caused on purpose. */
function unexpected(errors: string[], ...statuses: number[]): string[] {
  return errors.filter(
    (e) => !statuses.some((s) => e.includes(`the server responded with a status of ${s}`)),
  );
}

describe('The programme calendar in the tab (dev mode)', () => {
  it('lets the coordinator create events, with problems next to their fields, and edit one', async () => {
    const { page, errors } = await openCalendar(PRIYA.userId);
    await expect(page.getByTestId('calendar-heading').textContent()).resolves.toBe(
      'Programme calendar',
    );
    await expect(page.getByTestId('calendar-empty').textContent()).resolves.toContain(
      'No events yet.',
    );

    // Nothing filled in: each problem appears next to its field, and focus goes to the first.
    await page.getByTestId('event-new').click();
    const form = page.getByTestId('event-form');
    await form.waitFor();
    await form.getByTestId('event-save').click();
    await expect(describedBy(form.getByTestId('event-title'))).resolves.toContain(
      'Write a title people will recognise.',
    );
    await expect(describedBy(form.getByTestId('event-date'))).resolves.toContain(
      'Choose the date of the event.',
    );
    await expect(
      form.getByTestId('event-title').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);

    // End before start, caught in the browser, with everything typed kept.
    await form.getByLabel('Type of event').selectOption('induction');
    await form.getByLabel('Title').fill(INDUCTION);
    await form.getByLabel('Who it is for').selectOption('everyone');
    await form
      .getByLabel('Description (optional)')
      .fill('Meet your cohort and the programme team.');
    await form.getByLabel('Date').fill(INDUCTION_DATE);
    await form.getByLabel('Start time').fill('10:00');
    await form.getByLabel('End time').fill('09:00');
    await form.getByLabel('Teams meeting link or place (optional)').fill(TEAMS_LINK);
    await form.getByTestId('event-save').click();
    await expect(describedBy(form.getByTestId('event-end'))).resolves.toContain(
      'The end time must be after the start time.',
    );
    await expect(form.getByTestId('event-end').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe(INDUCTION);
    await screenshot(page, 'tab-calendar-form-errors-1280');

    // The API checks too: a request that slips past the browser's check (its end moved before
    // its start on the way) comes back with the API's words next to the same field.
    await form.getByLabel('End time').fill('11:30');
    await page.route('**/api/cohorts/*/events', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      return route.continue({ postData: JSON.stringify({ ...body, end: body.start }) });
    });
    await form.getByTestId('event-save').click();
    await eventually(
      () => describedBy(form.getByTestId('event-end')),
      'The end time must be after the start time.',
      { contains: true },
    );
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe(INDUCTION);
    await expect(form.getByLabel('End time').inputValue()).resolves.toBe('11:30');
    await page.unroute('**/api/cohorts/*/events');

    // Now it saves, in the viewer's time zone (10:00 BST is 09:00 UTC).
    await form.getByTestId('event-save').click();
    await eventCard(page, INDUCTION).waitFor();
    const [induction] = await eventsAsPriya();
    expect(induction).toMatchObject({
      title: INDUCTION,
      audience: 'everyone',
      start: `${INDUCTION_DATE}T09:00:00.000Z`,
      end: `${INDUCTION_DATE}T10:30:00.000Z`,
      location: TEAMS_LINK,
    });
    await expect(eventCard(page, INDUCTION).getByTestId('event-when').textContent()).resolves.toBe(
      expectedWhen(INDUCTION_DATE, '10:00', '11:30'),
    );

    // A mentors-only peer support meeting with one place.
    await page.getByTestId('event-new').click();
    await form.getByLabel('Type of event').selectOption('peer_support');
    await form.getByLabel('Title').fill(PEER);
    await form.getByLabel('Who it is for').selectOption('mentors');
    // Sofia and James mentor each other: both are among the mentors, and the count says so.
    const audience = form.getByLabel('Who it is for');
    await eventually(
      () => audience.locator('option[value="mentors"]').textContent(),
      'Mentors only (4, including 2 in reciprocal pairs)',
      { within: 20_000 },
    );
    await expect(describedBy(audience)).resolves.toMatch(/each person is both mentor and mentee/);
    await form.getByLabel('Date').fill(PEER_DATE);
    await form.getByLabel('Start time').fill('12:30');
    await form.getByLabel('End time').fill('13:30');
    await form
      .getByLabel('Teams meeting link or place (optional)')
      .fill('Room 4, Education Centre');
    await form.getByLabel('Places (optional)').fill('1');
    await form.getByTestId('event-save').click();
    const peerCard = eventCard(page, PEER);
    await peerCard.waitFor();
    await expect(peerCard.getByTestId('event-audience').textContent()).resolves.toBe('For mentors');
    await expect(peerCard.getByTestId('event-place').textContent()).resolves.toBe(
      'Place: Room 4, Education Centre',
    );
    await expect(peerCard.getByTestId('event-places').textContent()).resolves.toContain(
      '1 place left of 1.',
    );
    // Grouped by month, the month as a heading.
    await page.getByRole('heading', { name: `June ${YEAR}`, level: 3, exact: true }).waitFor();
    await page.getByRole('heading', { name: `July ${YEAR}`, level: 3, exact: true }).waitFor();
    await screenshot(page, 'tab-calendar-coordinator-1280');

    // Invitations go out through the bot; the report lists the mentors it was for.
    await peerCard.getByRole('button', { name: `Send invitations in Teams: ${PEER}` }).click();
    await peerCard.getByRole('button', { name: `Invitations sent: ${PEER}` }).waitFor();
    const sent = (await (await asPriya(`/api/cohorts/${cohortId}/announcements`)).json()) as {
      announcements: { kind: string; title: string; audience: string }[];
    };
    expect(sent.announcements).toContainEqual(
      expect.objectContaining({ kind: 'event-invitation', title: PEER, audience: 'mentors' }),
    );

    // Edit the induction; meanwhile someone else changes it, so the save meets a 412.
    await eventCard(page, INDUCTION)
      .getByRole('button', { name: `Edit ${INDUCTION}`, exact: true })
      .click();
    const editForm = page.getByTestId('event-form');
    await editForm.getByLabel('Title').fill(INDUCTION_EDITED);
    const latest = (await eventsAsPriya()).find((e) => e.title === INDUCTION)!;
    const theirs = await asPriya(`/api/cohorts/${cohortId}/events/${latest.id}`, {
      method: 'PUT',
      headers: { 'If-Match': latest.etag },
      body: JSON.stringify({
        type: latest.type,
        title: 'Programme induction (their wording)',
        description: latest.description,
        audience: latest.audience,
        start: latest.start,
        end: latest.end,
        location: latest.location,
      }),
    });
    expect(theirs.status).toBe(200);
    await editForm.getByTestId('event-save').click();
    const conflict = editForm.getByTestId('event-conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain(
      'Someone else changed this event a moment ago.',
    );
    await expect(editForm.getByTestId('event-conflict-latest').textContent()).resolves.toContain(
      'Programme induction (their wording)',
    );
    await expect(editForm.getByLabel('Title').inputValue()).resolves.toBe(INDUCTION_EDITED);
    await screenshot(page, 'tab-calendar-conflict-1280');

    // Their version can be loaded into the form; then Priya types hers again and saves.
    await editForm.getByTestId('event-load-latest').click();
    await expect(editForm.getByLabel('Title').inputValue()).resolves.toBe(
      'Programme induction (their wording)',
    );
    await editForm.getByLabel('Title').fill(INDUCTION_EDITED);
    await editForm.getByTestId('event-save').click();
    await eventCard(page, INDUCTION_EDITED).waitFor();
    await eventually(
      () => page.getByTestId('calendar-announcement').textContent(),
      `Saved your changes to ${INDUCTION_EDITED}.`,
    );
    await expect(
      eventCard(page, INDUCTION_EDITED).getByTestId('event-join').getAttribute('href'),
    ).resolves.toBe(TEAMS_LINK);

    // Coordinators run events, so they have no answer buttons.
    await expect(page.getByTestId('rsvp-yes').count()).resolves.toBe(0);
    expect(unexpected(errors, 400, 412)).toEqual([]);
    await page.close();
  });

  it('lets a mentor see both events, answer Going, download one and subscribe', async () => {
    const { page, errors } = await openCalendar(AMARA);
    const induction = eventCard(page, INDUCTION_EDITED);
    const peer = eventCard(page, PEER);
    await induction.waitFor();
    await peer.waitFor();
    await expect(
      page.getByRole('button', { name: 'New event', exact: true }).count(),
    ).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Edit / }).count()).resolves.toBe(0);
    await expect(peer.getByTestId('event-when').textContent()).resolves.toBe(
      expectedWhen(PEER_DATE, '12:30', '13:30'),
    );
    await expect(induction.getByTestId('event-audience').textContent()).resolves.toBe(
      'For everyone',
    );
    await expect(induction.getByTestId('event-type-shown').textContent()).resolves.toBe(
      'Programme induction',
    );

    // Kwame, another mentor, has the calendar open too, while the one place is free.
    const kwame = await openCalendar(KWAME);
    const kwamePeer = eventCard(kwame.page, PEER);
    await expect(kwamePeer.getByTestId('event-places').textContent()).resolves.toBe(
      '1 place left of 1.',
    );

    // Amara takes the place.
    await page.getByRole('button', { name: `Going to ${PEER}`, exact: true }).click();
    await eventually(() => peer.getByTestId('event-answer').textContent(), 'Your answer: Going');
    await expect(
      page
        .getByRole('button', { name: `Going to ${PEER}`, exact: true })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await eventually(
      () => page.getByTestId('calendar-announcement').textContent(),
      `Your answer for ${PEER} is saved: Going.`,
    );
    await expect(peer.getByTestId('event-places').textContent()).resolves.toBe(
      'This event is full. You have a place.',
    );

    // Kwame's "Going" arrives second: the 409 is explained in words.
    await kwame.page.getByRole('button', { name: `Going to ${PEER}`, exact: true }).click();
    const full = kwamePeer.getByTestId('event-problem');
    await full.waitFor();
    await expect(full.textContent()).resolves.toContain('This event is full.');
    await expect(kwamePeer.getByTestId('event-places').textContent()).resolves.toBe(
      'This event is full.',
    );
    await expect(kwamePeer.getByTestId('event-answer').textContent()).resolves.toContain(
      'not answered',
    );
    // Opened afresh, the event says it is full and "Going" cannot be chosen.
    await kwame.page.reload();
    await kwamePeer.waitFor();
    await expect(kwamePeer.getByTestId('event-places').textContent()).resolves.toBe(
      'This event is full.',
    );
    await expect(
      kwame.page
        .getByRole('button', { name: `Going to ${PEER}`, exact: true })
        .getAttribute('aria-disabled'),
    ).resolves.toBe('true');
    await screenshot(kwame.page, 'tab-calendar-full-1280');
    expect(unexpected(kwame.errors, 409)).toEqual([]);
    await kwame.page.close();

    // Amara's answer is kept.
    await page.reload();
    await peer.waitFor();
    await expect(peer.getByTestId('event-answer').textContent()).resolves.toBe(
      'Your answer: Going',
    );
    await expect(
      page
        .getByRole('button', { name: `Going to ${PEER}`, exact: true })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');

    // "Add to my calendar" downloads an .ics of the event.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      induction
        .getByRole('button', { name: `Add to my calendar: ${INDUCTION_EDITED}`, exact: true })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('programme-induction-welcome.ics');
    const ics = readFileSync((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`SUMMARY:${INDUCTION_EDITED}`);

    // The personal feed: made, readable with no sign-in at all, then stopped.
    await page.getByTestId('feed-create').click();
    const feedUrl = await page.getByTestId('feed-url').inputValue();
    expect(feedUrl).toMatch(/^http:\/\/.+\/calendar\/[\w-]{40,}\.ics$/);
    await expect(page.getByTestId('feed-steps').textContent()).resolves.toContain(
      'Subscribe from web',
    );
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const feedText = await feed.text();
    expect(feedText).toContain('BEGIN:VCALENDAR');
    expect(feedText).toContain(`SUMMARY:${INDUCTION_EDITED}`);
    expect(feedText).toContain(`SUMMARY:${PEER}`);
    await screenshot(page, 'tab-calendar-mentor-1280');

    await page.getByTestId('feed-stop').click();
    await expect(page.getByTestId('feed-stopped').textContent()).resolves.toContain(
      'stopped working',
    );
    expect((await fetch(feedUrl)).status).toBe(404);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a mentee only the events for everyone, with past events folded away', async () => {
    // An awareness session that has already happened. The API creates no event in the past,
    // so it is planted in storage as one created last year would be.
    const lastYear = new Date().getUTCFullYear() - 1;
    await service.parts.repos.events.create({
      id: 'past-awareness-session',
      cohortId,
      type: 'awareness_session',
      title: 'Awareness session',
      description: '',
      audience: 'everyone',
      start: `${lastYear}-11-05T14:00:00.000Z`,
      end: `${lastYear}-11-05T15:00:00.000Z`,
      location: 'Lecture theatre 1',
      createdBy: PRIYA.userId,
      updatedAt: `${lastYear}-10-01T09:00:00.000Z`,
    });

    const { page, errors } = await openCalendar(DAVID);
    await eventCard(page, INDUCTION_EDITED).waitFor();
    await expect(eventCard(page, PEER).count()).resolves.toBe(0);
    await expect(page.getByText(PEER).count()).resolves.toBe(0);
    await expect(
      page.getByRole('button', { name: `Going to ${INDUCTION_EDITED}`, exact: true }).count(),
    ).resolves.toBe(1);

    const toggle = page.getByTestId('past-toggle');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(eventCard(page, 'Awareness session').count()).resolves.toBe(0);
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await eventCard(page, 'Awareness session').waitFor();
    // A past event can no longer be answered.
    await expect(
      page.getByRole('button', { name: 'Going to Awareness session', exact: true }).count(),
    ).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility findings in any theme, for the calendar and the form', async () => {
    for (const theme of THEMES) {
      const mentor = await openCalendar(AMARA, { theme, axe: true });
      await eventCard(mentor.page, PEER).waitFor();
      await mentor.page.getByTestId('past-toggle').click();
      await mentor.page.getByTestId('feed-create').click();
      await mentor.page.getByTestId('feed-url').waitFor();
      const calendarFindings = await settledAxeFindings(mentor.page);
      expect({ theme, view: 'calendar', findings: calendarFindings }).toEqual({
        theme,
        view: 'calendar',
        findings: [],
      });
      expect(mentor.errors).toEqual([]);
      await mentor.page.close();

      const coordinator = await openCalendar(PRIYA.userId, { theme, axe: true });
      await coordinator.page.getByTestId('event-new').click();
      const form = coordinator.page.getByTestId('event-form');
      await form.getByTestId('event-save').click(); // shows the field problems as well
      await form.getByText('Write a title people will recognise.').waitFor();
      const formFindings = await settledAxeFindings(coordinator.page);
      expect({ theme, view: 'form', findings: formFindings }).toEqual({
        theme,
        view: 'form',
        findings: [],
      });
      expect(coordinator.errors).toEqual([]);
      await coordinator.page.close();
    }
  });

  it('works at Teams mobile width', async () => {
    const mentor = await openCalendar(AMARA, { width: 375 });
    await eventCard(mentor.page, PEER).waitFor();
    await mentor.page.getByTestId('past-toggle').click();
    await mentor.page.getByTestId('feed-create').click();
    await mentor.page.getByTestId('feed-url').waitFor();
    await expectNoHorizontalOverflow(mentor.page);
    await screenshot(mentor.page, 'tab-calendar-375');

    await mentor.page.getByTestId('calendar-back').click();
    await mentor.page.getByTestId('memberships').waitFor();
    expect(new URL(mentor.page.url()).searchParams.get('calendar')).toBeNull();
    expect(mentor.errors).toEqual([]);
    await mentor.page.close();

    const coordinator = await openCalendar(PRIYA.userId, { width: 375 });
    await coordinator.page.getByTestId('event-new').click();
    await coordinator.page.getByTestId('event-form').getByTestId('event-save').click();
    await coordinator.page.getByText('Write a title people will recognise.').waitFor();
    await expectNoHorizontalOverflow(coordinator.page);
    await screenshot(coordinator.page, 'tab-calendar-form-375');
    await coordinator.page
      .getByRole('button', { name: `Edit ${INDUCTION_EDITED}`, exact: true })
      .click();
    await expectNoHorizontalOverflow(coordinator.page);
    expect(coordinator.errors).toEqual([]);
    await coordinator.page.close();
  });
});
