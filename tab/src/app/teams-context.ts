import type { app } from '@microsoft/teams-js';

/**
 * teams-js is loaded only when a host may be present: it is a separate chunk, and on import it
 * fetches Microsoft's list of valid host origins, which a plain browser never needs.
 */
type TeamsJs = typeof import('@microsoft/teams-js');
export const loadTeamsJs = (): Promise<TeamsJs> => import('@microsoft/teams-js');

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: TeamsTheme;
  locale: string;
  /** Where the tab is shown: content (personal or channel tab), settings (config page)… */
  frameContext: string;
  user: { id: string; displayName?: string; userPrincipalName?: string; tenantId?: string };
  channel?: { id: string; displayName?: string };
  team?: { internalId: string; groupId?: string; displayName?: string };
  /** Calls `listener` whenever the person switches Teams theme; returns an unsubscribe. */
  onThemeChange(listener: (theme: TeamsTheme) => void): () => void;
  /** Tells Teams the tab has loaded, so it hides its own loading indicator. */
  notifyLoaded(): void;
}

/** Teams also has 'glass'; anything we don't know is shown with the light theme. */
export function toTeamsTheme(value: string | undefined): TeamsTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** Resolves to `undefined` if `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Are we running inside a Microsoft Teams (or Microsoft 365) host? Teams shows tabs in an
 * iframe on desktop and web, and in a frameless web view with a native bridge on mobile.
 * A plain browser tab answers neither, and `app.initialize()` would wait forever for a host.
 */
function mayBeHosted(): boolean {
  const w = window as Window & { nativeInterface?: unknown };
  let framed: boolean;
  try {
    framed = w.self !== w.top;
  } catch {
    framed = true; // A cross-origin parent forbids access to window.top: that is a host frame.
  }
  return framed || Boolean(w.opener) || w.nativeInterface !== undefined;
}

/**
 * Connects to Teams if the tab runs inside it and returns the host's context; returns null
 * outside Teams (a plain browser during local development).
 */
export async function detectTeams(timeoutMs = 4000): Promise<TeamsHost | null> {
  if (!mayBeHosted()) return null;
  try {
    const teams = await loadTeamsJs();
    const initialised = await within(
      teams.app.initialize().then(() => true),
      timeoutMs,
    );
    if (!initialised) return null;
    const context = await teams.app.getContext();
    return hostFrom(teams, context);
  } catch {
    return null;
  }
}

function hostFrom({ app }: TeamsJs, context: app.Context): TeamsHost {
  const listeners = new Set<(theme: TeamsTheme) => void>();
  app.registerOnThemeChangeHandler((theme) => {
    const next = toTeamsTheme(theme);
    for (const listener of listeners) listener(next);
  });
  let loaded = false;

  return {
    theme: toTeamsTheme(context.app.theme),
    locale: context.app.locale,
    frameContext: context.page.frameContext,
    user: {
      id: context.user?.id ?? '',
      displayName: context.user?.displayName,
      userPrincipalName: context.user?.userPrincipalName,
      tenantId: context.user?.tenant?.id,
    },
    channel: context.channel
      ? { id: context.channel.id, displayName: context.channel.displayName }
      : undefined,
    team: context.team
      ? {
          internalId: context.team.internalId,
          groupId: context.team.groupId,
          displayName: context.team.displayName,
        }
      : undefined,
    onThemeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notifyLoaded() {
      if (loaded) return;
      loaded = true;
      app.notifySuccess().catch(() => undefined);
    },
  };
}
