import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { CohortSummary } from '../app/api-types';
import { DemoBadge } from './cohort-details';

const useStyles = makeStyles({
  view: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
    minWidth: 0,
  },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  // Focus is put on the heading by script only, so it shows no ring.
  focusable: { ':focus': { outlineStyle: 'none' } },
});

/** Where a Back button goes: its words (after the arrow), what it does, and its test id. */
export interface BackTo {
  label: string;
  onBack: () => void;
  testId: string;
}

/** A subtle "← …" button that goes back to where people came from. */
export function BackButton({ label, onBack, testId }: BackTo) {
  return (
    <div>
      <Button appearance="subtle" onClick={onBack} data-testid={testId}>
        ← {label}
      </Button>
    </div>
  );
}

/** A view opened from home: its Back button above whatever the view shows. */
export function ViewFrame({
  back,
  testId,
  children,
}: {
  back: BackTo;
  testId?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.view} data-testid={testId}>
      <BackButton {...back} />
      {children}
    </div>
  );
}

/**
 * A heading that keyboard and screen reader users are taken to: it takes focus when it first
 * shows (unless `focusOnShow` is false), and `headingRef` can move focus to it again later.
 */
export function FocusHeading({
  as,
  size = 500,
  id,
  headingRef,
  focusOnShow = true,
  testId,
  children,
}: {
  as: 'h2' | 'h3' | 'h4';
  size?: 500 | 600;
  id?: string;
  headingRef?: RefObject<HTMLHeadingElement>;
  focusOnShow?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const ownRef = useRef<HTMLHeadingElement>(null);
  const ref = headingRef ?? ownRef;
  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
    // Only when the heading first shows.
  }, []);
  return (
    <Text
      as={as}
      size={size}
      weight="semibold"
      id={id}
      ref={ref}
      tabIndex={-1}
      className={mergeClasses(styles.heading, styles.focusable)}
      data-testid={testId}
    >
      {children}
    </Text>
  );
}

/**
 * A view's title with the demo badge beside it. In a view opened from home the title takes
 * focus once the view has loaded, so screen readers start reading there.
 */
export function ViewTitle({
  cohort,
  takesFocus = true,
  testId,
  children,
}: {
  cohort?: Pick<CohortSummary, 'isDemo'>;
  takesFocus?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.titleRow}>
      {takesFocus ? (
        <FocusHeading as="h2" size={600} testId={testId}>
          {children}
        </FocusHeading>
      ) : (
        <Text as="h2" size={600} weight="semibold" className={styles.heading} data-testid={testId}>
          {children}
        </Text>
      )}
      {cohort && <DemoBadge cohort={cohort} />}
    </div>
  );
}
