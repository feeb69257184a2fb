import { accessSync, constants } from 'node:fs';

/**
 * Where the browser tests find a Chromium: CHROMIUM_PATH when set, else the usual Debian and
 * Chrome locations. The test run never downloads a browser of its own.
 */
export const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export const INSTALL_HINT =
  "No Chromium for the browser tests: install Debian's chromium (apt-get install -y chromium) " +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** What the machine offers, so the decision can be tested without touching it. */
export interface BrowserHost {
  env: NodeJS.ProcessEnv;
  isExecutable(path: string): boolean;
  isRoot: boolean;
  hasApt: boolean;
}

export type BrowserPlan =
  { kind: 'found'; path: string } | { kind: 'install' } | { kind: 'missing'; message: string };

/** Finds a browser, or says whether the run may install Debian's chromium itself. */
export function planBrowser(host: BrowserHost): BrowserPlan {
  const chosen = host.env.CHROMIUM_PATH?.trim();
  if (chosen) {
    return host.isExecutable(chosen)
      ? { kind: 'found', path: chosen }
      : { kind: 'missing', message: `CHROMIUM_PATH=${chosen} is not an executable file.` };
  }
  const path = BROWSER_PATHS.find((p) => host.isExecutable(p));
  if (path) return { kind: 'found', path };
  if (host.isRoot && host.hasApt) return { kind: 'install' };
  return { kind: 'missing', message: INSTALL_HINT };
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser the tests launch; throws the one-line hint when there is none. */
export function browserPath(env: NodeJS.ProcessEnv = process.env): string {
  const plan = planBrowser({ env, isExecutable, isRoot: false, hasApt: false });
  if (plan.kind === 'found') return plan.path;
  throw new Error(plan.kind === 'missing' ? plan.message : INSTALL_HINT);
}
