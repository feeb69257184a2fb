import { spawnSync } from 'node:child_process';
import { BROWSER_PATHS, type BrowserPlan, isExecutable, planBrowser } from './find-browser';

/**
 * Run before the tests (npm's pretest): makes sure the browser tests have a Chromium. When none
 * is found and this runs as root with apt, it installs Debian's chromium; otherwise it stops at
 * once with one line saying what to install. Browser tests are never skipped.
 */
function plan(): BrowserPlan {
  return planBrowser({
    env: process.env,
    isExecutable,
    isRoot: process.getuid?.() === 0,
    hasApt: isExecutable('/usr/bin/apt-get'),
  });
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

const first = plan();
if (first.kind === 'missing') {
  console.error(first.message);
  process.exit(1);
}
if (first.kind === 'install') {
  console.log("No Chromium found for the browser tests: installing Debian's chromium (apt-get)");
  const installed =
    run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']);
  const after = plan();
  if (!installed || after.kind !== 'found') {
    console.error(
      `Installing chromium failed; install it by hand (apt-get install -y chromium) or set CHROMIUM_PATH. Looked in ${BROWSER_PATHS.join(', ')}.`,
    );
    process.exit(1);
  }
  console.log(`Browser tests will use ${after.path}`);
}
