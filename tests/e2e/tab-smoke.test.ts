import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/service';
import { type BrowserSession, screenshot, watchConsole } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';

const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
const PRIYA = '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01';

let harness: TabHarness;
let service: RunningService;
let session: BrowserSession;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service, session } = harness);
});

afterAll(() => harness?.stop());

async function openTab(width = 1280, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ viewport: { width, height: 900 } });
  const errors = watchConsole(page);
  await page.goto(`${service.url}/tab/index.html?view=personal${query}`);
  return { page, errors };
}

describe('the tab in a browser outside Teams (dev mode)', () => {
  it('loads with no console errors, offers demo people and shows a mentor their partner', async () => {
    const { page, errors } = await openTab();
    await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
    await page.getByTestId(`dev-user-${AMARA}`).click();

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
    const { page, errors } = await openTab(375, '&theme=dark');
    await page.getByTestId(`dev-user-${PRIYA}`).click();
    await page.getByTestId('role-badge-coordinator').waitFor();
    const cohorts = page.getByTestId('coordinated-cohorts');
    await expect(cohorts.getByRole('heading', { name: 'Cohorts you run' }).count()).resolves.toBe(
      1,
    );
    await expect(cohorts.textContent()).resolves.toContain('Demo cohort');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);
    await screenshot(page, 'tab-coordinator-dark-375');
    expect(errors).toEqual([]);
    await page.close();
  });
});
