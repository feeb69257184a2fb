import { Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
});

/** A card that is a region of the page, named by its heading. */
export function SectionCard({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const headingId = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId} data-testid={testId}>
      <Text as="h3" size={400} weight="semibold" id={headingId} className={styles.heading}>
        {title}
      </Text>
      {children}
    </Card>
  );
}

/** A heading for a part of a section card, such as the form below a list. */
export function Subheading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Text as="h4" weight="semibold" className={styles.heading}>
      {children}
    </Text>
  );
}
