import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import {
  ADMIN_ERASURES_PATH,
  ERASURE_REASON_MAX,
  ERASURE_WORDS,
  type PendingErasure,
  type PendingErasures,
} from '../../../bot/src/contracts/data-rights';
import { ApiRequestError, type ApiClient } from '../app/api-client';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    columnGap: tokens.spacingHorizontalS,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Requests to erase waiting for a programme admin: who asked and when (never their reason),
 * with Confirm (it erases at once) and Decline (with a reason the person is told).
 */
export function ErasuresSection({ client }: { client: Pick<ApiClient, 'request'> }) {
  const styles = useStyles();
  const [requests, setRequests] = useState<PendingErasure[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRequests((await client.request<PendingErasures>(ADMIN_ERASURES_PATH)).requests);
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : 'Could not load the requests');
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (r: PendingErasure, verb: 'confirm' | 'decline') => {
    setProblem(null);
    try {
      await client.request(`${ADMIN_ERASURES_PATH}/${r.id}/${verb}`, {
        method: 'POST',
        ifMatch: r.etag,
        body: verb === 'decline' ? { reason: reasons[r.id] ?? '' } : undefined,
      });
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : 'That did not work: try again');
    }
    await load();
  };

  if (requests === null) return <Text>{problem ?? 'Loading the requests to erase…'}</Text>;
  return (
    <div className={styles.list} data-testid="erasure-requests">
      <Text>{ERASURE_WORDS.kept}</Text>
      {requests.length === 0 && <Text>No one is waiting for their data to be erased.</Text>}
      {requests.map((r) => (
        <div key={r.id} className={styles.row} data-testid="erasure-request">
          <Text>
            {r.name} asked on {r.askedAt.slice(0, 10)}
            {r.state === 'erasing' ? ' (erasing was cut short: confirm again to finish)' : ''}
          </Text>
          <Button appearance="primary" onClick={() => void decide(r, 'confirm')}>
            Confirm and erase
          </Button>
          <Field label="Reason to decline">
            <Input
              value={reasons[r.id] ?? ''}
              maxLength={ERASURE_REASON_MAX}
              onChange={(_, d) => setReasons({ ...reasons, [r.id]: d.value })}
            />
          </Field>
          <Button onClick={() => void decide(r, 'decline')} disabled={!reasons[r.id]?.trim()}>
            Decline
          </Button>
        </div>
      ))}
      {problem && (
        <Text role="alert" className={styles.error}>
          {problem}
        </Text>
      )}
    </div>
  );
}
