import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ScrollTable, useTableStyles } from '../shared/data-table';
import type { AnyRunPair } from './matching-words';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  warning: { color: tokens.colorPaletteRedForeground1 },
  // A pill with an edge, so the state shows without colour (and in high contrast) too.
  locked: {
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    paddingInline: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusCircular,
  },
});

/** A pair's lock, in words (a locked pair's in a pill, to stand out in the table). */
function LockState({ locked }: { locked: boolean }) {
  const styles = useStyles();
  return locked ? (
    <span className={styles.locked} data-testid="matching-locked">
      Locked
    </span>
  ) : (
    <span data-testid="matching-unlocked">Not locked</span>
  );
}

/** The width the actions column adds. */
const ACTIONS_WIDTH = 120;

/**
 * One table for the pairs of either pool: who (the pool's own columns), the score, the reasons
 * and warnings in words, the lock and each row's actions while the run is a draft. A published
 * run's table is read-only: no lock, no actions.
 */
export function PairTable<P extends AnyRunPair>({
  pairs,
  caption,
  whoColumns,
  who,
  keyOf,
  rowTestId,
  testId,
  minWidth,
  published,
  actions,
}: {
  pairs: P[];
  caption: string;
  /** The headings of the cells `who` gives (the first is the row's header). */
  whoColumns: string[];
  who: (pair: P) => ReactNode;
  keyOf: (pair: P) => string;
  rowTestId: (pair: P) => string;
  testId: string;
  minWidth: number;
  published: boolean;
  actions?: (pair: P) => ReactNode;
}) {
  const styles = useStyles();
  const t = useTableStyles();
  const columns = [...whoColumns, 'Score', 'Why', 'Warnings', ...(published ? [] : ['Lock'])];
  return (
    <ScrollTable
      caption={caption}
      columns={actions ? [...columns, 'Actions'] : columns}
      minWidth={actions ? minWidth + ACTIONS_WIDTH : minWidth}
      testId={testId}
    >
      {pairs.map((p) => (
        <tr key={keyOf(p)} data-testid={rowTestId(p)}>
          {who(p)}
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
          {!published && (
            <td className={t.td}>
              <LockState locked={p.locked} />
            </td>
          )}
          {actions && (
            <td className={t.td}>
              <div className={styles.actions}>{actions(p)}</div>
            </td>
          )}
        </tr>
      ))}
    </ScrollTable>
  );
}
