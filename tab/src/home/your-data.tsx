import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useId, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import { ApiRequestError } from '../app/api-client';
import { saveFile } from '../shared/save-file';
import { DATA_EXPORT_FILE_NAME, DATA_EXPORT_PATH } from '../../../bot/src/contracts/data-rights';

/** Asking to erase (its form and Textarea) loads only when "Your data" is shown. */
const EraseMyData = lazy(() => import('./erase-my-data').then((m) => ({ default: m.EraseMyData })));

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * "Your data" on the personal home: everything the app holds about the person, downloaded as
 * one archive (a JSON file per area and a readable summary). The chat's `my data` card links
 * here (`#your-data`).
 */
export function YourData({ client }: { client: Pick<ApiClient, 'requestBlob' | 'request'> }) {
  const styles = useStyles();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      saveFile(
        await client.requestBlob(DATA_EXPORT_PATH),
        DATA_EXPORT_FILE_NAME,
        'application/zip',
      );
    } catch (error) {
      setProblem(
        error instanceof ApiRequestError
          ? error.message
          : 'We couldn’t prepare your data. Try again in a moment.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      id="your-data"
      className={styles.section}
      aria-labelledby={headingId}
      data-testid="your-data"
    >
      <Text as="h2" size={500} weight="semibold" id={headingId} className={styles.heading}>
        Your data
      </Text>
      <Text>
        Download everything this app holds about you: your profile, cohorts, applications (with your
        own special-category answers), your pair, its contract, goals and actions, your own
        preparation and reflections, survey answers, event replies, announcements and audit entries
        about you. Your partner’s private writing stays theirs.
      </Text>
      <div>
        <Button
          appearance="secondary"
          onClick={() => void download()}
          disabled={busy}
          data-testid="download-my-data"
        >
          {busy ? 'Preparing your data…' : 'Download my data'}
        </Button>
      </div>
      {problem && (
        <Text role="alert" className={styles.error} data-testid="download-my-data-problem">
          {problem}
        </Text>
      )}
      <Suspense fallback={null}>
        <EraseMyData client={client} />
      </Suspense>
    </section>
  );
}
