import type { Page } from 'playwright-core';
import type { RunReciprocalPairView, RunView } from '../../bot/src/contracts/matching';
import { TestApplicants, applicant } from '../support/match-applicants';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  openTab,
  refused,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The Matching screen with both pools (issue 15, items 5–6, tab side), in the real Chromium: a
 * run's reciprocal pairs shown as partners beside the reverse pair, the one left over in the
 * reciprocal pool named by its pool and never as a mentor or mentee, a swap among partners
 * refused beside the field with the rule named, a reciprocal lock kept on a rerun and compared,
 * and publishing counting and naming the reciprocal pairs. Axe-clean throughout.
 */

// The demo programme team, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };

const applicants = new TestApplicants();
let harness: TabHarness;
let cohortId = '';

/** One reverse pair (Ann and Max) and five partners; Rob reports to Rex, so they never pair. */
function applicantsOfBothPools() {
  const partner = (id: string, name: string, over = {}) =>
    applicant(id, { displayName: name, arrangement: 'reciprocal', ...over });
  return [
    applicant('ann', { displayName: 'Ann Archer', perspectivesShared: ['race'] }),
    applicant('max', {
      displayName: 'Max Moore',
      role: 'mentee',
      bandIndex: 6,
      perspectivesWanted: ['race'],
    }),
    partner('ria', 'Ria Reed'),
    partner('rex', 'Rex Rowe'),
    partner('rob', 'Rob Ross', { lineManagerEmail: 'rex@trust.nhs.uk' }),
    partner('sue', 'Sue Shaw'),
    partner('tom', 'Tom Tate'),
  ];
}

beforeAll(async () => {
  harness = await startTabHarness({ matchApplicants: applicants });
  const cohort = await call<{ id: string }>(harness.service.url, 'POST', '/api/cohorts', {
    token: await devToken(harness.service.url, PRIYA),
    // A new cohort offers reverse and reciprocal mentoring.
    json: { name: 'Two pools cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  applicants.byCohort.set(cohortId, applicantsOfBothPools());
}, 600_000);

afterAll(() => harness?.stop());

async function axeClean(page: Page) {
  expect(await settledAxeFindings(page)).toEqual([]);
}

async function latestRun(): Promise<RunView> {
  const url = harness.service.url;
  const token = await devToken(url, PRIYA);
  const run = await call<RunView>(url, 'GET', `/api/cohorts/${cohortId}/matching/runs/latest`, {
    token,
  });
  expect(run.status).toBe(200);
  return run.body;
}

const holding = (run: RunView, id: string): RunReciprocalPairView =>
  run.reciprocalPairs!.find((p) => [p.personAId, p.personBId].includes(id))!;
const partnerOf = (pair: RunReciprocalPairView, id: string) =>
  pair.personAId === id ? pair.personBId : pair.personAId;
const recipRow = (page: Page, pair: RunReciprocalPairView) =>
  page.getByTestId(`matching-reciprocal-pair-${pair.personAId}`);
const lockOf = (page: Page, pair: RunReciprocalPairView) =>
  recipRow(page, pair).locator(
    '[data-testid="matching-locked"], [data-testid="matching-unlocked"]',
  );

const notFound = /status of 404 \(Not Found\)/;

it('shows, edits, reruns and publishes a run’s reciprocal pairs as partners', async () => {
  const { page, errors } = await openTab(harness, {
    query: `view=personal&cohort=${cohortId}`,
    as: PRIYA.userId,
  });
  await page.getByTestId('cohort-tab-matching').click();
  await page.getByTestId('matching-settings').waitFor();

  // Run: the reverse pair and two reciprocal pairs, one partner left over.
  await page.getByTestId('matching-run').click();
  await page.getByTestId('matching-reciprocal-pairs').waitFor();
  await eventually(
    () => page.getByTestId('matching-totals').textContent(),
    /6 people matched in 3 pairs \(2 reciprocal\); total score \d+ points; 1 person unmatched/,
  );
  const first = await latestRun();
  expect(first.reciprocalPairs).toHaveLength(2);
  const table = (await page.getByTestId('matching-reciprocal-pairs').textContent()) ?? '';
  for (const p of first.reciprocalPairs!) {
    expect(table).toContain(`${p.personAName} and ${p.personBName} (partners)`);
  }
  expect(table).not.toMatch(/mentor|mentee/i);
  const left = first.unmatched.find((u) => u.pool === 'reciprocal')!;
  const leftRow = (await page.getByTestId(`matching-unmatched-${left.id}`).textContent()) ?? '';
  expect(leftRow).toMatch(/Reciprocal.*Partner/);
  expect(leftRow).not.toMatch(/mentor|mentee/i);
  await axeClean(page);

  // A swap that would pair Rob with Rex, his line manager, is refused and the rule named: the
  // partner of whichever of the two is paired gives up their place to the other.
  const robPair = first.reciprocalPairs!.some((p) => [p.personAId, p.personBId].includes('rob'));
  const [personA, personB] = robPair
    ? [partnerOf(holding(first, 'rob'), 'rob'), 'rex']
    : [partnerOf(holding(first, 'rex'), 'rex'), 'rob'];
  await page.getByTestId('matching-swap').click();
  const swap = page.getByTestId('matching-swap-dialog');
  await swap.waitFor();
  await swap.getByTestId('matching-swap-a').selectOption(personA);
  // Only partners are offered for a partner: no one of the reverse pair.
  const offered = (await swap.getByTestId('matching-swap-b').textContent()) ?? '';
  expect(offered).not.toMatch(/Ann Archer|Max Moore/);
  await swap.getByTestId('matching-swap-b').selectOption(personB);
  await swap.getByTestId('matching-swap-dialog-confirm').click();
  await eventually(
    () => describedBy(swap.getByTestId('matching-swap-b')),
    /cannot be paired: in the same reporting line/,
    { within: 30_000 },
  );
  await axeClean(page);
  await swap.getByTestId('matching-swap-dialog-cancel').click();
  await swap.waitFor({ state: 'detached' });

  // Lock a reciprocal pair (the lock sends its two partners).
  const lockedPair = first.reciprocalPairs![0]!;
  const one = lockedPair.personAId;
  await recipRow(page, lockedPair).getByTestId('matching-lock').click();
  await eventually(() => lockOf(page, lockedPair).textContent(), /Locked/);
  await eventually(
    () => page.getByTestId('matching-status').textContent(),
    `Locked ${lockedPair.personAName} and ${lockedPair.personBName}.`,
  );

  // Rerun: the lock is kept and the comparison counts the reciprocal pair kept.
  await page.getByTestId('matching-rerun').click();
  await page.getByTestId('matching-comparison').waitFor();
  await eventually(
    () => page.getByTestId('matching-comparison-summary').textContent(),
    /pairs? kept \(\d reciprocal\).*People matched 6 → 6/,
  );
  const rerun = await latestRun();
  expect(rerun.id).not.toBe(first.id);
  const kept = holding(rerun, one);
  expect(partnerOf(kept, one)).toBe(partnerOf(lockedPair, one));
  expect(kept.locked).toBe(true);
  await eventually(() => lockOf(page, kept).textContent(), /Locked/);
  await axeClean(page);
  await page.setViewportSize({ width: 375, height: 900 });
  await expectNoHorizontalOverflow(page);
  await axeClean(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Publish: the dialog counts the reciprocal pairs; the result names them as partners.
  await page.getByTestId('matching-publish').click();
  const publish = page.getByTestId('matching-publish-dialog');
  await publish.waitFor();
  expect(await publish.getByTestId('matching-publish-dialog-consequences').textContent()).toMatch(
    /3 pairs, of which 2 reciprocal \(two partners mentoring each other\), are made/,
  );
  await axeClean(page);
  await publish.getByTestId('matching-publish-dialog-confirm').click();
  await publish.waitFor({ state: 'detached' });
  await eventually(
    () => page.getByTestId('matching-published-message').textContent(),
    /3 pairs published \(2 reciprocal\)/,
    { within: 30_000 },
  );
  const made = (await page.getByTestId('matching-published-reciprocal').textContent()) ?? '';
  for (const p of rerun.reciprocalPairs!) {
    expect(made).toContain(`${p.personAName} and ${p.personBName} (partners)`);
  }
  await axeClean(page);

  // Only the 404 of "no run yet" and the refused swap's 400.
  const expected = [notFound, refused(400)];
  expect(errors.filter((e) => !expected.some((r) => r.test(e)))).toEqual([]);
  expect(errors.filter((e) => refused(400).test(e))).toHaveLength(1);
  await page.close();
});
