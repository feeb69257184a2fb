import { CHOICE_COLUMN_WORDS } from '../../../contracts/evaluation-words';
import {
  EARLY_END_GROUP_WORDS,
  MEETING_BAND_WORDS,
  type ParticipationResults,
} from '../../../contracts/evaluation-participation';
import type { PublishedTable } from '../../../contracts/evaluation-results';

/**
 * The participation measures as labelled tables for the sponsor's report: every row and column
 * worded (a session is "Session 2 (action learning set)", never its id), each cell a count or
 * null where the suppression hid it. The CSV and the PDF both read these. Pure, no I/O.
 */

export interface ReportTable {
  title: string;
  columns: string[];
  rows: { label: string; cells: (number | null)[] }[];
}

const TOTAL = 'Total';

const PART_WORDS: Record<string, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  coordinator: 'Programme team',
};

const CHOICE_WORDS: Record<string, string> = CHOICE_COLUMN_WORDS;

const SESSION_WORDS: Record<string, string> = {
  peer_support: 'peer support',
  action_learning_set: 'action learning set',
};

const ATTENDANCE_WORDS: Record<string, string> = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
};

export function worded(
  title: string,
  table: PublishedTable,
  rowWords: (row: string, index: number) => string,
  columnWords: (column: string) => string,
  totalColumn = TOTAL,
): ReportTable {
  const labels = [...table.rows.map(rowWords), TOTAL];
  return {
    title,
    columns: [...table.columns.map(columnWords), totalColumn],
    rows: table.cells.map((cells, i) => ({
      label: labels[i] ?? TOTAL,
      cells: cells.map((cell) => (cell.shown ? cell.count : null)),
    })),
  };
}

const wordOf = (words: Record<string, string>) => (key: string) => words[key] ?? key;

/** Every participation table and total, worded, in the report's order. */
export function participationTables(p: ParticipationResults): ReportTable[] {
  const tables: ReportTable[] = [
    worded(
      `Meetings held against plan (${p.meetings.plannedPerPair} planned a pair, minimum ${p.meetings.minimumPerPair})`,
      p.meetings.pairsByBand,
      () => 'Pairs',
      wordOf(MEETING_BAND_WORDS),
    ),
    {
      title: 'Meetings over all pairs',
      columns: ['Pairs', 'Meetings planned', 'Meetings held'],
      rows: [
        {
          label: 'All pairs',
          cells: p.meetings.total.shown
            ? [p.meetings.total.pairs, p.meetings.total.planned, p.meetings.total.held]
            : [null, null, null],
        },
      ],
    },
  ];
  if (p.attendance) {
    const sessions = p.attendance.sessions;
    tables.push(
      worded(
        'Attendance at programme sessions (places)',
        p.attendance.table,
        (_row, i) => `Session ${i + 1} (${SESSION_WORDS[sessions[i]?.type ?? ''] ?? 'session'})`,
        wordOf(ATTENDANCE_WORDS),
        'Invited',
      ),
    );
  }
  tables.push(
    worded(
      'Pairs ending early: who ended it, by the reason group',
      p.earlyEndings,
      wordOf(PART_WORDS),
      wordOf(EARLY_END_GROUP_WORDS),
    ),
    worded(
      'Continue or finish at the final review (partners)',
      p.continueOrFinish,
      wordOf(PART_WORDS),
      wordOf(CHOICE_WORDS),
    ),
    {
      title: 'Actions agreed and completed',
      columns: ['Pairs', 'Agreed', 'Completed'],
      rows: [
        {
          label: 'All pairs',
          cells: p.actions.shown
            ? [p.actions.pairs, p.actions.agreed, p.actions.completed]
            : [null, null, null],
        },
      ],
    },
  );
  return tables;
}
