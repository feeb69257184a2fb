import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    '> *': { flexGrow: 1, flexBasis: '200px', minWidth: 0 },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** The form's problem that belongs to no one field, above the fields; nothing when there is none. */
export function FormProblem({
  problem,
  title,
  testId = 'form-problem',
}: {
  problem: string | undefined;
  /** A title above the words, such as what could not be done. */
  title?: ReactNode;
  testId?: string;
}) {
  if (!problem) return null;
  return (
    <MessageBar intent="error" layout={title ? 'multiline' : undefined} data-testid={testId}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {problem}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The form's main button, which says it is busy (and cannot be pressed again) while it saves. */
export function SubmitButton({
  saving,
  busyLabel = 'Saving…',
  testId,
  children,
}: {
  saving: boolean;
  busyLabel?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Button type="submit" appearance="primary" disabled={saving} data-testid={testId}>
      {saving ? busyLabel : children}
    </Button>
  );
}

/** What the last save did, read out by screen readers as it changes. */
export function FormStatus({ status, testId }: { status: string; testId: string }) {
  return (
    <Text role="status" aria-live="polite" data-testid={testId}>
      {status}
    </Text>
  );
}
