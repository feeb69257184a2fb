import type { AttendanceRegister } from '../../bot/src/contracts/calendar-attendance';
import type { AuditTrail } from '../../bot/src/contracts/audit';
import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../bot/src/contracts/evaluation-results';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Attendance at programme sessions on the real service and Azurite (issue 16): those who run a
 * cohort record who attended a peer support meeting or action learning set once it has started;
 * a save over a register someone else saved meanwhile is refused with theirs (412), never
 * overwriting it; participants never see the register; and the evaluation results count the
 * registers, a session of fewer than five attending hidden.
 */

const people = Array.from({ length: 12 }, (_, i) => ({
  userId: `e1600000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  name: `Person${String(i + 1).padStart(2, '0')} Register`,
  email: `person${i + 1}.register@trust.nhs.uk`,
  role: i % 2 === 0 ? 'mentor' : 'mentee',
}));
const SESSION_DAY = { start: '2027-04-10T10:00:00Z', end: '2027-04-10T11:30:00Z' };

let harness: BotHarness;
let url: string;
let coordinator: string;
let participant: string;
let cohortId = '';
const events = { peer: '', learning: '', later: '', induction: '' };

const eventsPath = () => `/api/cohorts/${cohortId}/events`;
const registerPath = (eventId: string) => `${eventsPath()}/${eventId}/attendance`;

async function makeEvent(type: string, title: string, audience: string, when = SESSION_DAY) {
  const made = await call<{ id: string }>(url, 'POST', eventsPath(), {
    token: coordinator,
    json: { type, title, audience, ...when },
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

async function read(eventId: string, token = coordinator) {
  return call<AttendanceRegister>(url, 'GET', registerPath(eventId), { token });
}

/** Saves marks given by roster position (true, false, or left out), over `etag` if any. */
async function save(eventId: string, marks: Record<string, boolean | null>, etag?: string | null) {
  return call<
    AttendanceRegister & {
      error?: { code: string; current?: { value: AttendanceRegister; etag: string } };
    }
  >(url, 'PUT', registerPath(eventId), {
    token: coordinator,
    json: {
      marks: Object.entries(marks).map(([participantId, attended]) => ({
        participantId,
        attended,
      })),
    },
    headers: etag ? { 'if-match': etag } : {},
  });
}

/** Marks for the register's people: the first `yes` attended, the next `no` did not. */
function marksOf(register: AttendanceRegister, yes: number, no: number) {
  return Object.fromEntries(
    register.people.slice(0, yes + no).map((p, i) => [p.participantId, i < yes]),
  );
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  await harness.drive.setClock('2027-02-22T09:00:00Z');
  coordinator = await devToken(url, COORDINATOR);
  const cohort = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: coordinator,
    json: { name: 'Register cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body.id;
  const rows = ['email,display_name,role,entra_object_id,partner_email'];
  people.forEach((p, i) => {
    const partner = p.role === 'mentor' ? people[i + 1]!.email : '';
    rows.push(`${p.email},${p.name},${p.role},${p.userId},${partner}`);
  });
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: coordinator,
    body: rows.join('\n'),
    contentType: 'text/csv',
  });
  expect(imported.status).toBe(201);
  participant = await devToken(url, { userId: people[0]!.userId, name: people[0]!.name });
  events.peer = await makeEvent('peer_support', 'Peer support, April', 'everyone');
  events.learning = await makeEvent('action_learning_set', 'Mentors’ learning set', 'mentors');
  events.later = await makeEvent('peer_support', 'Peer support, May', 'everyone', {
    start: '2027-05-10T10:00:00Z',
    end: '2027-05-10T11:00:00Z',
  });
  events.induction = await makeEvent('induction', 'Induction', 'everyone');
  await harness.drive.setClock('2027-04-10T12:00:00Z'); // April's sessions are over
}, 300_000);

afterAll(() => harness?.stop());

describe('the attendance register of a programme session', () => {
  it('lists the invited, records, re-reads, and refuses a stale save with the latest', async () => {
    const empty = await read(events.peer);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ canRecord: true, etag: null, recordedAt: null });
    expect(empty.body.people.map((p) => p.displayName)).toEqual(people.map((p) => p.name));
    expect(empty.body.people.every((p) => p.attended === null)).toBe(true);
    // The mentors' learning set lists the mentors only.
    const mentors = (await read(events.learning)).body.people;
    expect(mentors.map((p) => p.role)).toEqual(Array(6).fill('mentor'));

    // Someone not invited is refused beside their mark; nothing is saved.
    const mentee = empty.body.people.find((p) => p.role === 'mentee')!;
    const wrong = await save(events.learning, { [mentee.participantId]: true });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('is not invited to this session');
    const stranger = await save(events.peer, { 'no-such-person': true });
    expect(stranger.status).toBe(400);
    expect(JSON.stringify(stranger.body)).toContain('marks.0.participantId');

    const first = await save(events.peer, marksOf(empty.body, 7, 4));
    expect(first.status).toBe(200);
    expect(first.body.etag).toEqual(first.headers.get('etag'));
    expect(first.body.recordedByName).toBe(COORDINATOR.name);
    const again = await read(events.peer);
    expect(again.body.etag).toBe(first.body.etag);
    expect(again.body.people.map((p) => p.attended)).toEqual([
      ...Array(7).fill(true),
      ...Array(4).fill(false),
      null,
    ]);

    // A save without the register's ETag (read before the first save) is refused with it.
    const blind = await save(events.peer, marksOf(empty.body, 8, 4));
    expect(blind.status).toBe(412);
    expect(blind.body.error!.current!.etag).toBe(first.body.etag);
    const second = await save(events.peer, marksOf(empty.body, 8, 4), first.body.etag);
    expect(second.status).toBe(200);
    const stale = await save(events.peer, marksOf(empty.body, 1, 11), first.body.etag);
    expect(stale.status).toBe(412);
    const current = stale.body.error!.current!;
    expect(current.etag).toBe(second.body.etag);
    expect(current.value.etag).toBe(second.body.etag);
    expect(current.value.people.filter((p) => p.attended).length).toBe(8);
    const kept = await read(events.peer);
    expect(kept.body.people.filter((p) => p.attended).length).toBe(8);

    const audit = await call<AuditTrail>(url, 'GET', `/api/audit?cohortId=${cohortId}`, {
      token: coordinator,
    });
    const recorded = audit.body.entries.filter((e) => e.action === 'calendar.attendance_recorded');
    expect(recorded).toHaveLength(2);
    // The newest first: the second save changed two marks.
    expect(recorded[0]!.changes).toEqual([
      {
        field: `Peer support, April: ${people[7]!.name}`,
        before: 'did not attend',
        after: 'attended',
      },
      { field: `Peer support, April: ${people[11]!.name}`, before: null, after: 'did not attend' },
    ]);
  });

  it('is refused before the session starts, and for events that are not sessions', async () => {
    const later = await read(events.later);
    expect(later.status).toBe(200);
    expect(later.body.canRecord).toBe(false);
    const early = await save(events.later, marksOf(later.body, 5, 0));
    expect(early.status).toBe(409);
    expect(early.body.error!.code).toBe('session_not_started');
    expect((await read(events.later)).body.etag).toBeNull();

    const induction = await read(events.induction);
    expect(induction.status).toBe(409);
    expect((induction.body as unknown as { error: { code: string } }).error.code).toBe(
      'not_a_session',
    );
    expect((await read('no-such-event')).status).toBe(404);
  });

  it('is never shown to a participant, not even their own session', async () => {
    const seen = await read(events.peer, participant);
    expect(seen.status).toBe(403);
    expect(JSON.stringify(seen.body)).not.toContain(people[1]!.name);
    const put = await call(url, 'PUT', registerPath(events.peer), {
      token: participant,
      json: { marks: [] },
    });
    expect(put.status).toBe(403);
    expect((await read(events.peer)).body.people.filter((p) => p.attended).length).toBe(8);
  });
});

describe('attendance in the evaluation results', () => {
  async function attendanceTable() {
    const results = await call<EvaluationResults>(
      url,
      'GET',
      `/api/cohorts/${cohortId}/evaluation/results`,
      { token: coordinator },
    );
    expect(results.status).toBe(200);
    evaluationResultsSchema.parse(results.body);
    const text = JSON.stringify(results.body);
    for (const p of people) expect(text).not.toContain(p.name);
    return results.body.participation!.attendance!;
  }

  it('counts each session with a register, hiding a session of fewer than five attending', async () => {
    // April's peer support: 7 of the 12 on the register attended, 5 did not.
    const peer = await read(events.peer);
    const resaved = await save(events.peer, marksOf(peer.body, 7, 5), peer.body.etag);
    expect(resaved.status).toBe(200);
    const one = await attendanceTable();
    // May's session and the learning set have no register yet: they are not counted.
    expect(one.sessions).toEqual([{ eventId: events.peer, type: 'peer_support' }]);
    expect(one.table.columns).toEqual(['attended', 'did_not_attend']);
    expect(one.table.cells[0]).toEqual([
      { shown: true, count: 7 },
      { shown: true, count: 5 },
      { shown: true, count: 12 },
    ]);

    // The mentors' learning set: 3 of 6 attended, too few to show.
    const learning = await read(events.learning);
    expect((await save(events.learning, marksOf(learning.body, 3, 3))).status).toBe(200);
    const two = await attendanceTable();
    expect([...two.sessions].sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { eventId: events.learning, type: 'action_learning_set' },
      { eventId: events.peer, type: 'peer_support' },
    ]);
    const { rows, cells } = two.table;
    expect(rows).toEqual(two.sessions.map((x) => x.eventId));
    const learningRow = cells[rows.indexOf(events.learning)]!;
    expect(learningRow[0]).toEqual({ shown: false });
    expect(learningRow[1]).toEqual({ shown: false });
  });
});
