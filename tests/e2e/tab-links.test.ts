import type { RunningService } from '../../bot/src/app/service';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { openTab, settledAxeFindings } from '../support/tab-page';
import { call, devToken } from '../support/test-service';

// The demo people, from bot/src/features/dev/demo-cohort.ts: the roster carries their object ids.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

let harness: TabHarness;
let service: RunningService;
let cohortId: string;
let priyaToken: string;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  priyaToken = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: priyaToken },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo);
  if (!demo) throw new Error('the demo cohort was not seeded');
  cohortId = demo.id;
});

afterAll(() => harness?.stop());

async function linkedNames(): Promise<string[]> {
  const people = await call<{ participants: { displayName: string; linked: boolean }[] }>(
    service.url,
    'GET',
    `/api/cohorts/${cohortId}/participants`,
    { token: priyaToken },
  );
  return people.body.participants.filter((p) => p.linked).map((p) => p.displayName);
}

describe('the coordinator’s sign-in links', () => {
  it('lists who is linked and how, and undoes a link only after a confirm', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      width: 1280,
      as: PRIYA.userId,
    });
    await page.getByTestId('coordinator-cohort').waitFor();
    await page.getByTestId('cohort-tab-links').click();
    const panel = page.getByTestId('cohort-panel-links');
    const table = panel.getByTestId('links-table');
    await table.waitFor();

    const row = (name: string) =>
      table
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
    await expect(row('Kwame Mensah').textContent()).resolves.toContain('Object id on the roster');
    expect(await settledAxeFindings(page)).toEqual([]);

    // "Keep it" changes nothing.
    await row('Kwame Mensah').getByTestId('link-undo').click();
    await panel.getByTestId('link-undo-confirm').waitFor();
    expect(await settledAxeFindings(page)).toEqual([]);
    await panel.getByTestId('link-undo-no').click();
    await expect(panel.getByTestId('link-undo-confirm').count()).resolves.toBe(0);
    expect(await linkedNames()).toContain('Kwame Mensah');

    // "Yes" undoes it, says so, and the record shows the undo.
    await row('Kwame Mensah').getByTestId('link-undo').click();
    await panel.getByTestId('link-undo-yes').click();
    await panel
      .getByTestId('links-status')
      .getByText(/Kwame Mensah is no longer linked/)
      .waitFor();
    await row('Kwame Mensah').waitFor({ state: 'detached' });
    await panel
      .getByTestId('links-history')
      .getByText(/Kwame Mensah unlinked \(Coordinator\)/)
      .waitFor();
    expect(await linkedNames()).not.toContain('Kwame Mensah');
    await screenshot(page, 'tab-coordinator-links-1280');
    expect(errors).toEqual([]);
    await page.close();
  });
});
