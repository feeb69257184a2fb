import type { Page } from 'playwright-core';
import { describePairState } from '../../tab/src/shared/format';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * Running a cohort from the tab (issue 14, items 1 and 2), in the real Chromium: a programme
 * admin creates a cohort and edits it (a change made elsewhere meanwhile is said, and reloading
 * keeps what was typed), adds, edits and removes a participant, makes a new pair, and pauses a
 * pair with a reason; every change is confirmed in a dialog first; axe finds nothing serious.
 */

// The demo people, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

let harness: TabHarness;
let demoId: string;
let token: string;

beforeAll(async () => {
  harness = await startTabHarness();
  const { service } = harness;
  token = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token },
  );
  demoId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
  // Sofia and James are meeting (their contract agreed), so their pair may be paused.
  const { repos } = service.parts;
  const people = await repos.participants.listByCohort(demoId);
  const sofia = people.find((p) => p.displayName === 'Sofia Rahman')!;
  for (const pair of await repos.pairs.listVersioned(demoId)) {
    if (pair.value.mentorId === sofia.id) {
      await repos.pairs.update({ ...pair.value, state: 'active' }, pair.etag);
    }
  }
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

/** The participants table's row for this person (found by the name that heads the row). */
function personRow(page: Page, name: string) {
  return page
    .getByTestId('participants-table')
    .locator('tbody tr')
    .filter({ has: page.getByTestId('participant-name').filter({ hasText: name }) });
}

async function confirm(page: Page, dialog: string) {
  await page.getByTestId(`${dialog}-confirm`).click();
  await page.getByTestId(dialog).waitFor({ state: 'detached' });
}

describe('running a cohort from the tab', () => {
  it('creates and edits a cohort, a change made elsewhere meanwhile is said and typing kept', async () => {
    const { page } = await openTab(harness, { query: 'view=personal', as: PRIYA.userId });
    await page.getByTestId('new-cohort').click();
    const dialog = page.getByTestId('new-cohort-dialog');
    await dialog.waitFor();
    await expect(
      dialog.getByTestId('new-cohort-dialog-consequences').textContent(),
    ).resolves.toMatch(/What will happen.*Who will be told.*Nobody is messaged/);
    await page.getByTestId('cohort-name').fill('Spring 2027 cohort');
    await page.getByTestId('cohort-start').fill('01/04/2027');
    await page.getByTestId('cohort-end').fill('31/02/2027'); // no such day
    await page.getByTestId('cohort-planned').fill('8');
    await page.getByTestId('new-cohort-dialog-confirm').click();
    await eventually(() => describedBy(page.getByTestId('cohort-end')), /dd\/mm\/yyyy/, {
      contains: false,
    });
    await axeClean(page);
    await screenshot(page, 'cohort-admin-new-cohort-1280');
    await page.getByTestId('cohort-end').fill('30/09/2027');
    await confirm(page, 'new-cohort-dialog');
    await page.getByTestId('coordinator-cohort').waitFor();
    await eventually(() => page.getByTestId('cohort-heading').textContent(), 'Spring 2027 cohort');
    await expect(page.getByTestId('cohort-dates').textContent()).resolves.toBe(
      '1 April 2027 to 30 September 2027',
    );
    const cohortId = new URL(page.url()).searchParams.get('cohort')!;

    // Edit: the form shows the dates as dd/mm/yyyy; someone else saves first.
    await page.getByTestId('cohort-edit').click();
    await expect(page.getByTestId('cohort-start').inputValue()).resolves.toBe('01/04/2027');
    await page.getByTestId('cohort-name').fill('Spring 2027 cohort (LLR)');
    const read = await call<Record<string, unknown> & { etag: string }>(
      harness.service.url,
      'GET',
      `/api/cohorts/${cohortId}`,
      { token },
    );
    const { etag, id: _id, isDemo: _demo, status: _status, ...current } = read.body;
    const elsewhere = await call(harness.service.url, 'PUT', `/api/cohorts/${cohortId}`, {
      token,
      json: { ...current, timeZone: 'Europe/Dublin' },
      headers: { 'if-match': etag },
    });
    expect(elsewhere.status).toBe(200);
    await page.getByTestId('cohort-edit-dialog-confirm').click();
    await page.getByTestId('cohort-edit-dialog-conflict').waitFor();
    await page.getByTestId('cohort-edit-dialog-reload').click();
    await page.getByTestId('cohort-edit-dialog-conflict').waitFor({ state: 'detached' });
    await expect(page.getByTestId('cohort-name').inputValue()).resolves.toBe(
      'Spring 2027 cohort (LLR)',
    );
    await confirm(page, 'cohort-edit-dialog');
    await eventually(
      () => page.getByTestId('cohort-heading').textContent(),
      'Spring 2027 cohort (LLR)',
    );
    await page.close();
  });

  it('adds, edits and removes a participant, makes a new pair and pauses one with a reason', async () => {
    const { page } = await openTab(harness, {
      query: `view=personal&cohort=${demoId}`,
      as: PRIYA.userId,
    });
    await page.getByTestId('coordinator-cohort').waitFor();
    await page.getByTestId('cohort-tab-participants').click();
    const panel = page.getByTestId('cohort-panel-participants');
    await panel.getByTestId('participants-table').waitFor();

    // Add Zara, refusing a bad email beside its field first.
    await page.getByTestId('participant-add').click();
    await page.getByTestId('person-displayName').fill('Zara Quinn');
    await page.getByTestId('person-email').fill('zara.quinn(at)demo.nhs.example');
    await page.getByTestId('participant-add-dialog-confirm').click();
    await eventually(() => describedBy(page.getByTestId('person-email')), /email address/);
    await page.getByTestId('person-email').fill('zara.quinn@demo.nhs.example');
    await page.getByTestId('person-band').fill('Band 4');
    await confirm(page, 'participant-add-dialog');
    await eventually(
      () => panel.getByTestId('participants-status').textContent(),
      /Zara Quinn was added/,
    );

    // Edit her job title.
    const zara = personRow(page, 'Zara Quinn');
    await zara.getByTestId('participant-edit').click();
    await page.getByTestId('person-jobTitle').fill('Healthcare assistant');
    await confirm(page, 'participant-edit-dialog');
    await eventually(() => zara.textContent(), /Healthcare assistant/, { contains: false });

    // Remove Amara: the dialog says her pair with David ends and David is told.
    const amara = personRow(page, 'Amara Okafor');
    await amara.getByTestId('participant-remove').click();
    const removal = page.getByTestId('participant-remove-dialog');
    await expect(removal.textContent()).resolves.toMatch(
      /Their pair with David Whitfield ends.*David Whitfield is told kindly in Teams/,
    );
    await axeClean(page);
    await screenshot(page, 'cohort-admin-remove-1280');
    await page.getByTestId('remove-reason').fill('Left the trust');
    await confirm(page, 'participant-remove-dialog');
    await eventually(
      () => panel.getByTestId('participants-status').textContent(),
      /Amara Okafor was removed.*David Whitfield can be paired again/,
    );

    // Re-pair David with Zara.
    await page.getByTestId('cohort-tab-pairs').click();
    const pairs = page.getByTestId('cohort-panel-pairs');
    await pairs.getByTestId('pairs-table').waitFor();
    await pairs.getByTestId('pair-make').click();
    await page.getByTestId('pair-mentor').selectOption({ label: 'Zara Quinn' });
    await page.getByTestId('pair-mentee').selectOption({ label: 'David Whitfield' });
    await expect(page.getByTestId('pair-make-dialog').textContent()).resolves.toMatch(
      /Zara Quinn mentors David Whitfield.*Both get an introduction in Teams/,
    );
    await confirm(page, 'pair-make-dialog');
    const newPair = pairs.locator('tr', { hasText: 'Zara Quinn' });
    // Proposed until its introduction goes out (then introduced): the shared words for each.
    const starting = new RegExp(
      `^(${describePairState('proposed')}|${describePairState('introduced')})$`,
    );
    await eventually(() => newPair.getByTestId('pair-state').textContent(), starting);

    // Pause Sofia and James with a reason (required).
    const sofia = pairs.locator('tr', { hasText: 'Sofia Rahman' });
    await sofia.getByTestId('pair-pause').click();
    await page.getByTestId('pair-pause-dialog-confirm').click();
    await eventually(() => describedBy(page.getByTestId('pair-reason')), /reason/i);
    await page.getByTestId('pair-reason').fill('James is on leave until June');
    await page.getByTestId('pause-weeks').selectOption('4');
    await axeClean(page);
    await confirm(page, 'pair-pause-dialog');
    await eventually(() => sofia.getByTestId('pair-state').textContent(), 'Paused');
    await eventually(
      () => pairs.getByTestId('pairs-status').textContent(),
      /Sofia Rahman and James Porter's pairing is paused/,
    );
    await screenshot(page, 'cohort-admin-pairs-1280');

    // Each change is in the audit trail, never the pair's content.
    const audit = await call<{ entries: { action: string; reason: string | null }[] }>(
      harness.service.url,
      'GET',
      `/api/audit?cohortId=${demoId}`,
      { token },
    );
    const actions = audit.body.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'participant.added',
        'participant.updated',
        'participant.removed',
        'pair.ended',
        'pair.created',
        'pair.paused',
      ]),
    );
    expect(audit.body.entries.find((e) => e.action === 'pair.paused')!.reason).toBe(
      'James is on leave until June',
    );
    await page.close();
  });

  it.each(THEMES)(
    'is axe-clean with its pairs and dialogs in the %s theme, at 375 px too',
    async (theme) => {
      for (const width of [1280, 375]) {
        const { page } = await openTab(harness, {
          query: `view=personal&cohort=${demoId}&theme=${theme}`,
          width,
          as: PRIYA.userId,
        });
        await page.getByTestId('coordinator-cohort').waitFor();
        await page.getByTestId('cohort-tab-pairs').click();
        await page.getByTestId('cohort-panel-pairs').getByTestId('pairs-table').waitFor();
        await axeClean(page);
        await expectNoHorizontalOverflow(page);
        await page.getByTestId('cohort-edit').click();
        await page.getByTestId('cohort-edit-dialog').waitFor();
        await axeClean(page);
        if (theme === 'default') await screenshot(page, `cohort-admin-edit-${width}`);
        await page.close();
      }
    },
  );
});
