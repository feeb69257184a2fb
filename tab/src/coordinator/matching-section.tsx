import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  type PublishResultView,
  type RunKind,
  type RunView,
  publishedRunOf,
} from '../../../bot/src/contracts/matching';
import { ActionStatus } from '../shared/data-table';
import { SectionCard, Subheading } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { describeFailure } from '../shared/use-form-submit';
import { CHANGE_DIALOG_CLOSE_MS } from './change-dialog';
import { formatLocalDate } from './coordinator-api';
import { editRunPair, getLatestRun, getMatchingSettings, startRun } from './matching-api';
import { PublishButton, RemovePairButton, SwapButton } from './matching-dialogs';
import { LastPublishedRun } from './matching-last-published';
import { PublishedCard } from './matching-published';
import {
  LockButton,
  ProposalComparison,
  ProposalTable,
  ProposalTotals,
  UnmatchedTable,
} from './matching-proposal';
import { RefusedLocks, ReciprocalTable } from './matching-reciprocal';
import { MatchingSettingsForm } from './matching-settings';
import {
  type AnyRunPair,
  PROPOSAL_CHANGED,
  isProposalChanged,
  namesOfRun,
  pairLabel,
  pairRef,
  pairsCount,
  pairsWords,
  peopleOfRun,
} from './matching-words';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** After a dialog has closed (see useCohortData's reloadAfterDialog for why). */
const afterDialog = (then: () => void) => window.setTimeout(then, CHANGE_DIALOG_CLOSE_MS + 100);

/**
 * The cohort's matching, for its coordinators: the settings, then a run as a draft proposal to
 * review (lock, unlock, remove, swap, rerun and compare) and publish. Nothing is sent to anyone
 * before publishing. Read only once the tab is first opened.
 */
export function MatchingSection({
  client,
  cohortId,
  active,
  onPublished,
  onSignInExpired,
}: {
  client: ApiClient;
  cohortId: string;
  active: boolean;
  /** The cohort's pairs changed (for the other panels to read again). */
  onPublished: () => void;
  onSignInExpired?: () => void;
}) {
  const styles = useStyles();
  const [opened, setOpened] = useState(active);
  useEffect(() => {
    if (active) setOpened(true);
  }, [active]);
  const [settingsLoad, setSettingsLoad, retrySettings] = useApiLoad(
    () => getMatchingSettings(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { enabled: opened },
  );
  const [runLoad, setRunLoad, retryRun] = useApiLoad(
    () => getLatestRun(client, cohortId),
    [client, cohortId],
    onSignInExpired,
    { enabled: opened, keepWhileReloading: true },
  );
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [published, setPublished] = useState<PublishResultView | null>(null);

  const setRun = (run: RunView | null) => setRunLoad({ status: 'loaded', data: run });
  const reloadRun = async () => setRun(await getLatestRun(client, cohortId));

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setNote(null);
    try {
      await action();
    } catch (error) {
      if (isProposalChanged(error)) {
        setNote({ ok: false, text: PROPOSAL_CHANGED });
        await reloadRun().catch(() => undefined);
      } else {
        setNote({ ok: false, text: describeFailure(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  const start = (kind: RunKind) =>
    act(async () => {
      const run = await startRun(client, cohortId, kind);
      setPublished(null);
      setRun(run);
      setNote({
        ok: true,
        text: `${kind === 'rematch' ? 'Re-match' : 'Run'} done: ${pairsWords(pairsCount(run))} proposed. Nothing is sent until you publish.`,
      });
    });

  const toggleLock = (run: RunView, pair: AnyRunPair) =>
    act(async () => {
      const changed = await editRunPair(
        client,
        cohortId,
        run,
        pair.locked ? 'unlock' : 'lock',
        pairRef(pair),
      );
      setRun(changed);
      setNote({ ok: true, text: `${pair.locked ? 'Unlocked' : 'Locked'} ${pairLabel(pair)}.` });
    });

  // A removed pair takes its row (and the button focus went back to) away: focus then goes to
  // the table of pairs, so keyboard and screen-reader users stay where they were.
  const root = useRef<HTMLDivElement>(null);
  const keepFocus = () =>
    window.setTimeout(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      root.current
        ?.querySelector<HTMLElement>(
          '[data-testid="matching-pairs-scroll"], [data-testid="matching-reciprocal-pairs-scroll"]',
        )
        ?.focus({ preventScroll: true });
    }, 0);
  const changed = (run: RunView, text: string) =>
    afterDialog(() => {
      setRun(run);
      setNote({ ok: true, text });
      keepFocus();
    });

  if (!opened || settingsLoad.status === 'loading' || runLoad.status === 'loading') {
    return <Loading label="Loading matching…" testId="matching-loading" />;
  }
  if (settingsLoad.status === 'failed' || runLoad.status === 'failed') {
    const failed = settingsLoad.status === 'failed' ? settingsLoad : runLoad;
    return (
      <Problem
        title="We couldn't load matching"
        message={failed.status === 'failed' ? failed.error.message : ''}
        onRetry={() => {
          retrySettings();
          retryRun();
        }}
        testId="matching-error"
      />
    );
  }
  const run = runLoad.data;
  const draft = run?.status === 'draft' ? run : null;
  // Straight after publishing, what publishing answered; after a reload, what the run kept.
  const publishedView = published
    ? publishedRunOf(published)
    : run?.status === 'published'
      ? (run.published ?? null)
      : null;
  const dialogProps = draft && {
    client,
    cohortId,
    run: draft,
    onReload: reloadRun,
  };
  // Each row's lock and remove, for the pairs of either pool.
  const pairActions = dialogProps
    ? (pair: AnyRunPair) => (
        <>
          <LockButton
            pair={pair}
            busy={busy}
            onToggle={(p) => void toggleLock(dialogProps.run, p)}
          />
          <RemovePairButton {...dialogProps} pair={pair} onChanged={changed} />
        </>
      )
    : undefined;

  return (
    <div ref={root} className={styles.stack} data-testid="matching-section">
      <SectionCard title="Proposal" testId="matching-proposal">
        <Text className={styles.muted}>
          Matching proposes pairs for everyone accepted, never breaking a rule. A run is a draft:
          lock, swap or remove pairs and rerun as often as you like. Nothing is sent to anyone until
          you publish.
        </Text>
        <div className={styles.bar}>
          {!run && (
            <Button
              appearance="primary"
              disabledFocusable={busy}
              onClick={() => void start('run')}
              data-testid="matching-run"
            >
              Run matching
            </Button>
          )}
          {draft && (
            <Button
              disabledFocusable={busy}
              onClick={() => void start(draft.kind)}
              data-testid="matching-rerun"
            >
              Rerun (locked pairs kept)
            </Button>
          )}
          {run?.status === 'published' && (
            <Button
              appearance="primary"
              disabledFocusable={busy}
              onClick={() => void start('rematch')}
              data-testid="matching-rematch"
            >
              Re-match those free now
            </Button>
          )}
          {dialogProps && <SwapButton {...dialogProps} onChanged={changed} />}
          {dialogProps && (
            <PublishButton
              {...dialogProps}
              onPublished={(result) =>
                afterDialog(() => {
                  setPublished(result);
                  setNote({ ok: true, text: result.message });
                  void reloadRun().catch(() => undefined);
                  onPublished();
                })
              }
            />
          )}
        </div>
        <ActionStatus note={note} testId="matching-status" />
        {run && (
          <>
            <Text weight="semibold" data-testid="matching-run-state">
              {run.status === 'draft'
                ? `${run.kind === 'rematch' ? 'Re-match' : 'Run'} of ${formatLocalDate(run.createdAt)}: a draft, not sent to anyone.`
                : `Published: this ${run.kind === 'rematch' ? 're-match' : 'run'} of ${formatLocalDate(run.createdAt)} is now the cohort's pairs.`}
            </Text>
            <ProposalTotals run={run} />
            <RefusedLocks run={run} />
            <ProposalTable run={run} actions={pairActions} />
            <ReciprocalTable run={run} actions={pairActions} />
            <Subheading>Unmatched</Subheading>
            <UnmatchedTable run={run} />
          </>
        )}
      </SectionCard>
      {publishedView && (
        <PublishedCard
          view={publishedView}
          reciprocal={published?.reciprocalPairs}
          names={run ? namesOfRun(run) : new Map()}
          focusOnShow={published !== null}
        />
      )}
      {/* A re-match follows a publish: the published run stays in view below its draft. */}
      {draft?.kind === 'rematch' && (
        <LastPublishedRun
          client={client}
          cohortId={cohortId}
          draftId={draft.id}
          onSignInExpired={onSignInExpired}
        />
      )}
      {run && <ProposalComparison run={run} />}
      <MatchingSettingsForm
        client={client}
        cohortId={cohortId}
        view={settingsLoad.data}
        people={peopleOfRun(run)}
        onSaved={(view) => setSettingsLoad({ status: 'loaded', data: view })}
        onReload={async () => {
          const view = await getMatchingSettings(client, cohortId);
          setSettingsLoad({ status: 'loaded', data: view });
          return view;
        }}
      />
    </div>
  );
}
