import {
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { RosterProblem } from '../../../bot/src/contracts/cohorts';
import { describeRosterProblem, plural } from './coordinator-api';
import { lineRange } from './roster-file';

const useStyles = makeStyles({
  problems: {
    margin: 0,
    marginTop: tokens.spacingVerticalS,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  problemText: { marginInlineEnd: tokens.spacingHorizontalS },
  // Brand-coloured links are too faint on the coloured message backgrounds of the dark theme.
  barLink: {
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'underline',
    ':hover': { color: tokens.colorNeutralForeground1Hover },
    ':hover:active': { color: tokens.colorNeutralForeground1Pressed },
  },
});

/** What the last import did, and from where ("roster.csv (with your changes)"). */
export type Outcome =
  | {
      kind: 'imported';
      source: string;
      /** How the file was read when it was not UTF-8, for people to check the names. */
      readNote: string | null;
      participants: number;
      pairs: number;
    }
  | { kind: 'refused'; source: string; problems: RosterProblem[]; total: number }
  | { kind: 'failed'; source: string; message: string };

interface RosterOutcomeProps {
  outcome: Outcome | null;
  /** The CSV text as it is now, to tell which rows can be shown. */
  text: string;
  onShowLine: (line: number) => void;
  onShowHealth: () => void;
  onShowParticipants: () => void;
}

/**
 * The import's answer, read out as a status: what was added, or each problem with its row and
 * a way to show the row in the text, or why nothing could be imported.
 */
export function RosterOutcome({
  outcome,
  text,
  onShowLine,
  onShowHealth,
  onShowParticipants,
}: RosterOutcomeProps) {
  const styles = useStyles();
  return (
    <div role="status" data-testid="roster-result">
      {outcome?.kind === 'imported' && (
        <MessageBar intent="success" layout="multiline" data-testid="roster-imported">
          <MessageBarBody>
            <MessageBarTitle>Imported from {outcome.source}</MessageBarTitle>
            Added {plural(outcome.participants, 'participant')} and {plural(outcome.pairs, 'pair')}.{' '}
            <Link as="button" type="button" className={styles.barLink} onClick={onShowHealth}>
              See the pairs&apos; health
            </Link>{' '}
            or{' '}
            <Link as="button" type="button" className={styles.barLink} onClick={onShowParticipants}>
              the participants
            </Link>
            .
            {outcome.readNote && (
              <div data-testid="roster-imported-encoding">{outcome.readNote}</div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'refused' && (
        <MessageBar intent="error" layout="multiline" data-testid="roster-refused">
          <MessageBarBody>
            <MessageBarTitle>Nothing was imported from {outcome.source}</MessageBarTitle>
            {outcome.total === 1
              ? 'There is 1 problem to fix. Correct it and import again.'
              : `There are ${outcome.total} problems to fix. Correct them and import again.`}
            <ul className={styles.problems} data-testid="roster-problems">
              {outcome.problems.map((p, i) => (
                <li key={`${p.line}-${p.column}-${i}`}>
                  <span className={styles.problemText}>{describeRosterProblem(p)}</span>
                  {p.line >= 1 && lineRange(text, p.line) && (
                    <Link
                      as="button"
                      type="button"
                      className={styles.barLink}
                      onClick={() => onShowLine(p.line)}
                      aria-label={`Show row ${p.line} in the CSV text`}
                    >
                      Show row
                    </Link>
                  )}
                </li>
              ))}
              {outcome.total > outcome.problems.length && (
                <li data-testid="roster-more-problems">
                  and {plural(outcome.total - outcome.problems.length, 'more problem')}: correct
                  this one and import again to see the next.
                </li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.kind === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="roster-failed">
          <MessageBarBody>
            <MessageBarTitle>We couldn&apos;t import {outcome.source}</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
