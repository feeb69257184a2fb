import { Button, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { HEALTH_WORDS, type CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { ApiClient } from '../app/api-client';
import { cohortFigures } from '../admin/admin-api';
import { HEALTH_ORDER } from '../coordinator/coordinator-api';
import { OutcomesView } from '../evaluation/outcomes-view';
import { DemoBadge, DetailList, cohortRows } from '../shared/cohort-details';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column', margin: 0 },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** A cohort the person sponsors: its figures, never a name (none at all under five people). */
export function SponsoredCohortCard({
  client,
  cohort,
}: {
  client: ApiClient;
  cohort: CohortSummary;
}) {
  const styles = useStyles();
  const headingId = useId();
  const outcomesId = useId();
  const [showOutcomes, setShowOutcomes] = useState(false);
  const [load, , retry] = useApiLoad(() => cohortFigures(client, cohort.id), [client, cohort.id]);
  const figures = load.status === 'loaded' && !load.data.suppressed ? load.data.figures : null;
  return (
    <Card
      className={styles.card}
      role="article"
      aria-labelledby={headingId}
      data-testid={`sponsored-cohort-${cohort.id}`}
    >
      <CardHeader
        header={
          <Text as="h3" size={400} weight="semibold" id={headingId} className={styles.heading}>
            {cohort.name} <DemoBadge cohort={cohort} />
          </Text>
        }
      />
      <DetailList rows={cohortRows(cohort)} />
      {load.status === 'loading' && (
        <Loading label="Loading the figures…" testId="figures-loading" />
      )}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the figures"
          message={load.error.message}
          onRetry={retry}
          testId="figures-error"
        />
      )}
      {load.status === 'loaded' && load.data.suppressed && (
        <Text className={styles.muted} data-testid="figures-suppressed">
          {load.data.reason}
        </Text>
      )}
      {figures && (
        <dl className={styles.figures} data-testid="figures">
          {[
            ['People', figures.participants] as const,
            ['Pairs', figures.pairs] as const,
            ['Meetings held', figures.meetingsHeld] as const,
            ['Pairs at the minimum', figures.pairsMetMinimum] as const,
            ...HEALTH_ORDER.filter((h) => figures.byHealth[h] > 0).map(
              (h) => [HEALTH_WORDS[h], figures.byHealth[h]] as const,
            ),
          ].map(([label, value]) => (
            <div key={label} className={styles.figure}>
              <dt className={styles.muted}>{label}</dt>
              <dd className={styles.value}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <Button
        aria-expanded={showOutcomes}
        aria-controls={outcomesId}
        onClick={() => setShowOutcomes((v) => !v)}
        data-testid="sponsor-outcomes-toggle"
      >
        {showOutcomes ? 'Hide outcomes' : 'Show outcomes'}
      </Button>
      <div id={outcomesId}>
        {showOutcomes && (
          <OutcomesView
            client={client}
            cohortId={cohort.id}
            cohortName={cohort.name}
            withItems={false}
          />
        )}
      </div>
    </Card>
  );
}
