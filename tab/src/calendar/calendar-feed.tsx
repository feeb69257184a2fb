import {
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { CalendarApi } from './calendar-api';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  steps: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  linkRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    '> :first-child': { flexGrow: 1, flexBasis: '240px', minWidth: 0 },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type FeedState = { kind: 'none' } | { kind: 'made'; url: string } | { kind: 'stopped' };

interface FeedPanelProps {
  api: CalendarApi;
  /** Says a change out loud to screen reader users. */
  announce: (message: string) => void;
  onSignInExpired?: () => void;
}

/** The feed's address as Outlook needs it: absolute, even when the service gives a path. */
function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

/**
 * "Subscribe in Outlook": makes the person's own calendar link, shows it to copy with the
 * steps for Outlook, and stops it when they no longer want it.
 */
export function FeedPanel({ api, announce, onSignInExpired }: FeedPanelProps) {
  const styles = useStyles();
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<FeedState>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [copied, setCopied] = useState<string | undefined>();

  async function run(work: () => Promise<void>, failure: string) {
    setBusy(true);
    setProblem(undefined);
    setCopied(undefined);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
        onSignInExpired();
        return;
      }
      const message = `${failure} ${error instanceof ApiRequestError ? error.message : 'Try again in a minute.'}`;
      setProblem(message);
      announce(message);
    } finally {
      setBusy(false);
    }
  }

  const make = () =>
    run(async () => {
      const { url } = await api.createFeed();
      setState({ kind: 'made', url: absolute(url) });
      announce(
        state.kind === 'made'
          ? 'Your new calendar link is ready. The old link has stopped working.'
          : 'Your calendar link is ready to copy.',
      );
      window.setTimeout(() => inputRef.current?.focus(), 0);
    }, "We couldn't make your calendar link.");

  const stop = () =>
    run(async () => {
      await api.stopFeed();
      setState({ kind: 'stopped' });
      announce('Your calendar link has stopped working.');
    }, "We couldn't stop your calendar link.");

  async function copy(url: string) {
    let done = false;
    try {
      await navigator.clipboard.writeText(url);
      done = true;
    } catch {
      // No clipboard access (an older browser or a locked-down frame): select it instead.
      inputRef.current?.select();
    }
    const message = done
      ? 'Link copied. Paste it into Outlook.'
      : 'The link is selected. Press Ctrl+C (or Cmd+C) to copy it.';
    setCopied(message);
    announce(message);
  }

  return (
    <Card
      className={styles.card}
      role="region"
      aria-labelledby={headingId}
      data-testid="feed-panel"
    >
      <Text as="h3" size={400} weight="semibold" id={headingId} className={styles.heading}>
        Subscribe in Outlook
      </Text>
      <Text>
        Get every programme event you are invited to in your Outlook calendar. Outlook keeps it up
        to date when events are added or moved.
      </Text>
      {problem && (
        <MessageBar intent="error" layout="multiline" data-testid="feed-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'made' ? (
        <>
          <div className={styles.linkRow}>
            <Field label="Your calendar link">
              <Input
                ref={inputRef}
                value={state.url}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                data-testid="feed-url"
              />
            </Field>
            <Button
              appearance="primary"
              onClick={() => void copy(state.url)}
              data-testid="feed-copy"
            >
              Copy link
            </Button>
          </div>
          <Text size={200} className={styles.muted}>
            Keep it to yourself: anyone with the link can see your programme events.
          </Text>
          {copied && (
            <Text className={styles.muted} data-testid="feed-copied">
              {copied}
            </Text>
          )}
          <Text as="h4" weight="semibold" className={styles.heading}>
            To add it in Outlook
          </Text>
          <ol className={styles.steps} data-testid="feed-steps">
            <li>Open your calendar in Outlook.</li>
            <li>
              Choose <strong>Add calendar</strong>, then <strong>Subscribe from web</strong>.
            </li>
            <li>Paste the link, give the calendar a name and choose Import.</li>
          </ol>
          <Text className={styles.muted}>
            Outlook checks for changes every few hours, so a new event can take a while to appear.
          </Text>
          <div className={styles.buttons}>
            <Button onClick={() => void stop()} disabled={busy} data-testid="feed-stop">
              Stop this link
            </Button>
            <Button appearance="subtle" onClick={() => void make()} disabled={busy}>
              Make a new link
            </Button>
          </div>
          <Text size={200} className={styles.muted}>
            Stopping the link, or making a new one, means the old link stops working and Outlook no
            longer updates from it.
          </Text>
        </>
      ) : (
        <>
          {state.kind === 'stopped' && (
            <MessageBar intent="success" layout="multiline" data-testid="feed-stopped">
              <MessageBarBody>
                Your calendar link has stopped working. Outlook will no longer update from it; you
                can remove that calendar in Outlook. Make a new link any time.
              </MessageBarBody>
            </MessageBar>
          )}
          <Text className={styles.muted}>
            If you made a link before, making a new one stops the old one.
          </Text>
          <div className={styles.buttons}>
            <Button onClick={() => void make()} disabled={busy} data-testid="feed-create">
              {busy ? 'Making your link…' : 'Make my calendar link'}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
