import { odata } from '@azure/data-tables';
import { eachLimited } from '../../../platform/storage/batch';
import type { TableKey, TableStore } from '../../../platform/storage/table-store';
import {
  encodeKey,
  getRow,
  listPartition,
  listPartitionRange,
  listRows,
  optStr,
  str,
} from '../../../platform/storage/versioned';
import { DATA_MAP, type PersonKeys, type StoredRow, type TableRowsPort } from '../domain/data-map';
import { isOwnRsvp, mayExportPairRow, ownAttendanceMark } from '../domain/export-rules';
import { hashObjectId } from '../domain/erasure-rules';

/**
 * The data map's ports: one small reader per table that finds one person's rows the way the
 * map says (point reads and single-partition queries; no table is scanned). Typed against
 * TABLE_NAMES, so a table added to the service without a port here does not compile.
 */

const userPartition = (objectId: string) => `user:${encodeKey(objectId.toLowerCase())}`;
const emailPartition = (email: string) => `email:${encodeKey(email.trim().toLowerCase())}`;
/** The first key after every key starting with `prefix` (for prefix ranges). */
const after = (prefix: string) => `${prefix}~`;

const NONE: TableRowsPort = { find: () => Promise.resolve([]) };

function present(rows: (StoredRow | undefined)[]): StoredRow[] {
  return rows.filter((r): r is StoredRow => r !== undefined);
}

export class PersonRows {
  constructor(private readonly store: TableStore) {}

  private t(key: TableKey) {
    return this.store.table(key);
  }

  /** The person's keys: memberships under their object id, their emails, their applications. */
  async resolve(objectId: string): Promise<PersonKeys> {
    const id = objectId.toLowerCase();
    const memberships = (await listPartition(this.t('memberships'), userPartition(id))).map(
      (row) => ({
        cohortId: String(row.rowKey),
        participantId: str(row, 'participantId'),
        pairId: optStr(row, 'pairId') || undefined,
      }),
    );
    const participants = present(
      await Promise.all(
        memberships.map(
          async (m) => await getRow(this.t('participants'), m.cohortId, m.participantId),
        ),
      ),
    );
    const emails = [
      ...new Set(participants.map((p) => str(p, 'email').toLowerCase()).filter(Boolean)),
    ];
    const cohortIds = (await listPartition(this.t('cohorts'), 'cohort')).map((r) =>
      String(r.rowKey),
    );
    const applied = await Promise.all(
      cohortIds.map(async (cohortId) => {
        const app = await getRow(this.t('applications'), cohortId, encodeKey(id));
        const interest = await getRow(this.t('nextCohortInterest'), cohortId, encodeKey(id));
        return app || interest ? cohortId : undefined;
      }),
    );
    return {
      objectId: id,
      emails,
      memberships,
      applicationCohortIds: applied.filter((c): c is string => c !== undefined),
    };
  }

  /** One port per table of the service. */
  ports(): Record<TableKey, TableRowsPort> {
    const byCohortRow = (
      key: TableKey,
      rowOf: (m: PersonKeys['memberships'][number]) => string,
    ) => ({
      find: async (p: PersonKeys) =>
        present(
          await Promise.all(
            p.memberships.map(async (m) => await getRow(this.t(key), m.cohortId, rowOf(m))),
          ),
        ),
    });
    const byUserPartition = (key: TableKey): TableRowsPort => ({
      find: (p) => listPartition(this.t(key), userPartition(p.objectId)),
    });
    const byApplicationCohort = (key: TableKey, rowKey: (id: string) => string): TableRowsPort => ({
      find: async (p) =>
        present(
          await Promise.all(
            p.applicationCohortIds.map(
              async (c) => await getRow(this.t(key), c, rowKey(p.objectId)),
            ),
          ),
        ),
    });
    const participantIds = (p: PersonKeys) => p.memberships.map((m) => m.participantId);
    const pairsOf = (p: PersonKeys) => p.memberships.filter((m) => m.pairId !== undefined);

    return {
      cohorts: NONE,
      privacySettings: NONE,
      cohortSummaries: NONE,
      jobs: NONE,
      jobIndex: NONE,
      jobClaims: NONE,
      schedulerState: NONE,
      announcementIndex: NONE,
      fanoutWorkers: NONE,
      applicationSettings: NONE,
      evaluationPlans: NONE,
      matching: NONE,
      erasures: {
        find: async (p) =>
          present([await getRow(this.t('erasures'), 'request', hashObjectId(p.objectId))]),
      },
      participants: byCohortRow('participants', (m) => m.participantId),
      reach: byCohortRow('reach', (m) => encodeKey(m.participantId)),
      pairs: {
        find: async (p) =>
          present(
            await Promise.all(
              pairsOf(p).map(async (m) => await getRow(this.t('pairs'), m.cohortId, m.pairId!)),
            ),
          ),
      },
      memberships: {
        find: async (p) => [
          ...(await listPartition(this.t('memberships'), userPartition(p.objectId))),
          ...(
            await Promise.all(
              p.emails.map((e) => listPartition(this.t('memberships'), emailPartition(e))),
            )
          ).flat(),
        ],
      },
      participantLinks: {
        find: async (p) =>
          (
            await Promise.all(
              p.memberships.map((m) =>
                listPartition(
                  this.t('participantLinks'),
                  m.cohortId,
                  odata`participantId eq ${m.participantId}`,
                ),
              ),
            )
          ).flat(),
      },
      conversations: byUserPartition('conversations'),
      roles: byUserPartition('roles'),
      dailySends: byUserPartition('dailySends'),
      calendarFeeds: {
        // Their feed's row, and the row its token hash points back to them from.
        find: async (p) => {
          const mine = await listPartition(this.t('calendarFeeds'), userPartition(p.objectId));
          const tokens = await Promise.all(
            mine.flatMap((row) =>
              optStr(row, 'tokenHash')
                ? [getRow(this.t('calendarFeeds'), `token:${str(row, 'tokenHash')}`, '')]
                : [],
            ),
          );
          return [...mine, ...present(tokens)];
        },
      },
      pairSpace: {
        find: async (p) =>
          (
            await Promise.all(
              pairsOf(p).map(async (m) =>
                (await listPartition(this.t('pairSpace'), m.pairId!)).filter((row) =>
                  mayExportPairRow(String(row.rowKey), m.participantId),
                ),
              ),
            )
          ).flat(),
      },
      events: {
        // Their RSVPs, and their own mark from each session register (never the others').
        find: async (p) => {
          const ids = participantIds(p);
          const rows = await Promise.all(
            p.memberships.flatMap((m) =>
              ['rsvp|', 'attendance|'].map((prefix) =>
                listPartition(
                  this.t('events'),
                  m.cohortId,
                  odata`RowKey ge ${prefix} and RowKey lt ${after(prefix)}`,
                ),
              ),
            ),
          );
          return rows.flat().flatMap((row) => {
            if (isOwnRsvp(String(row.rowKey), ids)) return [row];
            const mark = ownAttendanceMark(row, ids);
            return mark ? [mark] : [];
          });
        },
      },
      announcements: {
        find: async (p) => (await this.received(p)).announcements,
      },
      announcementRecipients: {
        find: async (p) => (await this.received(p)).recipients,
      },
      audit: {
        // Entries about the person themself only: never one about their pair (a pause or an
        // end carries the programme team's reason, which the partners are not told), nor
        // what a coordinator did to others.
        find: async (p) => {
          const ids = [p.objectId, ...participantIds(p)];
          const rows = await listPartition(this.t('audit'), 'trail');
          return rows.filter((r) => ids.includes(str(r, 'targetId')));
        },
      },
      applications: byApplicationCohort('applications', (id) => encodeKey(id)),
      applicationSensitive: byApplicationCohort(
        'applicationSensitive',
        (id) => `answers|${encodeKey(id)}`,
      ),
      nextCohortInterest: byApplicationCohort('nextCohortInterest', (id) => encodeKey(id)),
      applicationReview: {
        find: async (p) => {
          const table = this.t('applicationReview');
          const id = encodeKey(p.objectId);
          const inCohorts = await Promise.all(
            p.applicationCohortIds.flatMap((c) => [
              listPartition(
                table,
                c,
                odata`RowKey ge ${`attendance|${id}|`} and RowKey lt ${after(`attendance|${id}|`)}`,
              ),
              getRow(table, c, `manager|${id}`).then((r) => (r ? [r] : [])),
            ]),
          );
          const byEmail = await Promise.all(
            p.emails.flatMap((e) => [
              listPartition(table, `teams|${encodeKey(e)}`),
              listPartition(table, `ask|${encodeKey(e)}`),
            ]),
          );
          const tell = await listPartition(table, `tell|${id}`);
          // Messages held for their line manager about their application (ask|{manager email}).
          const about = await listRows(table, odata`applicationId eq ${p.objectId}`);
          const rows = [...inCohorts.flat(), ...byEmail.flat(), ...tell, ...about];
          const seen = new Set<string>();
          return rows.filter((r) => {
            const key = `${String(r.partitionKey)}/${String(r.rowKey)}`;
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
          });
        },
      },
      evaluationResponses: {
        find: async (p) =>
          (
            await Promise.all(
              p.memberships.map((m) =>
                listPartitionRange(
                  this.t('evaluationResponses'),
                  `${m.cohortId}|`,
                  after(`${m.cohortId}|`),
                  odata`RowKey eq ${m.participantId}`,
                ),
              ),
            )
          ).flat(),
      },
      insights: {
        find: async (p) =>
          (
            await Promise.all(
              p.memberships.map((m) =>
                listPartition(
                  this.t('insights'),
                  m.cohortId,
                  odata`author1 eq ${m.participantId} or author2 eq ${m.participantId}`,
                ),
              ),
            )
          ).flat(),
      },
    };
  }

  /** The announcements sent in their cohorts and their own recipient row of each. */
  /** Read once per person, though two ports (announcements and their recipients) use it. */
  private readonly receipts = new WeakMap<PersonKeys, Promise<Receipts>>();

  private received(p: PersonKeys): Promise<Receipts> {
    let found = this.receipts.get(p);
    if (!found) {
      found = this.readReceipts(p);
      this.receipts.set(p, found);
    }
    return found;
  }

  /** Each announcement of their cohorts, with their own recipient row if it reached them. */
  private async readReceipts(p: PersonKeys): Promise<Receipts> {
    const announcements: StoredRow[] = [];
    const recipients: StoredRow[] = [];
    const sent = (
      await Promise.all(
        p.memberships.map(async (m) =>
          (await listPartition(this.t('announcements'), m.cohortId)).map((a) => ({ a, m })),
        ),
      )
    ).flat();
    await eachLimited(sent, 8, async ({ a, m }) => {
      const id = String(a.rowKey);
      const mine = await listPartitionRange(
        this.t('announcementRecipients'),
        `${id}|`,
        after(`${id}|`),
        odata`RowKey eq ${m.participantId}`,
      );
      if (mine.length === 0) return;
      announcements.push(a);
      recipients.push(...mine);
    });
    return { announcements, recipients };
  }
}

interface Receipts {
  announcements: StoredRow[];
  recipients: StoredRow[];
}

/** Every table the data map names is a table of the service (checked when this compiles). */
export const MAP_COVERS_TABLES: Record<TableKey, unknown> = DATA_MAP;
