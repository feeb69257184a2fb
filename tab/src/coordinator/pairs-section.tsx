import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type {
  CohortParticipant,
  CohortSummary,
  PairStateView,
} from '../../../bot/src/contracts/cohorts';
import { MakePairButton, PairRowActions } from './pair-dialogs';
import { ActionStatus, RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { describePairState } from '../shared/format';
import { Loading, Problem } from '../shared/status-views';
import type { LoadState } from '../shared/use-api-load';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * The cohort's pairs for the programme team: who, the arrangement and the state, with pause,
 * resume and end (a reason kept for the team), and "make a pair" from two unpaired people.
 */
export function PairsSection({
  client,
  cohort,
  load,
  people,
  onRetry,
  onChanged,
}: {
  client: ApiClient;
  cohort: CohortSummary;
  load: LoadState<PairStateView[]>;
  people: LoadState<CohortParticipant[]>;
  onRetry: () => void;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const t = useTableStyles();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const roster = people.status === 'loaded' ? people.data : [];
  const names = useMemo(() => new Map(roster.map((p) => [p.id, p.displayName])), [roster]);
  const changed = (text: string) => {
    setNote({ ok: true, text });
    onChanged();
  };
  if (load.status === 'loading')
    return <Loading label="Loading the pairs…" testId="pairs-loading" />;
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the pairs"
        message={load.error.message}
        onRetry={onRetry}
        testId="pairs-error"
      />
    );
  }
  const open = (cohort.status ?? 'open') === 'open';
  const nameOf = (id: string) => names.get(id) ?? 'Someone removed';
  const pairs = [...load.data].sort((a, b) => nameOf(a.mentorId).localeCompare(nameOf(b.mentorId)));
  return (
    <div className={styles.stack}>
      <div className={styles.bar}>
        {open && (
          <MakePairButton
            client={client}
            cohort={cohort}
            unpaired={roster.filter((p) => !p.pairId)}
            onChanged={changed}
          />
        )}
        <Text>
          {pairs.length} {pairs.length === 1 ? 'pair' : 'pairs'};{' '}
          {roster.filter((p) => !p.pairId).length} people waiting for a partner.
        </Text>
      </div>
      <ActionStatus note={note} testId="pairs-status" />
      {pairs.length > 0 && (
        <ScrollTable
          caption="Pairs"
          columns={['Mentor', 'Mentee', 'Arrangement', 'State', 'Actions']}
          minWidth={760}
          testId="pairs-table"
        >
          {pairs.map((p) => {
            const label = `${nameOf(p.mentorId)} and ${nameOf(p.menteeId)}`;
            return (
              <tr key={p.id} data-testid={`pair-row-${p.id}`}>
                <RowHeader>{nameOf(p.mentorId)}</RowHeader>
                <td className={t.td}>{nameOf(p.menteeId)}</td>
                <td className={t.td}>{p.arrangement === 'reverse' ? 'Reverse' : 'Reciprocal'}</td>
                <td className={t.td} data-testid="pair-state">
                  {describePairState(p.state)}
                </td>
                <td className={t.td}>
                  {open && (
                    <PairRowActions
                      client={client}
                      cohortId={cohort.id}
                      pair={p}
                      label={label}
                      onChanged={changed}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </ScrollTable>
      )}
    </div>
  );
}
