import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  eventually,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The programme team's first day, in the real Chromium (issue 14's "done when"): a programme
 * admin creates a cohort and imports its roster, then makes a colleague coordinator of that
 * cohort only. The colleague edits a participant, re-pairs two people, pauses a pair with a
 * reason and sees the reason in health; another cohort is not found for them, and the audit trail
 * (which they may not read) holds every one of those actions.
 */

// The demo programme team, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NADIA = {
  userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03',
  name: 'Nadia Rahman',
  email: 'nadia.rahman@demo.nhs.example',
};
const COHORT = 'Autumn 2027 cohort';
const ROSTER = [
  'email,display_name,role,organisation,job_title,partner_email',
  'ana.xavier@trust.nhs.uk,Ana Xavier,mentor,Leicester Royal,Porter,ben.young@trust.nhs.uk',
  'ben.young@trust.nhs.uk,Ben Young,mentee,Leicester Royal,Chief Nurse,',
  'cal.zeller@trust.nhs.uk,Cal Zeller,mentor,Glenfield,Receptionist,dee.walsh@trust.nhs.uk',
  'dee.walsh@trust.nhs.uk,Dee Walsh,mentee,Glenfield,Medical Director,',
  'eve.vance@trust.nhs.uk,Eve Vance,mentor,Glenfield,Domestic assistant,',
].join('\n');

let harness: TabHarness;
let service: RunningService;
let demoId: string;
let cohortId = '';

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: await devToken(service.url, PRIYA) },
  );
  demoId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

async function confirm(page: Page, dialog: string) {
  await page.getByTestId(`${dialog}-confirm`).click();
  await page.getByTestId(dialog).waitFor({ state: 'detached' });
}

function personRow(page: Page, name: string) {
  return page
    .getByTestId('participants-table')
    .locator('tbody tr')
    .filter({ has: page.getByTestId('participant-name').filter({ hasText: name }) });
}

describe('the programme team runs a cohort from the tab', () => {
  it('a programme admin creates a cohort, imports its roster and gives a colleague that cohort only', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: PRIYA.userId });
    await page.getByTestId('new-cohort').click();
    await page.getByTestId('new-cohort-dialog').waitFor();
    await page.getByTestId('cohort-name').fill(COHORT);
    await page.getByTestId('cohort-start').fill('01/09/2027');
    await page.getByTestId('cohort-end').fill('29/02/2028');
    await confirm(page, 'new-cohort-dialog');
    await eventually(() => page.getByTestId('cohort-heading').textContent(), COHORT);
    cohortId = new URL(page.url()).searchParams.get('cohort')!;

    await page.getByTestId('cohort-tab-import').click();
    await page.getByTestId('roster-text').fill(ROSTER);
    await page.getByTestId('roster-import').click();
    await page
      .getByTestId('roster-imported')
      .getByText(/Added 5 participants and 2 pairs/)
      .waitFor();
    await screenshot(page, 'programme-team-import-1280');

    // Home, then Programme administration: Nadia becomes coordinator of this cohort only.
    await page.getByTestId('cohort-back').click();
    await page.getByTestId('open-admin').click();
    const admin = page.getByTestId('admin-view');
    await admin.getByTestId('roles-table').waitFor();
    await admin.getByTestId('role-email').fill(NADIA.email);
    await admin.getByTestId('role-kind').selectOption('coordinator');
    await admin.getByTestId('role-cohort').selectOption({ label: COHORT });
    await admin.getByTestId('role-grant').click();
    await admin
      .getByTestId('roles-status')
      .getByText(`${NADIA.email} is now cohort coordinator of ${COHORT}.`)
      .waitFor();
    await axeClean(page);
    expect(errors).toEqual([]);
    await page.close();

    // Cal and Dee are meeting by now: they agreed their contract in chat (set up directly, as
    // the tab has no part in that), so their pair may be paused.
    const { repos } = service.parts;
    const cal = (await repos.participants.listByCohort(cohortId)).find(
      (p) => p.displayName === 'Cal Zeller',
    )!;
    for (const pair of await repos.pairs.listVersioned(cohortId)) {
      if (pair.value.mentorId === cal.id) {
        await repos.pairs.update({ ...pair.value, state: 'active' }, pair.etag);
      }
    }
  });

  it('the colleague edits a participant, re-pairs two people and pauses a pair with a reason, seen in health', async () => {
    expect(cohortId).not.toBe('');
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: NADIA.userId });
    // Only the cohort she was given, and no administration.
    await page.getByTestId(`coordinated-cohort-${cohortId}`).waitFor();
    await expect(page.getByTestId(`coordinated-cohort-${demoId}`).count()).resolves.toBe(0);
    await expect(page.getByTestId('open-admin').count()).resolves.toBe(0);
    await page.getByTestId(`open-cohort-${cohortId}`).click();
    await eventually(() => page.getByTestId('cohort-heading').textContent(), COHORT);

    // Edit Eve's job title.
    await page.getByTestId('cohort-tab-participants').click();
    const people = page.getByTestId('cohort-panel-participants');
    await people.getByTestId('participants-table').waitFor();
    await personRow(page, 'Eve Vance').getByTestId('participant-edit').click();
    await page.getByTestId('person-jobTitle').fill('Healthcare assistant');
    await confirm(page, 'participant-edit-dialog');
    await eventually(() => personRow(page, 'Eve Vance').textContent(), 'Healthcare assistant', {
      contains: true,
    });

    // Re-pair: end Ana and Ben's pairing, then Eve mentors Ben.
    await page.getByTestId('cohort-tab-pairs').click();
    const pairs = page.getByTestId('cohort-panel-pairs');
    await pairs.getByTestId('pairs-table').waitFor();
    const anaBen = pairs.locator('tr', { hasText: 'Ana Xavier' });
    await anaBen.getByTestId('pair-end').click();
    await page.getByTestId('pair-reason').fill('Not the right match for Ben');
    await confirm(page, 'pair-end-dialog');
    await eventually(() => anaBen.getByTestId('pair-state').textContent(), 'Ended early');
    await pairs.getByTestId('pair-make').click();
    await page.getByTestId('pair-mentor').selectOption({ label: 'Eve Vance' });
    await page.getByTestId('pair-mentee').selectOption({ label: 'Ben Young' });
    await expect(page.getByTestId('pair-make-dialog').textContent()).resolves.toMatch(
      /Eve Vance mentors Ben Young.*Both get an introduction in Teams/,
    );
    await confirm(page, 'pair-make-dialog');
    await pairs.locator('tr', { hasText: 'Eve Vance' }).getByTestId('pair-state').waitFor();

    // Pause Cal and Dee, with a reason.
    const calDee = pairs.locator('tr', { hasText: 'Cal Zeller' });
    await calDee.getByTestId('pair-pause').click();
    await page.getByTestId('pair-reason').fill('Dee is on secondment until January');
    await confirm(page, 'pair-pause-dialog');
    await eventually(() => calDee.getByTestId('pair-state').textContent(), 'Paused');

    // Health shows the reason, and who paused it (the programme team).
    await page.getByTestId('cohort-tab-health').click();
    const health = page.getByTestId('cohort-panel-health');
    const pausedRow = health.locator('tr', { hasText: 'Cal Zeller' });
    await eventually(
      () => pausedRow.getByTestId('health-change-reason').textContent(),
      'Dee is on secondment until January',
      { contains: true },
    );
    // Ben is in an ended pair and a new one: still one of the five people not reachable yet.
    await eventually(
      () => health.getByTestId('health-summary').textContent(),
      '5 people are not reachable in Teams yet',
      { contains: true },
    );
    await axeClean(page);
    await screenshot(page, 'programme-team-health-1280');
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalOverflow(page);
    await axeClean(page);
    await screenshot(page, 'programme-team-health-375');
    expect(errors).toEqual([]);
    await page.close();

    // Another cohort does not exist for her; the audit trail is not hers to read.
    const other = await fetchAs(service.url, NADIA, `/api/cohorts/${demoId}/health`);
    expect(other.status).toBe(404);
    const trail = await fetchAs(service.url, NADIA, '/api/audit');
    expect(trail.status).toBe(403);
  });

  it('records every one of those actions in the audit trail, shown to the programme admin', async () => {
    const { page, errors } = await openTab(harness, {
      query: 'view=personal&admin=roles',
      as: PRIYA.userId,
    });
    await page.getByTestId('admin-tab-audit').click();
    await page.getByTestId('audit-cohort').selectOption({ label: COHORT });
    const table = page.getByTestId('audit-table');
    await table.getByText('Paused a pair').waitFor();
    const text = (await table.textContent()) ?? '';
    for (const what of [
      'Created cohort',
      'Imported a roster',
      'Granted a role',
      'Edited participant',
      'Ended a pair',
      'Made a pair',
      'Paused a pair',
    ]) {
      expect(text).toContain(what);
    }
    expect(text).toContain('Dee is on secondment until January');
    expect(text).toContain('Nadia Rahman');
    await axeClean(page);
    await screenshot(page, 'programme-team-audit-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is axe-clean for the colleague’s cohort in every theme at 1280 and 375 px', async () => {
    for (const theme of THEMES) {
      for (const width of [1280, 375]) {
        const { page, errors } = await openTab(harness, {
          query: `view=personal&cohort=${cohortId}&theme=${theme}`,
          width,
          as: NADIA.userId,
        });
        await page.getByTestId('coordinator-cohort').waitFor();
        await page.getByTestId('cohort-panel-health').getByTestId('health-summary').waitFor();
        await expectNoHorizontalOverflow(page);
        expect({ theme, width, findings: await settledAxeFindings(page) }).toEqual({
          theme,
          width,
          findings: [],
        });
        await page.getByTestId('cohort-tab-pairs').click();
        await page.getByTestId('cohort-panel-pairs').getByTestId('pairs-table').waitFor();
        expect({ theme, width, findings: await settledAxeFindings(page) }).toEqual({
          theme,
          width,
          findings: [],
        });
        if (theme !== 'default') await screenshot(page, `programme-team-pairs-${theme}-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });
});
