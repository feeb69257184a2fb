import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
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
 * Applying in the tab (issue 15, items 1–2), in the real Chromium: the programme team sets the
 * window of the demo cohort; a person applies in steps (a bad field is shown beside it, the
 * draft survives a reload), adds a special-category answer and sends the application; after
 * the closing date another person is refused with the date and joins the next-cohort list.
 */

// Demo people, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NADIA = {
  userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03',
  name: 'Nadia Rahman',
  email: 'nadia.rahman@demo.nhs.example',
};
const AMARA = { userId: '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202', name: 'Amara Okafor' };

let harness: TabHarness;
let service: RunningService;
let cohortId = '';
let timeZone = '';
let closesAt: DateTime;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean; timeZone: string }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: await devToken(service.url, PRIYA) },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo)!;
  cohortId = demo.id;
  timeZone = demo.timeZone;
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

const local = (at: DateTime) => at.setZone(timeZone).toFormat("yyyy-MM-dd'T'HH:mm");

async function step(page: Page, words: string) {
  await eventually(() => page.getByTestId('apply-step').textContent(), words, { contains: true });
}

describe('applying to a cohort in the tab', () => {
  it('the programme team sets the window, links an awareness session and can announce it', async () => {
    // An awareness session on the programme calendar, to link to the window.
    const session = await call<{ id: string }>(
      service.url,
      'POST',
      `/api/cohorts/${cohortId}/events`,
      {
        token: await devToken(service.url, PRIYA),
        json: {
          type: 'awareness_session',
          title: 'Reverse mentoring: come and find out',
          start: DateTime.now().plus({ days: 3 }).toUTC().toISO(),
          end: DateTime.now().plus({ days: 3, hours: 1 }).toUTC().toISO(),
        },
      },
    );
    expect(session.status).toBe(201);
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: PRIYA.userId,
    });
    await page.getByTestId('cohort-tab-application-window').click();
    const panel = page.getByTestId('cohort-panel-application-window');
    await panel.getByTestId('application-settings-form').waitFor();
    await eventually(
      () => panel.getByTestId('application-window-state').textContent(),
      'Not set up yet',
      { contains: true },
    );
    // The zone is shown beside the window's fields.
    expect(await panel.textContent()).toContain(`Applications open (${timeZone} time)`);

    // Closing before opening is refused beside the closing field, before anything is sent.
    const now = DateTime.now();
    closesAt = now.plus({ days: 7 }).startOf('minute');
    await panel.getByTestId('settings-opensAt').fill(local(now.minus({ days: 1 })));
    await panel.getByTestId('settings-closesAt').fill(local(now.minus({ days: 2 })));
    await panel.getByTestId('settings-save').click();
    expect(await describedBy(panel.getByTestId('settings-closesAt'))).toContain(
      'must be after the opening date and time',
    );
    await axeClean(page);

    // The decision messages start as the kind defaults, with a preview; a placeholder that does
    // not exist is refused beside its own field.
    expect(await panel.getByTestId('settings-message-accept-preview').textContent()).toContain(
      'Dear Alex, thank you for applying',
    );
    const acceptText = panel.getByTestId('settings-message-accept-text');
    const kindWords = await acceptText.inputValue();
    await acceptText.fill('Dear {name}, welcome.');
    await panel.getByTestId('settings-closesAt').fill(local(closesAt));
    await panel.getByTestId('settings-save').click();
    expect(await describedBy(acceptText)).toContain('{name} is not one of them');
    await acceptText.fill(kindWords);

    await panel.getByTestId('settings-awareness-' + session.body.id).check();
    await panel.getByTestId('settings-save').click();
    await eventually(
      () => panel.getByTestId('settings-status').textContent(),
      'The application settings are saved.',
    );
    await eventually(
      () => panel.getByTestId('application-window-state').textContent(),
      'Open for applications',
    );
    const summary = (await panel.getByTestId('application-window-summary').textContent()) ?? '';
    expect(summary).toContain(`(${timeZone})`);
    expect(summary).toContain('0 people asked to hear about the next cohort');
    await axeClean(page);
    await screenshot(page, 'application-settings-1280');

    // "Applications are open" goes through the announcements composer, written in already, to
    // the audience chosen beside the window (the next-cohort list is chosen at first).
    expect(await panel.getByTestId('open-call-reach-next-cohort').isChecked()).toBe(true);
    await panel.getByTestId('open-call-reach-cohorts').check();
    await panel.getByTestId('announce-applications').click();
    const composer = page.getByTestId('cohort-panel-announcements');
    await composer.getByTestId('announcement-title').waitFor();
    expect(await composer.getByTestId('announcement-title').inputValue()).toContain(
      'Applications are open',
    );
    expect(await composer.getByTestId('announcement-text').inputValue()).toContain(
      `close on ${closesAt.setZone(timeZone).toFormat('cccc d LLLL yyyy')}`,
    );
    expect(await composer.getByTestId('announcement-text').inputValue()).toContain(
      'awareness session to find out more: Reverse mentoring: come and find out',
    );
    const lists = (await composer.getByTestId('announcement-open-call-lists').textContent()) ?? '';
    expect(lists).toContain('The people of the cohorts you run');
    expect(lists).toContain('Everyone who asked to hear about the next cohort');
    await axeClean(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a person applies in steps: a bad field beside it, a draft that survives a reload, an answer of their own, sent', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: NADIA.userId });
    await page.getByTestId(`apply-open-${cohortId}`).click();
    await page.getByTestId('apply-form').waitFor();
    expect(await page.getByTestId('apply-window').textContent()).toContain(
      'Open for applications until',
    );
    await step(page, 'Step 1 of 5: About you');
    await axeClean(page);

    await page.getByTestId('apply-role').selectOption('mentee');
    await page.getByTestId('apply-arrangement').selectOption('reverse');
    await page.getByTestId('apply-band').selectOption('Band 8c');
    await page.getByTestId('apply-organisation').fill('Leicester Royal');
    await page.getByTestId('apply-directorate').fill('Nursing');
    await page.getByTestId('apply-lineManagerName').fill('Sam Lee');
    await page.getByTestId('apply-lineManagerEmail').fill('sam.lee at nhs');
    await page.getByTestId('apply-next').click();
    const email = page.getByTestId('apply-lineManagerEmail');
    await eventually(() => describedBy(email), 'must be an email address', { contains: true });
    await step(page, 'Step 1 of 5');
    await axeClean(page);
    await screenshot(page, 'apply-form-1280');

    await email.fill('sam.lee@nhs.net');
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 2 of 5: Perspectives');

    // The draft is kept: after a reload the form carries on where it stopped.
    await page.reload();
    await step(page, 'Step 2 of 5: Perspectives');
    await page.getByTestId('apply-back').click();
    await step(page, 'Step 1 of 5');
    expect(await page.getByTestId('apply-organisation').inputValue()).toBe('Leicester Royal');
    expect(await page.getByTestId('apply-lineManagerEmail').inputValue()).toBe('sam.lee@nhs.net');
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 2 of 5');

    // Another window changes the draft meanwhile: saving here says so and loads that version.
    const minePath = `/api/cohorts/${cohortId}/applications/mine`;
    const before = (await (await fetchAs(service.url, NADIA, minePath)).json()) as { etag: string };
    const elsewhere = await fetchAs(service.url, NADIA, `${minePath}/draft`, {
      method: 'PUT',
      headers: { 'If-Match': before.etag },
      body: JSON.stringify({ directorate: 'Nursing and midwifery' }),
    });
    expect(elsewhere.status).toBe(200);
    await page.getByTestId('apply-wanted-Working part-time or flexibly').check();
    await page.getByTestId('apply-next').click();
    await eventually(
      () => page.getByTestId('apply-notice').textContent(),
      'changed in another window',
      { contains: true },
    );
    await step(page, 'Step 2 of 5');
    expect(await page.getByTestId('apply-wanted-Working part-time or flexibly').isChecked()).toBe(
      false,
    );
    await axeClean(page);
    await page.getByTestId('apply-back').click();
    expect(await page.getByTestId('apply-directorate').inputValue()).toBe('Nursing and midwifery');
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 2 of 5');

    await page.getByTestId('apply-shared-Corporate and support services').check();
    await page.getByTestId('apply-wanted-Frontline, patient-facing work').check();
    await axeClean(page);
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 3 of 5: Meeting');

    // In person needs a place: the problem is shown beside it.
    await page.getByTestId('apply-meetingMode').selectOption('in-person');
    await page.getByTestId('apply-availability-tue-am').check();
    await page.getByTestId('apply-next').click();
    await eventually(
      () => describedBy(page.getByTestId('apply-location')),
      'is required when you meet in person',
      { contains: true },
    );
    await page.getByTestId('apply-location').fill('Leicester');
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalOverflow(page);
    await axeClean(page);
    await screenshot(page, 'apply-form-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 4 of 5: Optional questions');

    // A special-category answer needs its own consent; who sees it is said plainly.
    expect(await page.getByTestId('sensitive-note').textContent()).toContain('No one but you');
    await page.getByTestId('sensitive-ethnicity').selectOption('mixed');
    await page.getByTestId('sensitive-save').click();
    await eventually(
      () => describedBy(page.getByTestId('sensitive-ethnicity-consent')),
      'Tick the consent for this answer',
      { contains: true },
    );
    await page.getByTestId('sensitive-ethnicity-consent').check();
    await page.getByTestId('sensitive-save').click();
    await eventually(
      () => page.getByTestId('sensitive-status').textContent(),
      'Your answers are saved.',
    );
    await page.getByTestId('sensitive-delete').waitFor();
    await axeClean(page);
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalOverflow(page);
    await axeClean(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('apply-next').click();
    await step(page, 'Step 5 of 5: Check and send');

    // Sending without the consent is refused beside it.
    await page.getByTestId('apply-submit').click();
    await eventually(() => describedBy(page.getByTestId('apply-consent')), 'Tick to agree', {
      contains: true,
    });
    expect(await page.getByTestId('apply-consent-text').textContent()).toContain('How to withdraw');
    await axeClean(page);
    await page.getByTestId('apply-consent').check();
    await page.getByTestId('apply-submit').click();
    await eventually(
      () => page.getByTestId('apply-status-words').textContent(),
      'Sent, waiting for the programme team',
    );
    await page.getByTestId('apply-withdraw').waitFor();
    await axeClean(page);
    // The refused save (412) is the one error Chromium logs.
    expect(errors).toEqual([expect.stringMatching(/status of 412/)]);
    await page.close();

    // The service holds it, and her answer is hers alone.
    const mine = await fetchAs(service.url, NADIA, `/api/cohorts/${cohortId}/applications/mine`);
    const body = (await mine.json()) as {
      status: string;
      answers: Record<string, unknown>;
      sensitive: { answers: Record<string, { value: string }> };
    };
    expect(body.status).toBe('submitted');
    expect(body.answers).toMatchObject({ band: 'Band 8c', location: 'Leicester' });
    expect(body.sensitive.answers.ethnicity?.value).toBe('mixed');
  });

  it('after the closing date another person is refused with the date and joins the next-cohort list', async () => {
    const after = closesAt.plus({ hours: 1 }).toUTC().toISO()!;
    expect(
      (await call(service.url, 'POST', '/api/dev/clock', { json: { now: after } })).status,
    ).toBe(200);

    const { page, errors } = await openTab(harness, {
      query: `view=personal&apply=${cohortId}`,
      as: AMARA.userId,
    });
    const closed = page.getByTestId('apply-closed');
    await closed.waitFor();
    const date = closesAt.setZone(timeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm");
    expect(await closed.getByTestId('apply-closed-date').textContent()).toContain(date);
    expect(await page.getByTestId('apply-form').count()).toBe(0);
    await axeClean(page);
    await page.getByTestId('apply-next-cohort').click();
    await eventually(
      () => page.getByTestId('apply-next-cohort-words').textContent(),
      'You are on the list',
      { contains: true },
    );
    await axeClean(page);
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalOverflow(page);
    expect(errors).toEqual([]);
    await page.close();

    // The programme team sees the count, and the window closed.
    const coordinator = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: PRIYA.userId,
    });
    await coordinator.page.getByTestId('cohort-tab-application-window').click();
    const panel = coordinator.page.getByTestId('cohort-panel-application-window');
    await eventually(
      () => panel.getByTestId('next-cohort-count').textContent(),
      '1 person asked to hear about the next cohort',
      { contains: true },
    );
    expect(await panel.getByTestId('application-window-state').textContent()).toBe('Closed');
    await axeClean(coordinator.page);
    expect(coordinator.errors).toEqual([]);
    await coordinator.page.close();
  });
});
