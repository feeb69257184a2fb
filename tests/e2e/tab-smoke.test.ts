import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { expectNoHorizontalOverflow, openTab, signInAs } from '../support/tab-page';

const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
const PRIYA = '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01';

let harness: TabHarness;

beforeAll(async () => {
  harness = await startTabHarness();
});

afterAll(() => harness?.stop());

describe('the tab in a browser outside Teams (dev mode)', () => {
  it('loads with no console errors, offers demo people and shows a mentor their partner', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal' });
    await signInAs(page, AMARA);

    const panel = page.getByTestId('me-panel');
    await expect(panel.getByTestId('me-name').textContent()).resolves.toBe('Amara Okafor');
    const membership = page.getByTestId('memberships');
    await membership.getByTestId('partner-name').waitFor();
    await expect(membership.getByTestId('partner-name').textContent()).resolves.toContain(
      'David Whitfield',
    );
    await expect(membership.getByTestId('demo-badge').count()).resolves.toBe(1);
    await screenshot(page, 'tab-mentor-light');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a coordinator the cohorts they run, at Teams mobile width, in the dark theme', async () => {
    const { page, errors } = await openTab(harness, {
      query: 'view=personal&theme=dark',
      width: 375,
      as: PRIYA,
    });
    // Priya, the demo's coordinator, is its programme admin (she runs every cohort).
    await expect(page.getByTestId('role-badge-programme_admin').textContent()).resolves.toBe(
      'Programme admin',
    );
    const cohorts = page.getByTestId('coordinated-cohorts');
    await expect(cohorts.getByRole('heading', { name: 'Cohorts you run' }).count()).resolves.toBe(
      1,
    );
    await expect(cohorts.textContent()).resolves.toContain('Demo cohort');
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-coordinator-dark-375');
    expect(errors).toEqual([]);
    await page.close();
  });
});
