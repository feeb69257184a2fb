import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { openTab, settledAxeFindings } from '../support/tab-page';
import { ERASURE_WORDS } from '../../bot/src/contracts/data-rights';

/**
 * "Your data" on the personal home (issue 17), in the real Chromium: a demo mentor downloads
 * everything the app holds about them as one archive, and it opens with the summary and one
 * JSON file per area.
 */

const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';
// The demo programme admin, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01';

let harness: TabHarness;

beforeAll(async () => {
  harness = await startTabHarness();
}, 600_000);

afterAll(() => harness?.stop());

it('downloads the person’s own data from the personal home', async () => {
  const { page, errors } = await openTab(harness, { query: 'view=personal', as: AMARA });
  const section = page.getByTestId('your-data');
  await section.getByRole('heading', { name: 'Your data' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByTestId('download-my-data').click(),
  ]);
  expect(download.suggestedFilename()).toBe('my-data.zip');
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['summary.txt', 'pair.json']));
  expect(strFromU8(files['summary.txt']!)).toContain('Your data, as the reverse-mentoring app');
  expect(strFromU8(files['profile.json']!)).toContain('Amara');
  expect(errors).toEqual([]);
});

it('asks to erase after saying what is removed and kept; a programme admin declines it with a reason', async () => {
  const { page, errors } = await openTab(harness, { query: 'view=personal', as: AMARA });
  const erase = page.getByTestId('erase-my-data');
  await erase.getByTestId('erase-start').click();
  await erase.getByText(ERASURE_WORDS.removed).waitFor();
  await erase.getByText(ERASURE_WORDS.kept).waitFor();
  expect(await settledAxeFindings(page)).toEqual([]);
  await erase.getByTestId('erase-reason').fill('I am leaving the trust');
  await erase.getByTestId('erase-confirm').click();
  await erase
    .getByTestId('erasure-state')
    .getByText(/will confirm it is really you/)
    .waitFor();
  expect(errors).toEqual([]);

  const admin = await openTab(harness, { query: 'view=personal', width: 1280, as: PRIYA });
  await admin.page.getByTestId('open-admin').click();
  const view = admin.page.getByTestId('admin-view');
  await view.getByTestId('admin-tab-erasures').click();
  const row = view.getByTestId('erasure-request').filter({ hasText: 'Amara' });
  await row.waitFor();
  expect(await row.textContent()).not.toContain('leaving the trust'); // never the reason
  expect(await settledAxeFindings(admin.page)).toEqual([]);
  await row.getByRole('textbox').fill('Amara told us by phone she wants to stay');
  await row.getByRole('button', { name: 'Decline' }).click();
  await view.getByText('No one is waiting for their data to be erased.').waitFor();
  expect(admin.errors).toEqual([]);

  await page.reload();
  await page
    .getByTestId('erasure-state')
    .getByText(/declined.*told us by phone/)
    .waitFor();
});
