import { BROWSER_PATHS, INSTALL_HINT, planBrowser } from '../support/find-browser';

/** The test run finds a browser by itself, installs one when it may, or says what to install. */
describe('finding a browser for the browser tests', () => {
  const host = (present: string[], extra: Partial<Parameters<typeof planBrowser>[0]> = {}) => ({
    env: {},
    isExecutable: (p: string) => present.includes(p),
    isRoot: false,
    hasApt: false,
    ...extra,
  });

  it("uses Debian's chromium where it is", () => {
    expect(planBrowser(host(['/usr/bin/chromium']))).toEqual({
      kind: 'found',
      path: '/usr/bin/chromium',
    });
  });

  it('finds Google Chrome in its usual place when there is no chromium', () => {
    expect(planBrowser(host(['/opt/google/chrome/chrome']))).toEqual({
      kind: 'found',
      path: '/opt/google/chrome/chrome',
    });
  });

  it('prefers CHROMIUM_PATH, and names it when it is not there', () => {
    const env = { CHROMIUM_PATH: '/tmp/my-chrome' };
    expect(planBrowser(host(['/tmp/my-chrome', ...BROWSER_PATHS], { env }))).toEqual({
      kind: 'found',
      path: '/tmp/my-chrome',
    });
    const plan = planBrowser(host(BROWSER_PATHS, { env }));
    expect(plan).toEqual({
      kind: 'missing',
      message: 'CHROMIUM_PATH=/tmp/my-chrome is not an executable file.',
    });
  });

  it('installs chromium itself only as root with apt', () => {
    expect(planBrowser(host([], { isRoot: true, hasApt: true }))).toEqual({ kind: 'install' });
    expect(planBrowser(host([], { isRoot: true, hasApt: false }))).toEqual({
      kind: 'missing',
      message: INSTALL_HINT,
    });
    expect(planBrowser(host([], { isRoot: false, hasApt: true }))).toEqual({
      kind: 'missing',
      message: INSTALL_HINT,
    });
  });

  it('says in one line what to install', () => {
    expect(INSTALL_HINT).not.toContain('\n');
    expect(INSTALL_HINT).toContain('apt-get install -y chromium');
    expect(INSTALL_HINT).toContain('CHROMIUM_PATH');
  });
});
