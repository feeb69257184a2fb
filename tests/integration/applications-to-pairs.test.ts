import type { ApplicationReviewList } from '../../bot/src/contracts/application-review';
import type { MyApplication } from '../../bot/src/contracts/applications';
import type { PublishResultView, RunView } from '../../bot/src/contracts/matching';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * From applications to introduced pairs on the real service (issue 15, items 2–6 joined up):
 * people apply, the programme team accepts some, and matching takes exactly those accepted
 * (and trained, when the cohort requires it): never a draft, an undecided or a declined
 * application. Publishing makes the pairs; both partners get their introduction in Teams (their
 * verified sign-in when they applied links them); the unmatched are told they are waitlisted,
 * and every applicant's own view says what happened. Special-category answers planted by one
 * applicant appear in no answer or message meant for anyone else.
 */

const person = (n: number, name: string): TeamsUser => ({
  aadObjectId: `e1500000-0000-4000-8000-00000000000${n}`,
  name,
});
const ADA = person(1, 'Ada Mentor');
const CAL = person(2, 'Cal Mentor');
const BEN = person(3, 'Ben Mentee');
const DEE = person(4, 'Dee Undecided');
const EVE = person(5, 'Eve Declined');
const email = (p: TeamsUser) => `${p.name.toLowerCase().replace(' ', '.')}@trust.nhs.uk`;

const form = (over: Record<string, unknown>) => ({
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 3',
  organisation: 'Leicester Royal Infirmary',
  directorate: 'Emergency medicine',
  lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
  perspectivesShared: ['Working nights'],
  perspectivesWanted: [],
  meetingMode: 'online',
  availability: ['tue-am'],
  consent: true,
  ...over,
});
const MENTEE = { role: 'mentee', band: 'Band 9', organisation: 'Rutland Council' };
/** Ada's special-category answers, their categories and any token made of them: never shown. */
const NEVER_SHOWN = /"black"|bisexual|sikh|ethnicity|sexualOrientation|religion:/i;

let harness: BotHarness;
let url: string;
let cohortId: string;
const tokens = new Map<string, string>();

const as = (who: TeamsUser | 'coordinator') =>
  tokens.get(who === 'coordinator' ? who : who.aadObjectId)!;
const apps = () => `/api/cohorts/${cohortId}/applications`;

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  await harness.drive.setClock('2027-01-11T10:00:00Z');
  tokens.set('coordinator', await devToken(url, COORDINATOR));
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: as('coordinator'),
    json: { name: 'Spring 2027 cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const settings = await call(url, 'PUT', `/api/cohorts/${cohortId}/application-settings`, {
    token: as('coordinator'),
    json: {
      opensAt: '2027-01-04T09:00',
      closesAt: '2027-01-29T17:00',
      ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 9'],
      minimumBandGap: 2,
      perspectives: ['Working nights'],
      requireTraining: false,
      awarenessEventIds: [],
    },
  });
  expect(settings.status).toBe(200);
  for (const p of [ADA, CAL, BEN, DEE, EVE]) {
    await harness.drive.install(p);
    tokens.set(
      p.aadObjectId,
      await devToken(url, { userId: p.aadObjectId, name: p.name, email: email(p) }),
    );
  }
  const apply = async (p: TeamsUser, answers: Record<string, unknown>) => {
    const sent = await call(url, 'POST', `${apps()}/mine/submit`, { token: as(p), json: answers });
    expect(sent.status).toBe(200);
  };
  await apply(ADA, form({ perspectivesShared: ['Working nights'] }));
  const sensitive = await call(url, 'PUT', `${apps()}/mine/sensitive`, {
    token: as(ADA),
    json: {
      ethnicity: { value: 'black', consent: true },
      sexualOrientation: { value: 'bisexual', consent: true },
      religion: { value: 'sikh', consent: true },
    },
  });
  expect(sensitive.status).toBe(200);
  await apply(CAL, form({ perspectivesShared: [] }));
  await apply(BEN, form({ ...MENTEE, perspectivesWanted: ['Working nights'] }));
  await apply(DEE, form(MENTEE));
  await apply(EVE, form(MENTEE));
}, 180_000);

afterAll(() => harness?.stop());

it('matches exactly the accepted applicants, introduces the pairs and tells each person', async () => {
  // Ada, Cal and Ben are accepted; Eve declined; Dee not decided yet.
  const list = await call<ApplicationReviewList>(url, 'GET', apps(), { token: as('coordinator') });
  const etagOf = (p: TeamsUser) =>
    list.body.applications.find((a) => a.applicationId === p.aadObjectId)!.etag;
  const decided = await call(url, 'POST', `${apps()}/decisions`, {
    token: as('coordinator'),
    json: {
      items: [
        ...[ADA, CAL, BEN].map((p) => ({
          applicationId: p.aadObjectId,
          decision: 'accept',
          etag: etagOf(p),
        })),
        {
          applicationId: EVE.aadObjectId,
          decision: 'decline',
          reason: 'We have more senior applicants than places this time',
          etag: etagOf(EVE),
        },
      ],
    },
  });
  expect(decided.status).toBe(200);

  const base = `/api/cohorts/${cohortId}/matching`;
  const run = await call<RunView>(url, 'POST', `${base}/runs`, {
    token: as('coordinator'),
    json: {},
  });
  expect(run.status).toBe(201);
  // Ben wants what Ada can share: Ada mentors Ben; Cal is left over (one mentee only).
  expect(run.body.pairs.map((p) => [p.mentorName, p.menteeName])).toEqual([[ADA.name, BEN.name]]);
  expect(run.body.unmatched.map((u) => [u.displayName, u.cause])).toEqual([[CAL.name, 'shortage']]);
  const inRun = JSON.stringify(run.body);
  expect(inRun).not.toContain(DEE.aadObjectId);
  expect(inRun).not.toContain(EVE.aadObjectId);

  const before = new Map([ADA, BEN, CAL].map((p) => [p.name, harness.drive.inbox(p).length]));
  const published = await call<PublishResultView>(
    url,
    'POST',
    `${base}/runs/${run.body.id}/publish`,
    {
      token: as('coordinator'),
      json: {},
      headers: { 'if-match': run.body.etag },
    },
  );
  expect(published.body).toMatchObject({ alreadyPublished: false });
  expect(published.status).toBe(200);
  expect(published.body.waitlisted).toEqual([
    { id: CAL.aadObjectId, displayName: CAL.name, told: true },
  ]);
  expect(harness.drive.textsSince(CAL, before.get(CAL.name)!).join('\n')).toMatch(/waiting list/);

  // Both partners are introduced in Teams, in working hours (Monday morning here).
  await harness.drive.at('2027-01-11T10:30:00Z');
  expect(harness.drive.textsSince(ADA, before.get(ADA.name)!).join('\n')).toMatch(/Ben Mentee/);
  expect(harness.drive.textsSince(BEN, before.get(BEN.name)!).join('\n')).toMatch(/Ada Mentor/);

  // Ada's special-category answers reach no one else: not the programme team's run or publish
  // answers, not her partner's messages or his view of their pair.
  expect(JSON.stringify(run.body)).not.toMatch(NEVER_SHOWN);
  expect(JSON.stringify(published.body)).not.toMatch(NEVER_SHOWN);
  for (const r of harness.drive.inbox(BEN))
    expect(JSON.stringify(r.activity)).not.toMatch(NEVER_SHOWN);
  const benMe = await call<{ memberships: { pair: { id: string } | null }[] }>(
    url,
    'GET',
    '/api/me',
    {
      token: as(BEN),
    },
  );
  const pairId = benMe.body.memberships[0]!.pair!.id;
  const benPair = await call(url, 'GET', `/api/pairs/${pairId}`, { token: as(BEN) });
  expect(benPair.status).toBe(200);
  expect(JSON.stringify(benMe.body) + JSON.stringify(benPair.body)).not.toMatch(NEVER_SHOWN);
  const trail = await call(url, 'GET', '/api/audit', { token: as('coordinator') });
  expect(JSON.stringify(trail.body)).not.toMatch(NEVER_SHOWN);

  // Each applicant's own view says what happened.
  const mine = async (p: TeamsUser) =>
    (await call<MyApplication>(url, 'GET', `${apps()}/mine`, { token: as(p) })).body;
  expect(await mine(ADA)).toMatchObject({ status: 'accepted', matchOutcome: 'matched' });
  // Ada's own view holds her answers: the search above looks for what is really there.
  expect(JSON.stringify(await mine(ADA))).toMatch(NEVER_SHOWN);
  expect(await mine(BEN)).toMatchObject({ status: 'accepted', matchOutcome: 'matched' });
  expect(await mine(CAL)).toMatchObject({
    status: 'accepted',
    matchOutcome: 'waitlisted',
    statusWords: 'Accepted, on the waiting list for a partner',
  });
  expect(await mine(DEE)).toMatchObject({ status: 'submitted' });
  expect((await mine(DEE)).matchOutcome).toBeUndefined();
  expect(await mine(EVE)).toMatchObject({ status: 'declined' });
}, 180_000);
