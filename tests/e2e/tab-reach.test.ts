import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { LOCAL_GRAPH_TOKEN } from '../../bot/src/platform/teams/graph-app-installer';
import { THEMES } from '../support/axe';
import { type BrowserSession, launchBrowser, screenshot } from '../support/browser';
import { type FakeGraph, startFakeGraph } from '../support/fake-graph';
import { expectNoHorizontalOverflow, openTab, settledAxeFindings } from '../support/tab-page';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * The coordinator sees who the bot cannot reach in Teams yet (the demo people have never
 * installed the app), installs the app for one person and for everyone through a local fake of
 * Microsoft Graph, and, where Graph says no (403), copies the link to the app to share.
 */

const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const CATALOG_ID = '5d1e7c2a-4b3f-4e8a-9c6d-2f1a0b9e8d7c';
const LINK = `https://teams.microsoft.com/l/app/${CATALOG_ID}`;

let storage: EmbeddedStorage;
let service: RunningService;
let session: BrowserSession;
let graph: FakeGraph;
let cohortId = '';
const userIds: Record<string, string> = {};
const participantIds: Record<string, string> = {};

beforeAll(async () => {
  graph = await startFakeGraph({ token: LOCAL_GRAPH_TOKEN, catalogId: CATALOG_ID });
  storage = await startTestStorage();
  service = await startTestService(storage.connectionString, {
    SEED_DEMO: 'true',
    GRAPH_BASE_URL: graph.url,
    TEAMS_APP_CATALOG_ID: CATALOG_ID,
  });
  session = await launchBrowser();
  const token = await devToken(service.url, PRIYA);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token },
  );
  cohortId = cohorts.body.cohorts.find((c) => c.isDemo)!.id;
  for (const p of await service.parts.repos.participants.listByCohort(cohortId)) {
    if (p.userId) userIds[p.displayName] = p.userId;
    participantIds[p.displayName] = p.id;
  }
}, 600_000);

afterAll(async () => {
  await session?.close();
  await service?.stop();
  await storage?.stop();
  await graph?.stop();
});

async function openParticipants(width: number, theme?: string) {
  const opened = await openTab(
    { service, session },
    {
      query: `view=personal&cohort=${cohortId}${theme ? `&theme=${theme}` : ''}`,
      width,
      as: PRIYA.userId,
      context: { permissions: ['clipboard-read', 'clipboard-write'] },
    },
  );
  await opened.page.getByTestId('coordinator-cohort').waitFor();
  await opened.page.getByTestId('cohort-tab-participants').click();
  await opened.page.getByTestId('reach-panel').waitFor();
  return opened;
}

const row = (page: Page, name: string) => page.getByTestId(`participant-${participantIds[name]}`);

describe('reach in the coordinator’s view', () => {
  it('shows who is not reachable, installs through Graph, and offers the link when Graph says no', async () => {
    const { page, errors } = await openParticipants(1280);
    const panel = page.getByTestId('reach-panel');
    await expect(panel.textContent()).resolves.toMatch(/6 people are not reachable in Teams yet/);
    const amara = row(page, 'Amara Okafor');
    await expect(amara.getByTestId('participant-not-reachable').textContent()).resolves.toMatch(
      /Not reachable in Teams yet.*The app is not installed in their Teams/,
    );
    await screenshot(page, 'tab-reach-participants-1280');

    // One person: Graph installs it (201).
    await amara.getByTestId('participant-install-app').click();
    await expect(
      amara
        .getByTestId('participant-install-status')
        .filter({ hasText: 'Installed for Amara Okafor' })
        .textContent(),
    ).resolves.toContain('introduction follows');
    expect(graph.installsFor(userIds['Amara Okafor']!).map((r) => r.status)).toEqual([201]);

    // Everyone: Graph refuses (403), so the link to share is the way out.
    graph.defaultAnswer = { status: 403 };
    await page.getByTestId('reach-install-all').click();
    const results = page.getByTestId('reach-install-results');
    await results.waitFor();
    await expect(results.textContent()).resolves.toContain(
      'TeamsAppInstallation.ReadWriteForUser.All',
    );
    await expect(page.getByTestId('reach-share-link').inputValue()).resolves.toBe(LINK);
    await page.getByTestId('reach-copy-link').click();
    await page.getByTestId('reach-copy-status').filter({ hasText: 'Link copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(LINK);
    await screenshot(page, 'tab-reach-after-install-1280');

    // The pairs' health says it too: in the headline and next to each name.
    await page.getByTestId('cohort-tab-health').click();
    await page.getByTestId('health-table').waitFor();
    await expect(page.getByTestId('health-summary').textContent()).resolves.toMatch(
      /\d+ people are not reachable in Teams yet/,
    );
    await expect(
      page
        .getByTestId('health-table')
        .getByTestId('health-not-reachable-mentor')
        .first()
        .textContent(),
    ).resolves.toContain('Not reachable in Teams yet');
    expect(errors).toEqual([]);
    await page.close();
  }, 600_000);

  it('fits a narrow screen and is axe-clean in every theme', async () => {
    const narrow = await openParticipants(375);
    await expectNoHorizontalOverflow(narrow.page);
    await screenshot(narrow.page, 'tab-reach-participants-375');
    await narrow.page.close();
    const findings: Record<string, unknown[]> = {};
    for (const theme of THEMES) {
      const { page } = await openParticipants(1280, theme);
      findings[`${theme} participants`] = await settledAxeFindings(page);
      await page.getByTestId('cohort-tab-health').click();
      await page.getByTestId('health-table').waitFor();
      findings[`${theme} health`] = await settledAxeFindings(page);
      await page.close();
    }
    expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, []])));
  }, 600_000);
});
