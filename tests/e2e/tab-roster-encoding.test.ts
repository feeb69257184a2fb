import type { Page } from 'playwright-core';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { openTab } from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * A roster saved by Excel as plain "CSV" on Windows is Windows-1252, not UTF-8 (issue 13, item
 * 9): the tab reads the file's bytes, imports "José Müller" as written and says how it read the
 * file; a workbook is refused before anything is sent, with how to save it as CSV UTF-8.
 */

// The demo coordinator, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NOTE = 'Read as Windows-1252 (Western European); check the names look right.';

const ROSTER = [
  'email,display_name,role,organisation,job_title,partner_email,arrangement',
  'jose.muller@demo.nhs.example,José Müller,mentor,Café Ångström,Porter,zoe.obrien@demo.nhs.example,reverse',
  'zoe.obrien@demo.nhs.example,Zoë O’Brien,mentee,LLR Integrated Care Board,Director – €5m fund,,',
  '',
].join('\r\n');

/** `text` as Excel's "CSV (Comma delimited)" writes it on a Western European Windows. */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96 };
  return Buffer.from(Array.from(text, (c) => high[c] ?? c.charCodeAt(0)));
}

let harness: TabHarness;
let cohortId: string;

beforeAll(async () => {
  harness = await startTabHarness();
  const token = await devToken(harness.service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    harness.service.url,
    'GET',
    '/api/cohorts',
    { token },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo);
  if (!demo) throw new Error('the demo cohort was not seeded');
  cohortId = demo.id;
});

afterAll(() => harness?.stop());

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('roster-choose').click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer });
}

describe('a roster file in another encoding (tab)', () => {
  it('imports a Windows-1252 file with its accents, and says how it was read', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: PRIYA.userId,
    });
    await page.getByTestId('coordinator-cohort').waitFor();
    await page.getByTestId('cohort-tab-import').click();
    const panel = page.getByTestId('cohort-panel-import');
    await panel.getByTestId('roster-import').waitFor();

    // An Excel workbook renamed .csv is refused before anything is sent.
    const workbook = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    await chooseFile(page, 'roster.csv', workbook);
    const refusal = panel.getByText("We couldn't read roster.csv.");
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('"CSV UTF-8 (Comma delimited)"');
    await expect(panel.getByTestId('roster-text').inputValue()).resolves.toBe('');

    await chooseFile(page, 'roster-1252.csv', windows1252(ROSTER));
    await panel.getByTestId('roster-file-name').waitFor();
    await expect(panel.getByTestId('roster-file-encoding').textContent()).resolves.toContain(NOTE);
    // A textarea keeps line feeds only.
    await expect(panel.getByTestId('roster-text').inputValue()).resolves.toBe(
      ROSTER.replace(/\r\n/g, '\n'),
    );
    await panel.getByTestId('roster-import').click();
    const imported = panel.getByTestId('roster-imported');
    await imported.waitFor();
    await expect(imported.textContent()).resolves.toContain('Added 2 participants and 1 pair.');
    await expect(imported.getByTestId('roster-imported-encoding').textContent()).resolves.toBe(
      NOTE,
    );

    await page.getByTestId('cohort-tab-participants').click();
    const table = page.getByTestId('cohort-panel-participants').getByTestId('participants-table');
    await table.waitFor();
    await table.getByRole('rowheader', { name: /^José Müller/ }).waitFor();
    await table.getByRole('rowheader', { name: /^Zoë O’Brien/ }).waitFor();
    await expect(table.textContent()).resolves.not.toContain('\uFFFD');

    expect(errors).toEqual([]);
    await page.close();
  });
});
