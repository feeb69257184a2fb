import type { Page } from 'playwright-core';
import type { RunView } from '../../bot/src/contracts/matching';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { TestApplicants, applicant } from '../support/match-applicants';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  refused,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The coordinator's Matching screen in the real Chromium (issue 15, items 5–7, tab side): the
 * settings checked beside their fields, a run as a draft, a lock, a swap refused with the rule
 * named and then a valid one, an edit on an out-of-date copy refused and reloaded, a rerun
 * keeping the locks and compared with the run before, publish behind a dialog saying exactly
 * what happens, and the published pairs in the Pairs panel. Axe-clean after each dialog.
 */

// The demo programme team, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NADIA = { userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03', name: 'Nadia Rahman' };

const applicants = new TestApplicants();
let harness: TabHarness;
let cohortId = '';
let demoId = '';

/** Ten applicants: Cal meets only in person in Leeds, so every rule-abiding pair refuses him. */
function tenApplicants() {
  const mentor = (id: string, name: string, shared: string[]) =>
    applicant(id, { displayName: name, perspectivesShared: shared });
  const mentee = (id: string, name: string, wanted: string[]) =>
    applicant(id, { displayName: name, role: 'mentee', bandIndex: 6, perspectivesWanted: wanted });
  return [
    mentor('ann', 'Ann Archer', ['race']),
    mentor('bob', 'Bob Baker', ['disability']),
    mentor('dan', 'Dan Dyer', ['faith']),
    mentor('eve', 'Eve Evans', ['carer']),
    applicant('cal', {
      displayName: 'Cal Carter',
      meetingMode: 'in-person',
      location: 'Leeds',
    }),
    mentee('max', 'Max Moore', ['race']),
    mentee('mia', 'Mia Mills', ['disability']),
    mentee('ned', 'Ned Nash', ['faith']),
    mentee('ola', 'Ola Owen', ['carer']),
    mentee('pat', 'Pat Price', ['race']),
  ];
}

beforeAll(async () => {
  harness = await startTabHarness({ matchApplicants: applicants });
  const url = harness.service.url;
  const token = await devToken(url, PRIYA);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token,
    json: { name: 'Matching cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  applicants.byCohort.set(cohortId, tenApplicants());
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    url,
    'GET',
    '/api/cohorts',
    { token },
  );
  demoId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

const row = (page: Page, mentorId: string) => page.getByTestId(`matching-pair-${mentorId}`);
const lockOf = (page: Page, mentorId: string) =>
  row(page, mentorId).locator('[data-testid="matching-locked"], [data-testid="matching-unlocked"]');

async function openMatching(page: Page) {
  await page.getByTestId('cohort-tab-matching').click();
  await page.getByTestId('matching-settings').waitFor();
}

/** The mentee the run pairs with a mentor, by name. */
const menteeOf = (page: Page, mentorId: string) =>
  row(page, mentorId).locator('td').first().textContent();

const notFound = /status of 404 \(Not Found\)/;
const stale = /status of 412 \(Precondition Failed\)/;

it('a coordinator runs matching, edits the draft, reruns, publishes, and sees the pairs', async () => {
  const { page, errors } = await openTab(harness, {
    query: `view=personal&cohort=${cohortId}`,
    as: PRIYA.userId,
  });
  await openMatching(page);

  // Settings: checked with the contract's schema beside the field, nothing sent; then saved.
  await page.getByTestId('matching-weight-perspectives').fill('500');
  await page.getByTestId('matching-settings-save').click();
  expect(await describedBy(page.getByTestId('matching-weight-perspectives'))).toMatch(
    /must be at most 100/,
  );
  await page.getByTestId('matching-weight-perspectives').fill('60');
  // The defaults add up to 100 points; perspectives 60 instead of 40 makes 120.
  await eventually(() => page.getByTestId('matching-reach').textContent(), /reach 120 points/);
  await page.getByTestId('matching-settings-save').click();
  await eventually(() => page.getByTestId('matching-settings-status').textContent(), /saved/);

  // A colleague saves other settings meanwhile: ours are refused, never written over theirs.
  const url = harness.service.url;
  const base = `/api/cohorts/${cohortId}/matching`;
  const token = await devToken(url, PRIYA);
  const saved = await call<{ etag: string; settings: object }>(url, 'GET', `${base}/settings`, {
    token,
  });
  const theirs = await call(url, 'PUT', `${base}/settings`, {
    token,
    json: { ...saved.body.settings, aim: 'best-fit' },
    headers: { 'if-match': saved.body.etag },
  });
  expect(theirs.status).toBe(200);
  await page.getByTestId('matching-weight-location').fill('15');
  await page.getByTestId('matching-settings-save').click();
  await page.getByTestId('matching-settings-conflict').waitFor();
  await axeClean(page);
  await page.getByTestId('matching-settings-reload').click();
  await page.getByTestId('matching-settings-conflict').waitFor({ state: 'detached' });
  expect(await page.getByTestId('matching-aim-best-fit').isChecked()).toBe(true);
  expect(await page.getByTestId('matching-weight-location').inputValue()).toBe('10');
  await axeClean(page);

  // Run: the draft, with its totals and Cal left out by a rule.
  await page.getByTestId('matching-run').click();
  await page.getByTestId('matching-pairs').waitFor();
  await eventually(
    () => page.getByTestId('matching-totals').textContent(),
    /8 people matched in 4 pairs; total score \d+ points; 2 people unmatched/,
  );
  await eventually(
    () => page.getByTestId('matching-unmatched-cal').textContent(),
    /A rule.*meeting modes/,
  );
  expect(await menteeOf(page, 'ann')).toMatch(/Max Moore|Pat Price/);
  expect(await menteeOf(page, 'bob')).toBe('Mia Mills');

  // "Never pair these two", chosen from the run's people: the same person twice is refused.
  await page.getByTestId('matching-never-a').selectOption('ann');
  await page.getByTestId('matching-never-b').selectOption('ann');
  await page.getByTestId('matching-never-add').click();
  expect(await describedBy(page.getByTestId('matching-never-b'))).toMatch(
    /choose two different people/i,
  );
  await page.getByTestId('matching-never-b').selectOption('cal');
  await page.getByTestId('matching-never-add').click();
  await eventually(
    () => page.getByTestId('matching-never-list').textContent(),
    /Ann Archer and Cal Carter/,
  );
  await page.getByTestId('matching-settings-save').click();
  await eventually(() => page.getByTestId('matching-settings-status').textContent(), /saved/);
  await axeClean(page);

  // Lock Dan's pair.
  await row(page, 'dan').getByTestId('matching-lock').click();
  await eventually(() => lockOf(page, 'dan').textContent(), /Locked/);
  await axeClean(page);

  // A swap a rule forbids is refused beside the field, the rule named; then a valid swap.
  await page.getByTestId('matching-swap').click();
  const swap = page.getByTestId('matching-swap-dialog');
  await swap.waitFor();
  await swap.getByTestId('matching-swap-a').selectOption('ann');
  await swap.getByTestId('matching-swap-b').selectOption('cal');
  await swap.getByTestId('matching-swap-dialog-confirm').click();
  await eventually(
    () => describedBy(swap.getByTestId('matching-swap-b')),
    /Cal Carter and .+ cannot be paired: meeting modes/,
    { within: 30_000 },
  );
  await axeClean(page);
  await swap.getByTestId('matching-swap-b').selectOption('bob');
  await swap.getByTestId('matching-swap-dialog-confirm').click();
  await swap.waitFor({ state: 'detached' });
  await eventually(() => menteeOf(page, 'ann'), 'Mia Mills', { within: 30_000 });
  expect(await lockOf(page, 'ann').textContent()).toMatch(/Locked/);
  expect(await lockOf(page, 'bob').textContent()).toMatch(/Locked/);
  await axeClean(page);

  // Someone else unlocks Bob's pair meanwhile: the old copy's edit is refused, then reloaded.
  const latest = await call<RunView>(url, 'GET', `${base}/runs/latest`, { token });
  const bobPair = latest.body.pairs.find((p) => p.mentorId === 'bob')!;
  const elsewhere = await call(url, 'POST', `${base}/runs/${latest.body.id}/unlock`, {
    token,
    json: { mentorId: 'bob', menteeId: bobPair.menteeId },
    headers: { 'if-match': latest.body.etag },
  });
  expect(elsewhere.status).toBe(200);
  await row(page, 'eve').getByTestId('matching-lock').click();
  await eventually(
    () => page.getByTestId('matching-status').textContent(),
    /Someone else changed this proposal/,
  );
  await eventually(() => lockOf(page, 'bob').textContent(), /Not locked/);
  expect(await lockOf(page, 'eve').textContent()).toMatch(/Not locked/);

  // Rerun: the locks are kept and the run is compared with the one before.
  await page.getByTestId('matching-rerun').click();
  await page.getByTestId('matching-comparison').waitFor();
  await eventually(
    () => page.getByTestId('matching-comparison-summary').textContent(),
    /pairs? kept.*People matched 8 → 8/,
  );
  expect(await lockOf(page, 'dan').textContent()).toMatch(/Locked/);
  expect(await lockOf(page, 'ann').textContent()).toMatch(/Locked/);
  expect(await menteeOf(page, 'ann')).toBe('Mia Mills');
  await axeClean(page);
  await screenshot(page, 'matching-proposal-1280');
  await page.setViewportSize({ width: 375, height: 900 });
  await expectNoHorizontalOverflow(page);
  await axeClean(page);
  await screenshot(page, 'matching-proposal-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Remove Eve's pair: both become unmatched, nothing sent.
  await row(page, 'eve').getByTestId('matching-remove').click();
  const remove = page.getByTestId('matching-remove-dialog');
  await remove.waitFor();
  expect(await remove.getByTestId('matching-remove-dialog-consequences').textContent()).toMatch(
    /nothing is sent to anyone until you publish/,
  );
  await axeClean(page);
  await remove.getByTestId('matching-remove-dialog-confirm').click();
  await remove.waitFor({ state: 'detached' });
  await row(page, 'eve').waitFor({ state: 'detached' });
  await eventually(() => page.getByTestId('matching-unmatched-eve').textContent(), /Pair removed/);
  await eventually(
    () => page.getByTestId('matching-totals').textContent(),
    /6 people matched in 3 pairs/,
  );
  await axeClean(page);

  // Publish, behind a dialog that says exactly what will happen.
  await page.getByTestId('matching-publish').click();
  const publish = page.getByTestId('matching-publish-dialog');
  await publish.waitFor();
  const says = (await publish.getByTestId('matching-publish-dialog-consequences').textContent())!;
  expect(says).toMatch(/3 pairs are made in this cohort and introduced in Teams/);
  expect(says).toMatch(/4 people are told kindly that they are on the waiting list/);
  expect(says).toMatch(/Nothing has been sent to anyone before this/);
  await axeClean(page);
  await publish.getByTestId('matching-publish-dialog-confirm').click();
  await publish.waitFor({ state: 'detached' });
  await eventually(
    () => page.getByTestId('matching-published-message').textContent(),
    /3 pairs published/,
    { within: 30_000 },
  );
  await eventually(() => page.getByTestId('matching-run-state').textContent(), /Published/);
  expect(await page.getByTestId('matching-published-waitlist').textContent()).toMatch(/Cal Carter/);
  await page.getByTestId('matching-rematch').waitFor();
  await axeClean(page);

  // The pairs are the cohort's now: the Pairs panel shows them.
  await eventually(() => page.getByTestId('cohort-tab-pairs').textContent(), 'Pairs (3)', {
    within: 30_000,
  });
  await page.getByTestId('cohort-tab-pairs').click();
  const pairs = (await page.getByTestId('pairs-table').textContent()) ?? '';
  for (const name of ['Ann Archer', 'Mia Mills', 'Bob Baker', 'Dan Dyer', 'Ned Nash']) {
    expect(pairs).toContain(name);
  }

  // Opened again later (a reload): the run as it was published, read-only.
  const again = await openTab(harness, {
    query: `view=personal&cohort=${cohortId}`,
    as: PRIYA.userId,
  });
  await openMatching(again.page);
  await eventually(
    () => again.page.getByTestId('matching-published-when').textContent(),
    /^Published on \d{1,2} \w+ \d{4} by Priya Shah: 3 pairs made, 4 people on the waiting list\./,
  );
  const waitlist = (await again.page.getByTestId('matching-published-waitlist').textContent())!;
  expect(waitlist).toMatch(/Cal Carter: we couldn't reach them in Teams; please tell them/);
  expect(await again.page.getByTestId('matching-published-message').textContent()).toMatch(
    /3 pairs published/,
  );
  const published = again.page.getByTestId('matching-pairs');
  expect(await published.locator('caption').textContent()).toBe('Published pairs');
  for (const name of ['Ann Archer', 'Bob Baker', 'Dan Dyer']) {
    expect(await published.textContent()).toContain(name);
  }
  expect(await published.getByTestId('matching-score').count()).toBe(3);
  // Read-only: nothing to lock, remove, swap or publish.
  for (const id of ['matching-lock', 'matching-unlock', 'matching-locked', 'matching-publish']) {
    expect(await again.page.getByTestId(id).count()).toBe(0);
  }
  await again.page.getByTestId('matching-unmatched-cal').waitFor();
  await axeClean(again.page);
  expect(again.errors).toEqual([]);
  await again.page.close();

  // Only the 404 of "no run yet", the refused swap's 400 and the two stale saves' 412s.
  const expected = [notFound, refused(400), stale];
  expect(errors.filter((e) => !expected.some((r) => r.test(e)))).toEqual([]);
  expect(errors.filter((e) => notFound.test(e))).toHaveLength(1);
  expect(errors.filter((e) => refused(400).test(e))).toHaveLength(1);
  expect(errors.filter((e) => stale.test(e))).toHaveLength(2);
  await page.close();
});

it('reads well in the dark and high-contrast themes', async () => {
  for (const theme of THEMES.filter((t) => t !== 'default')) {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}&theme=${theme}`,
      as: PRIYA.userId,
    });
    await openMatching(page);
    await page.getByTestId('matching-pairs').waitFor();
    await axeClean(page);
    expect(errors).toEqual([]);
    await page.close();
  }
});

it('keeps the published run in view, read-only, below a re-match draft', async () => {
  const { page, errors } = await openTab(harness, {
    query: `view=personal&cohort=${cohortId}`,
    as: PRIYA.userId,
  });
  await openMatching(page);
  await page.getByTestId('matching-rematch').click();
  await eventually(() => page.getByTestId('matching-run-state').textContent(), /^Re-match of/);
  const last = page.getByTestId('matching-last-published');
  await eventually(
    () => last.getByTestId('matching-last-published-when').textContent(),
    /published on \d{1,2} \w+ \d{4} by Priya Shah: 3 pairs made/,
  );
  const pairs = last.getByTestId('matching-last-published-pairs');
  for (const name of ['Ann Archer', 'Bob Baker', 'Dan Dyer']) {
    expect(await pairs.textContent()).toContain(name);
  }
  // Read-only: no lock or remove on its rows.
  expect(await last.getByRole('button').count()).toBe(0);
  await axeClean(page);
  expect(errors).toEqual([]);
  await page.close();
});

it('is not found for a coordinator of another cohort', async () => {
  const url = harness.service.url;
  const granted = await call(url, 'POST', '/api/roles', {
    token: await devToken(url, PRIYA),
    json: { role: 'coordinator', cohortId: demoId, userId: NADIA.userId, name: NADIA.name },
  });
  expect(granted.status).toBe(201);
  const theirs = await fetchAs(url, NADIA, `/api/cohorts/${demoId}/matching/settings`);
  expect(theirs.status).toBe(200);
  for (const path of ['settings', 'runs/latest']) {
    const other = await fetchAs(url, NADIA, `/api/cohorts/${cohortId}/matching/${path}`);
    expect(other.status).toBe(404);
  }
});
