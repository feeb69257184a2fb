import { odata } from '@azure/data-tables';
import { SURVEY_KINDS } from '../../../contracts/evaluation';
import { type RowKeys, deleteRows } from '../../../platform/storage/delete-rows';
import type { TableKey, TableStore } from '../../../platform/storage/table-store';
import {
  encodeKey,
  listPartition,
  listPartitionRange,
  listRows,
  str,
} from '../../../platform/storage/versioned';

/**
 * A closed cohort's personal rows, found by each table's partition scheme (as its repository
 * writes them) and deleted after the cohort's retention period. Typed against TABLE_NAMES, so
 * a table added to the service without saying here what happens to a retained cohort's rows
 * does not compile. Deleting what is gone already is harmless: a run cut short is finished by
 * the next. Dependants go first (pair spaces before pairs, memberships before participants),
 * so the keys that find them are still there when a later run resumes.
 */

/** What a retained cohort's rows in one table become. */
export type CohortRowsFate =
  /** The cohort's partition (PartitionKey = cohort id), every row. */
  | 'cohort-partition'
  /** Rows reached through the cohort's pairs, participants, announcements or surveys. */
  | 'through-the-cohort'
  /** Kept: the programme's (the cohort row, its plan, settings, announcements), or operational. */
  | 'kept'
  /** Not per cohort: a person's own rows (their chat, roles, feeds) or the audit trail. */
  | 'not-per-cohort';

export const COHORT_ROWS: Record<TableKey, CohortRowsFate> = {
  cohorts: 'kept',
  participants: 'cohort-partition',
  memberships: 'through-the-cohort',
  participantLinks: 'cohort-partition',
  pairs: 'cohort-partition',
  conversations: 'not-per-cohort',
  roles: 'not-per-cohort',
  jobs: 'kept',
  jobIndex: 'kept',
  jobClaims: 'kept',
  schedulerState: 'kept',
  pairSpace: 'through-the-cohort',
  dailySends: 'not-per-cohort',
  events: 'through-the-cohort',
  calendarFeeds: 'not-per-cohort',
  announcements: 'kept',
  announcementRecipients: 'through-the-cohort',
  announcementIndex: 'kept',
  fanoutWorkers: 'kept',
  audit: 'not-per-cohort',
  reach: 'cohort-partition',
  matching: 'cohort-partition',
  applicationSettings: 'kept',
  applications: 'cohort-partition',
  applicationSensitive: 'cohort-partition',
  nextCohortInterest: 'cohort-partition',
  applicationReview: 'through-the-cohort',
  evaluationPlans: 'kept',
  evaluationResponses: 'through-the-cohort',
  insights: 'cohort-partition',
  privacySettings: 'kept',
  cohortSummaries: 'kept',
  erasures: 'not-per-cohort',
};

/** The first key after every key that starts with `prefix` ('~' sorts after key characters). */
const after = (prefix: string) => `${prefix}~`;
const keysOf = (rows: readonly Record<string, unknown>[]): RowKeys[] =>
  rows.map((r) => ({ partitionKey: String(r.partitionKey), rowKey: String(r.rowKey) }));

export class CohortRows {
  constructor(private readonly store: TableStore) {}

  private t(key: TableKey) {
    return this.store.table(key);
  }

  /** Deletes the cohort's personal rows in every table; answers how many rows it deleted. */
  async remove(cohortId: string): Promise<number> {
    let removed = 0;
    const drop = async (key: TableKey, rows: readonly Record<string, unknown>[]) => {
      removed += await deleteRows(this.t(key), keysOf(rows));
    };
    const partition = (key: TableKey, filter?: string) =>
      listPartition(this.t(key), cohortId, filter);

    // Through the pairs: each pair's space (contract, goals, actions, meetings, preparation,
    // reflections, reviews, fit checks, status).
    for (const pair of await partition('pairs')) {
      await drop('pairSpace', await listPartition(this.t('pairSpace'), String(pair.rowKey)));
    }
    // Through the participants: their membership index rows for this cohort.
    for (const person of await partition('participants')) {
      const keys = [
        str(person, 'userId') && `user:${encodeKey(str(person, 'userId').toLowerCase())}`,
        str(person, 'email') && `email:${encodeKey(str(person, 'email').trim().toLowerCase())}`,
      ].filter((k): k is string => Boolean(k));
      await drop(
        'memberships',
        keys.map((partitionKey) => ({ partitionKey, rowKey: cohortId })),
      );
    }
    // Through the announcements: who each was sent to (its 32 bucket partitions).
    for (const announcement of await partition('announcements')) {
      const id = String(announcement.rowKey);
      await drop(
        'announcementRecipients',
        await listPartitionRange(this.t('announcementRecipients'), `${id}|`, `${id}}`),
      );
    }
    // Through the surveys: every answer of the cohort's surveys.
    for (const survey of SURVEY_KINDS) {
      await drop(
        'evaluationResponses',
        await listPartition(this.t('evaluationResponses'), `${cohortId}|${survey}`),
      );
    }
    // The calendar stays; everyone's answers and attendance marks go.
    await drop(
      'events',
      await partition(
        'events',
        odata`(RowKey ge ${'rsvp|'} and RowKey lt ${after('rsvp|')}) or (RowKey ge ${'attendance|'} and RowKey lt ${after('attendance|')})`,
      ),
    );
    // The review's rows of the cohort, and the line-manager questions waiting for this cohort.
    await drop('applicationReview', await partition('applicationReview'));
    await drop(
      'applicationReview',
      await listRows(
        this.t('applicationReview'),
        odata`PartitionKey ge ${'ask|'} and PartitionKey lt ${after('ask|')} and RowKey ge ${`${cohortId}|`} and RowKey lt ${`${cohortId}}`}`,
      ),
    );
    // The cohort's own partitions; participants and pairs last (the keys above came from them).
    const last: TableKey[] = ['participants', 'pairs'];
    const partitions = (Object.keys(COHORT_ROWS) as TableKey[]).filter(
      (key) => COHORT_ROWS[key] === 'cohort-partition' && !last.includes(key),
    );
    for (const key of [...partitions, ...last]) await drop(key, await partition(key));
    return removed;
  }
}
