import { Button, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import type { ApiClient } from '../app/api-client';
import { APPLICATION_STATUS_WORDS, type OpenCohort } from '../../../bot/src/contracts/applications';
import { useApiLoad } from '../shared/use-api-load';
import { applyApi } from './apply-api';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, height: '100%' },
  muted: { color: tokens.colorNeutralForeground2 },
});

function actionWords(cohort: OpenCohort): string {
  if (!cohort.myStatus) return 'Apply';
  if (cohort.myStatus === 'draft') return 'Carry on with your application';
  if (cohort.myStatus === 'withdrawn') return 'Apply again';
  return 'See your application';
}

/**
 * "Apply": the cohorts open for applications now, each with its closing date in words. Shown on
 * the home view to anyone signed in, only when some cohort is open.
 */
export function OpenCohorts({
  client,
  onApply,
}: {
  client: ApiClient;
  onApply: (cohortId: string) => void;
}) {
  const styles = useStyles();
  const headingId = useId();
  const api = useMemo(() => applyApi(client), [client]);
  const [load] = useApiLoad(() => api.openCohorts(), [api]);
  if (load.status !== 'loaded' || load.data.cohorts.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="open-cohorts">
      <Text as="h2" size={500} weight="semibold" id={headingId} className={styles.heading}>
        Apply to a cohort
      </Text>
      <ul className={styles.list}>
        {load.data.cohorts.map((c) => (
          <li key={c.cohortId}>
            <Card className={styles.card} data-testid={`open-cohort-${c.cohortId}`}>
              <Text as="h3" weight="semibold" size={400} className={styles.heading}>
                {c.cohortName}
              </Text>
              <Text>Applications close on {c.window.closesWords}.</Text>
              {c.myStatus && (
                <Text className={styles.muted}>
                  Your application: {APPLICATION_STATUS_WORDS[c.myStatus]}
                </Text>
              )}
              <div>
                <Button
                  appearance="primary"
                  onClick={() => onApply(c.cohortId)}
                  aria-label={`${actionWords(c)}: ${c.cohortName}`}
                  data-testid={`apply-open-${c.cohortId}`}
                >
                  {actionWords(c)}
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
