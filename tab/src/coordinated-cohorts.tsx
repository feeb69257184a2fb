import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { CohortSummary } from './api-types';
import { DemoBadge, DetailList, cohortRows } from './cohort-details';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  headerTitle: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0, overflowWrap: 'anywhere' },
});

/** A cohort the coordinator runs: name, dates and cadence. */
export function CoordinatedCohortCard({ cohort }: { cohort: CohortSummary }) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <Card
      className={styles.card}
      role="article"
      aria-labelledby={headingId}
      data-testid={`coordinated-cohort-${cohort.id}`}
    >
      <CardHeader
        header={
          <div className={styles.headerTitle}>
            <Text as="h3" size={400} weight="semibold" id={headingId} className={styles.heading}>
              {cohort.name}
            </Text>
            <DemoBadge cohort={cohort} />
          </div>
        }
      />
      <DetailList rows={cohortRows(cohort)} />
    </Card>
  );
}
