import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  EARLY_END_GROUP_WORDS,
  MEETING_BAND_WORDS,
  type ParticipationResults,
  type SessionEventType,
} from '../../../bot/src/contracts/evaluation-participation';
import type { PublishedTable } from '../../../bot/src/contracts/evaluation-results';
import {
  CHANGED_BY_WORDS,
  CHOICE_COLUMN_WORDS,
  RESULT_GROUP_WORDS,
} from '../../../bot/src/contracts/evaluation-words';
import { useTableStyles } from '../shared/data-table';
import { hiddenWords, shown } from './outcome-format';
import { OutcomeTable } from './outcome-tables';

/**
 * The participation measures (meetings, sessions, early endings, the end choice, actions): counts
 * only, each cell shown or "Hidden" as the service published it.
 */

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
});

/** Words for a table's row and column labels, falling back to the label itself. */
const LABEL_WORDS: Record<string, string> = {
  ...MEETING_BAND_WORDS,
  ...EARLY_END_GROUP_WORDS,
  ...CHANGED_BY_WORDS,
  ...CHOICE_COLUMN_WORDS,
  mentor: RESULT_GROUP_WORDS.mentor,
  mentee: RESULT_GROUP_WORDS.mentee,
  pairs: 'Pairs',
  attended: 'Attended',
  did_not_attend: 'Did not attend',
};

const words = (label: string) => LABEL_WORDS[label] ?? label;

/** A published count table with its totals row and column. */
export function PublishedCountTable({
  table,
  caption,
  minGroupSize,
  rowWords = words,
  columnWords = words,
  testId,
}: {
  table: PublishedTable;
  caption: string;
  minGroupSize: number;
  rowWords?: (label: string, index: number) => string;
  columnWords?: (label: string) => string;
  testId: string;
}) {
  const s = useTableStyles();
  const rows = [...table.rows.map((r, i) => rowWords(r, i)), 'Total'];
  return (
    <OutcomeTable
      caption={caption}
      headers={['', ...table.columns.map((c) => columnWords(c)), 'Total']}
      testId={testId}
    >
      {table.cells.map((cells, r) => (
        <tr key={rows[r]}>
          <th scope="row" className={mergeClasses(s.td, s.rowHeader)}>
            {rows[r]}
          </th>
          {cells.map((cell, c) => {
            const figure = shown(cell);
            return (
              <td key={c} className={mergeClasses(s.td, !figure && s.muted)}>
                {figure ? figure.count : hiddenWords(minGroupSize)}
              </td>
            );
          })}
        </tr>
      ))}
    </OutcomeTable>
  );
}

const SESSION_WORDS: Record<SessionEventType, string> = {
  peer_support: 'Peer support meeting',
  action_learning_set: 'Action learning set',
};

export function ParticipationSection({ participation }: { participation: ParticipationResults }) {
  const styles = useStyles();
  const min = participation.minGroupSize;
  const meetings = shown(participation.meetings.total);
  const actions = shown(participation.actions);
  const attendance = participation.attendance;
  return (
    <section className={styles.section} data-testid="participation">
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        How the pairs took part
      </Text>
      <Text data-testid="participation-meetings">
        {meetings
          ? `Meetings held: ${meetings.held} of ${meetings.planned} planned, over ${meetings.pairs} pairs (${participation.meetings.plannedPerPair} planned per pair, at least ${participation.meetings.minimumPerPair}).`
          : `Meetings held: ${hiddenWords(min)}.`}
      </Text>
      <PublishedCountTable
        table={participation.meetings.pairsByBand}
        caption="Pairs by how many of their planned meetings they held"
        minGroupSize={min}
        testId="participation-bands"
      />
      {attendance && (
        <PublishedCountTable
          table={attendance.table}
          caption="Attendance at programme sessions (places, not people)"
          minGroupSize={min}
          rowWords={(label, i) => {
            const session = attendance.sessions[i];
            return session ? `${SESSION_WORDS[session.type]} ${i + 1}` : label;
          }}
          testId="participation-attendance"
        />
      )}
      <PublishedCountTable
        table={participation.earlyEndings}
        caption="Pairs ending early: who ended it, and the broad group of the reason"
        minGroupSize={min}
        testId="participation-endings"
      />
      <PublishedCountTable
        table={participation.continueOrFinish}
        caption="At the final review: carry on informally or finish"
        minGroupSize={min}
        testId="participation-choice"
      />
      <Text data-testid="participation-actions">
        {actions
          ? `Actions: ${actions.completed} of ${actions.agreed} agreed actions completed, over ${actions.pairs} pairs.`
          : `Actions agreed and completed: ${hiddenWords(min)}.`}
      </Text>
    </section>
  );
}
