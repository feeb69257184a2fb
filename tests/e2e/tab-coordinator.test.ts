import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { type AxeFinding, THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  expectNoHorizontalOverflow,
  openTab,
  refused,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

// The demo people, from bot/src/dev/demo-cohort.ts.
const PRIYA = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
};
const DAVID = { userId: '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303', name: 'David Whitfield' };
const AMARA = {
  userId: '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202',
  name: 'Amara Okafor',
  email: 'amara.okafor@demo.nhs.example',
};

/** Words a pair wrote; the programme team must never see them. */
const PRIVATE = 'PRIVATE-to-the-pair';

const CSV_HEADER =
  'Mentor,Mentee,Arrangement,State,Health,Meetings held,Meetings planned,Months missed,Minimum met,Last meeting,Asked for a word,Paused or ended by,Their part,Paused or ended on,Reason,Paused until,Who asked for a word';

const ROSTER_HEADER = 'email,display_name,role,organisation,job_title,partner_email,arrangement';
const rosterWith = (samEmail: string) =>
  [
    ROSTER_HEADER,
    'nadia.hussain@demo.nhs.example,Nadia Hussain,mentor,Leicester Royal Infirmary,Pharmacy technician,tom.reid@demo.nhs.example,reverse',
    'tom.reid@demo.nhs.example,Tom Reid,mentee,LLR Integrated Care Board,Chief Finance Officer,,',
    `${samEmail},Sam Lee,mentor,Glenfield Hospital,Porter,,`,
    '',
  ].join('\n');
/** Row 4 (the header is row 1) has an email the service refuses. */
const BAD_ROSTER = rosterWith('sam.lee(at)demo.nhs.example');
const GOOD_ROSTER = rosterWith('sam.lee@demo.nhs.example');
const ROSTER_FILE = 'new-pairs.csv';

let harness: TabHarness;
let service: RunningService;
let cohortId: string;
let priyaToken: string;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  priyaToken = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean; endDate: string }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token: priyaToken },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo);
  if (!demo) throw new Error('the demo cohort was not seeded');
  cohortId = demo.id;

  // Give the demo pairs different states: Kwame and Helen pause, Sofia and James are meeting.
  const { repos } = service.parts;
  const people = await repos.participants.listByCohort(cohortId);
  const idOf = (name: string) => people.find((p) => p.displayName === name)?.id;
  for (const pair of await repos.pairs.listByCohort(cohortId)) {
    const state =
      pair.mentorId === idOf('Kwame Mensah')
        ? 'paused'
        : pair.mentorId === idOf('Sofia Rahman')
          ? 'active'
          : undefined;
    if (!state) continue;
    const current = await repos.pairs.get(cohortId, pair.id);
    if (!current) throw new Error('pair vanished');
    await repos.pairs.update({ ...current.value, state }, current.etag);
  }

  // Amara writes a goal and an action in her pair's space: private to the pair.
  const amaraToken = await devToken(service.url, AMARA);
  const me = await call<{ memberships: { pair: { id: string } | null }[] }>(
    service.url,
    'GET',
    '/api/me',
    { token: amaraToken },
  );
  const pairId = me.body.memberships[0]?.pair?.id;
  if (!pairId) throw new Error('Amara has no pair');
  const goal = await call(service.url, 'POST', `/api/pairs/${pairId}/goals`, {
    token: amaraToken,
    json: { text: `${PRIVATE}: a goal`, status: 'in_progress', note: `${PRIVATE}: a note` },
  });
  expect(goal.status).toBe(201);
  const action = await call(service.url, 'POST', `/api/pairs/${pairId}/actions`, {
    token: amaraToken,
    json: { text: `${PRIVATE}: an action`, owner: 'me', dueDate: demo.endDate },
  });
  expect(action.status).toBe(201);
});

afterAll(() => harness?.stop());

/** Opens the cohort straight from its address (?cohort=ID), as a bookmark or reload would. */
async function openCohortAsPriya(width: number, theme?: string) {
  const opened = await openTab(harness, {
    query: `view=personal&cohort=${cohortId}${theme ? `&theme=${theme}` : ''}`,
    width,
    as: PRIYA.userId,
  });
  await opened.page.getByTestId('coordinator-cohort').waitFor();
  return opened;
}

async function showSection(page: Page, section: 'health' | 'participants' | 'import') {
  await page.getByTestId(`cohort-tab-${section}`).click();
  const panel = page.getByTestId(`cohort-panel-${section}`);
  await panel.waitFor();
  // Only the chosen section shows.
  for (const other of ['health', 'participants', 'import'].filter((s) => s !== section)) {
    await expect(page.getByTestId(`cohort-panel-${other}`).isHidden()).resolves.toBe(true);
  }
  await expect(
    page.getByTestId(`cohort-tab-${section}`).getAttribute('aria-selected'),
  ).resolves.toBe('true');
  if (section === 'health') await panel.getByTestId('health-table').waitFor();
  if (section === 'participants') await panel.getByTestId('participants-table').waitFor();
  if (section === 'import') await panel.getByTestId('roster-import').waitFor();
  return panel;
}

async function chooseRosterFile(page: Page, content: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('roster-choose').click(),
  ]);
  await chooser.setFiles({
    name: ROSTER_FILE,
    mimeType: 'text/csv',
    buffer: Buffer.from(content, 'utf8'),
  });
  await page.getByTestId('roster-file-name').waitFor();
}

async function healthRows(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('health-table').locator('tbody tr');
  const result: Record<string, string> = {};
  for (const row of await rows.all()) {
    const mentor = (await row.getByTestId('health-mentor').textContent()) ?? '';
    const mentee = (await row.getByTestId('health-mentee').textContent()) ?? '';
    const name = (s: string) => s.replace(/ · .*$/, '').trim();
    result[`${name(mentor)} & ${name(mentee)}`] =
      (await row.getByTestId('health-state').textContent()) ?? '';
  }
  return result;
}

describe('the coordinator’s view of a cohort (dev mode)', () => {
  it('shows every pair’s health, exports it as CSV and lists the participants, never private content', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: PRIYA.userId });

    // From the home view's "Run this cohort".
    await page.getByTestId(`open-cohort-${cohortId}`).click();
    const view = page.getByTestId('coordinator-cohort');
    await view.waitFor();
    expect(new URL(page.url()).searchParams.get('cohort')).toBe(cohortId);
    await expect(page.getByTestId('cohort-heading').textContent()).resolves.toContain(
      'Demo cohort',
    );
    await expect(page.getByTestId('cohort-dates').textContent()).resolves.toMatch(
      /^\d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}$/,
    );

    // Pairs' health: the three demo pairs with their states, and the counts on top.
    await page.getByTestId('health-table').waitFor();
    await expect(healthRows(page)).resolves.toEqual({
      'Amara Okafor & David Whitfield': 'Proposed',
      'Kwame Mensah & Helen Carter': 'Paused',
      'Sofia Rahman & James Porter': 'On track',
    });
    // An active pair's health says how it is doing; its state keeps the partners' word.
    await expect(
      page
        .getByTestId('health-table')
        .locator('tbody tr', { hasText: 'Sofia Rahman' })
        .getByTestId('health-pair-state')
        .textContent(),
    ).resolves.toBe('Active');
    // One word for the pair's state: David, the mentee, sees what the programme team sees.
    const mentee = await openTab(harness, { query: 'view=personal', as: DAVID.userId });
    const badge = mentee.page.getByTestId('pair-state').first();
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toBe('Proposed');
    await mentee.page.close();
    for (const [state, count] of [
      ['starting', '1'],
      ['paused', '1'],
      ['on_track', '1'],
      ['at_risk', '0'],
    ]) {
      await expect(
        page.getByTestId(`health-count-${state}`).locator('span').first().textContent(),
      ).resolves.toBe(count);
    }
    await expect(page.getByTestId('cohort-tab-health').textContent()).resolves.toContain('(3)');
    const firstRow = page.getByTestId('health-table').locator('tbody tr').first();
    await expect(firstRow.getByTestId('health-meetings').textContent()).resolves.toBe('0 of 6');
    await expect(firstRow.getByTestId('health-last').textContent()).resolves.toBe('None yet');
    // The table is read with its headers and caption.
    await expect(
      page
        .getByRole('table', { name: /Pairs' health/ })
        .getByRole('columnheader')
        .allTextContents(),
    ).resolves.toEqual([
      'Pair',
      'Arrangement',
      'State',
      'Meetings held',
      'Last meeting',
      'Asked for a word',
    ]);

    // Filter by state.
    await page.getByTestId('health-filter').selectOption('paused');
    await expect(healthRows(page)).resolves.toEqual({ 'Kwame Mensah & Helen Carter': 'Paused' });
    await page.getByTestId('health-filter').selectOption('at_risk');
    await page.getByTestId('health-filter-empty').waitFor();
    await page.getByTestId('health-filter').selectOption('all');
    await expect(page.getByTestId('health-table').locator('tbody tr').count()).resolves.toBe(3);
    await expect(view.innerText()).resolves.not.toContain(PRIVATE);
    await screenshot(page, 'tab-coordinator-health-1280');

    // Export CSV: the service's table, one row per pair, states and counts only.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('health-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^pair-health-demo-cohort-reverse-mentoring-sample-data-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const file = await download.path();
    const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + 3);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Amara Okafor,David Whitfield,reverse,Proposed,Proposed,0,6,0,no,,0,,,,,,',
        'Kwame Mensah,Helen Carter,reverse,Paused,Paused,0,6,0,no,,0,,,,,,',
        'Sofia Rahman,James Porter,reciprocal,Active,On track,0,6,0,no,,0,,,,,,',
      ]),
    );
    expect(csv).not.toContain(PRIVATE);
    await expect(page.getByTestId('health-export-status').textContent()).resolves.toContain(
      'Downloaded pair-health-',
    );

    // Participants: the roster with roles, emails, organisations and who is paired. The tabs
    // follow the arrow keys.
    await page.getByTestId('cohort-tab-health').focus();
    await page.keyboard.press('ArrowRight');
    await expect(
      page.getByTestId('cohort-tab-participants').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    const people = await showSection(page, 'participants');
    const rows = people.getByTestId('participants-table').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(6);
    const person = (name: string) =>
      rows.filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
    const amara = person('Amara Okafor');
    await expect(amara.textContent()).resolves.toContain('amara.okafor@demo.nhs.example');
    await expect(amara.textContent()).resolves.toContain('Leicester General Hospital');
    await expect(amara.textContent()).resolves.toContain('Mentor');
    await expect(amara.getByTestId('participant-pair').textContent()).resolves.toBe(
      'Paired with David Whitfield',
    );
    await expect(people.getByTestId('participants-summary').textContent()).resolves.toContain(
      '6 people: 3 mentors and 3 mentees. 6 paired.',
    );
    await expect(view.innerText()).resolves.not.toContain(PRIVATE);
    await screenshot(page, 'tab-coordinator-participants-1280');

    // The programme calendar opens from here, and Back comes back to the cohort.
    await page.getByTestId('cohort-calendar').click();
    await page.waitForURL((url) => url.searchParams.get('calendar') === cohortId);
    await page.goBack();
    await page.getByTestId('coordinator-cohort').waitFor();

    // Back to home.
    await page.getByTestId('cohort-back').click();
    await page.getByTestId('coordinated-cohorts').waitFor();
    expect(new URL(page.url()).searchParams.get('cohort')).toBeNull();

    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the refused row of a roster file, keeps the file to fix, then imports it', async () => {
    const { page, errors } = await openCohortAsPriya(1280);
    const panel = await showSection(page, 'import');

    // A file with a bad email on row 4: nothing is imported, and the row and column are named.
    await chooseRosterFile(page, BAD_ROSTER);
    await expect(panel.getByTestId('roster-file-name').textContent()).resolves.toContain(
      `${ROSTER_FILE} · 3 rows`,
    );
    await panel.getByTestId('roster-import').click();
    const refusedBar = panel.getByTestId('roster-refused');
    await refusedBar.waitFor();
    await expect(refusedBar.textContent()).resolves.toContain(
      `Nothing was imported from ${ROSTER_FILE}`,
    );
    await expect(
      panel.getByTestId('roster-problems').locator('li').first().textContent(),
    ).resolves.toContain('Row 4, email: is not a valid email address');
    // The result is announced: it sits in a live region.
    await expect(panel.getByTestId('roster-result').getAttribute('role')).resolves.toBe('status');
    // The file stays chosen, with its text, to fix and import again.
    await expect(panel.getByTestId('roster-file-name').textContent()).resolves.toContain(
      ROSTER_FILE,
    );
    await expect(panel.getByTestId('roster-text').inputValue()).resolves.toBe(BAD_ROSTER);
    // "Show row" puts the cursor on the refused row.
    await panel.getByRole('button', { name: 'Show row 4 in the CSV text' }).click();
    const selected = await panel
      .getByTestId('roster-text')
      .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('sam.lee(at)demo.nhs.example,Sam Lee,mentor,Glenfield Hospital,Porter,,');
    await screenshot(page, 'tab-coordinator-import-refused-1280');
    const participants = await call<{ participants: unknown[] }>(
      service.url,
      'GET',
      `/api/cohorts/${cohortId}/participants`,
      { token: priyaToken },
    );
    expect(participants.body.participants).toHaveLength(6);

    // The corrected file imports; the counts are shown and the new pair is in the health table.
    await chooseRosterFile(page, GOOD_ROSTER);
    await expect(panel.getByTestId('roster-result').textContent()).resolves.toBe('');
    await panel.getByTestId('roster-import').click();
    const imported = panel.getByTestId('roster-imported');
    await imported.waitFor();
    await expect(imported.textContent()).resolves.toContain(`Imported from ${ROSTER_FILE}`);
    await expect(imported.textContent()).resolves.toContain('Added 3 participants and 1 pair.');
    await screenshot(page, 'tab-coordinator-import-done-1280');
    await imported.getByRole('button', { name: "See the pairs' health" }).click();
    await page.getByTestId('cohort-panel-health').getByTestId('health-table').waitFor();
    await expect(healthRows(page)).resolves.toEqual({
      'Amara Okafor & David Whitfield': 'Proposed',
      'Kwame Mensah & Helen Carter': 'Paused',
      'Sofia Rahman & James Porter': 'On track',
      'Nadia Hussain & Tom Reid': 'Proposed',
    });
    await expect(page.getByTestId('cohort-tab-participants').textContent()).resolves.toContain(
      '(9)',
    );
    const people = await showSection(page, 'participants');
    const sam = people
      .getByTestId('participants-table')
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: /^Sam Lee/ }) });
    await expect(sam.getByTestId('participant-pair').textContent()).resolves.toBe('Not paired yet');

    // The one 400 is the refused file.
    expect(errors.filter((e) => !refused(400).test(e))).toEqual([]);
    expect(errors.filter((e) => refused(400).test(e))).toHaveLength(1);
    await page.close();
  });

  it('tells a mentor who opens a cohort’s address that only the programme team can', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: AMARA.userId,
    });
    const message = page.getByTestId('cohort-forbidden');
    await message.waitFor();
    await expect(message.textContent()).resolves.toContain(
      'Only the programme team can open this cohort',
    );
    await expect(page.getByTestId('coordinator-cohort').count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.not.toMatch(/Nadia|Kwame|Helen/);
    await screenshot(page, 'tab-coordinator-forbidden-1280');
    await page.getByTestId('cohort-back').click();
    await page.getByTestId('memberships').waitFor();
    // The API answers 403 to the cohort, its health and its roster.
    expect(errors.filter((e) => !refused(403).test(e))).toEqual([]);
    expect(errors.filter((e) => refused(403).test(e)).length).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('works at Teams mobile width: tables scroll in their own box, the page never sideways', async () => {
    const { page, errors } = await openCohortAsPriya(375);
    for (const section of ['health', 'participants'] as const) {
      const panel = await showSection(page, section);
      const box = panel.getByTestId(`${section}-table-scroll`);
      const scrolls = await box.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(scrolls).toBe(true);
      // People who use a keyboard can reach the box and scroll it.
      await expect(box.getAttribute('tabindex')).resolves.toBe('0');
      await expectNoHorizontalOverflow(page);
      await screenshot(page, `tab-coordinator-${section}-375`);
    }
    const panel = await showSection(page, 'import');
    await chooseRosterFile(page, BAD_ROSTER);
    await panel.getByTestId('roster-import').click();
    await panel.getByTestId('roster-refused').waitFor();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-coordinator-import-375');
    expect(errors.filter((e) => !refused(400).test(e))).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility findings in any section, in each Teams theme', async () => {
    const findings: Record<string, AxeFinding[]> = {};
    for (const theme of THEMES) {
      const { page, errors } = await openCohortAsPriya(1280, theme);
      for (const section of ['health', 'participants', 'import'] as const) {
        await showSection(page, section);
        findings[`${theme} ${section}`] = await settledAxeFindings(page);
      }
      // The refused-file message too.
      await chooseRosterFile(page, BAD_ROSTER);
      await page.getByTestId('roster-import').click();
      await page.getByTestId('roster-refused').waitFor();
      findings[`${theme} import refused`] = await settledAxeFindings(page);
      await screenshot(page, `tab-coordinator-import-refused-${theme}`);
      // And the success message: one new, unpaired person per theme.
      await page
        .getByTestId('roster-text')
        .fill(`${ROSTER_HEADER}\naxe.${theme}@demo.nhs.example,Axe ${theme},mentor,,,,\n`);
      await page.getByTestId('roster-import').click();
      await page.getByTestId('roster-imported').waitFor();
      findings[`${theme} import done`] = await settledAxeFindings(page);
      await showSection(page, 'health');
      await screenshot(page, `tab-coordinator-health-${theme}`);
      expect(errors.filter((e) => !refused(400).test(e))).toEqual([]);
      await page.close();
    }
    const serious = Object.fromEntries(Object.entries(findings).filter(([, f]) => f.length > 0));
    if (Object.keys(serious).length > 0) {
      console.log('axe findings:', JSON.stringify(serious, null, 2));
    }
    expect(serious).toEqual({});
  });
});
