import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { openTab } from '../support/tab-page';

/**
 * "Your data" on the personal home (issue 17), in the real Chromium: a demo mentor downloads
 * everything the app holds about them as one archive, and it opens with the summary and one
 * JSON file per area.
 */

const AMARA = '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202';

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
