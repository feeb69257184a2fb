import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import type {
  EvaluationPlanDetail,
  MyResponse,
  MySurveys,
} from '../../bot/src/contracts/evaluation-api';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { JourneyDriver } from '../support/journey-driver';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  describedBy,
  eventually,
  expectNoHorizontalOverflow,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * A person's surveys in the tab (issue 16), in the real Chromium: the baseline survey waits on
 * their home; part of it is saved and kept over a reload; a bad answer is refused beside its
 * question; answers changed elsewhere in between (as from the chat card) are shown, never
 * overwritten, and what was typed is kept; sending ends with a thank-you. Those who run a
 * cohort edit its survey plan before it starts (a bad value refused beside its field), and see
 * it read-only, with the reason, once the cohort has started.
 */

const OLA = { aadObjectId: '7a1b2c3d-0000-4000-8000-00000000e161', name: 'Ola Adeyemi' };
const RUTH = { aadObjectId: '7a1b2c3d-0000-4000-8000-00000000e162', name: 'Ruth Bennett' };
const OLA_USER = { userId: OLA.aadObjectId, name: OLA.name };

let harness: TabHarness;
let service: RunningService;
let connector: FakeConnector;
let cohortId = '';

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  connector = await startFakeConnector();
  const drive = new JourneyDriver(service, connector);
  // The pair starts on Monday 1 March 2027: the baseline survey is open to both.
  cohortId = await activePair(drive, service.url, OLA, RUTH);
}, 600_000);

afterAll(async () => {
  await harness?.stop();
  await connector?.stop();
});

async function olaApi<T>(method: string, path: string, json?: unknown) {
  const token = await devToken(service.url, OLA_USER);
  return call<T>(service.url, method, path, { token, json });
}

async function mine(): Promise<MySurveys> {
  return (await olaApi<MySurveys>('GET', '/api/me/surveys')).body;
}

/** Opens the tab as Ola (not a demo person) with a development token. */
async function openAsOla(query: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const token = await devToken(service.url, OLA_USER);
  const opened = await openTab(harness, { query: 'view=about', width });
  const session = {
    token,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: OLA_USER,
  };
  await opened.page.evaluate((value) => {
    sessionStorage.setItem('reverse-mentoring.dev-session', value);
  }, JSON.stringify(session));
  await opened.page.goto(`${service.url}/tab/index.html?${query}`);
  return opened;
}

const form = (page: Page) => page.getByTestId(`survey-${cohortId}-baseline`);
const radio = (page: Page, itemId: string, point: number) =>
  form(page).getByTestId(`survey-item-${itemId}-${point}`);
const FEEDBACK = 'conf.feedback.mentor';
const SPEAKING = 'conf.speaking_up.mentor';

describe('my surveys in the tab', () => {
  it('shows the waiting survey on home, and keeps a partial save over a reload', async () => {
    const { page, errors } = await openAsOla('view=personal');
    const waiting = page.getByTestId('surveys-waiting');
    await eventually(() => waiting.textContent(), 'Starting survey for Cohort', { contains: true });
    await waiting.getByTestId('open-surveys').click();
    await form(page).waitFor();
    expect(new URL(page.url()).searchParams.get('surveys')).toBe('mine');
    expect(await form(page).getByTestId('survey-closes').textContent()).toMatch(
      /Open until .*2027/,
    );
    // The mentor's own items with the scale's words; the free text asks to quote.
    expect(await form(page).textContent()).toContain('Not at all confident');
    await form(page).getByTestId('survey-item-hopes-quote').waitFor();
    expect(await form(page).getByTestId('survey-item-conf.feedback.mentee').count()).toBe(0);

    await radio(page, FEEDBACK, 4).check();
    await form(page).getByTestId('survey-item-hopes').fill('To hear the ward more clearly');
    await form(page).getByTestId('survey-item-hopes-quote').check();
    await form(page).getByTestId('survey-save').click();
    await eventually(() => form(page).getByTestId('survey-status').textContent(), 'Saved', {
      contains: true,
    });
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-survey-saved');

    await page.reload();
    await form(page).waitFor();
    expect(await radio(page, FEEDBACK, 4).isChecked()).toBe(true);
    expect(await form(page).getByTestId('survey-item-hopes').inputValue()).toBe(
      'To hear the ward more clearly',
    );
    expect(await form(page).getByTestId('survey-item-hopes-quote').isChecked()).toBe(true);
    const saved = (await mine()).surveys.find((s) => s.survey === 'baseline')!.response!;
    expect(saved.state).toBe('partial');
    expect(saved.answers).toEqual([
      { itemId: FEEDBACK, kind: 'scale', value: 4 },
      { itemId: 'hopes', kind: 'text', text: 'To hear the ward more clearly', mayQuote: true },
    ]);
    expect(errors).toEqual([]);
    await page.close();

    // On a phone the scale's words wrap rather than push the page sideways.
    const narrow = await openAsOla('view=personal&surveys=mine', 360);
    await form(narrow.page).waitFor();
    await expectNoHorizontalOverflow(narrow.page);
    // The last point's words are all inside the card.
    const card = await form(narrow.page).boundingBox();
    const words = await form(narrow.page)
      .getByText('5 – Completely confident')
      .first()
      .boundingBox();
    expect(words!.x + words!.width).toBeLessThanOrEqual(card!.x + card!.width);
    await screenshot(narrow.page, 'tab-survey-narrow');
    await narrow.page.close();
  });

  it('refuses an answer that is too long beside its question, keeping what was typed', async () => {
    const { page } = await openAsOla('view=personal&surveys=mine');
    await form(page).waitFor();
    const hopes = form(page).getByTestId('survey-item-hopes');
    const long = 'a'.repeat(4001);
    await hopes.fill(long);
    await form(page).getByTestId('survey-save').click();
    await eventually(() => describedBy(hopes), 'must be at most 4000 characters', {
      contains: true,
    });
    expect(await hopes.inputValue()).toBe(long);
    expect(await hopes.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await settledAxeFindings(page)).toEqual([]);
    // Nothing was sent: the saved answer is still the short one.
    const saved = (await mine()).surveys.find((s) => s.survey === 'baseline')!.response!;
    expect(saved.answers.find((a) => a.itemId === 'hopes')).toMatchObject({
      text: 'To hear the ward more clearly',
    });
    await page.close();
  });

  it('has no serious accessibility findings in any theme on a phone', async () => {
    for (const theme of THEMES) {
      const { page } = await openAsOla(`view=personal&surveys=mine&theme=${theme}`, 375);
      await form(page).waitFor();
      await expectNoHorizontalOverflow(page);
      expect({ theme, findings: await settledAxeFindings(page) }).toEqual({ theme, findings: [] });
      await page.close();
    }
  });

  it('shows answers changed elsewhere without overwriting them, then sends and thanks', async () => {
    const { page } = await openAsOla('view=personal&surveys=mine');
    await form(page).waitFor();
    await radio(page, SPEAKING, 2).check();

    // Meanwhile the chat card saves other answers.
    const before = (await mine()).surveys.find((s) => s.survey === 'baseline')!;
    const elsewhere = await olaApi<MyResponse>('PUT', `/api/me/surveys/${cohortId}/baseline`, {
      planVersion: before.planVersion,
      state: 'partial',
      etag: before.response!.etag,
      answers: [{ itemId: FEEDBACK, kind: 'scale', value: 5 }],
    });
    expect(elsewhere.status).toBe(200);

    await form(page).getByTestId('survey-save').click();
    const conflict = page.getByTestId('survey-conflict');
    await conflict.waitFor();
    await screenshot(page, 'tab-survey-conflict');
    expect(await conflict.getByTestId('survey-latest').textContent()).toContain(
      '5 – Completely confident',
    );
    // What was typed is kept; the answers saved elsewhere were not overwritten.
    expect(await radio(page, SPEAKING, 2).isChecked()).toBe(true);
    const after = (await mine()).surveys.find((s) => s.survey === 'baseline')!.response!;
    expect(after.answers).toEqual([{ itemId: FEEDBACK, kind: 'scale', value: 5 }]);
    expect(await form(page).getByTestId('survey-send').isDisabled()).toBe(true);
    expect(await settledAxeFindings(page)).toEqual([]);

    // The person chooses to keep theirs, and sends.
    await conflict.getByTestId('survey-keep-mine').click();
    await form(page).getByTestId('survey-send').click();
    const thanks = form(page).getByTestId('survey-thanks');
    await thanks.waitFor();
    expect(await thanks.textContent()).toContain('private');
    expect(await settledAxeFindings(page)).toEqual([]);
    const sent = (await mine()).surveys.find((s) => s.survey === 'baseline')!.response!;
    expect(sent.state).toBe('submitted');
    expect(sent.answers).toContainEqual({ itemId: SPEAKING, kind: 'scale', value: 2 });

    // Home no longer says a survey is waiting.
    await page.getByTestId('surveys-back').click();
    await page.getByTestId('memberships').waitFor();
    expect(await page.getByTestId('surveys-waiting').count()).toBe(0);
    await page.close();
  });
});

describe('the survey plan in the cohort view', () => {
  const openPlan = async (id: string) => {
    const opened = await openTab(harness, {
      query: `view=personal&cohort=${id}`,
      as: COORDINATOR.userId,
    });
    await opened.page.getByTestId('cohort-tab-survey-plan').click();
    return opened;
  };

  it('saves an edit to a cohort that has not started, refusing a bad value beside its field', async () => {
    const token = await devToken(service.url, COORDINATOR);
    const made = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Autumn cohort', startDate: '2027-09-01', endDate: '2028-02-29' },
    });
    expect(made.status).toBe(201);
    const { page, errors } = await openPlan(made.body.id);
    const planForm = page.getByTestId('plan-form');
    await planForm.waitFor();

    const wording = planForm.getByTestId('plan-baseline-item-0-text');
    await wording.fill('How confident are you giving honest feedback to a director?');
    const minGroup = planForm.getByTestId('plan-minGroupSize');
    await minGroup.fill('2');
    await planForm.getByTestId('plan-save').click();
    await eventually(() => describedBy(minGroup), 'must be at least 3', { contains: true });
    expect(await minGroup.inputValue()).toBe('2');
    expect(await minGroup.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'tab-survey-plan-editor');
    expect(await wording.inputValue()).toBe(
      'How confident are you giving honest feedback to a director?',
    );
    expect(await settledAxeFindings(page)).toEqual([]);

    await minGroup.fill('6');
    await planForm.getByTestId('plan-pulse-add-text').click();
    const added = planForm
      .locator('[data-testid^="plan-pulse-item-"][data-testid$="-text"]')
      .last();
    await added.fill('What has surprised you so far?');
    await planForm.getByTestId('plan-save').click();
    await eventually(() => planForm.getByTestId('plan-status').textContent(), 'version 2', {
      contains: true,
    });
    const read = await call<EvaluationPlanDetail>(
      service.url,
      'GET',
      `/api/cohorts/${made.body.id}/evaluation/plan`,
      { token },
    );
    expect(read.body).toMatchObject({ saved: true, editable: true });
    expect(read.body.plan.minGroupSize).toBe(6);
    expect(read.body.plan.surveys.baseline.items[0]!.text).toBe(
      'How confident are you giving honest feedback to a director?',
    );
    expect(read.body.plan.surveys.pulse.items.at(-1)).toMatchObject({
      kind: 'text',
      text: 'What has surprised you so far?',
      asksQuoteConsent: true,
    });

    // A second save goes with the ETag of the first.
    await minGroup.fill('7');
    await planForm.getByTestId('plan-save').click();
    await eventually(() => planForm.getByTestId('plan-status').textContent(), 'version 3', {
      contains: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a final that drops a baseline rating beside its list, and never overwrites a colleague', async () => {
    const token = await devToken(service.url, COORDINATOR);
    const made = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Winter cohort', startDate: '2027-11-01', endDate: '2028-04-30' },
    });
    const planPath = `/api/cohorts/${made.body.id}/evaluation/plan`;
    const { page } = await openPlan(made.body.id);
    const planForm = page.getByTestId('plan-form');
    await planForm.waitFor();

    // The final must repeat every baseline rating so answers pair up.
    await planForm.getByTestId('plan-final-item-0-remove').click();
    await planForm.getByTestId('plan-save').click();
    await eventually(
      () => planForm.getByTestId('plan-final-items-error').textContent(),
      'must repeat the baseline item',
      { contains: true },
    );
    expect((await call(service.url, 'GET', planPath, { token })).body).toMatchObject({
      saved: false,
    });

    // A colleague saves first; this save is refused and says so, and theirs is kept.
    const theirs = (await call<EvaluationPlanDetail>(service.url, 'GET', planPath, { token })).body
      .plan;
    const saved = await call(service.url, 'PUT', planPath, {
      token,
      json: { ...theirs, minGroupSize: 8 },
    });
    expect(saved.status).toBe(200);
    await page.reload();
    await page.getByTestId('cohort-tab-survey-plan').click();
    await planForm.getByTestId('plan-minGroupSize').waitFor();
    expect(await planForm.getByTestId('plan-minGroupSize').inputValue()).toBe('8');
    const again = await call<EvaluationPlanDetail>(service.url, 'GET', planPath, { token });
    const second = await call(service.url, 'PUT', planPath, {
      token,
      json: { ...again.body.plan, minGroupSize: 9 },
      headers: { 'if-match': again.body.etag! },
    });
    expect(second.status).toBe(200);
    await planForm.getByTestId('plan-minGroupSize').fill('4');
    await planForm.getByTestId('plan-save').click();
    await eventually(
      () => planForm.getByTestId('plan-problem').textContent(),
      'Someone else saved this plan',
      { contains: true },
    );
    expect(await planForm.getByTestId('plan-minGroupSize').inputValue()).toBe('4');
    const kept = await call<EvaluationPlanDetail>(service.url, 'GET', planPath, { token });
    expect(kept.body.plan.minGroupSize).toBe(9);
    expect(await settledAxeFindings(page)).toEqual([]);
    await planForm.getByTestId('plan-reload').click();
    await eventually(() => page.getByTestId('plan-minGroupSize').inputValue(), '9');
    await page.close();
  });

  it('has no serious accessibility findings in any theme on a phone', async () => {
    const token = await devToken(service.url, COORDINATOR);
    const made = await call<{ id: string }>(service.url, 'POST', '/api/cohorts', {
      token,
      json: { name: 'Spring cohort', startDate: '2028-03-01', endDate: '2028-08-31' },
    });
    for (const theme of THEMES) {
      const { page } = await openTab(harness, {
        query: `view=personal&cohort=${made.body.id}&theme=${theme}`,
        as: COORDINATOR.userId,
        width: 375,
      });
      await page.getByTestId('cohort-tab-survey-plan').click();
      await page.getByTestId('plan-form').waitFor();
      await expectNoHorizontalOverflow(page);
      expect({ theme, findings: await settledAxeFindings(page) }).toEqual({ theme, findings: [] });
      await page.close();
    }
  });

  it('shows the plan of a cohort that has started read-only, with the reason', async () => {
    const { page } = await openPlan(cohortId);
    const locked = page.getByTestId('plan-locked');
    await locked.waitFor();
    await screenshot(page, 'tab-survey-plan-locked');
    expect(await locked.textContent()).toMatch(/cohort has started|already answered/);
    expect(await page.getByTestId('plan-form').count()).toBe(0);
    expect(await page.getByTestId('plan-baseline').textContent()).toContain(
      'Open for 14 days once sent.',
    );
    expect(await settledAxeFindings(page)).toEqual([]);
    await page.close();
  });
});
