import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ReactNode } from 'react';

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
  // Read out by screen readers and names the scrolling region; the words people see are above.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    border: 0,
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
});

/**
 * A data table with its caption, in a labelled region people can scroll with the keyboard
 * when it is wider than the screen.
 */
export function ScrollTable({
  caption,
  minWidth,
  testId,
  children,
}: {
  /** A short name for the table, for screen readers (the visible intro sits above it). */
  caption: string;
  /** Below this width the table scrolls inside its box rather than squeezing its columns. */
  minWidth: number;
  testId: string;
  children: ReactNode;
}) {
  const styles = useTableStyles();
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
        <caption id={captionId} className={styles.visuallyHidden}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
