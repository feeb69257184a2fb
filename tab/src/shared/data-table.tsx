import { Field, Select, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useVisuallyHiddenStyles } from './live-region';

export const useTableStyles = makeStyles({
  // The table scrolls sideways inside this box on narrow screens; the page itself never does.
  scroll: {
    position: 'relative',
    maxWidth: '100%',
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  th: {
    textAlign: 'start',
    verticalAlign: 'bottom',
    fontWeight: tokens.fontWeightSemibold,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    whiteSpace: 'nowrap',
  },
  td: {
    textAlign: 'start',
    verticalAlign: 'top',
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // The first column (who) stays in view while the rest scrolls.
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: `inset -${tokens.strokeWidthThin} 0 0 ${tokens.colorNeutralStroke2}`,
  },
  rowHeader: { fontWeight: tokens.fontWeightRegular, minWidth: '170px' },
  muted: { color: tokens.colorNeutralForeground2 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  nowrap: { whiteSpace: 'nowrap' },
  block: { display: 'block' },
  // The filter above a table, and what sits beside it.
  tools: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  filter: { minWidth: '220px', flexGrow: 1, maxWidth: '320px' },
  counts: {
    display: 'grid',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  count: {
    display: 'flex',
    flexDirection: 'column',
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Counts that need the programme team stand out by a thicker edge as well as the words.
  attention: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}`,
  },
  number: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
});

/**
 * A data table with its caption, in a labelled region people can scroll with the keyboard
 * when it is wider than the screen.
 */
export function ScrollTable({
  caption,
  columns,
  minWidth,
  testId,
  children,
}: {
  /** A short name for the table, for screen readers (the visible intro sits above it). */
  caption: string;
  /** The column headings; the first column (who) stays in view while the rest scrolls. */
  columns: string[];
  /** Below this width the table scrolls inside its box rather than squeezing its columns. */
  minWidth: number;
  testId: string;
  /** The rows. */
  children: ReactNode;
}) {
  const styles = useTableStyles();
  const hidden = useVisuallyHiddenStyles();
  const captionId = useId();
  return (
    <div
      className={styles.scroll}
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      data-testid={`${testId}-scroll`}
    >
      <table className={styles.table} style={{ minWidth }} data-testid={testId}>
        {/* Read out by screen readers and names the scrolling region; the words people see are above. */}
        <caption id={captionId} className={hidden.visuallyHidden}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th
                key={column}
                scope="col"
                className={i === 0 ? mergeClasses(styles.th, styles.sticky) : styles.th}
              >
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The first cell of a row, which names who the row is about and stays in view. */
export function RowHeader({ testId, children }: { testId?: string; children: ReactNode }) {
  const t = useTableStyles();
  return (
    <th scope="row" className={mergeClasses(t.td, t.sticky, t.rowHeader)} data-testid={testId}>
      {children}
    </th>
  );
}

/** A choice above a table of which rows it shows. */
export function TableFilter<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  testId: string;
}) {
  const t = useTableStyles();
  return (
    <Field label={label} className={t.filter}>
      <Select value={value} onChange={(_, d) => onChange(d.value as T)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export interface CountTile {
  key: string;
  label: string;
  value: number;
  /** Marked with a thicker edge, for counts the programme team should look at. */
  attention?: boolean;
}

/** Numbered tiles above a table: how many rows are in each state. */
export function CountTiles({
  label,
  tiles,
  minTileWidth,
  testId,
}: {
  /** Names the list for screen readers. */
  label: string;
  tiles: CountTile[];
  minTileWidth: number;
  /** The list is `${testId}s`, each tile `${testId}-${key}`. */
  testId: string;
}) {
  const t = useTableStyles();
  return (
    <ul
      className={t.counts}
      style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${minTileWidth}px, 1fr))` }}
      aria-label={label}
      data-testid={`${testId}s`}
    >
      {tiles.map((tile) => (
        <li
          key={tile.key}
          className={mergeClasses(t.count, tile.attention && t.attention)}
          data-testid={`${testId}-${tile.key}`}
        >
          <Text weight="semibold" className={t.number}>
            {tile.value}
          </Text>
          <Text size={200}>{tile.label}</Text>
        </li>
      ))}
    </ul>
  );
}

/** What an action on the table did (such as an export), said to screen readers as it changes. */
export function ActionStatus({
  note,
  testId,
}: {
  note: { ok: boolean; text: string } | null;
  testId: string;
}) {
  const t = useTableStyles();
  return (
    <div role="status" data-testid={testId}>
      {note && (
        <Text size={200} className={note.ok ? t.muted : undefined}>
          {note.text}
        </Text>
      )}
    </div>
  );
}
