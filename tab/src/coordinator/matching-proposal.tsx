import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RunPairView, RunView } from '../../../bot/src/contracts/matching';
import { RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { PairTable } from './matching-pair-table';
import { SectionCard, Subheading } from '../shared/section-card';
import {
  type AnyRunPair,
  CAUSE_WORDS,
  POOL_WORDS,
  appliedAs,
  namesOfRun,
  pairLabel,
  pairWords,
  pairsCount,
  pairsWords,
  partnersWords,
  plainCount,
} from './matching-words';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** The draft's totals: how many people are matched, and the total score. */
export function ProposalTotals({ run }: { run: RunView }) {
  const waiting = run.unmatched.filter((u) => u.cause !== 'not-in-pool').length;
  return (
    <Text data-testid="matching-totals">
      {plainCount(run.matchedCount, 'person', 'people')} matched in {pairsWords(pairsCount(run))};
      total score {run.totalScore} points; {plainCount(waiting, 'person', 'people')} unmatched.
    </Text>
  );
}

/** What changed since the previous run: pairs kept, new and gone; totals before and after. */
export function ProposalComparison({ run }: { run: RunView }) {
  const styles = useStyles();
  const c = run.comparison;
  if (!c.previousRunId) return null;
  const names = namesOfRun(run);
  const r = c.reciprocal ?? { kept: [], added: [], gone: [] };
  // Both pools' pairs, in words: reverse "Ann with Max", reciprocal "Ria and Rex (partners)".
  const words = (key: 'kept' | 'added' | 'gone') => [
    ...c[key].map((p) => ({ key: `${p.mentorId}|${p.menteeId}`, text: pairWords(p, names) })),
    ...r[key].map((p) => ({ key: `${p.personAId}+${p.personBId}`, text: partnersWords(p, names) })),
  ];
  const ofWhich = (key: 'kept' | 'added' | 'gone') =>
    r[key].length > 0 ? ` (${r[key].length} reciprocal)` : '';
  const added = words('added');
  const gone = words('gone');
  return (
    <SectionCard title="Compared with the previous run" testId="matching-comparison">
      <Text data-testid="matching-comparison-summary">
        {plainCount(c.kept.length + r.kept.length, 'pair')} kept{ofWhich('kept')}, {added.length}{' '}
        new{ofWhich('added')}, {gone.length} gone{ofWhich('gone')}. People matched{' '}
        {c.matched.before} → {c.matched.after}; total score {c.totalScore.before} →{' '}
        {c.totalScore.after} points.
      </Text>
      {added.length > 0 && (
        <div className={styles.stack}>
          <Subheading>New</Subheading>
          <ul className={styles.list} data-testid="matching-comparison-new">
            {added.map((p) => (
              <li key={p.key}>{p.text}</li>
            ))}
          </ul>
        </div>
      )}
      {gone.length > 0 && (
        <div className={styles.stack}>
          <Subheading>Gone</Subheading>
          <ul className={styles.list} data-testid="matching-comparison-gone">
            {gone.map((p) => (
              <li key={p.key}>{p.text}</li>
            ))}
          </ul>
        </div>
      )}
    </SectionCard>
  );
}

/**
 * The reverse pairs: mentor and mentee, the score, the reasons and warnings in words, and the
 * lock; each row's actions (lock, unlock, remove) come from `actions`, none once published.
 */
export function ProposalTable({
  run,
  actions,
}: {
  run: RunView;
  actions?: (pair: RunPairView) => ReactNode;
}) {
  const t = useTableStyles();
  if (run.pairs.length === 0) {
    return (
      <Text data-testid="matching-no-pairs">
        {(run.reciprocalPairs?.length ?? 0) > 0
          ? 'No reverse pairs could be proposed.'
          : 'No pairs could be proposed.'}
      </Text>
    );
  }
  const published = run.status === 'published';
  return (
    <PairTable
      pairs={run.pairs}
      caption={published ? 'Published pairs' : 'Proposed pairs'}
      whoColumns={['Mentor', 'Mentee']}
      who={(p) => (
        <>
          <RowHeader>{p.mentorName}</RowHeader>
          <td className={t.td}>{p.menteeName}</td>
        </>
      )}
      keyOf={(p) => `${p.mentorId}|${p.menteeId}`}
      rowTestId={(p) => `matching-pair-${p.mentorId}`}
      testId="matching-pairs"
      minWidth={published ? 660 : 760}
      published={published}
      actions={actions}
    />
  );
}

/** Lock or unlock one pair (of either pool): kept in every rerun while locked. */
export function LockButton<P extends AnyRunPair>({
  pair,
  busy,
  onToggle,
}: {
  pair: P;
  busy: boolean;
  onToggle: (pair: P) => void;
}) {
  const label = pairLabel(pair);
  return (
    <Button
      size="small"
      disabledFocusable={busy}
      onClick={() => onToggle(pair)}
      aria-label={`${pair.locked ? 'Unlock' : 'Lock'} ${label}`}
      data-testid={pair.locked ? 'matching-unlock' : 'matching-lock'}
    >
      {pair.locked ? 'Unlock' : 'Lock'}
    </Button>
  );
}

/**
 * Everyone left unmatched, with the pool and the rule or shortage that left them out; people of
 * the reciprocal pool are partners, never called mentor or mentee.
 */
export function UnmatchedTable({ run }: { run: RunView }) {
  const t = useTableStyles();
  if (run.unmatched.length === 0) {
    return <Text data-testid="matching-no-unmatched">Everyone in the pool is matched.</Text>;
  }
  return (
    <ScrollTable
      caption="Unmatched"
      columns={['Person', 'Pool', 'Applied as', 'Why', 'Reason']}
      minWidth={720}
      testId="matching-unmatched"
    >
      {run.unmatched.map((u) => (
        <tr key={u.id} data-testid={`matching-unmatched-${u.id}`}>
          <RowHeader>{u.displayName}</RowHeader>
          <td className={t.td} data-testid="matching-unmatched-pool">
            {u.pool ? POOL_WORDS[u.pool] : 'Neither'}
          </td>
          <td className={t.td}>{appliedAs(u)}</td>
          <td className={t.td}>{CAUSE_WORDS[u.cause]}</td>
          <td className={t.td}>{u.reason}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
