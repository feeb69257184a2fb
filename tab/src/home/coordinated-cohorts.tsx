import { Button, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import { DemoBadge, DetailList, cohortRows } from '../shared/cohort-details';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  headerTitle: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** A cohort the coordinator runs: name, dates and cadence, and the way into running it. */
export function CoordinatedCohortCard({
  cohort,
  onOpenCohort,
  onOpenCalendar,
}: {
  cohort: CohortSummary;
  /** Opens the coordinator's view of the cohort: pairs' health, participants, import. */
  onOpenCohort?: (cohortId: string) => void;
  /** Opens the cohort's programme calendar, where events are created and edited. */
  onOpenCalendar?: (cohortId: string) => void;
}) {
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
      {(onOpenCohort || onOpenCalendar) && (
        <div className={styles.buttons}>
          {onOpenCohort && (
            <Button
              appearance="primary"
              onClick={() => onOpenCohort(cohort.id)}
              aria-label={`Run this cohort: ${cohort.name}`}
              data-testid={`open-cohort-${cohort.id}`}
            >
              Run this cohort
            </Button>
          )}
          {onOpenCalendar && (
            <Button
              onClick={() => onOpenCalendar(cohort.id)}
              aria-label={`Programme calendar for ${cohort.name}`}
              data-testid={`open-cohort-calendar-${cohort.id}`}
            >
              Programme calendar
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
