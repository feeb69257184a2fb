import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import {
  type CohortSummary,
  HEALTH_WORDS,
  type PairHealth,
  type PairHealthRow,
} from '../../../bot/src/contracts/cohorts';
import {
  HEALTH_ORDER,
  downloadCsv,
  getHealthCsv,
  healthCsvFilename,
  plural,
} from './coordinator-api';
import {
  ActionStatus,
  CountTiles,
  ScrollTable,
  TableFilter,
  useTableStyles,
} from '../shared/data-table';
import { Loading, Problem } from '../shared/status-views';
import { healthHeadline } from './health-words';
import { reachHeadline } from './reach-section';
import { HealthRow } from './health-row';
import type { LoadState } from '../shared/use-api-load';

export { HealthBadge } from './health-row';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
  empty: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  alignStart: { alignSelf: 'flex-start' },
});

const needsAttention = (h: PairHealth) =>
  h === 'at_risk' || h === 'needs_check_in' || h === 'not_started';

function byAttention(a: PairHealthRow, b: PairHealthRow): number {
  const rank = (r: PairHealthRow) => {
    const i = HEALTH_ORDER.indexOf(r.health);
    return i === -1 ? HEALTH_ORDER.length : i;
  };
  // Someone asked for a word: those pairs first, whatever their state.
  return (
    Number(b.askedForCoordinator > 0) - Number(a.askedForCoordinator > 0) ||
    rank(a) - rank(b) ||
    a.mentor.localeCompare(b.mentor)
  );
}

function ExportButton({ client, cohort }: { client: ApiClient; cohort: CohortSummary }) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const noteId = useId();

  async function exportCsv() {
    setBusy(true);
    setOutcome(null);
    setOutcome(
      await downloadCsv(
        () => getHealthCsv(client, cohort.id),
        healthCsvFilename(cohort.name),
        'the table',
      ),
    );
    setBusy(false);
  }

  return (
    <div className={styles.empty}>
      <Button
        className={styles.alignStart}
        onClick={() => void exportCsv()}
        disabled={busy}
        aria-describedby={noteId}
        data-testid="health-export"
      >
        {busy ? 'Exporting…' : 'Export CSV'}
      </Button>
      <Text size={200} className={styles.muted} id={noteId}>
        States, counts and dates for every pair, for your programme reports.
      </Text>
      <ActionStatus note={outcome} testId="health-export-status" />
    </div>
  );
}

interface HealthSectionProps {
  client: ApiClient;
  cohort: CohortSummary;
  load: LoadState<PairHealthRow[]>;
  onRetry: () => void;
  onImport: () => void;
}

/** Every pair's state, meetings held against planned, last contact and requests for a word. */
export function HealthSection({ client, cohort, load, onRetry, onImport }: HealthSectionProps) {
  const styles = useStyles();
  const t = useTableStyles();
  const [filter, setFilter] = useState<PairHealth | 'all'>('all');
  const rows = load.status === 'loaded' ? load.data : [];
  const sorted = useMemo(() => [...rows].sort(byAttention), [rows]);
  const counts = useMemo(() => {
    const c = Object.fromEntries(HEALTH_ORDER.map((h) => [h, 0])) as Record<PairHealth, number>;
    for (const r of rows) c[r.health] = (c[r.health] ?? 0) + 1;
    return c;
  }, [rows]);

  if (load.status === 'loading') {
    return <Loading label="Loading the pairs' health…" testId="health-loading" />;
  }
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the pairs' health"
        message={load.error.message}
        onRetry={onRetry}
        testId="health-error"
      />
    );
  }
  if (rows.length === 0) {
    return (
      <div className={styles.empty} data-testid="health-empty">
        <Text>No pairs yet. Import your roster to match people.</Text>
        <Button appearance="primary" className={styles.alignStart} onClick={onImport}>
          Import participants and pairs
        </Button>
      </div>
    );
  }

  const shown = filter === 'all' ? sorted : sorted.filter((r) => r.health === filter);
  return (
    <div className={styles.stack}>
      <Text data-testid="health-summary">
        {healthHeadline(rows)}
        {reachHeadline(rows)}
      </Text>
      <CountTiles
        label="Pairs in each state"
        tiles={HEALTH_ORDER.map((h) => ({
          key: h,
          label: HEALTH_WORDS[h],
          value: counts[h],
          attention: needsAttention(h) && counts[h] > 0,
        }))}
        minTileWidth={100}
        testId="health-count"
      />
      <div className={t.tools}>
        <TableFilter<PairHealth | 'all'>
          label="Show pairs"
          value={filter}
          options={[
            { value: 'all', label: `All states (${rows.length})` },
            ...HEALTH_ORDER.map((h) => ({ value: h, label: `${HEALTH_WORDS[h]} (${counts[h]})` })),
          ]}
          onChange={setFilter}
          testId="health-filter"
        />
        <ExportButton client={client} cohort={cohort} />
      </div>
      <Text size={200} className={styles.muted}>
        Pairs where someone asked for a word come first, then those needing attention. The programme
        team sees states, counts and dates, who paused or ended a pair and the reason they gave:
        what pairs write together stays private to them.
      </Text>
      {shown.length === 0 ? (
        <Text className={styles.muted} data-testid="health-filter-empty">
          No pairs are {filter === 'all' ? 'here' : `“${HEALTH_WORDS[filter]}”`} right now.
        </Text>
      ) : (
        <ScrollTable
          caption={`Pairs' health${filter === 'all' ? '' : `: ${HEALTH_WORDS[filter]} only`}, ${plural(shown.length, 'pair')}`}
          columns={[
            'Pair',
            'Arrangement',
            'State',
            'Meetings held',
            'Last meeting',
            'Asked for a word',
          ]}
          minWidth={760}
          testId="health-table"
        >
          {shown.map((row) => (
            <HealthRow key={row.pairId} row={row} />
          ))}
        </ScrollTable>
      )}
    </div>
  );
}
