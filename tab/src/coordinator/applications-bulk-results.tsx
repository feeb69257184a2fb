import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { BulkAttendanceAnswer, BulkDecisionAnswer } from './review-api';
import { plural } from './coordinator-api';
import { APPLICATION_STATUS_WORDS } from './review-words';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** One person's line in a bulk result: done, or refused with the reason. */
interface ResultLine {
  id: string;
  ok: boolean;
  text: string;
}

/**
 * What a bulk action did, person by person: each done one, and each refused one with the reason
 * (someone changed it meanwhile, it was withdrawn…), so none is lost.
 */
function ResultsBar({
  title,
  refused,
  lines,
  onDismiss,
  testId,
}: {
  title: string;
  refused: string | null;
  lines: ResultLine[];
  onDismiss: () => void;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <MessageBar
      intent={refused ? 'warning' : 'success'}
      layout="multiline"
      role="status"
      data-testid={testId}
    >
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {refused}
        <ul className={styles.list}>
          {lines.map((r) => (
            <li key={r.id} data-testid={`bulk-result-${r.ok ? 'ok' : 'refused'}`}>
              {r.text}
            </li>
          ))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onDismiss} data-testid={`${testId}-dismiss`}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

const nameIn = (names: ReadonlyMap<string, string>) => (id: string) =>
  names.get(id) ?? 'An application no longer listed';

/** What a bulk decision did, item by item. */
export function BulkResults({
  answer,
  names,
  onDismiss,
}: {
  answer: BulkDecisionAnswer;
  names: ReadonlyMap<string, string>;
  onDismiss: () => void;
}) {
  const nameOf = nameIn(names);
  return (
    <ResultsBar
      title={`${plural(answer.decided, 'application')} decided${answer.refused > 0 ? `, ${answer.refused} not decided` : ''}`}
      refused={
        answer.refused > 0
          ? ' The ones not decided stay selected: check them and decide again.'
          : null
      }
      lines={answer.results.map((r) => ({
        id: r.applicationId,
        ok: r.ok,
        text: `${nameOf(r.applicationId)}: ${
          r.ok ? APPLICATION_STATUS_WORDS[r.status].toLowerCase() : `not decided. ${r.message}`
        }`,
      }))}
      onDismiss={onDismiss}
      testId="bulk-results"
    />
  );
}

/** What a bulk attendance did at one event, person by person. */
export function BulkAttendanceResults({
  answer,
  names,
  eventTitle,
  onDismiss,
}: {
  answer: BulkAttendanceAnswer;
  names: ReadonlyMap<string, string>;
  eventTitle: string;
  onDismiss: () => void;
}) {
  const nameOf = nameIn(names);
  const done = answer.attended ? 'attended' : 'did not attend';
  return (
    <ResultsBar
      title={`${eventTitle}: attendance recorded for ${plural(answer.recorded, 'applicant')}${answer.refused > 0 ? `, ${answer.refused} not recorded` : ''}`}
      refused={
        answer.refused > 0
          ? ' The ones not recorded stay selected: check them and record again.'
          : null
      }
      lines={answer.results.map((r) => ({
        id: r.applicationId,
        ok: r.ok,
        text: `${nameOf(r.applicationId)}: ${r.ok ? done : `not recorded. ${r.message}`}`,
      }))}
      onDismiss={onDismiss}
      testId="bulk-attendance-results"
    />
  );
}
