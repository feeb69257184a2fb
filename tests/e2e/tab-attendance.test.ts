import type { Locator, Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import type { AttendanceRegister } from '../../bot/src/contracts/calendar-attendance';
import { THEMES } from '../support/axe';
import { screenshot } from '../support/browser';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import {
  eventually,
  expectNoHorizontalOverflow,
  fetchAs,
  openTab,
  settledAxeFindings,
} from '../support/tab-page';

/**
 * The programme team records who attended a past peer support meeting in the tab (issue 16):
 * a dialog of the invited people's names as checkboxes, saved with the register's ETag; when
 * someone else saved the register meanwhile, theirs is shown and the ticks made here are kept,
 * and saving again replaces theirs. Axe-clean with the conflict showing.
 */

const PRIYA = {
  userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01',
  name: 'Priya Shah',
  email: 'priya.shah@demo.nhs.example',
};
const SESSION = 'Peer support, last month';

let harness: TabHarness;
let service: RunningService;
let cohortId: string;
const sessionId = 'past-peer-support';

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const me = (await (await fetchAs(service.url, PRIYA, '/api/me')).json()) as {
    coordinatedCohorts: { id: string }[];
  };
  cohortId = me.coordinatedCohorts[0]!.id;
  // A session that has already happened: the API creates no event in the past, so it is planted
  // in storage as one created before it took place.
  const start = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  await service.parts.repos.events.create({
    id: sessionId,
    cohortId,
    type: 'peer_support',
    title: SESSION,
    description: '',
    audience: 'everyone',
    start: start.toISOString(),
    end: new Date(start.getTime() + 3600 * 1000).toISOString(),
    location: 'Room 2',
    createdBy: PRIYA.userId,
    updatedAt: new Date(start.getTime() - 7 * 24 * 3600 * 1000).toISOString(),
  });
});

afterAll(() => harness?.stop());

const registerPath = () => `/api/cohorts/${cohortId}/events/${sessionId}/attendance`;

async function registerNow(): Promise<AttendanceRegister> {
  return (await (await fetchAs(service.url, PRIYA, registerPath())).json()) as AttendanceRegister;
}

/** A person's checkbox in the dialog, found by their name as its label. */
function box(page: Page, person: { displayName: string }): Locator {
  return page
    .getByTestId('attendance-dialog')
    .getByRole('checkbox', { name: person.displayName, exact: true });
}

describe('Recording attendance at a programme session in the tab', () => {
  it('saves ticks with the ETag, shows a conflicting save and keeps the ticks', async () => {
    const invited = (await registerNow()).people;
    expect(invited.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = invited;

    const { page, errors } = await openTab(harness, {
      query: `view=personal&calendar=${cohortId}`,
      as: PRIYA.userId,
      context: { timezoneId: 'Europe/London', locale: 'en-GB' },
    });
    await page.getByTestId('calendar').waitFor();
    await page.getByTestId('past-toggle').click();
    const card = page.locator(`[data-event-title="${SESSION}"]`);
    await card.getByRole('button', { name: `Record attendance: ${SESSION}`, exact: true }).click();
    const dialog = page.getByTestId('attendance-dialog');
    await dialog.getByTestId('attendance-form').waitFor();
    // Every invited person, by name, none ticked yet.
    for (const p of invited) await expect(box(page, p).isChecked()).resolves.toBe(false);
    await box(page, first!).check();
    await box(page, second!).check();

    // Meanwhile someone else saves the register: only the third person attended.
    const theirs = await fetchAs(service.url, PRIYA, registerPath(), {
      method: 'PUT',
      body: JSON.stringify({ marks: [{ participantId: third!.participantId, attended: true }] }),
    });
    expect(theirs.status).toBe(200);

    await dialog.getByTestId('attendance-save').click();
    const conflict = dialog.getByTestId('attendance-conflict');
    await eventually(() => conflict.textContent(), '1 of', { contains: true });
    // Nothing of ours was saved, and our ticks are still there.
    expect((await registerNow()).people.filter((p) => p.attended).length).toBe(1);
    await expect(box(page, first!).isChecked()).resolves.toBe(true);
    await expect(box(page, second!).isChecked()).resolves.toBe(true);
    await expect(box(page, third!).isChecked()).resolves.toBe(false);
    expect(await settledAxeFindings(page)).toEqual([]);
    await screenshot(page, 'tab-attendance-conflict-1280');

    // Saving again replaces theirs, over the version the conflict showed.
    await dialog.getByTestId('attendance-save').click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(
      () => page.getByTestId('calendar-announcement').textContent(),
      `Saved attendance for ${SESSION}: 2 of ${invited.length} attended.`,
      { contains: true },
    );
    const saved = await registerNow();
    const attended = saved.people.filter((p) => p.attended).map((p) => p.participantId);
    expect(attended.sort()).toEqual([first!.participantId, second!.participantId].sort());
    expect(saved.people.every((p) => p.attended !== null)).toBe(true);
    expect(errors.filter((e) => !e.includes('status of 412'))).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility findings in any theme, and fits Teams mobile width', async () => {
    for (const [theme, width] of THEMES.map((t, i) => [t, i === 0 ? 375 : 1280] as const)) {
      const { page, errors } = await openTab(harness, {
        query: `view=personal&calendar=${cohortId}&theme=${theme}`,
        as: PRIYA.userId,
        width,
      });
      await page.getByTestId('calendar').waitFor();
      await page.getByTestId('past-toggle').click();
      await page.locator(`[data-event-title="${SESSION}"]`).getByTestId('event-attendance').click();
      await page.getByTestId('attendance-people').waitFor();
      expect({ theme, findings: await settledAxeFindings(page) }).toEqual({ theme, findings: [] });
      if (width === 375) {
        await expectNoHorizontalOverflow(page);
        await screenshot(page, 'tab-attendance-375');
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
