import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { JourneyDriver } from '../support/journey-driver';
import { activePair } from '../support/journey-fixture';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
const DAVID = {
  userId: '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303',
  name: 'David Whitfield',
  email: 'david.whitfield@demo.nhs.example',
};

let harness: TabHarness;
let service: RunningService;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
});

afterAll(async () => {
  await harness?.stop();
  await connector?.stop();
});

let connector: FakeConnector | undefined;

function asDavid(path: string, init: RequestInit = {}): Promise<Response> {
  return fetchAs(service.url, DAVID, path, init);
}

describe('My pair in the tab (dev mode)', () => {
  it('leads with the next step, and adds and edits goals and actions in dialogs, keeping their text on a conflict', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: AMARA });

    // Open the pair from the home view.
    const open = page.locator('[data-testid^="open-pair-"]').first();
    await open.click();
    await page.getByTestId('my-pair').waitFor();
    const pairId = new URL(page.url()).searchParams.get('pair');
    expect(pairId).toBeTruthy();
    await expect(page.getByTestId('pair-heading').textContent()).resolves.toContain(
      'David Whitfield',
    );
    // The demo pair is only proposed: the next step says what happens before meetings start.
    const next = page.getByTestId('pair-next-step');
    await expect(next.getByTestId('pair-partner').textContent()).resolves.toContain(
      'David Whitfield',
    );
    await expect(next.getByTestId('next-step-title').textContent()).resolves.toBe(
      'Getting started',
    );
    await expect(next.getByTestId('next-step-detail').textContent()).resolves.toMatch(/contract/);
    await expect(next.getByTestId('next-step-action').count()).resolves.toBe(0);
    await expect(page.getByTestId('pair-contract').textContent()).resolves.toMatch(/contract/);
    await expect(page.getByTestId('pair-progress').textContent()).resolves.toMatch(/held/);
    await expect(next.getByTestId('pair-plan-dots').locator('li').count()).resolves.toBe(6);
    await expect(page.getByRole('heading', { name: 'My reflections' }).count()).resolves.toBe(1);
    // No form is open until asked for.
    await expect(page.locator('form').count()).resolves.toBe(0);

    // Add a goal: the dialog closes once it is saved.
    await page.getByTestId('goal-add-open').click();
    const addGoal = page.getByTestId('add-goal-dialog');
    await addGoal.getByLabel('Goal').fill('Understand how board papers are written');
    await addGoal.getByTestId('goal-save').click();
    await addGoal.waitFor({ state: 'detached' });
    const goals = page.getByTestId('goals-list');
    await goals.getByText('Understand how board papers are written').waitFor();
    // Opened again, the form starts empty.
    await page.getByTestId('goal-add-open').click();
    await expect(addGoal.getByLabel('Goal').inputValue()).resolves.toBe('');
    await addGoal.getByTestId('add-goal-dialog-close').click();
    await addGoal.waitFor({ state: 'detached' });

    // Edit it: new text, status and note.
    const goalItem = goals.locator('li').first();
    const goalDialog = page.getByTestId('goal-dialog');
    await goalItem.getByTestId('goal-edit').click();
    await goalDialog.getByLabel('Goal').fill('Understand how board papers are written and read');
    await goalDialog.getByLabel('Progress').selectOption('in_progress');
    await goalDialog.getByLabel('Note (optional)').fill('Shadow the March board');
    await goalDialog.getByTestId('goal-save').click();
    await goalDialog.waitFor({ state: 'detached' });
    await expect(goalItem.getByTestId('goal-status-shown').textContent()).resolves.toBe(
      'In progress',
    );

    // Add an action and mark it done.
    await page.getByTestId('action-add-open').click();
    const addAction = page.getByTestId('add-action-dialog');
    await addAction.getByLabel('What was agreed').fill('Send David the staff network report');
    await addAction.getByLabel('Who will do it').selectOption('me');
    // A month ahead: within the demo programme (a due date must be, with a margin).
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const [y, m, d] = due.split('-');
    await addAction.getByLabel('Due date').fill(`${d}/${m}/${y}`);
    await addAction.getByLabel('Due date').press('Tab');
    await addAction.getByTestId('action-save').click();
    await addAction.waitFor({ state: 'detached' });
    const actionItem = page.getByTestId('actions-list').locator('li').first();
    await actionItem.getByText('Send David the staff network report').waitFor();
    await actionItem.getByRole('checkbox').check();
    await actionItem.getByTestId('action-state').waitFor();
    await expect(actionItem.getByTestId('action-state').textContent()).resolves.toBe('Done');
    await screenshot(page, 'tab-my-pair-1280');

    // Everything is still there after a reload.
    await page.reload();
    await page.getByTestId('my-pair').waitFor();
    const reloadedGoal = page.getByTestId('goals-list').locator('li').first();
    await expect(reloadedGoal.getByTestId('goal-text-shown').textContent()).resolves.toBe(
      'Understand how board papers are written and read',
    );
    await expect(reloadedGoal.getByTestId('goal-note-shown').textContent()).resolves.toBe(
      'Shadow the March board',
    );
    await expect(reloadedGoal.getByTestId('goal-status-shown').textContent()).resolves.toBe(
      'In progress',
    );
    const reloadedAction = page.getByTestId('actions-list').locator('li').first();
    await expect(reloadedAction.getByRole('checkbox').isChecked()).resolves.toBe(true);

    // David changes the goal while Amara has it open.
    await reloadedGoal.getByTestId('goal-edit').click();
    await goalDialog.getByLabel('Goal').fill('Amara’s unsaved wording');
    const space = (await (await asDavid(`/api/pairs/${pairId}`)).json()) as {
      goals: { id: string; text: string; status: string; note: string; etag: string }[];
    };
    const goal = space.goals[0];
    if (!goal) throw new Error('the goal Amara added is missing from the API');
    const put = await asDavid(`/api/pairs/${pairId}/goals/${goal.id}`, {
      method: 'PUT',
      headers: { 'If-Match': goal.etag },
      body: JSON.stringify({ text: 'David’s wording', status: 'achieved', note: goal.note }),
    });
    expect(put.status).toBe(200);

    // The conflict keeps the dialog open, with Amara's words and David's version.
    await goalDialog.getByTestId('goal-save').click();
    const conflict = goalDialog.getByTestId('goal-conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain(
      'David Whitfield changed this a moment ago.',
    );
    await expect(goalDialog.getByTestId('goal-conflict-latest').textContent()).resolves.toContain(
      'David’s wording',
    );
    await expect(goalDialog.getByLabel('Goal').inputValue()).resolves.toBe(
      'Amara’s unsaved wording',
    );
    await screenshot(page, 'tab-my-pair-conflict-1280');

    // Saving again uses the new version and succeeds; the dialog closes.
    await goalDialog.getByTestId('goal-save').click();
    await goalDialog.waitFor({ state: 'detached' });
    await expect(reloadedGoal.getByTestId('goal-text-shown').textContent()).resolves.toBe(
      'Amara’s unsaved wording',
    );

    // Chromium logs every non-2xx response; the one 412 above is the conflict we caused.
    const expected412 = /status of 412 \(Precondition Failed\)/;
    expect(errors.filter((e) => !expected412.test(e))).toEqual([]);
    expect(errors.filter((e) => expected412.test(e))).toHaveLength(1);
    await page.close();
  });

  it('works at Teams mobile width', async () => {
    const { page, errors } = await openTab(harness, {
      query: 'view=personal',
      width: 375,
      height: 800,
      as: AMARA,
    });
    await page.locator('[data-testid^="open-pair-"]').first().click();
    await page.getByTestId('my-pair').waitFor();
    await page.getByTestId('goals-list').waitFor();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-my-pair-375');

    await page.getByTestId('pair-back').click();
    await page.getByTestId('memberships').waitFor();
    expect(new URL(page.url()).searchParams.get('pair')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A mentor of a new cohort whose pair has agreed its contract (not a demo person). */
const OLA = { aadObjectId: '7a1b2c3d-0000-4000-8000-00000000a001', name: 'Ola Adeyemi' };
const RUTH = { aadObjectId: '7a1b2c3d-0000-4000-8000-00000000a002', name: 'Ruth Bennett' };

/** Opens the tab signed in as someone outside the demo list, with a development token. */
async function openAsOla(query: string, width = 1280): Promise<Page> {
  const token = await devToken(service.url, { userId: OLA.aadObjectId, name: OLA.name });
  const page = await harness.session.browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(60_000);
  const session = {
    token,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: { userId: OLA.aadObjectId, name: OLA.name },
  };
  await page.addInitScript((value) => {
    sessionStorage.setItem('reverse-mentoring.dev-session', value);
  }, JSON.stringify(session));
  await page.goto(`${service.url}/tab/index.html?${query}`);
  return page;
}

describe('My pair for an active pair (dev clock)', () => {
  let pairId: string;

  beforeAll(async () => {
    connector = await startFakeConnector();
    const drive = new JourneyDriver(service, connector);
    // Contract agreed on Monday 1 March 2027: meeting 1's window runs to 31 March.
    await activePair(drive, service.url, OLA, RUTH);
    const token = await devToken(service.url, { userId: OLA.aadObjectId, name: OLA.name });
    const me = await call<{ memberships: { pair: { id: string } | null }[] }>(
      service.url,
      'GET',
      '/api/me',
      { token },
    );
    pairId = me.body.memberships[0]!.pair!.id;
  });

  it('shows "Book meeting 1 by …" with its one action, and sends a due date typed dd/mm/yyyy as yyyy-mm-dd', async () => {
    const page = await openAsOla(`view=personal&pair=${pairId}`);
    await page.getByTestId('my-pair').waitFor();
    const next = page.getByTestId('pair-next-step');
    // The browser's clock is not the service's: the year shows unless it is this year.
    await expect(next.getByTestId('next-step-title').textContent()).resolves.toMatch(
      /^Book meeting 1 by 31 March( 2027)?$/,
    );
    await expect(next.getByTestId('pair-partner').textContent()).resolves.toContain('Ruth Bennett');
    await expect(
      next.getByTestId('pair-plan-dots').locator('li').first().getAttribute('data-kind'),
    ).resolves.toBe('open');

    // Its one action opens how to book, and closes again.
    await next.getByTestId('next-step-action').click();
    const booking = page.getByTestId('booking-dialog');
    await booking.getByText('next meeting').waitFor();
    await booking.getByTestId('booking-help-done').click();
    await booking.waitFor({ state: 'detached' });

    // An action due 7 March 2027, typed the British way.
    await page.getByTestId('action-add-open').click();
    const dialog = page.getByTestId('add-action-dialog');
    const dueDate = dialog.getByLabel('Due date');
    await expect(dueDate.getAttribute('placeholder')).resolves.toBe('dd/mm/yyyy');
    await dialog.getByLabel('What was agreed').fill('Share the ward rota with Ruth');
    // Month and day the American way is no date here: said next to the field, nothing sent.
    await dueDate.fill('03/31/2027');
    await dueDate.press('Tab');
    await dialog.getByTestId('action-save').click();
    await expect(describedBy(dueDate)).resolves.toContain('dd/mm/yyyy');
    await expect(dialog.getByLabel('What was agreed').inputValue()).resolves.toBe(
      'Share the ward rota with Ruth',
    );

    await dueDate.fill('07/03/2027');
    await dueDate.press('Tab');
    await expect(dueDate.inputValue()).resolves.toBe('07/03/2027');
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith(`/api/pairs/${pairId}/actions`),
    );
    await dialog.getByTestId('action-save').click();
    expect((await sent).postDataJSON()).toMatchObject({
      text: 'Share the ward rota with Ruth',
      dueDate: '2027-03-07',
    });
    await dialog.waitFor({ state: 'detached' });
    const item = page.getByTestId('actions-list').locator('li', { hasText: 'ward rota' });
    await expect(item.textContent()).resolves.toMatch(/Due 7 March( 2027)?/);
    await screenshot(page, 'tab-my-pair-next-step-1280');
    await page.close();
  });

  it('has no serious accessibility findings at 1280 and 375 px in each theme, dialog open or not', async () => {
    for (const theme of THEMES) {
      for (const width of [1280, 375]) {
        const page = await openAsOla(`view=personal&theme=${theme}&pair=${pairId}`, width);
        await page.getByTestId('pair-next-step').waitFor();
        if (width === 375) await expectNoHorizontalOverflow(page);
        const what = `my pair ${theme} ${width}`;
        let findings = await settledAxeFindings(page);
        if (findings.length > 0) console.error(what, JSON.stringify(findings, null, 2));
        expect(findings).toEqual([]);
        await screenshot(page, `tab-my-pair-active-${theme}-${width}`);

        await page.getByTestId('action-add-open').click();
        await page.getByTestId('add-action-dialog').getByTestId('action-save').click();
        await page.getByTestId('add-action-dialog').getByText('Write what was agreed.').waitFor();
        findings = await settledAxeFindings(page);
        if (findings.length > 0) console.error(`${what} dialog`, JSON.stringify(findings, null, 2));
        expect(findings).toEqual([]);
        await page.close();
      }
    }
  }, 600_000);
});
