import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { CohortSummary } from '../app/api-types';
import { formatCadence, formatDateRange } from './format';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    '@media (max-width: 420px)': { gridTemplateColumns: '1fr', rowGap: 0 },
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    color: tokens.colorNeutralForeground1,
    '@media (max-width: 420px)': { marginBottom: tokens.spacingVerticalS },
  },
});

export interface DetailRow {
  term: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, stacked on narrow screens. */
export function DetailList({ rows }: { rows: DetailRow[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {rows.map((row) => (
        <div key={row.term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{row.term}</dt>
          <dd className={styles.value}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The dates and meeting cadence every cohort card shows. */
export function cohortRows(cohort: CohortSummary): DetailRow[] {
  return [
    { term: 'Dates', value: formatDateRange(cohort) },
    { term: 'Meetings', value: formatCadence(cohort.cadence) },
  ];
}

/** Marks sample data so nobody mistakes it for a real programme. */
export function DemoBadge({ cohort }: { cohort: Pick<CohortSummary, 'isDemo'> }) {
  if (!cohort.isDemo) return null;
  return (
    <Badge appearance="tint" color="warning" shape="rounded" data-testid="demo-badge">
      Demo cohort
    </Badge>
  );
}
