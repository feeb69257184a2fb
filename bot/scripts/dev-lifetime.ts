import { readFileSync } from 'node:fs';

/**
 * `npm run dev` is a chain of processes (npm → sh → tsx → this script), and a hard stop of npm
 * (kill -9) ends npm alone: the rest would keep running and hold the ports. This watches the
 * chain above the script, up to the npm that started it, and calls `stop` as soon as any of them
 * is gone. Linux reads the chain from /proc; elsewhere only the direct parent is watched.
 */

const MAX_LEVELS = 5;
const POLL_MS = 500;

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The processes above this one, up to the npm that ran the script (or the direct parent). */
export function ancestorsToWatch(): number[] {
  const chain: number[] = [];
  for (let pid: number | undefined = process.ppid; pid && chain.length < MAX_LEVELS;) {
    chain.push(pid);
    if (/(^|\/)npm(-cli\.js)?\b|npm run/.test(commandOf(pid))) return chain;
    pid = parentOf(pid);
  }
  return [process.ppid];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Calls `stop` once, when a process of the chain above is gone. */
export function stopWithAncestors(stop: () => void): void {
  const chain = ancestorsToWatch();
  const timer = setInterval(() => {
    if (chain.every(isAlive)) return;
    clearInterval(timer);
    stop();
  }, POLL_MS);
  timer.unref();
}
