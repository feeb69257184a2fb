import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { type AxeFinding, seriousAxeFindings } from './axe';
import { watchConsole } from './browser';
import type { TabHarness } from './tab-harness';
import { devToken } from './test-service';

/** A page of the tab, with the console errors and uncaught page errors it has logged so far. */
export interface TabPage {
  page: Page;
  errors: string[];
}

export interface OpenTabOptions {
  /** The address after `/tab/index.html?`, such as `view=personal&theme=dark`. */
  query: string;
  width?: number;
  height?: number;
  /** The demo person (their user id) to sign in as on the development sign-in page. */
  as?: string;
  /** More for the new page: time zone, locale, downloads. */
  context?: Omit<BrowserContextOptions, 'viewport'>;
}

/** Opens the tab in a new page of the harness's browser, watching its console from the start. */
export async function openTab(
  harness: Pick<TabHarness, 'service' | 'session'>,
  { query, width = 1280, height = 900, as, context }: OpenTabOptions,
): Promise<TabPage> {
  const page = await harness.session.browser.newPage({ viewport: { width, height }, ...context });
  // Waits are on conditions; a generous limit only matters on a busy machine.
  page.setDefaultTimeout(60_000);
  const errors = watchConsole(page);
  await page.goto(`${harness.service.url}/tab/index.html?${query}`);
  if (as) await signInAs(page, as);
  return { page, errors };
}

/** Picks a demo person on the development sign-in page. */
export async function signInAs(page: Page, userId: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
  await page.getByTestId(`dev-user-${userId}`).click();
}

/** The page never scrolls sideways: whatever is wide scrolls inside its own box. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
}

/**
 * axe's serious findings once Fluent's hover and enable transitions have finished (colours are
 * measured then), each target with the start of its HTML so a failure says what to fix.
 */
export async function settledAxeFindings(page: Page): Promise<(AxeFinding & { html: string[] })[]> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  const findings = await seriousAxeFindings(page);
  return Promise.all(
    findings.map(async (f) => ({
      ...f,
      html: await page.evaluate(
        (targets) =>
          targets.map((t) => document.querySelector(t)?.outerHTML.slice(0, 300) ?? '(gone)'),
        f.targets,
      ),
    })),
  );
}

/** The words that describe an input (its Field's validation message and hint). */
export async function describedBy(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/**
 * Waits until `read` gives `expected`: for text the same text (or, with `contains`, text that
 * holds it), for a RegExp a match. After `within` milliseconds it fails with the last reading.
 */
export async function eventually(
  read: () => Promise<string | null>,
  expected: string | RegExp,
  { within = 5000, contains = false }: { within?: number; contains?: boolean } = {},
): Promise<void> {
  const matches = (value: string | null) =>
    typeof expected !== 'string'
      ? expected.test(value ?? '')
      : contains
        ? (value ?? '').includes(expected)
        : value === expected;
  const until = Date.now() + within;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await read();
    if (matches(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (typeof expected !== 'string') expect(last).toMatch(expected);
  else if (contains) expect(last).toContain(expected);
  else expect(last).toBe(expected);
}

/** Chromium logs every non-2xx response as a console error; this matches a 400 or a 403. */
export const refused = (status: number) =>
  new RegExp(`status of ${status} \\((Bad Request|Forbidden)\\)`);

/** A request to the service as a demo person, signed in with a development token. */
export async function fetchAs(
  baseUrl: string,
  who: { userId: string; name: string; email?: string },
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const token = await devToken(baseUrl, who);
  return fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}
