import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EvaluationPlanDetail } from '../../bot/src/contracts/evaluation-api';
import type { Answer, SurveyKind } from '../../bot/src/contracts/evaluation';
import {
  type EqualityBreakdowns,
  type EvaluationResults,
  type PublishedTable,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import {
  CHOICE_COLUMNS,
  EARLY_END_GROUPS,
  MEETING_BANDS,
  type ParticipationResults,
} from '../../bot/src/contracts/evaluation-participation';
import { CHANGED_BY_PARTS, DEFAULT_CADENCE } from '../../bot/src/contracts/cohorts';
import { EvaluationRepository } from '../../bot/src/features/evaluation/store/evaluation-repository';
import { TableStore } from '../../bot/src/platform/storage/table-store';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  eventually,
  expectNoHorizontalOverflow,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * Outcomes in the tab (issue 16): the programme team's "Outcomes" tab and a sponsor's view of a
 * cohort they sponsor, over answers seeded in the real Azurite. Shown figures with a chart and its
 * table; a cohort of four people shows "Hidden" and no number; a sponsor sees no names; the
 * charts are not in the initial JS; axe-clean in light and dark.
 */

// The demo programme admin and the demo sponsor (bot/src/features/dev/demo-cohort.ts).
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const MARTIN = { userId: '8d4a2b63-9e5f-4cab-b2a1-1e6f7d8c9b02', name: 'Martin Hale' };

/** The mentors' feedback before → after (median 2 → 3.5, median change +1.5). */
const FEEDBACK_BEFORE = [2, 2, 3, 3, 1, 2];
const FEEDBACK_AFTER = [3, 4, 3, 5, 2, 5];
const PLANTED_TEXT = 'PLANTED-OUTCOME-7Q said something only they should read';
const nameOf = (cohort: string, i: number, role: string) =>
  `Zebedee${cohort}${role}${i} Quillfeather`;

/** A published table from its counts, totals included; null is a hidden cell. */
function table(rows: string[], columns: string[], cells: (number | null)[][]): PublishedTable {
  return {
    rows,
    columns,
    cells: cells.map((row) =>
      row.map((c) => (c === null ? { shown: false } : { shown: true, count: c })),
    ),
  };
}

/** Participation measures as the service will publish them (the lead wires the facts later). */
const PARTICIPATION: ParticipationResults = {
  minGroupSize: 5,
  meetings: {
    plannedPerPair: 6,
    minimumPerPair: 4,
    pairsByBand: table(
      ['pairs'],
      [...MEETING_BANDS],
      [
        [7, 5, null, null, 14],
        [7, 5, null, null, 14],
      ],
    ),
    total: { shown: true, pairs: 14, planned: 84, held: 71 },
  },
  attendance: {
    sessions: [
      { eventId: 'e1', type: 'peer_support' },
      { eventId: 'e2', type: 'action_learning_set' },
    ],
    table: table(
      ['e1', 'e2'],
      ['attended', 'did_not_attend'],
      [
        [21, 7, 28],
        [19, 9, 28],
        [40, 16, 56],
      ],
    ),
  },
  earlyEndings: table(
    [...CHANGED_BY_PARTS],
    [...EARLY_END_GROUPS],
    Array.from({ length: 4 }, () => Array.from({ length: 7 }, () => null)),
  ),
  continueOrFinish: table(
    ['mentor', 'mentee'],
    [...CHOICE_COLUMNS],
    [
      [9, 5, null, 14],
      [8, 6, null, 14],
      [17, 11, null, 28],
    ],
  ),
  actions: { shown: true, pairs: 14, agreed: 63, completed: 41 },
};

let harness: TabHarness;
let url: string;
const ids = { big: '', small: '' };

/** A finished cohort in the past with `pairs` completed pairs, all of whom answered. */
async function seedCohort(key: 'big' | 'small', name: string, pairs: number): Promise<string> {
  const { repos } = harness.service.parts;
  const store = new TableStore({
    kind: 'connection-string',
    connectionString: harness.storage.connectionString,
  });
  const evaluation = new EvaluationRepository(store);
  const cohortId = `outcomes-${key}-0000-4000-8000-000000000000`;
  await repos.cohorts.create({
    id: cohortId,
    name,
    startDate: '2026-03-02',
    endDate: '2026-08-28',
    cadence: DEFAULT_CADENCE,
    isDemo: false,
    createdBy: PRIYA.userId,
    createdAt: '2026-02-01T09:00:00Z',
  });
  const people = Array.from({ length: pairs }, (_, i) =>
    (['mentor', 'mentee'] as const).map((role) => ({
      id: `${key}-${role}-${i}`,
      cohortId,
      displayName: nameOf(key, i, role),
      email: `${key}.${role}.${i}@trust.nhs.example`,
      role,
      createdAt: '2026-02-01T09:00:00Z',
    })),
  );
  await repos.participants.createMany(cohortId, people.flat());
  await repos.pairs.createMany(
    cohortId,
    people.map(([mentor, mentee], i) => ({
      id: `${key}-pair-${i}`,
      cohortId,
      mentorId: mentor!.id,
      menteeId: mentee!.id,
      arrangement: 'reverse' as const,
      state: 'completed' as const,
      createdAt: '2026-03-02T09:00:00Z',
      updatedAt: '2026-08-28T09:00:00Z',
    })),
  );
  const admin = await devToken(url, PRIYA);
  const plan = await call<EvaluationPlanDetail>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/evaluation/plan`,
    { token: admin },
  );
  expect(plan.status).toBe(200);
  for (const survey of ['baseline', 'final'] as const satisfies SurveyKind[]) {
    const items = plan.body.plan.surveys[survey].items;
    const rows = people.flatMap((pair, i) =>
      pair.map((person) => {
        const mine = items.filter((it) => it.audience === 'both' || it.audience === person.role);
        const answers: Answer[] = mine.map((item) => {
          if (item.kind === 'text') {
            return { itemId: item.id, kind: 'text', text: PLANTED_TEXT, mayQuote: true };
          }
          const feedback = person.role === 'mentor' && item.domain === 'feedback';
          const before = survey === 'baseline';
          const value = feedback
            ? (before ? FEEDBACK_BEFORE : FEEDBACK_AFTER)[i % 6]!
            : before
              ? 2
              : 3;
          return { itemId: item.id, kind: 'scale', value };
        });
        return {
          cohortId,
          survey,
          participantId: person.id,
          role: person.role,
          planVersion: plan.body.plan.version,
          state: 'submitted' as const,
          answers,
          savedAt: survey === 'baseline' ? '2026-03-05T10:00:00Z' : '2026-08-30T10:00:00Z',
          submittedAt: survey === 'baseline' ? '2026-03-05T10:00:00Z' : '2026-08-30T10:00:00Z',
        };
      }),
    );
    await evaluation.createResponses(cohortId, survey, rows);
  }
  return cohortId;
}

beforeAll(async () => {
  harness = await startTabHarness();
  url = harness.service.url;
  ids.big = await seedCohort('big', 'Outcomes big cohort', 6);
  ids.small = await seedCohort('small', 'Outcomes small cohort', 2);
  const granted = await call(url, 'POST', '/api/roles', {
    token: await devToken(url, PRIYA),
    json: { role: 'sponsor', cohortId: ids.big, userId: MARTIN.userId, name: MARTIN.name },
  });
  expect(granted.status).toBe(201);
}, 300_000);

afterAll(() => harness?.stop());

async function openOutcomes(cohortId: string, theme = 'default') {
  const tab = await openTab(harness, {
    query: `view=personal&theme=${theme}&cohort=${cohortId}`,
    as: PRIYA.userId,
  });
  await tab.page.getByTestId('cohort-tab-outcomes').click();
  await tab.page.getByTestId('domains-table').waitFor();
  return tab;
}

describe('outcomes in the tab', () => {
  it('shows the programme team the figures, a chart with its table, and the report buttons', async () => {
    const { page, errors } = await openOutcomes(ids.big);
    const outcomes = page.getByTestId('outcomes');
    const mentors = outcomes.getByTestId('domain-feedback-mentor');
    await eventually(() => mentors.textContent(), /Feedback\s*Mentors\s*2\s*3\.5\s*\+1\.5\s*p = /);
    await expect(mentors.locator('td').last().textContent()).resolves.toBe('6');
    // A cohort whose rows are still there says nothing about a kept summary.
    expect(await outcomes.getByTestId('outcomes-retained').count()).toBe(0);
    // The items carry the plan's words.
    await expect(outcomes.getByTestId('items-table').textContent()).resolves.toContain(
      'How confident are you giving honest feedback',
    );
    // A chart, its one-sentence alternative and the table of its numbers.
    const medians = outcomes.getByTestId('chart-medians');
    await medians.locator('svg').first().waitFor();
    await expect(medians.getByTestId('chart-medians-summary').textContent()).resolves.toMatch(
      /^Median confidence before and after for everyone, in 7 domains: it rose in 7/,
    );
    await expect(
      medians.getByTestId('chart-medians-table').locator('tbody tr').count(),
    ).resolves.toBe(7);
    await outcomes.getByTestId('chart-rates-table').waitFor();
    // Free text reaches the programme team only as quotes its authors allowed, without names.
    const quotes = outcomes.getByTestId('quotes');
    await quotes.getByTestId('quotes-final').waitFor();
    await expect(quotes.getByTestId('quotes-final').locator('li').count()).resolves.toBe(12);
    await expect(quotes.textContent()).resolves.not.toMatch(/Quillfeather|Zebedee/);
    const text = (await outcomes.textContent()) ?? '';
    const outsideQuotes = text.replace((await quotes.textContent()) ?? '', '');
    expect(outsideQuotes).not.toContain('PLANTED-OUTCOME');
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-outcomes-1280');

    // The reports are fetched with the tab's sign-in, from the report routes.
    for (const format of ['pdf', 'csv']) {
      const request = page.waitForRequest((r) =>
        r.url().endsWith(`/api/cohorts/${ids.big}/evaluation/report.${format}`),
      );
      await outcomes.getByTestId(`report-${format}`).click();
      const sent = await request;
      expect(await sent.headerValue('authorization')).toMatch(/^Bearer /);
      await eventually(() => outcomes.getByTestId('report-status').textContent(), /\S/);
    }
    // Until the report routes are merged they may answer 404; nothing else may fail.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });

  it('shows "Hidden" and no figure anywhere for a cohort of four people', async () => {
    const { page, errors } = await openOutcomes(ids.small);
    const outcomes = page.getByTestId('outcomes');
    await outcomes.getByTestId('chart-medians-summary').waitFor();
    await expect(outcomes.getByTestId('figure-hidden').first().textContent()).resolves.toBe(
      'Hidden: fewer than 5 people',
    );
    await expect(outcomes.locator('svg').count()).resolves.toBe(0);
    for (const row of await outcomes.getByTestId('domains-table').locator('tbody tr').all()) {
      await expect(row.textContent()).resolves.toContain('Hidden: fewer than 5 people');
    }
    // Apart from the threshold itself, not a single number is on show: no median, no count.
    const text = ((await outcomes.textContent()) ?? '').replaceAll('5 people', '');
    expect(text).not.toMatch(/\d/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a sponsor their cohort’s outcomes, no names and no questions', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: MARTIN.userId });
    const card = page.getByTestId(`sponsored-cohort-${ids.big}`);
    await card.getByTestId('sponsor-outcomes-toggle').click();
    const mentors = card.getByTestId('domain-feedback-mentor');
    await eventually(() => mentors.textContent(), /Feedback\s*Mentors\s*2\s*3\.5\s*\+1\.5/);
    await card.getByTestId('chart-medians-table').waitFor();
    await expect(card.getByTestId('items-table').count()).resolves.toBe(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Quillfeather');
    expect(text).not.toContain('Zebedee');
    expect(text).not.toContain('PLANTED-OUTCOME');
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-outcomes-sponsor-1280');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility findings in the dark and high-contrast themes', async () => {
    for (const theme of ['dark', 'contrast']) {
      const { page, errors } = await openOutcomes(ids.big, theme);
      await page.getByTestId('chart-medians').locator('svg').first().waitFor();
      expect(await settledAxeFindings(page)).toEqual([]);
      await screenshot(page, `tab-outcomes-${theme}-1280`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('fits a narrow screen: the sponsor’s outcomes scroll inside their boxes', async () => {
    const { page, errors } = await openTab(harness, {
      query: 'view=personal',
      width: 375,
      as: MARTIN.userId,
    });
    const card = page.getByTestId(`sponsored-cohort-${ids.big}`);
    await card.getByTestId('sponsor-outcomes-toggle').click();
    await card.getByTestId('chart-medians').locator('svg').first().waitFor();
    await card.getByTestId('domains-table').waitFor();
    await expectNoHorizontalOverflow(page);
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-outcomes-sponsor-375');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the participation measures when the results carry them', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${ids.big}`,
      as: PRIYA.userId,
    });
    // The real results, with a published sample of the measures the service will add.
    await page.route(`**/api/cohorts/${ids.big}/evaluation/results`, async (route) => {
      const real = (await (await route.fetch()).json()) as EvaluationResults;
      const sample = evaluationResultsSchema.parse({ ...real, participation: PARTICIPATION });
      await route.fulfill({ json: sample });
    });
    await page.getByTestId('cohort-tab-outcomes').click();
    const part = page.getByTestId('participation');
    await expect(part.getByTestId('participation-meetings').textContent()).resolves.toBe(
      'Meetings held: 71 of 84 planned, over 14 pairs (6 planned per pair, at least 4).',
    );
    const bands = part.getByTestId('participation-bands');
    await expect(bands.locator('thead').textContent()).resolves.toContain(
      'Held every planned meeting',
    );
    await expect(bands.locator('tbody tr').first().textContent()).resolves.toBe(
      'Pairs75Hidden: fewer than 5 peopleHidden: fewer than 5 people14',
    );
    await expect(
      part.getByTestId('participation-attendance').locator('tbody tr').first().textContent(),
    ).resolves.toBe('Peer support meeting 121728');
    const endings = (await part.getByTestId('participation-endings').textContent()) ?? '';
    expect(endings).toContain('Ended by the programme team');
    expect(endings).not.toMatch(/\d(?! people)/);
    await expect(
      part.getByTestId('participation-choice').locator('tbody tr').nth(1).textContent(),
    ).resolves.toBe('Mentees86Hidden: fewer than 5 people14');
    await expect(part.getByTestId('participation-actions').textContent()).resolves.toBe(
      'Actions: 41 of 63 agreed actions completed, over 14 pairs.',
    );
    expect(await settledAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says when the figures are the summary kept after the cohort’s personal data went', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${ids.big}`,
      as: PRIYA.userId,
    });
    await page.route(`**/api/cohorts/${ids.big}/evaluation/results`, async (route) => {
      const real = (await (await route.fetch()).json()) as EvaluationResults;
      const kept = evaluationResultsSchema.parse({ ...real, retainedAt: '2028-09-02T02:00:05Z' });
      await route.fulfill({ json: kept });
    });
    await page.getByTestId('cohort-tab-outcomes').click();
    await expect(page.getByTestId('outcomes-retained').textContent()).resolves.toBe(
      'These are the figures kept when the cohort’s personal data was deleted, on 2 September 2028: they will not change.',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the equality breakdowns: a table whole, a withheld one in words only', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${ids.big}`,
      as: PRIYA.userId,
    });
    const breakdowns: EqualityBreakdowns = {
      minGroupSize: 5,
      categories: [
        { category: 'ethnicity', table: { withheld: true } },
        {
          category: 'disability',
          table: {
            withheld: false,
            ...table(
              ['yes', 'not-shared'],
              ['completed', 'ended_early'],
              [
                [6, 5, 11],
                [7, 5, 12],
                [13, 10, 23],
              ],
            ),
          },
        },
      ],
    };
    await page.route(`**/api/cohorts/${ids.big}/evaluation/results`, async (route) => {
      const real = (await (await route.fetch()).json()) as EvaluationResults;
      await route.fulfill({ json: evaluationResultsSchema.parse({ ...real, breakdowns }) });
    });
    await page.getByTestId('cohort-tab-outcomes').click();
    const section = page.getByTestId('breakdowns');
    await expect(section.getByTestId('breakdown-ethnicity').textContent()).resolves.toBe(
      "Ethnicity: pairs by the mentor's answer. Withheld: a group here has fewer than 5 people.",
    );
    const disability = section.getByTestId('breakdown-disability');
    await expect(disability.locator('thead').textContent()).resolves.toBe(
      'CompletedEnded earlyTotal',
    );
    await expect(disability.locator('tbody tr').nth(1).textContent()).resolves.toBe(
      'Prefer not to say, or not shared7512',
    );
    expect(await settledAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the charts out of the initial JS', () => {
    const metaFile = path.join(__dirname, '../../tab/dist/build-meta.json');
    if (!existsSync(metaFile)) throw new Error('Build the tab first: npm run build:tab');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
      initialPackages: string[];
      bundledPackages: string[];
      initialFiles: { file: string }[];
      lazyChunks: { file: string }[];
      withinBudget: boolean;
    };
    expect(meta.bundledPackages).toContain('@fluentui/react-charts');
    expect(meta.initialPackages).not.toContain('@fluentui/react-charts');
    expect(meta.lazyChunks.some((c) => /outcome-charts-/.test(c.file))).toBe(true);
    expect(meta.initialFiles.some((c) => /outcome-charts-/.test(c.file))).toBe(false);
    expect(meta.withinBudget).toBe(true);
  });
});
