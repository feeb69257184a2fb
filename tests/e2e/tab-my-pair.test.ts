import type { RunningService } from '../../bot/src/app/service';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { expectNoHorizontalOverflow, fetchAs, openTab } from '../support/tab-page';

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

afterAll(() => harness?.stop());

function asDavid(path: string, init: RequestInit = {}): Promise<Response> {
  return fetchAs(service.url, DAVID, path, init);
}

describe('My pair in the tab (dev mode)', () => {
  it('lets a mentor add and edit goals and actions, and keeps their text on a conflict', async () => {
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
    await expect(page.getByTestId('pair-contract').textContent()).resolves.toMatch(/contract/);
    await expect(page.getByTestId('pair-progress').textContent()).resolves.toMatch(/held/);
    await expect(page.getByRole('heading', { name: 'My reflections' }).count()).resolves.toBe(1);

    // Add a goal.
    const addGoal = page.getByTestId('add-goal');
    await addGoal.getByLabel('Goal').fill('Understand how board papers are written');
    await addGoal.getByTestId('goal-save').click();
    const goals = page.getByTestId('goals-list');
    await goals.getByText('Understand how board papers are written').waitFor();
    await expect(addGoal.getByLabel('Goal').inputValue()).resolves.toBe('');

    // Edit it: new text, status and note.
    const goalItem = goals.locator('li').first();
    await goalItem.getByTestId('goal-edit').click();
    await goalItem.getByLabel('Goal').fill('Understand how board papers are written and read');
    await goalItem.getByLabel('Progress').selectOption('in_progress');
    await goalItem.getByLabel('Note (optional)').fill('Shadow the March board');
    await goalItem.getByTestId('goal-save').click();
    await goalItem.getByTestId('goal-status-shown').waitFor();
    await expect(goalItem.getByTestId('goal-status-shown').textContent()).resolves.toBe(
      'In progress',
    );

    // Add an action and mark it done.
    const addAction = page.getByTestId('add-action');
    await addAction.getByLabel('What was agreed').fill('Send David the staff network report');
    await addAction.getByLabel('Who will do it').selectOption('me');
    // A month ahead: within the demo programme (a due date must be, with a margin).
    await addAction
      .getByLabel('Due date')
      .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await addAction.getByTestId('action-save').click();
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
    await reloadedGoal.getByLabel('Goal').fill('Amara’s unsaved wording');
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

    await reloadedGoal.getByTestId('goal-save').click();
    const conflict = reloadedGoal.getByTestId('goal-conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain(
      'David Whitfield changed this a moment ago.',
    );
    await expect(reloadedGoal.getByTestId('goal-conflict-latest').textContent()).resolves.toContain(
      'David’s wording',
    );
    await expect(reloadedGoal.getByLabel('Goal').inputValue()).resolves.toBe(
      'Amara’s unsaved wording',
    );
    await screenshot(page, 'tab-my-pair-conflict-1280');

    // Saving again uses the new version and succeeds.
    await reloadedGoal.getByTestId('goal-save').click();
    await reloadedGoal.getByTestId('goal-text-shown').waitFor();
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
