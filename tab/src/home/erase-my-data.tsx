import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  ERASURE_PATH,
  ERASURE_REASON_MAX,
  ERASURE_WORDS,
  type ErasureState,
  type MyErasure,
} from '../../../bot/src/contracts/data-rights';
import { ApiRequestError, type ApiClient } from '../app/api-client';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const STATE_WORDS: Record<ErasureState, string> = {
  pending: 'You asked to erase your data. A programme admin will confirm it is really you asking.',
  erasing: 'Your data is being erased.',
  erased: 'Your data was erased.',
  declined: 'A programme admin declined your request to erase your data.',
};

/**
 * "Ask to erase my data" in "Your data": a confirm step that says what is removed and what is
 * kept (the contract's words), then the request's state.
 */
export function EraseMyData({ client }: { client: Pick<ApiClient, 'request'> }) {
  const styles = useStyles();
  const [mine, setMine] = useState<MyErasure['request'] | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .request<MyErasure>(ERASURE_PATH)
      .then((view) => live && setMine(view.request))
      .catch(() => live && setMine(null));
    return () => {
      live = false;
    };
  }, [client]);

  const ask = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const view = await client.request<MyErasure>(ERASURE_PATH, {
        method: 'POST',
        body: reason.trim() ? { reason: reason.trim() } : {},
      });
      setMine(view.request);
      setConfirming(false);
    } catch (error) {
      setProblem(
        error instanceof ApiRequestError
          ? error.message
          : 'We couldn’t send your request. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  const open = mine && (mine.state === 'pending' || mine.state === 'erasing');
  return (
    <div className={styles.box} data-testid="erase-my-data">
      {mine && (
        <Text data-testid="erasure-state">
          {STATE_WORDS[mine.state]}
          {mine.declineReason ? ` Their reason: ${mine.declineReason}` : ''}
        </Text>
      )}
      {!open && !confirming && (
        <div>
          <Button onClick={() => setConfirming(true)} data-testid="erase-start">
            Ask to erase my data
          </Button>
        </div>
      )}
      {!open && confirming && (
        <>
          <Text weight="semibold">What is removed</Text>
          <Text>{ERASURE_WORDS.removed}</Text>
          <Text weight="semibold">What is kept</Text>
          <Text>{ERASURE_WORDS.kept}</Text>
          <Text>{ERASURE_WORDS.confirm}</Text>
          <Field label="Why (optional)" hint={`At most ${ERASURE_REASON_MAX} characters`}>
            <Textarea
              value={reason}
              maxLength={ERASURE_REASON_MAX}
              onChange={(_, d) => setReason(d.value)}
              data-testid="erase-reason"
            />
          </Field>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              onClick={() => void ask()}
              disabled={busy}
              data-testid="erase-confirm"
            >
              Yes, ask to erase my data
            </Button>
            <Button onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </>
      )}
      {problem && (
        <Text role="alert" className={styles.error}>
          {problem}
        </Text>
      )}
    </div>
  );
}
