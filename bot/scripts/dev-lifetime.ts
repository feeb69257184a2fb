import { existsSync, readFileSync } from 'node:fs';

/**
 * `npm run dev` is a chain of processes (npm → sh → tsx → this script), and a hard stop of npm
 * (kill -9) ends npm alone: the rest would keep running and hold the ports. This watches the
 * chain above the script, up to the npm that started it, and calls `stop` as soon as any of them
 * is gone. Linux reads the chain from /proc; elsewhere only the direct parent is watched.
 */

const MAX_LEVELS = 5;
const POLL_MS = 500;

/** A process's state letter and parent, from /proc/<pid>/stat; undefined once it is gone. */
function statOf(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const ppid = statOf(pid)?.ppid;
  return ppid !== undefined && Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * The processes above this one, up to the npm that ran the script (or the direct parent), and
 * whether that npm was found.
 */
export function ancestorsToWatch(): { chain: number[]; foundNpm: boolean } {
  const chain: number[] = [];
  for (let pid: number | undefined = process.ppid; pid && chain.length < MAX_LEVELS;) {
    chain.push(pid);
    if (/(^|\/)npm(-cli\.js)?\b|npm run/.test(commandOf(pid))) return { chain, foundNpm: true };
    pid = parentOf(pid);
  }
  return { chain: [process.ppid], foundNpm: false };
}

/**
 * Whether a process of the chain still stands where it stood: running (not gone, not a zombie
 * its parent has yet to reap) and, below the top, still the child of the same parent (a process
 * whose parent died is handed to another). Without /proc, only whether the pid exists.
 */
function stillInPlace(pid: number, parent: number | undefined): boolean {
  const stat = statOf(pid);
  if (stat) return stat.state !== 'Z' && (parent === undefined || stat.ppid === parent);
  try {
    process.kill(pid, 0);
    return !existsSync('/proc/self/stat');
  } catch {
    return false;
  }
}

/** Calls `stop` once, when a process of the chain above is gone. */
export function stopWithAncestors(stop: () => void): void {
  const { chain, foundNpm } = ancestorsToWatch();
  // Run by npm (its user agent says so) but no npm above: it is gone already.
  const byNpm = process.env.npm_config_user_agent?.startsWith('npm/') === true;
  if (!foundNpm && byNpm && existsSync('/proc/self/stat')) {
    setImmediate(stop);
    return;
  }
  // Each process with the parent it had at the start (the top one's parent may change freely).
  const watched = chain.map((pid, i) => ({ pid, parent: chain[i + 1] }));
  const timer = setInterval(() => {
    if (watched.every((w) => stillInPlace(w.pid, w.parent))) return;
    clearInterval(timer);
    stop();
  }, POLL_MS);
  timer.unref();
}
