import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  loading: {
    display: 'flex',
    justifyContent: 'center',
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});

/** A centred spinner with words saying what is happening. */
export function Loading({ label, testId }: { label: string; testId?: string }) {
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status" data-testid={testId}>
      <Spinner label={label} labelPosition="below" />
    </div>
  );
}

interface ProblemProps {
  title: string;
  message: ReactNode;
  intent?: 'error' | 'warning' | 'info';
  onRetry?: () => void;
  testId?: string;
}

/** A problem people can act on: what happened, what to do, and a retry when it may help. */
export function Problem({ title, message, intent = 'error', onRetry, testId }: ProblemProps) {
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
