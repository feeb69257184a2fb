import type { CohortSummary, Me, PairHealthRow } from '../../bot/src/contracts/cohorts';
import type { PairSpace } from '../../bot/src/contracts/journey';
import type { RunningService } from '../../bot/src/app/service';
import {
  DEMO_COORDINATOR,
  DEMO_DEV_USER,
  type DemoStage,
  demoPairsByStage,
} from '../../bot/src/features/dev/index';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import { call, devToken, startTestService, startTestStorage } from '../support/test-service';

/**
 * The staged demo (issue 14, item 8): seeded into an empty store through the real services, its
 * pairs are at every stage of the journey today, with dates that make sense against the
 * service's clock, and a restart does not seed it again.
 */

const STAGED = { SEED_DEMO: 'true', SEED_DEMO_JOURNEY: 'true' };
const DAY = 24 * 3600 * 1000;

let storage: EmbeddedStorage;
let service: RunningService;
let today: Date;

const pairsByStage = demoPairsByStage();

async function get<T>(path: string, as: { userId: string; name: string }): Promise<T> {
  const token = await devToken(service.url, { userId: as.userId, name: as.name });
  const answer = await call<T>(service.url, 'GET', path, { token });
  expect({ path, status: answer.status }).toEqual({ path, status: 200 });
  return answer.body;
}

async function demoCohort(): Promise<CohortSummary> {
  const { cohorts } = await get<{ cohorts: CohortSummary[] }>('/api/cohorts', DEMO_COORDINATOR);
  expect(cohorts).toHaveLength(1);
  return cohorts[0]!;
}

async function health(cohortId: string): Promise<PairHealthRow[]> {
  return (
    await get<{ pairs: PairHealthRow[] }>(`/api/cohorts/${cohortId}/health`, DEMO_COORDINATOR)
  ).pairs;
}

/** The pair's space as its mentor sees it in the tab. */
async function spaceOf(stage: DemoStage, rows: PairHealthRow[]): Promise<PairSpace> {
  const row = rows.find((r) => r.mentor === pairsByStage[stage].mentor.name)!;
  return get<PairSpace>(`/api/pairs/${row.pairId}`, pairsByStage[stage].mentor);
}

beforeAll(async () => {
  storage = await startTestStorage();
  today = new Date();
  service = await startTestService(storage.connectionString, STAGED);
});

afterAll(async () => {
  await service?.stop();
  await storage?.stop();
});

describe('the staged demo cohort', () => {
  it('is running today, marked as demo data', async () => {
    const cohort = await demoCohort();
    const date = today.toISOString().slice(0, 10);
    expect(cohort.isDemo).toBe(true);
    expect(cohort.startDate < date && date < cohort.endDate).toBe(true);
  });

  it('shows the programme team a pair at every stage, with who paused and why, and who asked for a word', async () => {
    const rows = await health((await demoCohort()).id);
    const byMentor = Object.fromEntries(rows.map((r) => [r.mentor, r]));
    const row = (stage: DemoStage) => byMentor[pairsByStage[stage].mentor.name]!;
    expect(rows).toHaveLength(5);

    expect(row('introduced')).toMatchObject({ state: 'introduced', health: 'starting', held: 0 });
    expect(row('active')).toMatchObject({ state: 'active', health: 'on_track', held: 2 });
    expect(row('check_in')).toMatchObject({
      state: 'active',
      health: 'needs_check_in',
      held: 1,
    });
    expect(row('completed')).toMatchObject({
      state: 'completed',
      health: 'completed',
      held: 6,
      minimumMet: true,
    });
    const paused = row('paused');
    expect(paused).toMatchObject({
      state: 'paused',
      health: 'paused',
      held: 2,
      change: {
        state: 'paused',
        byName: 'Helen Carter',
        byPart: 'mentee',
        reason: 'Covering winter pressures across the wards for a few weeks.',
      },
      askedForCoordinator: 1,
      askedBy: [{ name: 'Kwame Mensah', part: 'mentor', at: expect.any(String) }],
    });
    // Paused twelve days ago for four weeks: the dates are relative to today.
    const pausedAt = Date.parse(paused.change!.at);
    expect(today.getTime() - pausedAt).toBeGreaterThan(11 * DAY);
    expect(today.getTime() - pausedAt).toBeLessThan(13 * DAY);
    expect(Date.parse(paused.change!.until!) - pausedAt).toBe(28 * DAY);
    // The pair where someone asked for a word comes first.
    expect(rows[0]!.mentor).toBe('Kwame Mensah');
    // Only a paused or ended pair has a change to tell.
    expect(rows.filter((r) => r.change !== null).map((r) => r.mentor)).toEqual(['Kwame Mensah']);
    for (const r of rows) expect(Date.parse(r.lastContact ?? '0')).toBeLessThan(today.getTime());
  });

  it("fills each pair's space as its stage says", async () => {
    const rows = await health((await demoCohort()).id);

    const introduced = await spaceOf('introduced', rows);
    expect(introduced.pair.state).toBe('introduced');
    expect(introduced.contract).toMatchObject({ agreedByMe: true, agreedByPartner: false });
    expect(introduced.meetings).toEqual([]);

    const completed = await spaceOf('completed', rows);
    expect(completed.pair.state).toBe('completed');
    expect(completed.meetings.filter((m) => m.status === 'held')).toHaveLength(6);
    expect(completed.reflections.mine).toHaveLength(6);

    const checkIn = await spaceOf('check_in', rows);
    expect(checkIn.meetings.slice(0, 3).map((m) => m.status)).toEqual([
      'held',
      'missed',
      'unplanned',
    ]);
    // The window open today has not closed yet: one month missed, not two.
    const open = checkIn.meetings[2]!;
    expect(Date.parse(open.windowStart!)).toBeLessThan(today.getTime());
    expect(Date.parse(open.windowEnd!)).toBeGreaterThan(today.getTime());

    const paused = await spaceOf('paused', rows);
    expect(paused.pair.state).toBe('paused');
    expect(paused.meetings.filter((m) => m.status === 'held')).toHaveLength(2);

    // Every plan ends with the cohort.
    const cohort = await demoCohort();
    for (const space of [completed, checkIn, paused]) {
      for (const m of space.meetings)
        expect(m.windowEnd!.slice(0, 10) <= cohort.endDate).toBe(true);
    }
  });

  it('gives the dev user (Amara, in the Playground) a working My pair: meetings held and booked, goals and actions', async () => {
    const me = await get<Me>('/api/me', DEMO_DEV_USER);
    const membership = me.memberships[0]!;
    expect(membership.pair).toMatchObject({
      state: 'active',
      myRole: 'mentor',
      partner: { displayName: 'David Whitfield' },
    });

    const space = await get<PairSpace>(`/api/pairs/${membership.pair!.id}`, DEMO_DEV_USER);
    expect(space.progress).toMatchObject({ held: 2, planned: 6 });
    const [first, second, third] = space.meetings;
    expect([first!.status, second!.status, third!.status]).toEqual(['held', 'held', 'planned']);
    expect(Date.parse(third!.plannedAt!)).toBeGreaterThan(today.getTime());
    expect(Date.parse(second!.plannedAt!)).toBeLessThan(today.getTime());
    expect(space.goals.map((g) => g.status)).toEqual(['in_progress', 'in_progress']);
    expect(space.actions.map((a) => [a.owner, a.done, a.overdue ?? false])).toEqual(
      expect.arrayContaining([
        ['partner', true, false],
        ['partner', false, false],
      ]),
    );
    expect(space.preparation).toMatchObject({
      meetingId: third!.id,
      mine: { shared: true },
    });
    expect(space.reflections.mine).toHaveLength(2);

    // And it takes a change like any pair: Amara adds an action in the tab.
    const token = await devToken(service.url, {
      userId: DEMO_DEV_USER.userId,
      name: DEMO_DEV_USER.name,
    });
    const due = new Date(today.getTime() + 7 * DAY).toISOString().slice(0, 10);
    const added = await call(service.url, 'POST', `/api/pairs/${space.pair.id}/actions`, {
      token,
      json: { text: 'Bring the staff network survey', owner: 'me', dueDate: due },
    });
    expect(added.status).toBe(201);
  });

  it('leaves nothing of its past due: the running service starts from today', async () => {
    const run = await call<Record<string, number>>(service.url, 'POST', '/api/dev/run-jobs');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ processed: 0, failed: 0, retried: 0 });
  });

  it('is not seeded again when the service restarts on the same store', async () => {
    const before = await health((await demoCohort()).id);
    await service.stop();
    service = await startTestService(storage.connectionString, STAGED);
    const cohort = await demoCohort();
    const after = await health(cohort.id);
    expect(after.map((r) => [r.pairId, r.state, r.held])).toEqual(
      before.map((r) => [r.pairId, r.state, r.held]),
    );
  });
});
