import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { RunningService } from '../../bot/src/app/service';
import { PRIVACY_NOTICE } from '../../bot/src/contracts/privacy';
import { type TabHarness, startTabHarness } from '../support/tab-harness';
import { openTab, settledAxeFindings } from '../support/tab-page';
import { call, devToken } from '../support/test-service';

/**
 * The privacy notice in the tab (issue 17): every section of the one notice contract, the
 * programme's contact as a programme admin set it, axe-clean without sign-in; and the link to
 * it on the application form.
 */

// Demo people, from bot/src/features/dev/demo-cohort.ts.
const PRIYA = { userId: '7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01', name: 'Priya Shah' };
const NADIA = { userId: '9e5b3c74-af60-4dbc-83b2-2f708e9dac03', name: 'Nadia Rahman' };

const CONTACT = {
  contactName: 'Gwen Programme-Lead',
  contactEmail: 'gwen.lead@demo.nhs.example',
  controllerName: 'Demo Teaching Hospitals NHS Trust',
  dpoName: 'Dev Protection',
  dpoEmail: 'dpo@demo.nhs.example',
};

let harness: TabHarness;
let service: RunningService;
let cohortId = '';

beforeAll(async () => {
  harness = await startTabHarness();
  ({ service } = harness);
  const token = await devToken(service.url, PRIYA);
  const saved = await call(service.url, 'PUT', '/api/programme/privacy-settings', {
    token,
    json: CONTACT,
  });
  expect(saved.status).toBe(200);
  const cohorts = await call<{ cohorts: { id: string; isDemo: boolean; timeZone: string }[] }>(
    service.url,
    'GET',
    '/api/cohorts',
    { token },
  );
  const demo = cohorts.body.cohorts.find((c) => c.isDemo)!;
  cohortId = demo.id;
  const local = (at: DateTime) => at.setZone(demo.timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
  const opened = await call(service.url, 'PUT', `/api/cohorts/${cohortId}/application-settings`, {
    token,
    json: {
      opensAt: local(DateTime.now().minus({ days: 1 })),
      closesAt: local(DateTime.now().plus({ days: 7 })),
      ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
      minimumBandGap: 2,
      perspectives: ['Working nights', 'Early career'],
      requireTraining: false,
      awarenessEventIds: [],
    },
  });
  expect(opened.status).toBe(200);
}, 600_000);

afterAll(() => harness?.stop());

/**
 * Opens administration once home has settled: the open cohort's card loads after home and
 * pushes the button down, and a click as it moves would land on "Apply" instead.
 */
async function openAdmin(page: Page): Promise<void> {
  await page.getByTestId(`open-cohort-${cohortId}`).waitFor();
  await page.getByTestId('open-admin').click();
}

async function expectNotice(page: Page): Promise<void> {
  const notice = page.getByTestId('info-privacy');
  await notice.waitFor();
  for (const section of PRIVACY_NOTICE) {
    await notice.getByRole('heading', { name: section.title }).waitFor();
  }
  const contact = notice.getByTestId('privacy-contact');
  await contact.getByText(CONTACT.contactName, { exact: false }).waitFor();
  const text = (await contact.textContent()) ?? '';
  expect(text).toContain(CONTACT.contactEmail);
  expect(text).toContain(CONTACT.controllerName);
  expect(text).toContain(CONTACT.dpoName);
  expect(await notice.textContent()).toContain('6 months after your cohort closes');
}

describe('the privacy notice', () => {
  it('shows every section and the programme’s contact without sign-in, axe-clean', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=privacy' });
    await expectNotice(page);
    expect(await settledAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is linked from the application form, opening in a new window', async () => {
    const { page, errors } = await openTab(harness, {
      query: `view=personal&apply=${cohortId}`,
      as: NADIA.userId,
    });
    const link = page.getByTestId('apply-privacy-link');
    await link.waitFor();
    expect(await link.getAttribute('target')).toBe('_blank');
    const [notice] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await expectNotice(notice);
    expect(notice.url()).toContain('view=privacy');
    expect(await settledAxeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a programme admin each view of an application, and exports those views for the DPO', async () => {
    const nadia = await devToken(service.url, NADIA);
    const sent = await call(
      service.url,
      'POST',
      `/api/cohorts/${cohortId}/applications/mine/submit`,
      {
        token: nadia,
        json: {
          role: 'mentor',
          arrangement: 'reverse',
          band: 'Band 3',
          organisation: 'Leicester Royal Infirmary',
          directorate: 'Emergency medicine',
          lineManager: { name: 'Lena Manager', email: 'lena.manager@demo.nhs.example' },
          perspectivesShared: ['Working nights'],
          perspectivesWanted: ['Early career'],
          meetingMode: 'online',
          availability: ['tue-am'],
          consent: true,
        },
      },
    );
    expect(sent.status).toBe(200);
    const { page, errors } = await openTab(harness, {
      query: `view=personal&cohort=${cohortId}`,
      as: PRIYA.userId,
    });
    // Opening the cohort's applications is a view of Nadia's application.
    await page.getByTestId('cohort-tab-applications').click();
    await page.getByTestId('cohort-panel-applications').getByText(NADIA.name).first().waitFor();
    await page.goto(`${service.url}/tab/index.html?view=personal`);
    await openAdmin(page);
    const view = page.getByTestId('admin-view');
    await view.getByTestId('admin-tab-audit').click();
    const row = view
      .getByTestId('audit-table')
      .locator('tr')
      .filter({ hasText: 'Viewed a person’s application' })
      .filter({ hasText: NADIA.name })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain(PRIYA.name);
    expect(await settledAxeFindings(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByTestId('audit-export-access').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes('Viewed a person’s application'))).toBe(true);
    expect(csv).toContain(NADIA.name);
    expect(csv).not.toContain('Emergency medicine');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a programme admin set the contact: problems beside fields, someone else’s save never overwritten', async () => {
    const { page, errors } = await openTab(harness, { query: 'view=personal', as: PRIYA.userId });
    await openAdmin(page);
    const view = page.getByTestId('admin-view');
    await view.getByTestId('admin-tab-privacy').click();
    const form = view.getByTestId('privacy-settings');
    const name = form.getByTestId('privacy-contactName');
    await expect(name.inputValue()).resolves.toBe(CONTACT.contactName);
    expect(await settledAxeFindings(page)).toEqual([]);

    // A bad email is refused beside its field.
    await form.getByTestId('privacy-contactEmail').fill('not an email');
    await form.getByTestId('privacy-settings-save').click();
    await form.getByText(/must be an email address/i).waitFor();

    // Someone else saves meanwhile: this save is refused, and their version is shown.
    const token = await devToken(service.url, PRIYA);
    const current = await call<{ etag: string }>(
      service.url,
      'GET',
      '/api/programme/privacy-settings',
    );
    const other = await call(service.url, 'PUT', '/api/programme/privacy-settings', {
      token,
      json: { ...CONTACT, contactName: 'Someone Else' },
      headers: { 'if-match': current.body.etag },
    });
    expect(other.status).toBe(200);
    await form.getByTestId('privacy-contactEmail').fill('new.lead@demo.nhs.example');
    await name.fill('New Lead');
    await form.getByTestId('privacy-settings-save').click();
    await form
      .getByTestId('privacy-settings-problem')
      .getByText(/Someone else changed/)
      .waitFor();
    await expect(name.inputValue()).resolves.toBe('Someone Else');

    // Made again on their version, it saves, and the notice shows it.
    await name.fill('New Lead');
    await form.getByTestId('privacy-settings-save').click();
    await form.getByTestId('privacy-settings-status').getByText(/Saved/).waitFor();
    const saved = await call<{ settings: { contactName: string } }>(
      service.url,
      'GET',
      '/api/programme/privacy-settings',
    );
    expect(saved.body.settings.contactName).toBe('New Lead');
    // Chromium logs the two refusals (the bad email, the stale save), and nothing else.
    expect(errors).toEqual([
      expect.stringMatching(/status of 400 \(Bad Request\)/),
      expect.stringMatching(/status of 412 \(Precondition Failed\)/),
    ]);
    await page.close();
  });
});
