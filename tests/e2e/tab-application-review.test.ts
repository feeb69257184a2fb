import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import type { ApplicationReviewList } from '../../bot/src/contracts/application-review';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The programme team reviews a cohort's applications in the real Chromium (issue 15, items 3–4):
 * eight people apply through the API; the coordinator filters, searches and sorts, declines one
 * (a reason is required, said next to the field), meets a decision someone else made first
 * (said, reloaded, never overwritten), accepts in bulk with each item's own result, records
 * training attendance and a line manager's answer (refused once the manager answered in Teams).
 * Axe-clean after each dialog, at 1280 and 375 px and in the dark and high-contrast themes; a
 * coordinator of another cohort finds nothing.
 */

const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NADIA = { userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03', name: 'Nadia Rahman' };
const OTHER_COORDINATOR = { userId: 'd1520000-0000-4000-8000-0000000000c2', name: 'Olu Other' };

interface Applicant {
  userId: string;
  name: string;
  email: string;
  answers: Record<string, unknown>;
}

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Caring responsibilities outside work', 'Early career'],
  requireTraining: true,
  awarenessEventIds: [] as string[],
};

const managerEmail = (n: number) => `manager.${n}@trust.nhs.uk`;

function applicant(
  n: number,
  name: string,
  over: { role: string; arrangement?: string; band: string; organisation: string },
): Applicant {
  return {
    userId: `d1520000-0000-4000-8000-00000000000${n}`,
    name,
    email: `${name.toLowerCase().replace(' ', '.')}@trust.nhs.uk`,
    answers: {
      arrangement: 'reverse',
      directorate: 'Emergency medicine',
      lineManager: { name: `Manager of ${name.split(' ')[0]}`, email: managerEmail(n) },
      perspectivesShared: ['Working nights'],
      perspectivesWanted: ['Early career'],
      meetingMode: 'online',
      availability: ['tue-am', 'thu-pm'],
      consent: true,
      ...over,
    },
  };
}

const APPLICANTS = [
  applicant(1, 'Ada Mensah', { role: 'mentor', band: 'Band 3', organisation: 'Leicester Royal' }),
  applicant(2, 'Ben Hartley', { role: 'mentee', band: 'Band 9', organisation: 'Rutland Council' }),
  applicant(3, 'Cara Osei', {
    role: 'mentor',
    arrangement: 'reciprocal',
    band: 'Band 5',
    organisation: 'Leicester Partnership',
  }),
  applicant(4, 'Dan Fox', { role: 'mentee', band: 'Band 8b', organisation: 'Glenfield Hospital' }),
  applicant(5, 'Eve Lund', {
    role: 'either',
    arrangement: 'either',
    band: 'Band 7',
    organisation: 'Leicester Royal',
  }),
  applicant(6, 'Finn Cole', { role: 'mentor', band: 'Band 3', organisation: 'Glenfield Hospital' }),
  applicant(7, 'Gita Rao', { role: 'mentee', band: 'Band 9', organisation: 'Rutland Council' }),
  applicant(8, 'Hal Ng', { role: 'mentor', band: 'Band 5', organisation: 'Leicester Partnership' }),
];
const byName = (name: string) => APPLICANTS.find((a) => a.name === name)!;

let harness: TabHarness;
let service: RunningService;
let cohortId = '';
let otherCohortId = '';
const events: Record<string, string> = {};

const base = () => `/api/cohorts/${cohortId}/applications`;

async function api<T = Record<string, unknown>>(
  who: { userId: string; name: string; email?: string },
  method: string,
  path: string,
  json?: unknown,
) {
  return call<T>(service.url, method, path, { token: await devToken(service.url, who), json });
}

/** Someone else (the programme admin) decides first, on the version they read just now. */
async function decidedElsewhere(name: string, decision: 'waitlist' | 'accept') {
  const list = await api<ApplicationReviewList>(PRIYA, 'GET', base());
  const item = list.body.applications.find((a) => a.displayName === name)!;
  const done = await api(PRIYA, 'POST', `${base()}/${item.applicationId}/decision`, {
    decision,
    etag: item.etag,
  });
  expect(done.status).toBe(200);
}

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  service.parts.clock.set(new Date('2027-01-10T10:00:00Z'));
  const cohort = async (name: string) => {
    const made = await api<{ id: string }>(PRIYA, 'POST', '/api/cohorts', {
      name,
      startDate: '2027-03-01',
      endDate: '2027-08-31',
    });
    expect(made.status).toBe(201);
    return made.body.id;
  };
  cohortId = await cohort('Spring 2027 cohort');
  otherCohortId = await cohort('Another 2027 cohort');
  for (const [who, id] of [
    [NADIA, cohortId],
    [OTHER_COORDINATOR, otherCohortId],
  ] as const) {
    const granted = await api(PRIYA, 'POST', '/api/roles', {
      role: 'coordinator',
      cohortId: id,
      userId: who.userId,
      name: who.name,
    });
    expect(granted.status).toBe(201);
  }
  const event = async (type: string, title: string, start: string, audience: string) => {
    const end = new Date(Date.parse(start) + 3600_000).toISOString();
    const made = await api<{ id: string }>(NADIA, 'POST', `/api/cohorts/${cohortId}/events`, {
      ...{ type, title, start, end, location: 'Teams', audience },
    });
    expect(made.status).toBe(201);
    return made.body.id;
  };
  events.induction = await event('induction', 'Induction', '2027-02-03T10:00:00Z', 'everyone');
  events.training = await event('mentor_training', 'Mentor day', '2027-02-10T10:00:00Z', 'mentors');
  const saved = await api(NADIA, 'PUT', `/api/cohorts/${cohortId}/application-settings`, SETTINGS);
  expect(saved.status).toBe(200);
  for (const [i, a] of APPLICANTS.entries()) {
    service.parts.clock.set(new Date(Date.UTC(2027, 0, 10, 10, i)));
    const who = { userId: a.userId, name: a.name, email: a.email };
    const sent = await api(who, 'POST', `${base()}/mine/submit`, a.answers);
    expect(sent.status).toBe(200);
  }
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

const table = (page: Page) => page.getByTestId('applications-table');
const row = (page: Page, name: string) =>
  table(page)
    .locator('tbody tr')
    .filter({ has: page.getByTestId('application-name').filter({ hasText: name }) });
const shownNames = (page: Page) => table(page).getByTestId('application-name').allTextContents();
const namesShown = async (page: Page) =>
  (await shownNames(page)).map((text) => APPLICANTS.find((a) => text.includes(a.name))?.name);

/** The dialog has gone and the page is given back to screen readers (focus-return.ts). */
async function gone(page: Page, dialog: string) {
  await page.getByTestId(dialog).waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('#root[aria-hidden="true"]'));
}

async function closes(page: Page, dialog: string) {
  await page.getByTestId(`${dialog}-confirm`).click();
  await gone(page, dialog);
}

async function openApplications(page: Page) {
  await page.getByTestId('coordinator-cohort').waitFor();
  await page.getByTestId('cohort-tab-applications').click();
  await table(page).waitFor();
}

/** Chromium logs the API's expected refusals (a stale version, a manager's own answer). */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/status of (409|412) \((Conflict|Precondition Failed)\)/.test(e));

describe('the programme team reviews applications in the tab', () => {
  it('filters, searches and sorts, with statuses, line-manager answers and training in words', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: NADIA.userId,
    });
    await openApplications(page);
    await eventually(async () => String((await shownNames(page)).length), '8');
    await eventually(() => page.getByTestId('applications-count-submitted').textContent(), /^8/);
    const summary = page.getByTestId('applications-summary');
    await eventually(() => summary.textContent(), '8 waiting for the line manager', {
      contains: true,
    });
    await eventually(() => summary.textContent(), '8 still to attend', { contains: true });
    expect(await row(page, 'Ada Mensah').getByTestId('application-status').textContent()).toBe(
      'Sent, waiting for the programme team',
    );

    await page.getByTestId('applications-role').selectOption('mentee');
    await eventually(
      async () => (await namesShown(page)).sort().join(),
      'Ben Hartley,Dan Fox,Gita Rao',
    );
    await page.getByTestId('applications-role').selectOption('');
    await page.getByTestId('applications-search').fill('rutland');
    await eventually(async () => (await namesShown(page)).sort().join(), 'Ben Hartley,Gita Rao');
    await page.getByTestId('applications-search').fill('');
    await page.getByTestId('applications-sort').selectOption('name');
    await eventually(
      async () => (await namesShown(page)).join(),
      APPLICANTS.map((a) => a.name)
        .sort()
        .join(),
    );
    await page.getByTestId('applications-arrangement').selectOption('reciprocal');
    await eventually(async () => (await namesShown(page)).join(), 'Cara Osei');
    await page.getByTestId('applications-arrangement').selectOption('');
    await eventually(async () => String((await shownNames(page)).length), '8');
    await axeClean(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('declines with a reason (required, said next to the field) and meets a stale version', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: NADIA.userId,
    });
    await openApplications(page);

    await row(page, 'Finn Cole').getByTestId('application-decide').click();
    await page.getByTestId('decision-decline').check();
    await page.getByTestId('decision-dialog-confirm').click();
    const reason = page.getByTestId('decision-reason');
    await eventually(() => describedBy(reason), 'is required to decline', { contains: true });
    await axeClean(page);
    await reason.fill('we have more mentors at your band than mentees to match this time');
    await eventually(
      () => page.getByTestId('decision-preview').textContent(),
      'Our reason: we have more mentors',
      { contains: true },
    );
    await closes(page, 'decision-dialog');
    await eventually(
      () => row(page, 'Finn Cole').getByTestId('application-status').textContent(),
      'Not offered a place this time',
      { contains: true },
    );

    // Someone else puts Hal on the waiting list while the dialog is open: said, never overwritten.
    await row(page, 'Hal Ng').getByTestId('application-decide').click();
    await page.getByTestId('decision-dialog').waitFor();
    await decidedElsewhere('Hal Ng', 'waitlist');
    await page.getByTestId('decision-dialog-confirm').click();
    await page.getByTestId('decision-dialog-conflict').waitFor();
    await axeClean(page);
    await page.getByTestId('decision-dialog-reload').click();
    await page.getByTestId('decision-dialog-conflict').waitFor({ state: 'detached' });
    await closes(page, 'decision-dialog');
    await eventually(
      () => row(page, 'Hal Ng').getByTestId('application-status').textContent(),
      'Accepted',
      { contains: true },
    );
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  });

  it('accepts in bulk, each item with its own result, a conflict listed and kept selected', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: NADIA.userId,
    });
    await openApplications(page);
    for (const name of ['Ada Mensah', 'Ben Hartley', 'Cara Osei']) {
      await row(page, name).getByTestId('application-select').check();
    }
    await page.getByTestId('applications-bulk').click();
    await page.getByTestId('bulk-decision-dialog').waitFor();
    await axeClean(page);
    await decidedElsewhere('Cara Osei', 'waitlist');
    await closes(page, 'bulk-decision-dialog');
    const results = page.getByTestId('bulk-results');
    await eventually(() => results.textContent(), '2 applications decided, 1 not decided', {
      contains: true,
    });
    await expect(results.getByTestId('bulk-result-refused').textContent()).resolves.toMatch(
      /^Cara Osei: not decided\. Someone changed this application since you read it/,
    );
    expect((await results.getByTestId('bulk-result-ok').allTextContents()).sort()).toEqual([
      'Ada Mensah: accepted',
      'Ben Hartley: accepted',
    ]);
    for (const name of ['Ada Mensah', 'Ben Hartley']) {
      await eventually(
        () => row(page, name).getByTestId('application-status').textContent(),
        'Accepted',
        { contains: true },
      );
    }
    await eventually(
      () => row(page, 'Cara Osei').getByTestId('application-status').textContent(),
      'On the waiting list',
      { contains: true },
    );
    expect(await row(page, 'Cara Osei').getByTestId('application-select').isChecked()).toBe(true);
    await axeClean(page);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  });

  it('records training attendance and a line manager’s answer, refused once the manager answered', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: NADIA.userId,
    });
    await openApplications(page);

    await row(page, 'Ada Mensah')
      .getByRole('button', { name: /^Record attendance/ })
      .click();
    await page.getByTestId(`attended-${events.induction}`).check();
    await page.getByTestId(`attended-${events.training}`).check();
    await axeClean(page);
    // A colleague records Ada's induction after this list was read: saving is refused in the
    // dialog, their record kept; a reload takes the latest and keeps the ticks.
    const ada = byName('Ada Mensah');
    const colleague = await api(PRIYA, 'PUT', `${base()}/${ada.userId}/attendance`, {
      eventId: events.induction,
      attended: true,
      etag: null,
    });
    expect(colleague.status).toBe(200);
    await page.getByTestId('attendance-dialog-confirm').click();
    await page.getByTestId('attendance-dialog-conflict').waitFor();
    await page.getByTestId('attendance-dialog-reload').click();
    await page.getByTestId('attendance-dialog-conflict').waitFor({ state: 'detached' });
    expect(await page.getByTestId(`attended-${events.training}`).isChecked()).toBe(true);
    await closes(page, 'attendance-dialog');
    await eventually(
      () => row(page, 'Ada Mensah').getByTestId('application-training-words').textContent(),
      'Complete',
    );
    await eventually(
      () => row(page, 'Ada Mensah').getByTestId('application-status').textContent(),
      'Ready for matching',
      { contains: true },
    );

    // Ben's manager is not on Teams: the programme team records their answer.
    await row(page, 'Ben Hartley').getByTestId('application-answer').click();
    await page.getByTestId('manager-answer-dialog-confirm').click();
    await eventually(
      () => page.getByTestId('manager-answer-dialog').textContent(),
      'Choose yes or no.',
      { contains: true },
    );
    await page.getByTestId('manager-released-yes').check();
    await page.getByTestId('manager-note').fill('Confirmed by email on 9 January');
    await axeClean(page);
    await closes(page, 'manager-answer-dialog');
    await eventually(
      () => row(page, 'Ben Hartley').getByTestId('application-manager').textContent(),
      'Recorded by the programme team',
      { contains: true },
    );
    // The answer itself, who recorded it and when, not only that it was recorded.
    await eventually(
      () => row(page, 'Ben Hartley').getByTestId('application-manager-answer').textContent(),
      'Released: yes. Recorded by Nadia Rahman (programme team) on 10 January 2027. Note: Confirmed by email on 9 January',
    );

    // Dan's manager answers on their own card while the dialog is open: their answer stands.
    await row(page, 'Dan Fox').getByTestId('application-answer').click();
    await page.getByTestId('manager-released-no').check();
    const dan = byName('Dan Fox');
    await service.parts.review.managers.answer(
      {
        kind: 'teams',
        userId: 'd1520000-0000-4000-8000-0000000000a4',
        email: () =>
          Promise.resolve({
            address: managerEmail(4),
            via: 'teams_roster_email' as const,
            tenantId: DEV_TENANT_ID,
          }),
      },
      cohortId,
      dan.userId,
      { released: true },
    );
    await page.getByTestId('manager-answer-dialog-confirm').click();
    await eventually(
      () => page.getByTestId('manager-answer-dialog-problem').textContent(),
      'already answered in Teams',
      { contains: true },
    );
    await axeClean(page);
    await page.getByTestId('manager-answer-dialog-cancel').click();
    await gone(page, 'manager-answer-dialog');
    await page.getByTestId('cohort-tab-health').click();
    await page.getByTestId('cohort-tab-applications').click();
    await eventually(
      () => row(page, 'Dan Fox').getByTestId('application-manager').textContent(),
      'Line manager can release them',
      { contains: true },
    );
    await eventually(
      () => row(page, 'Dan Fox').getByTestId('application-manager-answer').textContent(),
      'Released: yes. Answered by the line manager in Teams on 10 January 2027.',
    );
    await expect(row(page, 'Dan Fox').getByTestId('application-answer').count()).resolves.toBe(0);

    await axeClean(page);
    await screenshot(page, 'application-review-1280');
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalOverflow(page);
    await axeClean(page);
    await screenshot(page, 'application-review-375');
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  });

  it('records attendance at one event for several at once, a colleague’s record listed and kept', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: NADIA.userId,
    });
    await openApplications(page);
    for (const name of ['Ben Hartley', 'Dan Fox', 'Gita Rao']) {
      await row(page, name).getByTestId('application-select').check();
    }
    await eventually(
      () => page.getByTestId('applications-bulk-attendance').textContent(),
      'Record attendance for 3 selected applicants',
    );
    await page.getByTestId('applications-bulk-attendance').click();
    const dialog = page.getByTestId('bulk-attendance-dialog');
    await dialog.waitFor();
    // Two events: none is chosen for the coordinator, and the check says so beside the field.
    await page.getByTestId('bulk-attendance-dialog-confirm').click();
    await eventually(() => dialog.textContent(), 'Choose the event.', { contains: true });
    await page.getByTestId(`bulk-attendance-event-${events.induction}`).check();
    await axeClean(page);
    // A colleague records that Gita did not attend, after this list was read.
    const gita = byName('Gita Rao');
    const colleague = await api(PRIYA, 'PUT', `${base()}/${gita.userId}/attendance`, {
      eventId: events.induction,
      attended: false,
      etag: null,
    });
    expect(colleague.status).toBe(200);
    await closes(page, 'bulk-attendance-dialog');
    const results = page.getByTestId('bulk-attendance-results');
    await eventually(
      () => results.textContent(),
      'Induction: attendance recorded for 2 applicants, 1 not recorded',
      { contains: true },
    );
    expect((await results.getByTestId('bulk-result-ok').allTextContents()).sort()).toEqual([
      'Ben Hartley: attended',
      'Dan Fox: attended',
    ]);
    await expect(results.getByTestId('bulk-result-refused').textContent()).resolves.toMatch(
      /^Gita Rao: not recorded\. Someone recorded this attendance since you read it/,
    );
    // Ben (accepted, a mentee) has the training he needs now; Gita keeps the colleague's record.
    await eventually(
      () => row(page, 'Ben Hartley').getByTestId('application-training-words').textContent(),
      'Complete',
    );
    await eventually(
      () => row(page, 'Ben Hartley').getByTestId('application-status').textContent(),
      'Ready for matching',
      { contains: true },
    );
    expect(
      await row(page, 'Gita Rao').getByTestId('application-training-words').textContent(),
    ).toMatch(/^Still to attend/);
    expect(await row(page, 'Gita Rao').getByTestId('application-select').isChecked()).toBe(true);
    expect(await row(page, 'Ben Hartley').getByTestId('application-select').isChecked()).toBe(
      false,
    );
    await axeClean(page);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
  });

  it('is axe-clean and never scrolls sideways in the dark and high-contrast themes', async () => {
    for (const theme of ['dark', 'contrast']) {
      const { page, errors } = await openTab(harness, {
        query: `view=personal&cohort=${cohortId}&theme=${theme}`,
        width: 375,
        as: NADIA.userId,
      });
      await openApplications(page);
      await expectNoHorizontalOverflow(page);
      expect({ theme, findings: await settledAxeFindings(page) }).toEqual({ theme, findings: [] });
      await row(page, 'Eve Lund').getByTestId('application-decide').click();
      await page.getByTestId('decision-dialog').waitFor();
      expect({ theme, findings: await settledAxeFindings(page) }).toEqual({ theme, findings: [] });
      await screenshot(page, `application-review-${theme}-375`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('is not found for a coordinator of another cohort', async () => {
    const list = await fetchAs(service.url, OTHER_COORDINATOR, base());
    expect(list.status).toBe(404);
    const decide = await fetchAs(service.url, OTHER_COORDINATOR, `${base()}/decisions`, {
      method: 'POST',
      body: JSON.stringify({ items: [] }),
    });
    expect(decide.status).toBe(404);
    const own = await fetchAs(
      service.url,
      OTHER_COORDINATOR,
      `/api/cohorts/${otherCohortId}/applications`,
    );
    expect(own.status).toBe(200);
  });
});
