import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  type TabPage,
  expectNoHorizontalOverflow,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * Every signed-in view of the tab (home, channel home, My pair) for a mentor, a mentee and a
 * coordinator, in each Teams theme: what each may see, axe-core's findings, and the theme
 * following the system live.
 */

const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const AMARA = { userId: '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202', name: 'Amara Okafor' };
const DAVID = { userId: '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303', name: 'David Whitfield' };
const OTHER_PAIRS = ['Kwame Mensah', 'Helen Carter', 'Sofia Rahman', 'James Porter'];

/** Markdown as a coordinator writes it: a list, a safe link, and things that must stay words. */
const ANNOUNCEMENT_TEXT = [
  'Meetings start **next week**. Before your first one:',
  '',
  '- agree your *contract*',
  '- read [the programme guide](https://example.org/guide)',
  '- ignore [this](javascript:alert(1)) and <script>alert(2)</script>',
].join('\n');

let harness: TabHarness;
let service: RunningService;
let cohortId: string;
let pairId: string;

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const coordinator = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string }[] }>(service.url, 'GET', '/api/cohorts', {
    token: coordinator,
  });
  cohortId = cohorts.body.cohorts[0]!.id;
  const start = new Date(Date.now() + 7 * 86_400_000);
  const event = await call(service.url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: coordinator,
    json: {
      type: 'peer_support',
      title: 'Peer support circle',
      audience: 'everyone',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3600_000).toISOString(),
      location: 'Education centre, room 2',
    },
  });
  expect(event.status).toBe(201);
  const announced = await call(service.url, 'POST', `/api/cohorts/${cohortId}/announcements`, {
    token: coordinator,
    json: { title: 'Welcome to the cohort', text: ANNOUNCEMENT_TEXT, audience: 'cohort' },
  });
  expect(announced.status).toBe(201);
  const amara = await devToken(service.url, AMARA);
  const going = await call(
    service.url,
    'PUT',
    `/api/cohorts/${cohortId}/events/${(event.body as { id: string }).id}/rsvp`,
    { token: amara, json: { response: 'yes' } },
  );
  expect(going.status).toBe(200);
  const me = await call<{ memberships: { pair: { id: string } | null }[] }>(
    service.url,
    'GET',
    '/api/me',
    { token: amara },
  );
  pairId = me.body.memberships[0]!.pair!.id;
  // Something private in the pair, which only the two partners may ever see.
  const goal = await call(service.url, 'POST', `/api/pairs/${pairId}/goals`, {
    token: amara,
    json: { text: 'Private goal: speak at the board', note: 'Only for us' },
  });
  expect(goal.status).toBe(201);
});

afterAll(() => harness?.stop());

function open(who: { userId: string }, query: string, width = 1280): Promise<TabPage> {
  return openTab(harness, { query, width, as: who.userId });
}

async function expectNoAxeFindings(page: Page, what: string): Promise<void> {
  const findings = await settledAxeFindings(page);
  if (findings.length > 0) console.error(what, JSON.stringify(findings, null, 2));
  expect(findings).toEqual([]);
}

describe('the channel home', () => {
  it('shows a mentor the events, the announcement and her own pair, and nobody else’s', async () => {
    const { page, errors } = await open(AMARA, 'view=channel');
    await page.getByTestId('channel-home').waitFor();
    const events = page.getByTestId('channel-events');
    await events.getByText('Peer support circle').waitFor();
    const news = page.getByTestId('channel-announcements');
    await news.getByText('Welcome to the cohort').waitFor();
    // The Markdown is rendered as the card renders it: bold, a list, a link; no raw dashes.
    const body = news.getByTestId('channel-announcement-text');
    await body.locator('li').first().waitFor();
    await expect(body.locator('li').allTextContents()).resolves.toEqual([
      'agree your contract',
      'read the programme guide',
      'ignore this and <script>alert(2)</script>',
    ]);
    await expect(body.locator('strong').textContent()).resolves.toBe('next week');
    await expect(body.locator('em').textContent()).resolves.toBe('contract');
    // Only the safe link is a link, opening in a new window; the javascript: one is words.
    const links = body.locator('a');
    await expect(links.count()).resolves.toBe(1);
    await expect(links.first().textContent()).resolves.toBe('the programme guide');
    await expect(links.first().getAttribute('href')).resolves.toBe('https://example.org/guide');
    await expect(links.first().getAttribute('target')).resolves.toBe('_blank');
    await expect(links.first().getAttribute('rel')).resolves.toContain('noopener');
    // No element was made from the typed HTML.
    await expect(body.locator('script').count()).resolves.toBe(0);
    await expect(body.textContent()).resolves.not.toMatch(/\[|\]\(|^- /m);
    // The link is in the theme's link colour, not the browser's default blue.
    const colour = await links.first().evaluate((a) => getComputedStyle(a).color);
    expect(colour).not.toBe('rgb(0, 0, 238)');
    // The "You're going" badge keeps its own width instead of stretching across the card.
    const badge = events.getByTestId('channel-event-response');
    await expect(badge.textContent()).resolves.toBe("You're going");
    const badgeWidth = (await badge.boundingBox())!.width;
    const listWidth = (await events.locator('li').first().boundingBox())!.width;
    expect(badgeWidth).toBeLessThan(listWidth / 2);
    const pair = page.getByTestId('channel-my-pair');
    await pair.getByText('David Whitfield').waitFor();
    const text = (await page.textContent('body')) ?? '';
    for (const name of OTHER_PAIRS) expect(text).not.toContain(name);
    expect(text).not.toContain('Private goal');
    expect(await page.getByTestId('channel-health').count()).toBe(0);
    await screenshot(page, 'tab-channel-home-mentor-1280');

    await page.getByTestId('channel-open-pair').click();
    await page.getByTestId('my-pair').waitFor();
    await page.goBack();
    await page.getByTestId('channel-home').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a coordinator the health as counts only, never a pair’s names or content', async () => {
    const { page, errors } = await open(PRIYA, `view=channel&programme=${cohortId}`);
    const health = page.getByTestId('channel-health');
    await health.waitFor();
    await expect(health.textContent()).resolves.toMatch(/3 pairs/);
    const text = (await page.textContent('body')) ?? '';
    for (const name of [...OTHER_PAIRS, AMARA.name, DAVID.name]) expect(text).not.toContain(name);
    expect(text).not.toContain('Private goal');
    expect(await page.getByTestId('channel-my-pair').count()).toBe(0);
    await page.getByTestId('channel-open-cohort').click();
    await page.getByTestId('coordinator-cohort').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works at Teams mobile width', async () => {
    const { page } = await open(DAVID, 'view=channel', 375);
    await page.getByTestId('channel-my-pair').waitFor();
    await expectNoHorizontalOverflow(page);
    await screenshot(page, 'tab-channel-home-mentee-375');
    await page.close();
  });
});

describe('a mentee in the tab', () => {
  it('adds a goal and an action, marks it done and writes preparation', async () => {
    const { page, errors } = await open(DAVID, `view=personal&pair=${pairId}`);
    await page.getByTestId('my-pair').waitFor();
    await expect(page.getByTestId('pair-heading').textContent()).resolves.toContain('Amara');
    await page.getByText('Private goal: speak at the board').waitFor();

    await page.getByTestId('goal-add-open').click();
    const addGoal = page.getByTestId('add-goal-dialog');
    await addGoal.getByLabel('Goal').fill('Learn what the ward night shift is like');
    await addGoal.getByTestId('goal-save').click();
    await addGoal.waitFor({ state: 'detached' });
    await page.getByTestId('goals-list').getByText('Learn what the ward night shift').waitFor();

    await page.getByTestId('action-add-open').click();
    const addAction = page.getByTestId('add-action-dialog');
    await addAction.getByLabel('What was agreed').fill('Visit ward 7 on a night shift');
    await addAction.getByLabel('Who will do it').selectOption('me');
    // A month ahead: within the demo programme (a due date must be, with a margin), en-GB.
    const [y, m, d] = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10).split('-');
    await addAction.getByLabel('Due date').fill(`${d}/${m}/${y}`);
    await addAction.getByLabel('Due date').press('Tab');
    await addAction.getByTestId('action-save').click();
    await addAction.waitFor({ state: 'detached' });
    const item = page
      .getByTestId('actions-list')
      .locator('li', { hasText: 'Visit ward 7 on a night shift' });
    await item.waitFor();
    await item.getByRole('checkbox').check();
    await expect(item.getByTestId('action-state').textContent()).resolves.toBe('Done');

    // The demo pair is not meeting yet: the next step says so, with no form to fill.
    await expect(page.getByTestId('next-step-title').textContent()).resolves.toBe(
      'Getting started',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('accessibility in every theme', () => {
  for (const theme of THEMES) {
    it(`finds nothing serious on home, channel home and My pair (${theme})`, async () => {
      for (const who of [AMARA, DAVID, PRIYA]) {
        const { page } = await open(who, `view=personal&theme=${theme}`);
        await page
          .locator('[data-testid="memberships"], [data-testid="coordinated-cohorts"]')
          .first()
          .waitFor();
        await expectNoAxeFindings(page, `home ${who.name} ${theme}`);
        await page.goto(`${service.url}/tab/index.html?view=channel&theme=${theme}`);
        await page.getByTestId('channel-home').waitFor();
        await expectNoAxeFindings(page, `channel ${who.name} ${theme}`);
        if (who !== PRIYA) {
          await page.goto(
            `${service.url}/tab/index.html?view=personal&theme=${theme}&pair=${pairId}`,
          );
          await page.getByTestId('my-pair').waitFor();
          await expectNoAxeFindings(page, `my pair ${who.name} ${theme}`);
          // A form in its dialog, showing a problem next to its field.
          await page.getByTestId('goal-add-open').click();
          await page.getByTestId('add-goal-dialog').getByTestId('goal-save').click();
          await page.getByTestId('add-goal-dialog').getByText('Write the goal').waitFor();
          await expectNoAxeFindings(page, `my pair dialog ${who.name} ${theme}`);
        }
        if (theme === 'dark' && who === AMARA) await screenshot(page, 'tab-my-pair-dark');
        await page.close();
      }
    }, 600_000);
  }
});

describe('themes', () => {
  it('uses the theme the address asks for, and otherwise follows the system live', async () => {
    const { page } = await open(AMARA, 'view=personal&theme=contrast');
    await page.getByTestId('memberships').waitFor();
    await expect(page.locator('[data-theme]').first().getAttribute('data-theme')).resolves.toBe(
      'contrast',
    );
    const background = () =>
      page.evaluate(
        () => getComputedStyle(document.querySelector('[data-theme]') as Element).backgroundColor,
      );

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${service.url}/tab/index.html?view=personal`);
    await page.getByTestId('memberships').waitFor();
    await expect(page.locator('[data-theme]').first().getAttribute('data-theme')).resolves.toBe(
      'default',
    );
    const light = await background();
    // The person switches their system to dark: the tab follows without a reload.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-theme="dark"]').waitFor();
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.getByTestId('memberships').waitFor();
    await page.close();
  });
});
