/** The development sign-in, kept for this browser tab only (sessionStorage). */
export interface DevSession {
  token: string;
  /** ISO date-time. */
  expiresAt: string;
  user: { userId: string; name: string; email?: string };
}

const KEY = 'reverse-mentoring.dev-session';
/** Treat a token as expired a minute early so a call never races its expiry. */
const SKEW_MS = 60_000;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // Storage can be blocked (privacy settings, sandboxed frames).
  }
}

export function loadDevSession(now = Date.now()): DevSession | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as DevSession;
    const expires = Date.parse(session.expiresAt);
    if (typeof session.token !== 'string' || !(expires - SKEW_MS > now)) {
      clearDevSession();
      return null;
    }
    return session;
  } catch {
    clearDevSession();
    return null;
  }
}

export function saveDevSession(session: DevSession): void {
  storage()?.setItem(KEY, JSON.stringify(session));
}

export function clearDevSession(): void {
  storage()?.removeItem(KEY);
}
