import { TableClient, TableServiceClient } from '@azure/data-tables';
import type { AuditTrail } from '../../bot/src/contracts/audit';
import type { AttendanceRegister } from '../../bot/src/contracts/calendar-attendance';
import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import type { RunningService } from '../../bot/src/app/service';
import { recipientPartition } from '../../bot/src/features/announcements/store/announcement-repository';
import { rowKeys } from '../../bot/src/features/journey/store/pair-space-repository';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { seedEvaluationCohorts } from '../support/evaluation-cohorts';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken, startTestService } from '../support/test-service';

/**
 * Retention of a closed cohort's personal rows (issue 17, item 3), on two service instances over
 * one Azurite, driven by their dev clocks: a cohort of six pairs with survey answers, meetings,
 * a session's RSVPs and register, an announcement's recipients, an application and the rest is
 * closed; until twelve months after, nothing of it goes; the day after, one instance keeps its
 * suppressed summary and deletes its personal rows in every table (a scan of every table of
 * Azurite finds no row naming the cohort's people, pairs or participants outside the tables
 * kept on purpose), the results answer the same figures from the summary, and the counts are
 * reported once. The other cohort is untouched.
 */

const PLANTED = 'PLANTED-R17: said out loud';
const env = { COORDINATOR_IDS: COORDINATOR.userId };

let harness: BotHarness;
let b: RunningService;
let admin = '';
let cohortId = '';
let otherCohortId = '';
/** Every id and word that names the retained cohort's people, pairs and participants. */
let identifying: string[] = [];
let otherParticipants = 0;

const connection = () => harness.storage.connectionString;
const table = (name: string) =>
  TableClient.fromConnectionString(connection(), name, { allowInsecureConnection: true });

/** Both instances' clocks read `iso`, then both run their due jobs at the same moment. */
async function at(iso: string): Promise<void> {
  for (const s of [harness.service, b]) s.parts.clock.set(new Date(iso));
  const runs = await Promise.all(
    [harness.service, b].map((s) => call(s.url, 'POST', '/api/dev/run-jobs', { json: {} })),
  );
  for (const run of runs) expect(run.status).toBe(200);
}

async function results(url = harness.service.url): Promise<EvaluationResults> {
  const read = await call<EvaluationResults>(
    url,
    'GET',
    `/api/cohorts/${cohortId}/evaluation/results`,
    { token: admin },
  );
  expect(read.status).toBe(200);
  return evaluationResultsSchema.parse(read.body);
}

/** The retention runs' counts in the audit trail, oldest first. */
async function retentionRuns(): Promise<Record<string, number>[]> {
  const trail = await call<AuditTrail>(harness.service.url, 'GET', '/api/audit', { token: admin });
  expect(trail.status).toBe(200);
  return trail.body.entries
    .filter((e) => e.action === 'retention.run')
    .reverse()
    .map((e) => Object.fromEntries(e.changes.map((c) => [c.field, Number(c.after)])));
}
const total = async (field: string) =>
  (await retentionRuns()).reduce((sum, r) => sum + (r[field] ?? 0), 0);

/**
 * Rows of any table of Azurite that name the retained cohort's people, pairs or participants,
 * as `Table: PartitionKey / RowKey`, leaving out the tables kept on purpose: the cohort row and
 * its summary, the programme's settings, plan and announcements, event rows (the calendar),
 * operational job rows, and tables per person rather than per cohort (their chat, roles, sends,
 * feeds, Teams id) and the audit trail (accountability; per-person erasure reaches those).
 */
async function namingRows(): Promise<string[]> {
  const service = TableServiceClient.fromConnectionString(connection(), {
    allowInsecureConnection: true,
  });
  const keptTables = new Set([
    'Cohorts',
    'CohortSummaries',
    'ApplicationSettings',
    'EvaluationPlans',
    'Announcements',
    'AnnouncementIndex',
    'JobIndex',
    'JobClaims',
    'SchedulerState',
    'ConversationRefs',
    'Roles',
    'DailySends',
    'CalendarFeeds',
    'AuditTrail',
  ]);
  const found: string[] = [];
  for await (const t of service.listTables()) {
    const name = t.name!;
    if (keptTables.has(name) || name.startsWith('Jobs')) continue;
    for await (const row of table(name).listEntities()) {
      const keys = `${row.partitionKey} / ${row.rowKey}`;
      if (name === 'Events' && /^(event|places)\|/.test(row.rowKey!)) continue;
      if (name === 'ApplicationReview' && row.partitionKey!.startsWith('teams|')) continue;
      const text = JSON.stringify(row).toLowerCase();
      if (identifying.some((id) => text.includes(id.toLowerCase()))) {
        found.push(`${name}: ${keys}`);
      }
    }
  }
  return found.sort();
}

async function insert(name: string, entity: Record<string, unknown>): Promise<void> {
  await table(name).createEntity(entity as { partitionKey: string; rowKey: string });
}

beforeAll(async () => {
  harness = await startBotHarness(env);
  b = await startTestService(connection(), env);
  const seeded = await seedEvaluationCohorts(harness, COORDINATOR, {
    prefix: 'e1717000',
    label: 'Retain',
    freeText: PLANTED,
  });
  admin = seeded.tokens.admin!;
  cohortId = seeded.cohorts.big;
  otherCohortId = seeded.cohorts.small;
  const url = harness.service.url;
  const { repos } = harness.service.parts;
  const pairs = await repos.pairs.listByCohort(cohortId);
  const participants = await repos.participants.listByCohort(cohortId);
  expect(pairs).toHaveLength(6);
  otherParticipants = (await repos.participants.listByCohort(otherCohortId)).length;

  // Meetings held (each pair its first i), counted by the participation measures.
  for (const [i, pair] of pairs.entries()) {
    for (let n = 1; n <= i; n += 1) {
      const id = `meet-${i}-${n}`;
      await repos.pairSpaces.put(pair.id, rowKeys.meeting(id), {
        id,
        pairId: pair.id,
        number: n,
        windowStart: `2027-0${2 + n}-01T00:00:00Z`,
        windowEnd: `2027-0${3 + n}-01T00:00:00Z`,
        status: 'held',
      });
    }
  }
  // A programme session (today, after the final survey opened): RSVPs, then its register.
  const made = await call<{ id: string }>(url, 'POST', `/api/cohorts/${cohortId}/events`, {
    token: admin,
    json: {
      type: 'peer_support',
      title: 'Peer support, September',
      audience: 'everyone',
      start: '2027-09-01T12:00:00Z',
      end: '2027-09-01T13:00:00Z',
    },
  });
  expect(made.status).toBe(201);
  const eventId = made.body.id;
  for (const [mentor] of seeded.big) {
    const token = await devToken(url, { userId: mentor!.aadObjectId, name: mentor!.name });
    const rsvp = await call(url, 'PUT', `/api/cohorts/${cohortId}/events/${eventId}/rsvp`, {
      token,
      json: { response: 'yes' },
    });
    expect(rsvp.status).toBe(200);
  }
  for (const s of [harness.service, b]) s.parts.clock.set(new Date('2027-09-01T14:00:00Z'));
  const register = `/api/cohorts/${cohortId}/events/${eventId}/attendance`;
  const empty = await call<AttendanceRegister>(url, 'GET', register, { token: admin });
  const marks = empty.body.people.map((p, i) => ({
    participantId: p.participantId,
    attended: i < 7,
  }));
  expect((await call(url, 'PUT', register, { token: admin, json: { marks } })).status).toBe(200);

  // The mentors' special-category answers, deleted six months after the close.
  for (const pair of pairs) {
    const mentorRow = participants.find((p) => p.id === pair.mentorId)!;
    await harness.service.parts.applications.sensitive.save(cohortId, mentorRow.userId!, {
      ethnicity: { value: 'black', consent: true },
    });
  }

  // The tables the flows above do not fill, in their repositories' key schemes.
  const [first] = participants;
  const mentor = participants.find((p) => p.role === 'mentor')!;
  const announcementId = '9999999999999-0000abcd';
  await insert('Announcements', {
    partitionKey: cohortId,
    rowKey: announcementId,
    status: 'sent',
    data: JSON.stringify({ id: announcementId, cohortId, title: 'Welcome', status: 'sent' }),
  });
  for (const p of participants) {
    await insert('AnnouncementRecipients', {
      partitionKey: recipientPartition(announcementId, p.id),
      rowKey: p.id,
      status: 'sent',
      data: JSON.stringify({ participantId: p.id, userId: p.userId, name: p.displayName }),
    });
  }
  await insert('Applications', {
    partitionKey: cohortId,
    rowKey: mentor.userId,
    status: 'accepted',
    data: JSON.stringify({ cohortId, applicantId: mentor.userId, status: 'accepted' }),
  });
  await insert('ApplicationReview', {
    partitionKey: cohortId,
    rowKey: `manager|${mentor.userId}`,
    data: JSON.stringify({ applicationId: mentor.userId, answer: 'yes' }),
  });
  await insert('ApplicationReview', {
    partitionKey: `ask|lena.manager@trust.nhs.uk`,
    rowKey: `${cohortId}|${mentor.userId}`,
    data: JSON.stringify({ applicantName: mentor.displayName }),
  });
  await insert('NextCohortInterest', {
    partitionKey: cohortId,
    rowKey: first!.userId!,
    data: JSON.stringify({ name: first!.displayName, email: first!.email }),
  });
  await insert('Insights', {
    partitionKey: cohortId,
    rowKey: 'insight-1',
    state: 'published',
    author1: pairs[0]!.mentorId,
    author2: pairs[0]!.menteeId,
    data: JSON.stringify({ text: PLANTED }),
  });
  await insert('ReachAttempts', { partitionKey: cohortId, rowKey: first!.id, lastTriedAt: 'x' });
  await insert('MatchingRuns', {
    partitionKey: cohortId,
    rowKey: 'run:r000001',
    data: JSON.stringify({ names: participants.map((p) => p.displayName) }),
  });

  identifying = [
    cohortId,
    ...pairs.map((p) => p.id),
    ...participants.flatMap((p) => [p.id, p.userId ?? '', p.email, p.displayName]),
  ].filter((id) => id.length > 0);
}, 900_000);

afterAll(async () => {
  await b?.stop();
  await harness?.stop();
});

describe("a closed cohort's personal rows after its retention period", () => {
  let before: EvaluationResults;

  it('stay until twelve months after the cohort closed, in every table', async () => {
    await at('2027-09-02T10:00:00Z');
    const cohort = await call<{ etag: string }>(
      harness.service.url,
      'GET',
      `/api/cohorts/${cohortId}`,
      {
        token: admin,
      },
    );
    const closed = await call(harness.service.url, 'POST', `/api/cohorts/${cohortId}/close`, {
      token: admin,
      json: {},
      headers: { 'if-match': cohort.body.etag },
    });
    expect(closed.status).toBe(200);
    const named = (await namingRows()).filter((row) => !row.startsWith('ApplicationSensitive:'));
    const atClose = await results();
    expect(JSON.stringify(atClose.breakdowns)).toContain('"shown":true');
    await at('2028-03-03T03:00:00Z'); // the special-category period has passed
    const sensitive = await harness.service.parts.applications.sensitive.holders(cohortId);
    expect(sensitive).toEqual([]);
    // The breakdowns by those answers were kept, as aggregates, before the answers went.
    expect((await results(b.url)).breakdowns).toEqual(atClose.breakdowns);
    await at('2028-09-02T03:00:00Z'); // the day before the cohort's period ends
    expect(await namingRows()).toEqual(named);
    for (const table of ['Participants', 'Pairs', 'PairSpace', 'EvaluationResponses', 'Events']) {
      expect(named.some((row) => row.startsWith(`${table}:`))).toBe(true);
    }
    expect(await total('cohortsRetained')).toBe(0);
    before = await results();
    expect(before.retainedAt).toBeUndefined();
    // The figures are real: pre/post changes, response rates and the session shown.
    const all = before.domains.find((d) => d.domain === 'total' && d.group === 'all');
    expect(all?.change).toMatchObject({ shown: true, n: 12 });
    expect(before.participation?.attendance?.table.cells[0]?.[0]).toEqual({
      shown: true,
      count: 7,
    });
  });

  it('go the day after, once although both instances run it; the summary answers the same', async () => {
    await at('2028-09-03T03:00:00Z');
    expect(await namingRows()).toEqual([]);
    const runs = await retentionRuns();
    const retaining = runs.filter((r) => (r.cohortsRetained ?? 0) > 0);
    expect(retaining).toHaveLength(1);
    expect(retaining[0]).toMatchObject({ cohortsRetained: 1 });
    expect(retaining[0]!.rowsRemoved).toBeGreaterThan(60);

    // The cohort row stays, marked retained; the results answer from the kept summary.
    const cohort = await harness.service.parts.repos.cohorts.get(cohortId);
    expect(cohort?.value.name).toBe('Retain big');
    expect(cohort?.value.retainedAt).toMatch(/^2028-09-03T03:00/);
    for (const url of [harness.service.url, b.url]) {
      const after = await results(url);
      expect(after.retainedAt).toMatch(/^2028-09-03T03:00/);
      const { retainedAt: _kept, ...figures } = after;
      expect(figures).toEqual(before);
    }
    // The sponsor's report still answers, from the same figures.
    const csv = await fetch(
      `${harness.service.url}/api/cohorts/${cohortId}/evaluation/report.csv`,
      {
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(csv.status).toBe(200);

    // The other cohort is untouched; a later day removes nothing more.
    const others = await harness.service.parts.repos.participants.listByCohort(otherCohortId);
    expect(others).toHaveLength(otherParticipants);
    await at('2028-09-04T03:00:00Z');
    expect(await total('cohortsRetained')).toBe(1);
    expect(await total('rowsRemoved')).toBe(retaining[0]!.rowsRemoved);
  });
});
