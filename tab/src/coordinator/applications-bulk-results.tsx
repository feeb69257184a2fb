import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { BulkDecisionAnswer } from './review-api';
import { plural } from './coordinator-api';
import { APPLICATION_STATUS_WORDS } from './review-words';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/**
 * What a bulk decision did, item by item: each decided one with its new status, and each refused
 * one with the reason (someone changed it meanwhile, it was withdrawn…), so none is lost.
 */
export function BulkResults({
  answer,
  names,
  onDismiss,
}: {
  answer: BulkDecisionAnswer;
  names: ReadonlyMap<string, string>;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const nameOf = (id: string) => names.get(id) ?? 'An application no longer listed';
  return (
    <MessageBar
      intent={answer.refused > 0 ? 'warning' : 'success'}
      layout="multiline"
      role="status"
      data-testid="bulk-results"
    >
      <MessageBarBody>
        <MessageBarTitle>
          {plural(answer.decided, 'application')} decided
          {answer.refused > 0 ? `, ${answer.refused} not decided` : ''}
        </MessageBarTitle>
        {answer.refused > 0 && ' The ones not decided stay selected: check them and decide again.'}
        <ul className={styles.list}>
          {answer.results.map((r) => (
            <li key={r.applicationId} data-testid={`bulk-result-${r.ok ? 'ok' : 'refused'}`}>
              {nameOf(r.applicationId)}:{' '}
              {r.ok
                ? APPLICATION_STATUS_WORDS[r.status].toLowerCase()
                : `not decided. ${r.message}`}
            </li>
          ))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss} data-testid="bulk-results-dismiss">
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
