import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import type { Person } from './front-fixture';
import type { TabHarness } from './tab-harness';
import { eventually, expectNoHorizontalOverflow, openTab, settledAxeFindings } from './tab-page';

/** The tab's side of the whole-front browser test (tests/e2e/front-of-programme.test.ts). */

export async function axeClean(page: Page): Promise<void> {
  expect(await settledAxeFindings(page)).toEqual([]);
}

/** Axe-clean and a screenshot at 1280 and at 375 px (never scrolling sideways there). */
export async function bothWidths(page: Page, name: string): Promise<void> {
  await axeClean(page);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 900 });
  await expectNoHorizontalOverflow(page);
  await axeClean(page);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A dialog is confirmed and gone, the page given back to screen readers. */
export async function confirm(page: Page, dialog: string): Promise<void> {
  await page.getByTestId(`${dialog}-confirm`).click();
  await page.getByTestId(dialog).waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('#root[aria-hidden="true"]'));
}

/** What a person fills in on the tab's Apply screen. */
export interface TabAnswers {
  role: 'mentor' | 'mentee';
  band: string;
  organisation: string;
  directorate: string;
  manager: { name: string; email: string };
  /** A perspective they can share (mentor) or want to learn (mentee). */
  perspective: string;
  /** Online, or in person at a place. */
  inPersonAt?: string;
}

async function next(page: Page, words: string) {
  await page.getByTestId('apply-next').click();
  await eventually(() => page.getByTestId('apply-step').textContent(), words, { contains: true });
}

/** Applies on the tab's Apply screen with real clicks, step by step, and sends it. */
export async function applyInTab(
  harness: TabHarness,
  cohortId: string,
  who: Person,
  a: TabAnswers,
): Promise<void> {
  const { page, errors } = await openTab(harness, { query: 'view=personal', as: who.userId });
  await page.getByTestId(`apply-open-${cohortId}`).click();
  await page.getByTestId('apply-form').waitFor();
  await axeClean(page);
  await page.getByTestId('apply-role').selectOption(a.role);
  await page.getByTestId('apply-arrangement').selectOption('reverse');
  await page.getByTestId('apply-band').selectOption(a.band);
  await page.getByTestId('apply-organisation').fill(a.organisation);
  await page.getByTestId('apply-directorate').fill(a.directorate);
  await page.getByTestId('apply-lineManagerName').fill(a.manager.name);
  await page.getByTestId('apply-lineManagerEmail').fill(a.manager.email);
  await next(page, 'Step 2 of 5');
  const side = a.role === 'mentor' ? 'shared' : 'wanted';
  await page.getByTestId(`apply-${side}-${a.perspective}`).check();
  await next(page, 'Step 3 of 5');
  await page.getByTestId('apply-meetingMode').selectOption(a.inPersonAt ? 'in-person' : 'online');
  if (a.inPersonAt) await page.getByTestId('apply-location').fill(a.inPersonAt);
  await page.getByTestId('apply-availability-tue-am').check();
  await next(page, 'Step 4 of 5');
  await next(page, 'Step 5 of 5');
  await page.getByTestId('apply-consent').check();
  await page.getByTestId('apply-submit').click();
  await eventually(
    () => page.getByTestId('apply-status-words').textContent(),
    'Sent, waiting for the programme team',
  );
  await axeClean(page);
  expect(errors).toEqual([]);
  await page.close();
}
