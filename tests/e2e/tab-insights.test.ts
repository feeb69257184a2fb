import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { expectNoHorizontalOverflow, openTab, settledAxeFindings } from '../support/tab-page';
import { call, devToken } from '../support/test-service';

// The demo people, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const MARTIN = { userId: '8d4a2b63-9e5f-4cab-b2a1-1e6f7d8c9b02', name: 'Martin Hale' };
const AMARA = { userId: '1b6d2e80-3c4f-4a5b-9c6d-7e8f90a1b202', name: 'Amara Okafor' };
const DAVID = { userId: '2c7e3f91-4d50-4b6c-8d7e-8f90a1b2c303', name: 'David Whitfield' };

const INSIGHT = 'Ask who is missing from the room before the decision is made.';

let harness: TabHarness;
let demoId: string;

/**
 * The insights board in the sponsor's tab (issue 16 item 7): an insight the demo pair wrote and
 * both agreed to, published by the programme team, shows under its theme with the authors'
 * broad groups only, no name; axe-clean in every Teams theme, at desktop and phone widths.
 */
beforeAll(async () => {
  harness = await startTabHarness();
  const url = harness.service.url;
  const [admin, amara, david] = await Promise.all(
    [PRIYA, AMARA, DAVID].map((p) => devToken(url, p)),
  );
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    url,
    'GET',
    '/api/cohorts',
    { token: admin },
  );
  demoId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
  const drafted = await call<{ id: string; etag: string }>(url, 'POST', '/api/me/insights', {
    token: amara,
    json: { cohortId: demoId, kind: 'insight', title: 'Who is in the room', text: INSIGHT },
  });
  expect(drafted.status).toBe(201);
  const path = `/api/me/insights/${demoId}/${drafted.body.id}`;
  const agreed = await call<{ etag: string }>(url, 'POST', `${path}/consent`, {
    token: david,
    json: { decision: 'agree' },
    headers: { 'if-match': drafted.body.etag },
  });
  expect(agreed.status).toBe(200);
  const published = await call(
    url,
    'POST',
    `/api/cohorts/${demoId}/insights/${drafted.body.id}/publish`,
    {
      token: admin,
      json: { theme: 'inclusive_leadership' },
      headers: { 'if-match': agreed.body.etag },
    },
  );
  expect(published.status).toBe(200);
});

afterAll(() => harness?.stop());

describe('writing, agreeing and moderating in the tab', () => {
  const WORDS = 'Leaders should sit with the night team once a quarter.';

  it('the mentor writes, her partner agrees, the programme team publishes it to the board', async () => {
    // The mentor writes one; a missing title is refused next to its field.
    const amara = await openTab(harness, { query: 'view=personal', as: AMARA.userId });
    const mine = amara.page.getByTestId('my-insights');
    await mine.getByTestId('write-insight').waitFor();
    expect(await settledAxeFindings(amara.page)).toEqual([]);
    await mine.getByTestId('insight-text').fill(WORDS);
    await mine.getByTestId('insight-write').click();
    await mine.getByText(/This is required/).waitFor();
    await mine.getByTestId('insight-title').fill('Nights');
    await mine.getByTestId('insight-write').click();
    await mine
      .getByTestId('insight-status')
      .getByText(/Your partner will see it/)
      .waitFor();
    const written = mine.getByTestId('my-insight').filter({ hasText: WORDS });
    await written.getByText(/1 of 2 agreed/).waitFor();
    await expect(written.getByTestId('insight-agree').count()).resolves.toBe(0);
    expect(amara.errors).toEqual([]);
    await amara.page.close();

    // Her partner sees the words and agrees.
    const david = await openTab(harness, { query: 'view=personal', as: DAVID.userId });
    const his = david.page.getByTestId('my-insight').filter({ hasText: WORDS });
    await his.getByTestId('insight-agree').click();
    await his.getByText(/2 of 2 agreed/).waitFor();
    expect(await settledAxeFindings(david.page)).toEqual([]);
    expect(david.errors).toEqual([]);
    await david.page.close();

    // The programme team publishes it under a theme from the cohort's Insights tab.
    const priya = await openTab(harness, {
      query: `view=personal&cohort=${demoId}`,
      as: PRIYA.userId,
    });
    await priya.page.getByTestId('cohort-tab-insights').click();
    const queued = priya.page.getByTestId('queued-insight').filter({ hasText: WORDS });
    await queued.getByTestId('insight-publish').waitFor();
    expect(await queued.textContent()).not.toContain('Amara');
    expect(await settledAxeFindings(priya.page)).toEqual([]);
    await queued.getByTestId('insight-theme').selectOption('wellbeing');
    await queued.getByTestId('insight-publish').click();
    await priya.page
      .getByTestId('queued-insight')
      .filter({ hasText: WORDS })
      .getByText(/On the board/)
      .waitFor();
    expect(priya.errors).toEqual([]);
    await priya.page.close();

    // The sponsor reads it under its theme.
    const martin = await openTab(harness, { query: 'view=personal', as: MARTIN.userId });
    const board = martin.page.getByTestId(`insight-board-${demoId}`);
    await board.getByTestId('theme-wellbeing').getByText(WORDS).waitFor();
    expect(martin.errors).toEqual([]);
    await martin.page.close();
  });
});

describe('the insights board in the tab', () => {
  it('shows the sponsor the published insight by theme, without a name, axe-clean in every theme', async () => {
    for (const theme of THEMES) {
      for (const width of [1280, 375]) {
        const { page, errors } = await openTab(harness, {
          query: `view=personal&theme=${theme}`,
          width,
          as: MARTIN.userId,
        });
        const board = page.getByTestId(`insight-board-${demoId}`);
        await board.getByTestId('board-insight').first().waitFor();
        const themed = board.getByTestId('theme-inclusive_leadership');
        await expect(
          themed.getByRole('heading', { name: 'Inclusive leadership' }).count(),
        ).resolves.toBe(1);
        const text = (await board.textContent()) ?? '';
        expect(text).toContain(INSIGHT);
        expect(text).toContain('a mentor (junior colleague) and a senior leader');
        for (const name of ['Amara', 'Okafor', 'David', 'Whitfield', 'Healthcare assistant'])
          expect(text).not.toContain(name);
        await expectNoHorizontalOverflow(page);
        expect({ theme, width, findings: await settledAxeFindings(page) }).toEqual({
          theme,
          width,
          findings: [],
        });
        if (theme === 'default') await screenshot(page, `tab-insights-board-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });
});

describe('withdrawing in the tab (issue 17)', () => {
  it('an author withdraws a published insight: it leaves their list and the board at once', async () => {
    const WORDS = 'Leaders should sit with the night team once a quarter.';
    const david = await openTab(harness, { query: 'view=personal', as: DAVID.userId });
    const his = david.page.getByTestId('my-insight').filter({ hasText: WORDS });
    await his.getByTestId('insight-withdraw').click();
    await his.getByText(/told it was withdrawn, not by whom/).waitFor();
    expect(await settledAxeFindings(david.page)).toEqual([]);
    await his.getByTestId('insight-withdraw-confirm').click();
    await david.page
      .getByTestId('my-insight')
      .filter({ hasText: WORDS })
      .waitFor({ state: 'detached' });
    expect(david.errors).toEqual([]);
    await david.page.close();

    const martin = await openTab(harness, { query: 'view=personal', as: MARTIN.userId });
    const board = martin.page.getByTestId(`insight-board-${demoId}`);
    await board.getByTestId('board-insight').first().waitFor();
    expect(await board.textContent()).not.toContain(WORDS);
    expect(await board.textContent()).toContain(INSIGHT);
    expect(martin.errors).toEqual([]);
    await martin.page.close();
  });
});
