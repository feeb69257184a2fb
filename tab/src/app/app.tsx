import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient } from './api-client';
import { AppShell } from './app-shell';
import { clearDevSession, loadDevSession, saveDevSession } from './dev-session';
import type { DevSession } from './dev-session';
import { HomeView } from '../home/home-view';
import { LocaleProvider, localeFromUrl } from '../shared/locale';
import { Loading } from '../shared/status-views';
import { detectTeams } from './teams-context';
import type { TeamsHost } from './teams-context';
import { fluentTheme, useThemeName } from './theme';
import { isInfoView } from './url-params';
import { teamsSignIn, tokenProviderFor } from './sso-credential';
import type { SignedInView, TabPage, TabView } from './url-params';

// Only one of these is needed on any page load, so each is its own chunk.
const DevSignIn = lazy(() => import('./dev-sign-in').then((m) => ({ default: m.DevSignIn })));
const ConfigPage = lazy(() => import('./config-page').then((m) => ({ default: m.ConfigPage })));
const InfoPage = lazy(() => import('./info-page').then((m) => ({ default: m.InfoPage })));

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
});

/** Inside Teams: signed in with Teams SSO. */
function TeamsTab({ host, view }: { host: TeamsHost; view: SignedInView }) {
  const client = useMemo(() => createApiClient({ getToken: tokenProviderFor(teamsSignIn()) }), []);
  return (
    <AppShell view={view}>
      <HomeView
        client={client}
        channel={view === 'channel' ? { channelId: host.channel?.id } : undefined}
      />
    </AppShell>
  );
}

const EXPIRED_NOTICE = 'Your demo sign-in has ended. Choose a person to carry on.';

/** Outside Teams (local development): sign in as a demo person first. */
function BrowserTab({ view }: { view: SignedInView }) {
  const [session, setSession] = useState<DevSession | null>(() => loadDevSession());
  const [notice, setNotice] = useState<string | undefined>();

  const signIn = useCallback((next: DevSession) => {
    saveDevSession(next);
    setNotice(undefined);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    clearDevSession();
    setSession(null);
  }, []);
  const expired = useCallback(() => {
    clearDevSession();
    setNotice(EXPIRED_NOTICE);
    setSession(null);
  }, []);

  const client = useMemo(
    () =>
      session ? createApiClient({ getToken: tokenProviderFor({ in: 'dev', session }) }) : null,
    [session],
  );

  if (!session || !client) {
    return (
      <AppShell view={view}>
        <Suspense fallback={<Loading label="Opening sign-in…" />}>
          <DevSignIn onSignedIn={signIn} notice={notice} />
        </Suspense>
      </AppShell>
    );
  }
  return (
    <AppShell view={view} onSwitchPerson={signOut}>
      <HomeView
        client={client}
        channel={view === 'channel' ? {} : undefined}
        onSignInExpired={expired}
      />
    </AppShell>
  );
}

interface AppProps {
  page: TabPage;
  view: TabView;
}

export function App({ page, view }: AppProps) {
  const styles = useStyles();
  // undefined while we find out whether Teams hosts us; null when it does not.
  const [host, setHost] = useState<TeamsHost | null | undefined>(undefined);
  const themeName = useThemeName(host);

  useEffect(() => {
    let live = true;
    void detectTeams().then((found) => {
      if (!live) return;
      setHost(found);
      found?.notifyLoaded();
    });
    return () => {
      live = false;
    };
  }, []);

  let content;
  if (host === undefined) {
    content = <Loading label="Opening Reverse mentoring…" testId="app-starting" />;
  } else if (page === 'config') {
    content = (
      <Suspense fallback={<Loading label="Opening set-up…" />}>
        <ConfigPage host={host} />
      </Suspense>
    );
  } else if (isInfoView(view)) {
    content = (
      <AppShell view={view}>
        <Suspense fallback={<Loading label="Opening…" />}>
          <InfoPage view={view} />
        </Suspense>
      </AppShell>
    );
  } else if (host) {
    content = <TeamsTab host={host} view={view} />;
  } else {
    content = <BrowserTab view={view} />;
  }

  // Dates are written in Teams' locale; outside Teams in `?locale=` or en-GB (shared/locale.tsx).
  const locale = host?.locale ?? localeFromUrl(window.location.search) ?? '';
  return (
    <FluentProvider
      theme={fluentTheme(themeName)}
      className={styles.provider}
      data-theme={themeName}
    >
      <LocaleProvider locale={locale}>{content}</LocaleProvider>
    </FluentProvider>
  );
}
