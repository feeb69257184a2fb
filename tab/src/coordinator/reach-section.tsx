import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { PairHealthRow } from '../../../bot/src/contracts/cohorts';
import {
  type CohortReach,
  type InstallAnswer,
  NOT_REACHABLE_WORDS,
  type NotReachablePerson,
  REACH_GAP_WORDS,
} from '../../../bot/src/contracts/reach';
import { formatLocalDate, plural } from './coordinator-api';
import { installAppFor, installAppForEveryone } from './reach-api';
import { ActionStatus, useTableStyles } from '../shared/data-table';
import { describeFailure } from '../shared/use-form-submit';
import type { LoadState } from '../shared/use-api-load';

/**
 * Reach in the coordinator's views: who the bot cannot message yet (no chat with the app in
 * Teams, so no introduction and no reminders), since when it has been retrying, and the two ways
 * out: install the app for them through Microsoft Graph, or copy the app's link to send them.
 */

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  link: { minWidth: '16rem', flexGrow: 1, maxWidth: '36rem' },
  note: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  results: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** "Retrying since 1 March 2027", or that the bot has not tried yet. */
function sinceText(since: string | null): string {
  return since ? `Retrying daily since ${formatLocalDate(since)}` : 'No message due yet';
}

/** The reach of a cohort, once loaded: the people by participant id. */
export function notReachableById(load: LoadState<CohortReach>): Map<string, NotReachablePerson> {
  return new Map(
    load.status === 'loaded' ? load.data.notReachable.map((p) => [p.participantId, p]) : [],
  );
}

/** The health headline's words about reach: '3 people are not reachable in Teams yet.' */
export function reachHeadline(rows: readonly PairHealthRow[]): string {
  // Each person once, though they may sit in an ended pair and a new one.
  const unreached = new Set(
    rows.flatMap((r) =>
      (r.notReachable ?? []).map((n) => `${n.role}:${n.role === 'mentor' ? r.mentor : r.mentee}`),
    ),
  );
  const people = unreached.size;
  if (people === 0) return '';
  return ` ${plural(people, 'person', 'people')} ${people === 1 ? 'is' : 'are'} not reachable in Teams yet (no introduction until the app is in their Teams).`;
}

/** On a health row, next to a partner's name. */
export function PartnerReachNote({ row, role }: { row: PairHealthRow; role: 'mentor' | 'mentee' }) {
  const t = useTableStyles();
  const note = row.notReachable?.find((n) => n.role === role);
  if (!note) return null;
  return (
    <span className={t.block} data-testid={`health-not-reachable-${role}`}>
      <Badge appearance="tint" shape="rounded" color="warning" size="small">
        {NOT_REACHABLE_WORDS}
      </Badge>{' '}
      <span className={mergeClasses(t.muted, t.small)}>{sinceText(note.since)}</span>
    </span>
  );
}

interface InstallState {
  busy: boolean;
  note: { ok: boolean; text: string } | null;
}

function summary(answer: InstallAnswer): { ok: boolean; text: string } {
  const ok = answer.results.every(
    (r) => r.result === 'installed' || r.result === 'already_installed',
  );
  return { ok, text: answer.results.map((r) => r.message).join(' ') };
}

/** Results that say the same thing, said once with everyone's names. */
function grouped(answer: InstallAnswer): [string, string[]][] {
  const byMessage = new Map<string, string[]>();
  for (const r of answer.results)
    byMessage.set(r.message, [...(byMessage.get(r.message) ?? []), r.displayName]);
  return [...byMessage.entries()];
}

/** On a participant's row: the badge, since when, and "Install the app" for that person. */
export function ParticipantReachNote({
  client,
  cohortId,
  person,
  graphInstall,
  onChanged,
}: {
  client: ApiClient;
  cohortId: string;
  person: NotReachablePerson | undefined;
  graphInstall: boolean;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const t = useTableStyles();
  const [state, setState] = useState<InstallState>({ busy: false, note: null });
  if (!person) return null;

  async function install(who: NotReachablePerson) {
    setState({ busy: true, note: null });
    try {
      const answer = await installAppFor(client, cohortId, who.participantId);
      setState({ busy: false, note: summary(answer) });
      onChanged();
    } catch (error) {
      setState({ busy: false, note: { ok: false, text: describeFailure(error) } });
    }
  }

  return (
    <span className={styles.note} data-testid="participant-not-reachable">
      <Badge appearance="tint" shape="rounded" color="warning">
        {NOT_REACHABLE_WORDS}
      </Badge>
      <span className={mergeClasses(t.muted, t.small)}>
        {REACH_GAP_WORDS[person.gap]}. {sinceText(person.retryingSince)}.
      </span>
      {graphInstall && (
        <Button
          size="small"
          disabled={state.busy}
          onClick={() => void install(person)}
          aria-label={`Install the app for ${person.displayName}`}
          data-testid="participant-install-app"
        >
          {state.busy ? 'Installing…' : 'Install the app'}
        </Button>
      )}
      <ActionStatus note={state.note} testId="participant-install-status" />
    </span>
  );
}

/** Above the roster: how many, install for everyone, and the link to share with copy. */
export function ReachPanel({
  client,
  cohortId,
  load,
  onChanged,
}: {
  client: ApiClient;
  cohortId: string;
  load: LoadState<CohortReach>;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const [state, setState] = useState<InstallState>({ busy: false, note: null });
  const [results, setResults] = useState<InstallAnswer | null>(null);
  const [copied, setCopied] = useState<{ ok: boolean; text: string } | null>(null);
  if (load.status !== 'loaded' || load.data.notReachable.length === 0) return null;
  const { notReachable, graphInstall, shareLink } = load.data;
  const refused = results?.results.some(
    (r) => r.result === 'no_permission' || r.result === 'not_in_directory',
  );

  async function installAll() {
    setState({ busy: true, note: null });
    try {
      const answer = await installAppForEveryone(client, cohortId);
      setResults(answer);
      setState({
        busy: false,
        note: {
          ok: true,
          text: `Tried ${plural(answer.results.length, 'person', 'people')}: ${plural(
            answer.results.filter(
              (r) => r.result === 'installed' || r.result === 'already_installed',
            ).length,
            'installed',
            'installed',
          )}.`,
        },
      });
      onChanged();
    } catch (error) {
      setState({ busy: false, note: { ok: false, text: describeFailure(error) } });
    }
  }

  async function copyLink(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setCopied({ ok: true, text: 'Link copied. Paste it into a chat or an email to them.' });
    } catch {
      setCopied({ ok: false, text: 'Copying was not allowed here: select the link and copy it.' });
    }
  }

  return (
    <MessageBar intent="warning" layout="multiline" data-testid="reach-panel">
      <MessageBarBody>
        <MessageBarTitle>
          {plural(notReachable.length, 'person', 'people')}{' '}
          {notReachable.length === 1 ? 'is' : 'are'} not reachable in Teams yet
        </MessageBarTitle>
        <div className={styles.stack}>
          <Text>
            The app is not in their Teams, so they get no introduction and no reminders. The bot
            tries again every day. Install the app for them, or send them the link.
          </Text>
          {graphInstall && (
            <div className={styles.row}>
              <Button
                appearance="primary"
                disabled={state.busy}
                onClick={() => void installAll()}
                data-testid="reach-install-all"
              >
                {state.busy ? 'Installing…' : 'Install the app for everyone not reachable'}
              </Button>
            </div>
          )}
          <ActionStatus note={state.note} testId="reach-install-status" />
          {results && (
            <ul className={styles.results} data-testid="reach-install-results">
              {grouped(results).map(([message, names]) => (
                <li key={message}>
                  <Text>
                    <strong>{names.join(', ')}</strong>: {message}
                  </Text>
                </li>
              ))}
            </ul>
          )}
          {shareLink ? (
            <div className={styles.row}>
              <Field
                label={
                  refused || !graphInstall
                    ? 'Send them this link to the app'
                    : 'Or send them this link to the app'
                }
                className={styles.link}
              >
                <Input readOnly value={shareLink} data-testid="reach-share-link" />
              </Field>
              <Button onClick={() => void copyLink(shareLink)} data-testid="reach-copy-link">
                Copy link
              </Button>
            </div>
          ) : (
            <Text size={200}>
              Ask your Teams administrator for the link to the app, or set TEAMS_APP_ID so it shows
              here.
            </Text>
          )}
          <ActionStatus note={copied} testId="reach-copy-status" />
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
