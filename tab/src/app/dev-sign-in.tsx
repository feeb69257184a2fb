import { Avatar, Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ApiRequestError, createDevAuthClient } from './api-client';
import type { DevUser } from './api-types';
import type { DevSession } from './dev-session';
import { Loading, Problem } from '../shared/status-views';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '64ch' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: { display: 'flex' },
  person: {
    flexGrow: 1,
    justifyContent: 'flex-start',
    columnGap: tokens.spacingHorizontalM,
    minHeight: '72px',
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
  },
  personText: { display: 'flex', flexDirection: 'column', minWidth: 0, rowGap: '2px' },
  name: { fontWeight: tokens.fontWeightSemibold },
  description: { color: tokens.colorNeutralForeground2 },
  busy: { marginInlineStart: 'auto' },
});

type Load =
  | { status: 'loading' }
  | { status: 'teams-only' }
  | { status: 'failed'; message: string }
  | { status: 'loaded'; users: DevUser[] };

interface DevSignInProps {
  onSignedIn: (session: DevSession) => void;
  /** Why the person is back here, e.g. their previous sign-in ended. */
  notice?: string;
}

/** Outside Teams, during local development: sign in as one of the demo people. */
export function DevSignIn({ onSignedIn, notice }: DevSignInProps) {
  const styles = useStyles();
  const headingId = useId();
  const client = useMemo(() => createDevAuthClient(), []);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    client.listUsers().then(
      (users) => live && setLoad({ status: 'loaded', users }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiRequestError && error.status === 404) {
          setLoad({ status: 'teams-only' });
        } else {
          setLoad({
            status: 'failed',
            message: error instanceof Error ? error.message : 'Something went wrong.',
          });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [client, attempt]);

  const signIn = useCallback(
    async (user: DevUser) => {
      setSigningIn(user.userId);
      setSignInError(null);
      try {
        const identity = { userId: user.userId, name: user.name, email: user.email };
        const { token, expiresAt } = await client.createToken(identity);
        onSignedIn({ token, expiresAt, user: identity });
      } catch (error) {
        setSignInError(error instanceof Error ? error.message : 'Something went wrong.');
        setSigningIn(null);
      }
    },
    [client, onSignedIn],
  );

  if (load.status === 'loading') {
    return <Loading label="Loading the people you can sign in as…" testId="dev-sign-in-loading" />;
  }
  if (load.status === 'teams-only') {
    return (
      <Problem
        intent="info"
        title="Open Reverse mentoring in Microsoft Teams"
        message="This page works inside Microsoft Teams, where you are signed in automatically. Open Teams and find Reverse mentoring in your apps, or in your programme's channel."
        testId="teams-required"
      />
    );
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the sign-in page"
        message={load.message}
        onRetry={() => setAttempt((n) => n + 1)}
        testId="dev-sign-in-error"
      />
    );
  }

  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="dev-sign-in">
      <Text as="h2" size={500} weight="semibold" id={headingId} className={styles.heading}>
        Sign in as
      </Text>
      <Text className={styles.intro}>
        This is a local trial of Reverse mentoring with made-up people. Choose someone to see the
        app as they would. In Microsoft Teams you are signed in automatically.
      </Text>
      {notice && <Problem intent="warning" title="Please sign in again" message={notice} />}
      {signInError && (
        <Problem title="We couldn't sign you in" message={signInError} testId="dev-sign-in-error" />
      )}
      {load.users.length === 0 ? (
        <Text className={styles.intro}>
          There is nobody to sign in as. Restart the service with the demo data switched on.
        </Text>
      ) : (
        <ul className={styles.list} aria-label="Demo people">
          {load.users.map((user) => (
            <li key={user.userId} className={styles.item}>
              <Button
                className={styles.person}
                appearance="secondary"
                aria-label={`Sign in as ${user.name}`}
                aria-describedby={`${headingId}-${user.userId}`}
                disabledFocusable={signingIn !== null}
                onClick={() => void signIn(user)}
                data-testid={`dev-user-${user.userId}`}
              >
                <Avatar name={user.name} color="colorful" size={40} aria-hidden />
                <span className={styles.personText}>
                  <span className={styles.name}>{user.name}</span>
                  <span className={styles.description} id={`${headingId}-${user.userId}`}>
                    {user.description}
                  </span>
                </span>
                {signingIn === user.userId && (
                  <Spinner size="tiny" className={styles.busy} aria-label="Signing in" />
                )}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
