import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RunReciprocalPairView, RunView } from '../../../bot/src/contracts/matching';
import { RowHeader, ScrollTable, useTableStyles } from '../shared/data-table';
import { Subheading } from '../shared/section-card';
import { LockState } from './matching-proposal';

/**
 * The reciprocal pool's side of a run (docs/matching.md, "Two pools in one run"): its pairs are
 * two partners who mentor each other, so no one here is called a mentor or a mentee.
 */

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  warning: { color: tokens.colorPaletteRedForeground1 },
});

/** The reciprocal pairs with their score, reasons, warnings and lock; nothing when there are none. */
export function ReciprocalTable({
  run,
  actions,
}: {
  run: RunView;
  actions?: (pair: RunReciprocalPairView) => ReactNode;
}) {
  const styles = useStyles();
  const t = useTableStyles();
  const pairs = run.reciprocalPairs ?? [];
  if (pairs.length === 0) return null;
  const columns = ['Partners', 'Score', 'Why', 'Warnings', 'Lock'];
  return (
    <>
      <Subheading>Reciprocal pairs</Subheading>
      <ScrollTable
        caption="Proposed reciprocal pairs"
        columns={actions ? [...columns, 'Actions'] : columns}
        minWidth={actions ? 820 : 700}
        testId="matching-reciprocal-pairs"
      >
        {pairs.map((p) => (
          <tr
            key={`${p.personAId}+${p.personBId}`}
            data-testid={`matching-reciprocal-pair-${p.personAId}`}
          >
            <RowHeader>
              {p.personAName} and {p.personBName} (partners)
            </RowHeader>
            <td className={t.td} data-testid="matching-score">
              {p.score}
            </td>
            <td className={t.td}>{p.reasons.join('; ')}</td>
            <td className={t.td}>
              {p.warnings.length > 0 ? (
                <span className={styles.warning}>{p.warnings.join('; ')}</span>
              ) : (
                'None'
              )}
            </td>
            <td className={t.td}>
              <LockState locked={p.locked} />
            </td>
            {actions && (
              <td className={t.td}>
                <div className={styles.actions}>{actions(p)}</div>
              </td>
            )}
          </tr>
        ))}
      </ScrollTable>
    </>
  );
}

/** Locked pairs of either pool kept from the previous run that a rule now forbids. */
export function RefusedLocks({ run }: { run: RunView }) {
  const reasons = [...run.refusedLocks, ...(run.reciprocalRefusedLocks ?? [])].map((l) => l.reason);
  if (reasons.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="matching-refused-locks">
      <MessageBarBody>
        <MessageBarTitle>Locked pairs a rule now forbids</MessageBarTitle>
        {reasons.join('; ')}
      </MessageBarBody>
    </MessageBar>
  );
}
