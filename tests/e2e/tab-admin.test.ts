import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { expectNoHorizontalOverflow, openTab, settledAxeFindings } from '../support/tab-page';
import { call, devToken } from '../support/test-service';

// The demo programme team, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const MARTIN = { userId: '8d4a2b63-9e5f-4cab-b2a1-1e6f7d8c9b02', name: 'Martin Hale' };
const NADIA = {
  userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03',
  name: 'Nadia Rahman',
  email: 'nadia.rahman@demo.nhs.example',
};

let harness: TabHarness;
let service: RunningService;
let demoId: string;
let otherId: string;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const admin = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: admin },
  );
  demoId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
  const other = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
    token: admin,
    json: { name: 'Leicester cohort 2027', startDate: '2027-09-01', endDate: '2028-02-29' },
  });
  expect(other.status).toBe(201);
  otherId = other.body.id;
});

afterAll(() => harness?.stop());

describe('programme administration in the tab', () => {
  it('lets a programme admin give a colleague one cohort, recorded in the audit trail', async () => {
    const { page, errors } = await openTab(harness, {
      query: 'view=personal',
      width: 1280,
      as: PRIYA.userId,
    });
    await page.getByTestId('open-admin').click();
    const view = page.getByTestId('admin-view');
    await view.getByTestId('roles-table').waitFor();
    expect(await settledAxeFindings(page)).toEqual([]);

    // A wrong email is refused next to the field, and nothing is granted.
    await view.getByTestId('role-email').fill('nadia at demo');
    await view.getByTestId('role-grant').click();
    await view.getByText(/must be an email address/i).waitFor();
    await expect(view.getByTestId('role-row').count()).resolves.toBe(2);

    await view.getByTestId('role-email').fill(NADIA.email);
    await view.getByTestId('role-kind').selectOption('coordinator');
    await view.getByTestId('role-cohort').selectOption(demoId);
    await view.getByTestId('role-grant').click();
    await view
      .getByTestId('roles-status')
      .getByText(/is now cohort coordinator of Demo/)
      .waitFor();
    const nadiaRow = view.getByTestId('role-row').filter({ hasText: NADIA.email });
    await nadiaRow.getByText('Waiting for their first sign-in').waitFor();
    await screenshot(page, 'tab-admin-roles-1280');

    await view.getByTestId('admin-tab-audit').click();
    const audit = view.getByTestId('audit-table');
    await audit.getByText('Granted a role').first().waitFor();
    await audit
      .getByText(/Cohort coordinator of Demo cohort/)
      .first()
      .waitFor();
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-admin-audit-1280');
    // The one refusal was the mistyped email's.
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();

    // Nadia signs in: she runs the demo cohort only, and sees no administration.
    const nadia = await openTab(harness, { query: 'view=personal', as: NADIA.userId });
    await nadia.page.getByTestId(`coordinated-cohort-${demoId}`).waitFor();
    await expect(nadia.page.getByTestId(`coordinated-cohort-${otherId}`).count()).resolves.toBe(0);
    await expect(nadia.page.getByTestId('open-admin').count()).resolves.toBe(0);
    await nadia.page.goto(`${service.url}/tab/index.html?view=personal&cohort=${otherId}`);
    await nadia.page.getByTestId('cohort-error').waitFor();
    expect(nadia.errors.filter((e) => !/404/.test(e))).toEqual([]);
    await nadia.page.close();
  });

  it('shows a sponsor their cohort’s figures without a single name', async () => {
    for (const width of [1280, 375]) {
      const { page, errors } = await openTab(harness, {
        query: 'view=personal',
        width,
        as: MARTIN.userId,
      });
      const card = page.getByTestId(`sponsored-cohort-${demoId}`);
      await card.getByTestId('figures').waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/People\s*\d+/);
      for (const name of ['Amara', 'David', 'Kwame', 'Helen']) expect(text).not.toContain(name);
      await expect(page.getByTestId('coordinated-cohorts').count()).resolves.toBe(0);
      await expectNoHorizontalOverflow(page);
      expect(await settledAxeFindings(page)).toEqual([]);
      await screenshot(page, `tab-sponsor-${width}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('has no serious accessibility findings in any theme at 1280 and 375 px', async () => {
    for (const theme of THEMES) {
      for (const width of [1280, 375]) {
        const { page, errors } = await openTab(harness, {
          query: `view=personal&admin=roles&theme=${theme}`,
          width,
          as: PRIYA.userId,
        });
        await page.getByTestId('roles-table').waitFor();
        await expectNoHorizontalOverflow(page);
        expect({ theme, width, findings: await settledAxeFindings(page) }).toEqual({
          theme,
          width,
          findings: [],
        });
        await page.getByTestId('admin-tab-audit').click();
        await page.getByTestId('audit-table').waitFor();
        expect({ theme, width, findings: await settledAxeFindings(page) }).toEqual({
          theme,
          width,
          findings: [],
        });
        if (width === 375) await screenshot(page, `tab-admin-audit-${theme}-375`);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });
});
