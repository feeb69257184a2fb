import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import restify, { type Server } from 'restify';
import {
  REQUIRED_SCOPE,
  entraIssuer,
  mintDevToken,
} from '../../bot/src/platform/http/auth/token-verifier';
import type { TabAuthConfig } from '../../bot/src/app/config';
import type { TeamsUser } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR, activePair } from '../support/journey-fixture';
import { TestApplicants, applicant } from '../support/match-applicants';
import { call, devToken } from '../support/test-service';
import type { EvaluationPlan } from '../../bot/src/contracts/evaluation';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';

/**
 * Who may call what: every route registered on the service, called by everyone who must be
 * refused (no token, forged, unsigned and expired tokens, people outside the pair or cohort,
 * participants on coordinator routes, coordinators on a pair's private space) and by the
 * rightful caller, who must succeed. No refused answer, and no answer to someone else, may carry
 * what was planted for the victim pair. A route registered on the server but missing from this
 * matrix (or from the listed exceptions) fails the file.
 */

// ---------------------------------------------------------------------------------------------
// The people. The victim pair (Vivienne and Valentin) is in cohort A with a second pair (the
// peers); cohort B holds another pair; the stranger is signed in but on no roster.

const VICTIM_MENTOR: TeamsUser = {
  aadObjectId: 'a7000000-0000-4000-8000-000000000001',
  name: 'Vivienne Quarrington',
};
const VICTIM_MENTEE: TeamsUser = {
  aadObjectId: 'a7000000-0000-4000-8000-000000000002',
  name: 'Valentin Brandtmeier',
};
const PEER_MENTOR = { userId: 'a7000000-0000-4000-8000-000000000003', name: 'Petra Lindqvist' };
const PEER_MENTEE = { userId: 'a7000000-0000-4000-8000-000000000004', name: 'Piotr Zielinski' };
const OTHER_MENTOR: TeamsUser = {
  aadObjectId: 'a7000000-0000-4000-8000-000000000005',
  name: 'Oscar Abernethy',
};
const OTHER_MENTEE: TeamsUser = {
  aadObjectId: 'a7000000-0000-4000-8000-000000000006',
  name: 'Olive Ngata',
};
const STRANGER = { userId: 'a7000000-0000-4000-8000-000000000007', name: 'Sam Stranger' };
// Staff given roles by the programme admin (COORDINATOR) through POST /api/roles.
const COHORT_COORDINATOR = {
  userId: 'a7000000-0000-4000-8000-000000000008',
  name: 'Cora Coordinator',
};
const OTHER_COORDINATOR = {
  userId: 'a7000000-0000-4000-8000-000000000009',
  name: 'Otto Elsewhere',
};
const SPONSOR = { userId: 'a7000000-0000-4000-8000-00000000000a', name: 'Sol Sponsor' };

type Who =
  | 'victimMentor'
  | 'victimMentee'
  | 'sameCohortPeer'
  | 'otherCohortMember'
  | 'stranger'
  | 'coordinator'
  | 'cohortCoordinator'
  | 'otherCoordinator'
  | 'sponsor';
type AuthFault = 'anonymous' | 'forged' | 'unsigned' | 'expired';

const PEOPLE: Record<Who, { userId: string; name: string; label: string }> = {
  victimMentor: { ...user(VICTIM_MENTOR), label: 'the victim pair’s mentor' },
  victimMentee: { ...user(VICTIM_MENTEE), label: 'the victim pair’s mentee' },
  sameCohortPeer: { ...PEER_MENTOR, label: 'a member of another pair in the same cohort' },
  otherCohortMember: { ...user(OTHER_MENTOR), label: 'a member of a pair in another cohort' },
  stranger: { ...STRANGER, label: 'a signed-in person on no roster' },
  coordinator: { ...COORDINATOR, label: 'a programme admin' },
  cohortCoordinator: { ...COHORT_COORDINATOR, label: 'the coordinator of cohort A' },
  otherCoordinator: { ...OTHER_COORDINATOR, label: 'a coordinator of cohort B only' },
  sponsor: { ...SPONSOR, label: 'the sponsor of cohort A' },
};
const WHO = Object.keys(PEOPLE) as Who[];

const FAULTS: Record<AuthFault, { label: string; message: RegExp }> = {
  anonymous: { label: 'no token', message: /sign in first/i },
  forged: {
    label: 'a forged token (right claims, untrusted key)',
    message: /signature is not valid/i,
  },
  unsigned: { label: 'an unsigned token (alg none)', message: /not valid/i },
  expired: { label: 'an expired token (trusted key, past expiry)', message: /expired/i },
};

function user(u: TeamsUser) {
  return { userId: u.aadObjectId, name: u.name };
}

// ---------------------------------------------------------------------------------------------
// What is planted for the victim pair, by category. Who may ever see a category is fixed below;
// every 2xx answer is checked against it and every refused answer must contain none of it.

const GOAL_TEXT = 'Learn how the Quarrington rota board decides who covers nights';
const GOAL_NOTE = 'Private note: nervous about raising the agency spend';
const ACTION_TEXT = 'Shadow the night sister on ward 7Q';
const REFLECTION_TEXT = 'Reflection: I felt brave enough to challenge the staffing grid';
const EVENT_TITLE = 'Cohort A induction EVT-7731';
const PRIVATE_REFLECTION = 'Kept to myself: I doubt the mentor scheme survives the merger';

type Category = 'pairPrivate' | 'menteeOnly' | 'victimIdentity' | 'cohortAEvents';
const SECRETS: Record<Category, string[]> = {
  pairPrivate: [GOAL_TEXT, GOAL_NOTE, ACTION_TEXT, REFLECTION_TEXT],
  menteeOnly: [PRIVATE_REFLECTION], // a reflection she did not share, even with her partner
  victimIdentity: [VICTIM_MENTOR.name, VICTIM_MENTEE.name], // emails are added once imported
  cohortAEvents: [EVENT_TITLE],
};

/** The most each person may ever see. Coordinators never see a pair's private space. */
const MAY_SEE: Record<Who, Category[]> = {
  victimMentor: ['pairPrivate', 'victimIdentity', 'cohortAEvents'],
  victimMentee: ['pairPrivate', 'menteeOnly', 'victimIdentity', 'cohortAEvents'],
  sameCohortPeer: ['cohortAEvents'],
  otherCohortMember: [],
  stranger: [],
  coordinator: ['victimIdentity', 'cohortAEvents'],
  cohortCoordinator: ['victimIdentity', 'cohortAEvents'],
  otherCoordinator: [],
  // A sponsor sees figures, never a name.
  sponsor: [],
};

/** Where the seeding leaves the clock, and a moment when cohort A's baseline survey is open. */
const AFTER_SEEDING = '2027-04-06T10:00:00Z';
const BASELINE_OPEN = '2027-03-10T10:00:00Z';
/** After cohort A's peer support session (made while seeding), so its attendance can be saved. */
const SESSION_OVER = '2027-04-10T12:00:00Z';

/** Refused writes carry this marker; at the end nothing anywhere may hold it. */
const INTRUDER = 'INTRUDER-7f3a';

// ---------------------------------------------------------------------------------------------
// The matrix.

interface Req {
  path: string;
  json?: unknown;
  csv?: string;
  headers?: Record<string, string>;
}

interface BuildOptions {
  who: Who;
  /** False for anyone who must be refused: their writes carry the INTRUDER marker. */
  legit: boolean;
  /** The caller's own pair or cohort in the path, with the victim's goal, action or event id. */
  ownParent: boolean;
}

interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Exactly as registered on restify. */
  path: string;
  rightful: Who;
  /** The status every signed-in person gets (the rightful caller included). */
  expect: Record<Who, number>;
  /** Someone who puts their own pair or cohort id in the path to reach the victim's record. */
  crossParent?: Who;
  /** What the rightful caller's answer must show (proves the leak checks would see it). */
  mustShow?: () => string[];
  /** The service clock this route's cases run at (put back to AFTER_SEEDING after each case). */
  clock?: string;
  build(options: BuildOptions): Promise<Req>;
}

const everyone = (status: number): Record<Who, number> => ({
  victimMentor: status,
  victimMentee: status,
  sameCohortPeer: status,
  otherCohortMember: status,
  stranger: status,
  coordinator: status,
  cohortCoordinator: status,
  otherCoordinator: status,
  sponsor: status,
});
/** A route of cohort A: its programme team only; a coordinator of cohort B finds nothing (404). */
const coordinatorsOnly = (status: number) => ({
  ...everyone(403),
  coordinator: status,
  cohortCoordinator: status,
  otherCoordinator: 404,
});
/** A programme-wide route for the programme team: every coordinator, each seeing their own. */
const programmeTeam = (status: number) => ({
  ...everyone(403),
  coordinator: status,
  cohortCoordinator: status,
  otherCoordinator: status,
});
/** Programme admins only (roles, the audit trail, new cohorts). */
const adminsOnly = (status: number) => ({ ...everyone(403), coordinator: status });
const pairOnly = (status: number) => ({
  ...everyone(404),
  victimMentor: status,
  victimMentee: status,
});
const cohortAOnly = (status: number) => ({
  ...everyone(status),
  otherCohortMember: 404,
  stranger: 404,
  otherCoordinator: 404,
  sponsor: 404,
});

/** Ids learnt while seeding. */
const ids = {
  cohortA: '',
  cohortB: '',
  victimPair: '',
  peerPair: '',
  otherPair: '',
  goal: '',
  action: '',
  event: '',
  /** A peer support meeting of cohort A, over at SESSION_OVER: its attendance register. */
  session: '',
  announcement: '',
};
const CHANNEL = '19:matrix-programme@thread.tacv2';
const announcementsPath = (o: BuildOptions) =>
  `/api/cohorts/${o.ownParent ? ownCohort(o.who) : ids.cohortA}/announcements`;
const ownPair = (who: Who) =>
  who === 'sameCohortPeer' ? ids.peerPair : who === 'otherCohortMember' ? ids.otherPair : '';
const ownCohort = (who: Who) =>
  who === 'otherCohortMember' || who === 'otherCoordinator' ? ids.cohortB : ids.cohortA;
const pairPath = (o: BuildOptions) => `/api/pairs/${o.ownParent ? ownPair(o.who) : ids.victimPair}`;
const eventsPath = (o: BuildOptions) =>
  `/api/cohorts/${o.ownParent ? ownCohort(o.who) : ids.cohortA}/events`;
const words = (o: BuildOptions, text: string) => (o.legit ? text : `${INTRUDER} ${text}`);

let rosterRow = 0;
const eventBody = (title: string) => ({
  type: 'induction',
  title,
  start: '2027-05-04T09:00:00Z',
  end: '2027-05-04T11:00:00Z',
  location: 'Teams',
});

// Issue 15: the applicants matching reads (the applications feature's port, a plain stand-in).
const matchApplicants = new TestApplicants();
const matchingPath = () => `/api/cohorts/${ids.cohortA}/matching`;

async function freshRun(): Promise<{
  id: string;
  etag: string;
  pairs: { mentorId: string; menteeId: string }[];
}> {
  const run = await call<{
    id: string;
    etag: string;
    pairs: { mentorId: string; menteeId: string }[];
  }>(url, 'POST', `${matchingPath()}/runs`, { token: tokens.coordinator, json: {} });
  expect(run.status).toBe(201);
  return run.body;
}

let published: Promise<void> | undefined;
/** A run of cohort A published (one is, if none was), so there is a last published run to read. */
function publishedRun(): Promise<void> {
  published ??= (async () => {
    const last = await call(url, 'GET', `${matchingPath()}/runs/published`, {
      token: tokens.coordinator,
    });
    if (last.status === 200) return;
    const run = await freshRun();
    const done = await call(url, 'POST', `${matchingPath()}/runs/${run.id}/publish`, {
      token: tokens.coordinator,
      json: {},
      headers: { 'if-match': run.etag },
    });
    expect(done.status).toBe(200);
  })();
  return published;
}

const MATRIX: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/me',
    rightful: 'victimMentor',
    expect: everyone(200),
    mustShow: () => [VICTIM_MENTEE.name],
    build: async () => ({ path: '/api/me' }),
  },
  // Cohort administration: coordinators only.
  {
    method: 'GET',
    path: '/api/cohorts',
    rightful: 'coordinator',
    expect: programmeTeam(200),
    build: async () => ({ path: '/api/cohorts' }),
  },
  {
    method: 'POST',
    path: '/api/cohorts',
    rightful: 'coordinator',
    expect: adminsOnly(201),
    build: async (o) => ({
      path: '/api/cohorts',
      json: { name: words(o, 'Matrix cohort'), startDate: '2027-09-01', endDate: '2028-02-28' },
    }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/participants',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => SECRETS.victimIdentity,
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/participants` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/pairs',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/pairs` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/health',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [VICTIM_MENTOR.name, VICTIM_MENTEE.name],
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/health` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/health.csv',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [VICTIM_MENTOR.name, VICTIM_MENTEE.name],
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/health.csv` }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/roster',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async (o) => {
      rosterRow += 1;
      const name = o.legit ? `Newcomer ${rosterRow}` : `${INTRUDER} ${rosterRow}`;
      const email = `${o.legit ? 'newcomer' : 'intruder'}${rosterRow}@trust.nhs.uk`;
      return {
        path: `/api/cohorts/${ids.cohortA}/roster`,
        csv: ['email,display_name,role', `${email},${name},mentor`].join('\n'),
      };
    },
  },
  // Sign-in links: who is linked to which object id, and the coordinator's undo.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/links',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [VICTIM_MENTOR.name, VICTIM_MENTEE.name],
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/links` }),
  },
  {
    method: 'DELETE',
    path: '/api/cohorts/:cohortId/participants/:participantId/link',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const link = await linkToUndo();
      return {
        path: `/api/cohorts/${ids.cohortA}/participants/${link.participantId}/link`,
        headers: { 'if-match': link.etag },
      };
    },
  },
  // The programme calendar.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/events',
    rightful: 'victimMentor',
    expect: cohortAOnly(200),
    mustShow: () => [EVENT_TITLE],
    build: async (o) => ({ path: eventsPath(o) }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/events',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async (o) => ({ path: eventsPath(o), json: eventBody(words(o, 'Matrix session')) }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/events/:eventId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    crossParent: 'otherCoordinator',
    build: async (o) => ({
      path: `${eventsPath(o)}/${ids.event}`,
      // The rightful edit keeps the title; a refused one would overwrite it.
      json: eventBody(o.legit ? EVENT_TITLE : `${INTRUDER} event`),
      headers: { 'if-match': await eventEtag() },
    }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/events/:eventId/rsvp',
    rightful: 'victimMentor',
    // Coordinators run events and may not answer them.
    expect: { ...cohortAOnly(200), coordinator: 403, cohortCoordinator: 403 },
    crossParent: 'otherCohortMember',
    build: async (o) => ({
      path: `${eventsPath(o)}/${ids.event}/rsvp`,
      json: { response: o.legit ? 'yes' : 'no' },
    }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/events/:eventId/ics',
    rightful: 'victimMentor',
    expect: cohortAOnly(200),
    crossParent: 'otherCohortMember',
    mustShow: () => [EVENT_TITLE],
    build: async (o) => ({ path: `${eventsPath(o)}/${ids.event}/ics` }),
  },
  // Attendance at a programme session: those who run cohort A only; never a participant.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/events/:eventId/attendance',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    crossParent: 'otherCoordinator',
    mustShow: () => [VICTIM_MENTOR.name],
    clock: SESSION_OVER,
    build: async (o) => ({ path: `${eventsPath(o)}/${ids.session}/attendance` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/events/:eventId/attendance',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    crossParent: 'otherCoordinator',
    clock: SESSION_OVER,
    build: async (o) => {
      const path = `/api/cohorts/${ids.cohortA}/events/${ids.session}/attendance`;
      const read = await call<{ etag: string | null; people: { participantId: string }[] }>(
        url,
        'GET',
        path,
        { token: tokens.coordinator },
      );
      const marks = o.legit
        ? read.body.people.map((p) => ({ participantId: p.participantId, attended: true }))
        : [{ participantId: INTRUDER, attended: true }];
      return {
        path: `${eventsPath(o)}/${ids.session}/attendance`,
        json: { marks },
        headers: read.body.etag ? { 'if-match': read.body.etag } : undefined,
      };
    },
  },
  // A person's own calendar feed: anyone signed in, and only ever their own.
  {
    method: 'POST',
    path: '/api/me/calendar-feed',
    rightful: 'victimMentor',
    expect: everyone(201),
    build: async () => ({ path: '/api/me/calendar-feed' }),
  },
  {
    method: 'DELETE',
    path: '/api/me/calendar-feed',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: '/api/me/calendar-feed' }),
  },
  // A pair's private space: its two partners only; everyone else, coordinators included, 404.
  {
    method: 'GET',
    path: '/api/pairs/:pairId',
    rightful: 'victimMentor',
    expect: pairOnly(200),
    mustShow: () => [...SECRETS.pairPrivate, VICTIM_MENTEE.name],
    build: async (o) => ({ path: pairPath(o) }),
  },
  {
    method: 'POST',
    path: '/api/pairs/:pairId/goals',
    rightful: 'victimMentor',
    expect: pairOnly(201),
    build: async (o) => ({ path: `${pairPath(o)}/goals`, json: { text: words(o, 'New goal') } }),
  },
  {
    method: 'PUT',
    path: '/api/pairs/:pairId/goals/:goalId',
    rightful: 'victimMentor',
    expect: pairOnly(200),
    crossParent: 'sameCohortPeer',
    build: async (o) => ({
      path: `${pairPath(o)}/goals/${ids.goal}`,
      json: o.legit
        ? { text: GOAL_TEXT, status: 'in_progress', note: GOAL_NOTE }
        : { text: `${INTRUDER} goal`, status: 'set_aside', note: INTRUDER },
      headers: { 'if-match': (await victimSpace()).goals.find((g) => g.id === ids.goal)!.etag },
    }),
  },
  {
    method: 'POST',
    path: '/api/pairs/:pairId/actions',
    rightful: 'victimMentor',
    expect: pairOnly(201),
    build: async (o) => ({
      path: `${pairPath(o)}/actions`,
      json: { text: words(o, 'New action'), owner: 'me', dueDate: '2027-05-01' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/pairs/:pairId/actions/:actionId',
    rightful: 'victimMentor',
    expect: pairOnly(200),
    crossParent: 'sameCohortPeer',
    build: async (o) => ({
      path: `${pairPath(o)}/actions/${ids.action}`,
      json: o.legit ? { done: true } : { done: true, text: `${INTRUDER} action` },
      headers: {
        'if-match': (await victimSpace()).actions.find((a) => a.id === ids.action)!.etag,
      },
    }),
  },
  {
    method: 'PUT',
    path: '/api/pairs/:pairId/meetings/:meetingId/preparation',
    rightful: 'victimMentor',
    expect: pairOnly(200),
    crossParent: 'sameCohortPeer',
    build: async (o) => ({
      path: `${pairPath(o)}/meetings/${await victimMeeting('planned')}/preparation`,
      json: { topics: words(o, 'Things to cover'), share: false },
    }),
  },
  {
    method: 'POST',
    path: '/api/pairs/:pairId/meetings/:meetingId/reflections',
    rightful: 'victimMentor',
    expect: pairOnly(201),
    crossParent: 'sameCohortPeer',
    build: async (o) => ({
      path: `${pairPath(o)}/meetings/${await victimMeeting('held')}/reflections`,
      json: { learned: words(o, 'What I learned'), share: true },
    }),
  },
  // The programme channel's home: anyone in the cohort (and coordinators); their own pair only.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/home',
    rightful: 'victimMentor',
    expect: cohortAOnly(200),
    mustShow: () => [VICTIM_MENTEE.name],
    build: async (o) => ({
      path: `/api/cohorts/${o.ownParent ? ownCohort(o.who) : ids.cohortA}/home`,
    }),
  },
  {
    method: 'GET',
    path: '/api/channels/:channelId/cohort',
    rightful: 'victimMentor',
    expect: cohortAOnly(200),
    build: async () => ({ path: `/api/channels/${encodeURIComponent(CHANNEL)}/cohort` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/channel',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/channel`,
      json: { channelId: o.legit ? CHANNEL : `${INTRUDER}-channel` },
    }),
  },
  // Announcements and invitations: coordinators only.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/announcements',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => ['Matrix news'],
    build: async (o) => ({ path: announcementsPath(o) }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/announcements',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async (o) => ({
      path: announcementsPath(o),
      json: { title: words(o, 'Matrix update'), text: 'Hello again', audience: 'mentors' },
    }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/announcements/:announcementId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    crossParent: 'otherCoordinator',
    mustShow: () => [VICTIM_MENTOR.name],
    build: async (o) => ({ path: `${announcementsPath(o)}/${ids.announcement}` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/announcements/:announcementId/report.csv',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [VICTIM_MENTOR.name],
    build: async (o) => ({ path: `${announcementsPath(o)}/${ids.announcement}/report.csv` }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/announcements/:announcementId/resend-unconfirmed',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({
      path: `${announcementsPath(o)}/${ids.announcement}/resend-unconfirmed`,
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/announcements/:announcementId/cancel',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({ path: `${announcementsPath(o)}/${ids.announcement}/cancel` }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/events/:eventId/invitations',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async (o) => ({ path: `${eventsPath(o)}/${ids.event}/invitations` }),
  },
  // A cohort in numbers: its sponsor and programme team; nobody else learns it exists.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/summary',
    rightful: 'sponsor',
    expect: {
      ...everyone(404),
      coordinator: 200,
      cohortCoordinator: 200,
      sponsor: 200,
    },
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/summary` }),
  },
  // Staff roles and the audit trail: programme admins only.
  {
    method: 'GET',
    path: '/api/roles',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    mustShow: () => [COHORT_COORDINATOR.userId, SPONSOR.userId],
    build: async () => ({ path: '/api/roles' }),
  },
  {
    method: 'POST',
    path: '/api/roles',
    rightful: 'coordinator',
    expect: adminsOnly(201),
    build: async (o) => {
      roleGrants += 1;
      return {
        path: '/api/roles',
        json: {
          role: 'sponsor',
          cohortId: ids.cohortA,
          email: `${o.legit ? 'sponsor' : 'intruder'}${roleGrants}@trust.nhs.uk`,
          name: words(o, 'Granted sponsor'),
        },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/roles/:grantId',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    build: async () => ({ path: `/api/roles/${await grantToRemove()}` }),
  },
  {
    method: 'GET',
    path: '/api/audit',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    mustShow: () => ['Granted a role', COHORT_COORDINATOR.name],
    build: async () => ({ path: '/api/audit' }),
  },
  {
    method: 'GET',
    path: '/api/audit.csv',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    mustShow: () => ['Granted a role', COHORT_COORDINATOR.name],
    build: async () => ({ path: '/api/audit.csv' }),
  },
  // Privacy (issue 17): the programme's privacy contact, changed by programme admins only.
  {
    method: 'PUT',
    path: '/api/programme/privacy-settings',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    build: async (o) => {
      const read = await call<{ etag: string | null }>(
        url,
        'GET',
        '/api/programme/privacy-settings',
      );
      return {
        path: '/api/programme/privacy-settings',
        json: {
          contactName: words(o, 'Priya Programme'),
          contactEmail: 'priya.programme@trust.nhs.uk',
          controllerName: 'Matrix NHS Trust',
        },
        headers: read.body.etag ? { 'if-match': read.body.etag } : undefined,
      };
    },
  },
  // Reach: who the bot cannot message yet, and installing the app for them. Coordinators only.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/reach',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [PEER_MENTOR.name],
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/reach` }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/participants/:participantId/install-app',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [PEER_MENTOR.name],
    build: async () => ({
      path: `/api/cohorts/${ids.cohortA}/participants/${await participantIdOf(PEER_MENTOR.name)}/install-app`,
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/reach/install-app',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/reach/install-app` }),
  },
  // Running a cohort from the tab (issue 14): its settings, close and archive, its people and
  // pairs. Coordinators only, each change with If-Match; rightful calls act on fresh records.
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId',
    rightful: 'coordinator',
    // The cohort acted on is one only the programme admin runs: cohort A's coordinator finds nothing.
    expect: { ...coordinatorsOnly(200), cohortCoordinator: 404 },
    build: async (o) => {
      const cohort = await adminCohort('edit');
      return {
        path: `/api/cohorts/${cohort.id}`,
        json: { ...COHORT_SETTINGS, name: words(o, 'Matrix edited cohort') },
        headers: { 'if-match': await etagOfCohort(cohort.id) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/close',
    rightful: 'coordinator',
    // The cohort acted on is one only the programme admin runs: cohort A's coordinator finds nothing.
    expect: { ...coordinatorsOnly(200), cohortCoordinator: 404 },
    build: async (o) => {
      const cohort = o.legit ? await newAdminCohort() : await adminCohort('edit');
      return {
        path: `/api/cohorts/${cohort.id}/close`,
        json: { reason: words(o, 'Programme year over') },
        headers: { 'if-match': await etagOfCohort(cohort.id) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/archive',
    rightful: 'coordinator',
    // The cohort acted on is one only the programme admin runs: cohort A's coordinator finds nothing.
    expect: { ...coordinatorsOnly(200), cohortCoordinator: 404 },
    build: async () => {
      const cohort = await newAdminCohort();
      const closed = await call(url, 'POST', `/api/cohorts/${cohort.id}/close`, {
        token: tokens.coordinator,
        headers: { 'if-match': cohort.etag },
      });
      expect(closed.status).toBe(200);
      return {
        path: `/api/cohorts/${cohort.id}/archive`,
        headers: { 'if-match': await etagOfCohort(cohort.id) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/participants',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/participants`,
      json: personBody(words(o, 'Matrix Addition'), o.legit ? 'mentor' : 'mentee'),
    }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/participants/:participantId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const person = await matrixPerson();
      const { role: _role, ...details } = personBody(words(o, 'Matrix Person'), 'mentor');
      return {
        path: `/api/cohorts/${ids.cohortA}/participants/${person.id}`,
        json: { ...details, email: person.email },
        headers: { 'if-match': await etagOfPerson(person.id) },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/cohorts/:cohortId/participants/:participantId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const person = o.legit ? await addPerson('Matrix Leaver', 'mentor') : await matrixPerson();
      return {
        path: `/api/cohorts/${ids.cohortA}/participants/${person.id}`,
        headers: { 'if-match': await etagOfPerson(person.id) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/participants/:participantId/move',
    rightful: 'coordinator',
    // Moving to cohort B needs both cohorts: cohort A's coordinator does not run B.
    expect: { ...coordinatorsOnly(200), cohortCoordinator: 404 },
    build: async (o) => {
      const person = o.legit ? await addPerson('Matrix Mover', 'mentor') : await matrixPerson();
      return {
        path: `/api/cohorts/${ids.cohortA}/participants/${person.id}/move`,
        json: { toCohortId: ids.cohortB, reason: words(o, 'Moved') },
        headers: { 'if-match': await etagOfPerson(person.id) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/pairs',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async () => {
      const mentor = await addPerson('Matrix Pair Mentor', 'mentor');
      const mentee = await addPerson('Matrix Pair Mentee', 'mentee');
      return {
        path: `/api/cohorts/${ids.cohortA}/pairs`,
        json: { mentorId: mentor.id, menteeId: mentee.id, arrangement: 'reverse' },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/pairs/:pairId/pause',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/pairs/${ids.victimPair}/pause`,
      json: { reason: words(o, 'A word with the team first') },
      headers: { 'if-match': await victimPairIn(o.legit ? 'active' : undefined) },
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/pairs/:pairId/resume',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/pairs/${ids.victimPair}/resume`,
      json: { reason: words(o, 'Ready again') },
      headers: { 'if-match': await victimPairIn(o.legit ? 'paused' : undefined) },
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/pairs/:pairId/end',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const pair = await proposedPair();
      return {
        path: `/api/cohorts/${ids.cohortA}/pairs/${pair.id}/end`,
        json: { reason: words(o, 'Not a good fit') },
        headers: { 'if-match': pair.etag },
      };
    },
  },
  // Applications (issue 15): the programme team's settings; each person's own application.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/application-settings',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/application-settings` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/application-settings',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/application-settings`,
      json: { ...APPLICATION_SETTINGS, perspectives: [words(o, 'Working nights')] },
      headers: { 'if-match': await applicationSettingsEtag() },
    }),
  },
  {
    method: 'GET',
    path: '/api/applications/open',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: '/api/applications/open' }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/applications/mine',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/applications/mine` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/applications/mine/draft',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/applications/mine/draft`,
      json: { organisation: words(o, 'Matrix Trust') },
      headers: await myApplicationEtag(o.who),
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/mine/submit',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async (o) => ({
      path: `/api/cohorts/${ids.cohortA}/applications/mine/submit`,
      json: { ...APPLICATION_FORM, organisation: words(o, 'Matrix Trust') },
      headers: await myApplicationEtag(o.who),
    }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/mine/withdraw',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/applications/mine/withdraw` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/applications/mine/sensitive',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({
      path: `/api/cohorts/${ids.cohortA}/applications/mine/sensitive`,
      json: { disability: { value: 'prefer-not-to-say', consent: true } },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/cohorts/:cohortId/applications/mine/sensitive',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/applications/mine/sensitive` }),
  },
  // Evaluation (issue 16): the plan for those who run a cohort; each person's own surveys.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/evaluation/plan',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/evaluation/plan` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/evaluation/plan',
    rightful: 'coordinator',
    // Cohort A has started (its plan is fixed): the plan edited is a future cohort's, which
    // only the programme admin runs, so cohort A's coordinator finds nothing.
    expect: { ...coordinatorsOnly(200), cohortCoordinator: 404 },
    build: async (o) => {
      const cohort = await adminCohort('evaluation');
      const path = `/api/cohorts/${cohort.id}/evaluation/plan`;
      const read = await call<{ plan: EvaluationPlan; etag?: string }>(url, 'GET', path, {
        token: tokens.coordinator,
      });
      const { plan } = read.body;
      const pulse = plan.surveys.pulse.items.map((item) =>
        item.kind === 'text' ? { ...item, text: words(o, 'What would help your pairing?') } : item,
      );
      return {
        path,
        json: {
          ...plan,
          surveys: { ...plan.surveys, pulse: { ...plan.surveys.pulse, items: pulse } },
        },
        headers: read.body.etag ? { 'if-match': read.body.etag } : undefined,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/evaluation/quotes',
    rightful: 'coordinator',
    // Quotable free text: those who run the cohort only; never a sponsor (unmoderated words).
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/evaluation/quotes` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/evaluation/results',
    rightful: 'sponsor',
    // Suppressed aggregates: those who run cohort A and its sponsor; anyone else finds nothing.
    expect: { ...everyone(404), coordinator: 200, cohortCoordinator: 200, sponsor: 200 },
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/evaluation/results` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/evaluation/report.csv',
    rightful: 'sponsor',
    // The sponsor's report: the same people as the results; anyone else finds nothing.
    expect: { ...everyone(404), coordinator: 200, cohortCoordinator: 200, sponsor: 200 },
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/evaluation/report.csv` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/evaluation/report.pdf',
    rightful: 'sponsor',
    expect: { ...everyone(404), coordinator: 200, cohortCoordinator: 200, sponsor: 200 },
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/evaluation/report.pdf` }),
  },
  {
    method: 'PUT',
    path: '/api/me/surveys/:cohortId/:survey',
    rightful: 'victimMentor',
    // Each person saves only their own answers (the path names no one): the victim pair's own
    // succeed; the peers' pair has not started (proposed) and anyone not paired in cohort A has
    // no survey there.
    expect: { ...everyone(404), victimMentor: 200, victimMentee: 200 },
    // The baseline is open on 10 March.
    clock: BASELINE_OPEN,
    build: async (o) => {
      const mine = await call<MySurveys>(url, 'GET', '/api/me/surveys', { token: tokens[o.who] });
      const own = mine.body.surveys?.find((s) => s.cohortId === ids.cohortA);
      return {
        path: `/api/me/surveys/${ids.cohortA}/baseline`,
        json: {
          planVersion: own?.planVersion ?? 1,
          state: 'partial',
          answers: [{ itemId: 'hopes', kind: 'text', text: words(o, 'Matrix hopes') }],
          ...(own?.response ? { etag: own.response.etag } : {}),
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/me/surveys',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: '/api/me/surveys' }),
  },
  // Export my data (issue 17): the token names whose data, so each person gets only their own
  // (the archive is stored uncompressed, so the leak checks read it): the mentee's private
  // reflection is in hers and never in her mentor's.
  {
    method: 'GET',
    path: '/api/me/data-export',
    rightful: 'victimMentee',
    expect: everyone(200),
    mustShow: () => [PRIVATE_REFLECTION, GOAL_TEXT],
    build: async () => ({ path: '/api/me/data-export' }),
  },
  // Erase my data (issue 17): a person asks only for their own (the token's); programme admins
  // list, confirm (If-Match) and decline. Each case confirms or declines a throwaway person's
  // request, so nobody of the matrix is erased.
  {
    method: 'GET',
    path: '/api/me/erasure',
    rightful: 'victimMentee',
    expect: everyone(200),
    build: async () => ({ path: '/api/me/erasure' }),
  },
  {
    method: 'POST',
    path: '/api/me/erasure',
    rightful: 'stranger',
    expect: everyone(202),
    build: async (o) => ({ path: '/api/me/erasure', json: { reason: words(o, 'Please') } }),
  },
  {
    method: 'GET',
    path: '/api/admin/erasures',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    mustShow: () => ['Thea Throwaway'],
    build: async () => {
      await throwawayRequest();
      return { path: '/api/admin/erasures' };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/erasures/:erasureId/confirm',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    build: async () => {
      const r = await throwawayRequest();
      return { path: `/api/admin/erasures/${r.id}/confirm`, headers: { 'if-match': r.etag } };
    },
  },
  {
    method: 'POST',
    path: '/api/admin/erasures/:erasureId/decline',
    rightful: 'coordinator',
    expect: adminsOnly(200),
    build: async (o) => {
      const r = await throwawayRequest();
      return {
        path: `/api/admin/erasures/${r.id}/decline`,
        json: { reason: words(o, 'Not confirmed by phone') },
        headers: { 'if-match': r.etag },
      };
    },
  },
  // Insights and testimonials (issue 16 item 7): authors only on /api/me/insights…, the
  // programme team moderates, the board for those who run cohort A and its sponsor.
  {
    method: 'GET',
    path: '/api/me/insights',
    rightful: 'victimMentor',
    expect: everyone(200),
    mustShow: () => [INSIGHT_TEXT],
    build: async () => {
      await victimInsight();
      return { path: '/api/me/insights' };
    },
  },
  {
    method: 'POST',
    path: '/api/me/insights',
    rightful: 'victimMentor',
    // Only someone paired in cohort A writes one there (for their own pair); anyone else: 404.
    expect: { ...everyone(404), victimMentor: 201, victimMentee: 201, sameCohortPeer: 201 },
    build: async (o) => ({
      path: '/api/me/insights',
      json: { cohortId: ids.cohortA, kind: 'insight', title: 'Matrix', text: words(o, 'Insight') },
    }),
  },
  {
    method: 'PUT',
    path: '/api/me/insights/:cohortId/:insightId',
    rightful: 'victimMentor',
    expect: { ...everyone(404), victimMentor: 200, victimMentee: 200 },
    build: async (o) => {
      const { id, etag } = await victimInsight();
      return {
        path: `/api/me/insights/${ids.cohortA}/${id}`,
        json: {
          title: 'Matrix insight',
          text: o.legit ? INSIGHT_TEXT : `${INSIGHT_TEXT} ${INTRUDER}`,
        },
        headers: { 'if-match': etag },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/me/insights/:cohortId/:insightId/consent',
    rightful: 'victimMentor',
    expect: { ...everyone(404), victimMentor: 200, victimMentee: 200 },
    build: async (o) => {
      const { id, etag } = await victimInsight();
      return {
        path: `/api/me/insights/${ids.cohortA}/${id}/consent`,
        json: { decision: 'change', note: words(o, 'A little less detail') },
        headers: { 'if-match': etag },
      };
    },
  },
  {
    // An author withdraws (issue 17): each call its own testimonial of the victim mentor's, so
    // the rightful one's deletion leaves the others theirs to refuse.
    method: 'DELETE',
    path: '/api/me/insights/:cohortId/:insightId',
    rightful: 'victimMentor',
    expect: { ...everyone(404), victimMentor: 200 },
    build: async () => {
      const { id, etag } = await sentTestimonial('Matrix testimonial: withdrawn by its author');
      return { path: `/api/me/insights/${ids.cohortA}/${id}`, headers: { 'if-match': etag } };
    },
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/insights',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/insights` }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/insights/board',
    rightful: 'sponsor',
    expect: { ...everyone(404), coordinator: 200, cohortCoordinator: 200, sponsor: 200 },
    mustShow: () => [BOARD_TEXT],
    build: async () => {
      await onTheBoard();
      return { path: `/api/cohorts/${ids.cohortA}/insights/board` };
    },
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/insights/:insightId',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const { id, etag } = await sentTestimonial();
      return {
        path: `/api/cohorts/${ids.cohortA}/insights/${id}`,
        json: { title: 'Matrix testimonial', text: words(o, 'Anonymised words') },
        headers: { 'if-match': etag },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/insights/:insightId/publish',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const { id, etag } = await sentTestimonial();
      return {
        path: `/api/cohorts/${ids.cohortA}/insights/${id}/publish`,
        json: { theme: 'the_programme' },
        headers: { 'if-match': etag },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/insights/:insightId/return',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const { id, etag } = await sentTestimonial();
      return {
        path: `/api/cohorts/${ids.cohortA}/insights/${id}/return`,
        json: { note: words(o, 'Please say a little more') },
        headers: { 'if-match': etag },
      };
    },
  },
  // Reviewing applications (issue 15, items 3–4): cohort A's programme team only.
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/applications',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    mustShow: () => [REVIEWED_APPLICANT.name],
    build: async () => {
      await reviewedApplication();
      return { path: `/api/cohorts/${ids.cohortA}/applications` };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/decisions',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const { applicationId, etag } = await reviewedApplication();
      return {
        path: `/api/cohorts/${ids.cohortA}/applications/decisions`,
        json: { items: [{ applicationId, decision: 'waitlist', etag }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/:applicationId/decision',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const { applicationId, etag } = await reviewedApplication();
      return {
        path: `/api/cohorts/${ids.cohortA}/applications/${applicationId}/decision`,
        json: { decision: 'decline', reason: words(o, 'Full this time'), etag },
      };
    },
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/applications/:applicationId/attendance',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const { applicationId } = await reviewedApplication();
      const eventId = await inductionEvent();
      return {
        path: `/api/cohorts/${ids.cohortA}/applications/${applicationId}/attendance`,
        json: { eventId, attended: true, etag: await attendanceEtag(applicationId, eventId) },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/attendance',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const { applicationId } = await reviewedApplication();
      const eventId = await inductionEvent();
      const etag = await attendanceEtag(applicationId, eventId);
      return {
        path: `/api/cohorts/${ids.cohortA}/applications/attendance`,
        json: { eventId, attended: true, items: [{ applicationId, etag }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/:applicationId/ask-manager',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const { applicationId } = await reviewedApplication();
      return { path: `/api/cohorts/${ids.cohortA}/applications/${applicationId}/ask-manager` };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/applications/:applicationId/manager-answer',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async (o) => {
      const { applicationId } = await reviewedApplication();
      return {
        path: `/api/cohorts/${ids.cohortA}/applications/${applicationId}/manager-answer`,
        json: { released: true, note: words(o, 'Confirmed by phone') },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/next-cohort-interest',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/next-cohort-interest` }),
  },
  {
    method: 'DELETE',
    path: '/api/cohorts/:cohortId/next-cohort-interest',
    rightful: 'victimMentor',
    expect: everyone(200),
    build: async () => ({ path: `/api/cohorts/${ids.cohortA}/next-cohort-interest` }),
  },
  // Issue 15: matching proposals, cohort A's programme team only. Each rightful edit works on a
  // fresh run; publishing comes last (it pairs the applicants, so later runs have fewer).
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/matching/settings',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => ({ path: `${matchingPath()}/settings` }),
  },
  {
    method: 'PUT',
    path: '/api/cohorts/:cohortId/matching/settings',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const current = await call<{ etag: string | null }>(
        url,
        'GET',
        `${matchingPath()}/settings`,
        {
          token: tokens.coordinator,
        },
      );
      return {
        path: `${matchingPath()}/settings`,
        json: {
          aim: 'best-fit',
          weights: { perspectives: 50, crossOrganisation: 20, availability: 20, location: 10 },
          neverPair: [],
        },
        headers: current.body.etag ? { 'if-match': current.body.etag } : undefined,
      };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/matching/runs',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async () => ({ path: `${matchingPath()}/runs`, json: {} }),
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/matching/rematch',
    rightful: 'coordinator',
    expect: coordinatorsOnly(201),
    build: async () => ({ path: `${matchingPath()}/rematch`, json: {} }),
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/matching/runs/latest',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      await freshRun();
      return { path: `${matchingPath()}/runs/latest` };
    },
  },
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/matching/runs/:runId/swap',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const run = await freshRun();
      return {
        path: `${matchingPath()}/runs/${run.id}/swap`,
        json: { personA: run.pairs[0]!.mentorId, personB: run.pairs[1]!.mentorId },
        headers: { 'if-match': run.etag },
      };
    },
  },
  ...(['lock', 'unlock', 'remove'] as const).map((verb): RouteSpec => ({
    method: 'POST',
    path: `/api/cohorts/:cohortId/matching/runs/:runId/${verb}`,
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const run = await freshRun();
      const pair = run.pairs[0]!;
      return {
        path: `${matchingPath()}/runs/${run.id}/${verb}`,
        json: { mentorId: pair.mentorId, menteeId: pair.menteeId },
        headers: { 'if-match': run.etag },
      };
    },
  })),
  {
    method: 'POST',
    path: '/api/cohorts/:cohortId/matching/runs/:runId/publish',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      const run = await freshRun();
      return {
        path: `${matchingPath()}/runs/${run.id}/publish`,
        json: {},
        headers: { 'if-match': run.etag },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/cohorts/:cohortId/matching/runs/published',
    rightful: 'coordinator',
    expect: coordinatorsOnly(200),
    build: async () => {
      // Placed after publish: cohort A has a published run by now (else one is published).
      await publishedRun();
      // A newer draft is the latest: the published run is still the one answered.
      await freshRun();
      return { path: `${matchingPath()}/runs/published` };
    },
  },
];

const APPLICATION_SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-12-31T17:00',
  ladder: ['Band 4', 'Band 6', 'Band 8a', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights'],
  requireTraining: false,
  awarenessEventIds: [],
};

const APPLICATION_FORM = {
  role: 'mentor',
  arrangement: 'reverse',
  band: 'Band 4',
  directorate: 'Nursing',
  lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
  perspectivesShared: ['Working nights'],
  perspectivesWanted: [],
  meetingMode: 'online',
  availability: ['tue-am'],
  consent: true,
};

/** Someone outside the matrix's people who applied to cohort A, for the review's rows. */
const REVIEWED_APPLICANT = {
  userId: 'a7000000-0000-4000-8000-0000000000aa',
  name: 'Rhea Applicant',
};
let applied: Promise<void> | undefined;

/** The applicant's application as the coordinator reads it now (its id and current ETag). */
async function reviewedApplication(): Promise<{ applicationId: string; etag: string }> {
  applied ??= (async () => {
    const token = await devToken(url, REVIEWED_APPLICANT);
    const sent = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/applications/mine/submit`, {
      token,
      json: { ...APPLICATION_FORM, organisation: 'Applicant Trust' },
    });
    expect(sent.status).toBe(200);
  })();
  await applied;
  const list = await call<{ applications: { applicationId: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/applications`,
    { token: tokens.coordinator },
  );
  const mine = list.body.applications.find((a) => a.applicationId === REVIEWED_APPLICANT.userId)!;
  return { applicationId: mine.applicationId, etag: mine.etag };
}

let induction: Promise<string> | undefined;
async function inductionEvent(): Promise<string> {
  induction ??= call<{ id: string }>(url, 'POST', `/api/cohorts/${ids.cohortA}/events`, {
    token: tokens.coordinator,
    json: eventBody('Review matrix induction'),
  }).then((made) => made.body.id);
  return induction;
}

/** The version of an applicant's attendance at an event as the list shows it now (null if none). */
async function attendanceEtag(applicationId: string, eventId: string): Promise<string | null> {
  const list = await call<{
    applications: { applicationId: string; attendance: { eventId: string; etag: string }[] }[];
  }>(url, 'GET', `/api/cohorts/${ids.cohortA}/applications`, { token: tokens.coordinator });
  const mine = list.body.applications.find((a) => a.applicationId === applicationId)!;
  return mine.attendance.find((a) => a.eventId === eventId)?.etag ?? null;
}

async function applicationSettingsEtag(): Promise<string> {
  const read = await call<{ etag: string }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/application-settings`,
    { token: tokens.coordinator },
  );
  return read.body.etag;
}

/** If-Match for the caller's own application, once they have one. */
async function myApplicationEtag(who: Who): Promise<Record<string, string>> {
  const read = await call<{ etag?: string }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/applications/mine`,
    { token: tokens[who] },
  );
  return read.body.etag ? { 'if-match': read.body.etag } : {};
}

let roleGrants = 0;

/** A grant made only to be removed by the DELETE rows (each row removes its own). */
async function grantToRemove(): Promise<string> {
  roleGrants += 1;
  const made = await call<{ id: string }>(url, 'POST', '/api/roles', {
    token: tokens.coordinator,
    json: {
      role: 'coordinator',
      cohortId: ids.cohortB,
      email: `short-lived${roleGrants}@trust.nhs.uk`,
    },
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

/** A cohort A participant's id, by name (the coordinator's roster). */
async function participantIdOf(name: string): Promise<string> {
  const people = await call<{ participants: { id: string; displayName: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/participants`,
    { token: tokens.coordinator },
  );
  return people.body.participants.find((p) => p.displayName === name)!.id;
}

const INSIGHT_TEXT = 'Matrix insight: leaders should ask who is missing from the room';
const BOARD_TEXT = 'Matrix board: the programme made the rota fairer';
let insightMade: Promise<string> | undefined;

/** The victim pair's insight (written once by the mentor) and its ETag as the pair reads it now. */
async function victimInsight(): Promise<{ id: string; etag: string }> {
  insightMade ??= call<{ id: string }>(url, 'POST', '/api/me/insights', {
    token: tokens.victimMentor,
    json: { cohortId: ids.cohortA, kind: 'insight', title: 'Matrix insight', text: INSIGHT_TEXT },
  }).then((made) => made.body.id);
  const id = await insightMade;
  const mine = await call<{ insights: { id: string; etag: string }[] }>(
    url,
    'GET',
    '/api/me/insights',
    { token: tokens.victimMentor },
  );
  return { id, etag: mine.body.insights.find((i) => i.id === id)!.etag };
}

/** A new testimonial of the victim mentor's, in the programme team's queue (consent given). */
async function sentTestimonial(text = 'Matrix testimonial: worth every hour'): Promise<{
  id: string;
  etag: string;
}> {
  const made = await call<{ id: string; etag: string }>(url, 'POST', '/api/me/insights', {
    token: tokens.victimMentor,
    json: {
      cohortId: ids.cohortA,
      kind: 'testimonial',
      title: 'Matrix testimonial',
      text,
      consentToQuote: true,
    },
  });
  expect(made.status).toBe(201);
  return { id: made.body.id, etag: made.body.etag };
}

let boardReady: Promise<void> | undefined;
/** One testimonial published on cohort A's board. */
function onTheBoard(): Promise<void> {
  boardReady ??= (async () => {
    const { id, etag } = await sentTestimonial(BOARD_TEXT);
    const done = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/insights/${id}/publish`, {
      token: tokens.coordinator,
      json: { theme: 'the_programme' },
      headers: { 'if-match': etag },
    });
    expect(done.status).toBe(200);
  })();
  return boardReady;
}

/** Registered routes that are not behind a bearer token, and why. */
const EXCEPTIONS: Record<string, string> = {
  'GET /healthz': 'liveness probe for the platform: public, states only, no personal data',
  'POST /api/messages':
    'the bot endpoint: authenticated by the Bot Framework (CloudAdapter) with the bot’s own credentials',
  'GET /api/programme/privacy-settings':
    'the programme’s privacy contact and data controller, published in the privacy notice the app manifest links to: no sign-in, names no participant (tests/integration/privacy.test.ts)',
  'GET /calendar/:feed':
    'an Outlook subscription URL: the unguessable token in the path is the credential (tested below)',
  'GET /tab': 'redirect to the static tab page: no data',
  'GET /tab/*': 'the built tab’s static files: no data, the tab calls the API with its token',
  'GET /tab/index.html':
    'the tab’s page, with the public Entra client id written in for Teams SSO: no personal data',
  'GET /tab/config.html':
    'the tab’s channel set-up page, with the public Entra client id: no personal data',
  'GET /api/dev/users':
    'development only (AUTH_MODE=dev, 404 otherwise): the fictional demo people',
  'POST /api/dev/token': 'development only (AUTH_MODE=dev, 404 otherwise): mints dev tokens',
  'POST /api/dev/clock': 'development only (AUTH_MODE=dev, 404 otherwise): moves the service clock',
  'POST /api/dev/run-jobs': 'development only (AUTH_MODE=dev, 404 otherwise): runs due jobs',
  'GET /api/dev/metrics':
    'development only (AUTH_MODE=dev, 404 otherwise): the process’s memory and event-loop delay, no data',
};

// ---------------------------------------------------------------------------------------------
// The service, its registered routes and the callers' tokens.

const createServer = jest.spyOn(restify, 'createServer');
let harness: BotHarness;
let url: string;
let registered: string[] = [];
const tokens = {} as Record<Who, string>;
const faultTokens: Record<AuthFault, Partial<Record<Who, string>>> = {
  anonymous: {},
  forged: {},
  unsigned: {},
  expired: {},
};

async function http(method: string, req: Req, token?: string) {
  const headers: Record<string, string> = { ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] = 'application/json';
  } else if (req.csv !== undefined) {
    body = req.csv;
    headers['content-type'] = 'text/csv';
  }
  const response = await fetch(`${url}${req.path}`, { method, headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A new person's request to erase (so no case erases anyone of the matrix): its id and ETag. */
async function throwawayRequest(): Promise<{ id: string; etag: string }> {
  const token = await devToken(url, { userId: randomUUID(), name: 'Thea Throwaway' });
  const asked = await call<{ request: { id: string } }>(url, 'POST', '/api/me/erasure', {
    token,
    json: {},
  });
  expect(asked.status).toBe(202);
  const list = await call<{ requests: { id: string; etag: string }[] }>(
    url,
    'GET',
    '/api/admin/erasures',
    { token: tokens.coordinator },
  );
  return list.body.requests.find((r) => r.id === asked.body.request.id)!;
}

interface SpaceView {
  meetings: { id: string; status: string }[];
  goals: { id: string; text: string; etag: string }[];
  actions: { id: string; text: string; etag: string }[];
}

async function victimSpace(): Promise<SpaceView> {
  const space = await call<SpaceView>(url, 'GET', `/api/pairs/${ids.victimPair}`, {
    token: tokens.victimMentor,
  });
  expect(space.status).toBe(200);
  return space.body;
}

async function victimMeeting(status: 'planned' | 'held'): Promise<string> {
  return (await victimSpace()).meetings.find((m) => m.status === status)!.id;
}

let linkables = 0;

/** A participant of cohort A linked by the roster's object id, only for the undo's rows. */
async function linkToUndo(): Promise<{ participantId: string; etag: string }> {
  const listed = async () =>
    (
      await call<{ links: { displayName: string; participantId: string; etag: string }[] }>(
        url,
        'GET',
        `/api/cohorts/${ids.cohortA}/links`,
        { token: tokens.coordinator },
      )
    ).body.links.find((l) => l.displayName.startsWith('Linda Linkable'));
  const found = await listed();
  if (found) return found;
  // Each rightful undo unlinks one: a fresh Linda for the next.
  linkables += 1;
  const n = String(linkables).padStart(2, '0');
  const imported = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/roster`, {
    token: tokens.coordinator,
    contentType: 'text/csv',
    body: `email,display_name,role,entra_object_id\nlinda.l${n}@trust.nhs.uk,Linda Linkable ${n},mentor,a7000000-0000-4000-8000-0000000001${n}`,
  });
  expect(imported.status).toBe(201);
  return (await listed())!;
}

// Issue 14: records the cohort, people and pair rows act on (the rightful caller's are fresh).
const COHORT_SETTINGS = {
  name: 'Matrix edited cohort',
  startDate: '2027-09-01',
  endDate: '2028-02-28',
  timeZone: 'Europe/London',
  workingHours: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
  cadence: { frequency: 'monthly', plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60 },
  arrangements: ['reverse', 'reciprocal'],
};
const adminCohorts = new Map<string, string>();
let matrixPeople = 0;
let matrixPersonId = '';

async function newAdminCohort(): Promise<{ id: string; etag: string }> {
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: tokens.coordinator,
    json: { name: 'Matrix admin cohort', startDate: '2027-09-01', endDate: '2028-02-28' },
  });
  expect(made.status).toBe(201);
  return { id: made.body.id, etag: await etagOfCohort(made.body.id) };
}

async function adminCohort(key: string): Promise<{ id: string }> {
  if (!adminCohorts.has(key)) adminCohorts.set(key, (await newAdminCohort()).id);
  return { id: adminCohorts.get(key)! };
}

async function etagOfCohort(cohortId: string): Promise<string> {
  const read = await call<{ etag: string }>(url, 'GET', `/api/cohorts/${cohortId}`, {
    token: tokens.coordinator,
  });
  return read.body.etag;
}

function personBody(name: string, role: 'mentor' | 'mentee') {
  matrixPeople += 1;
  return {
    displayName: name,
    email: `matrix.person${matrixPeople}@trust.nhs.uk`,
    role,
    jobTitle: 'Ward sister',
    band: 'Band 7',
  };
}

async function addPerson(name: string, role: 'mentor' | 'mentee') {
  const added = await call<{ id: string; email: string }>(
    url,
    'POST',
    `/api/cohorts/${ids.cohortA}/participants`,
    { token: tokens.coordinator, json: personBody(name, role) },
  );
  expect(added.status).toBe(201);
  return added.body;
}

async function matrixPerson(): Promise<{ id: string; email: string }> {
  if (!matrixPersonId) matrixPersonId = (await addPerson('Matrix Person', 'mentor')).id;
  const people = await call<{ participants: { id: string; email: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/participants`,
    { token: tokens.coordinator },
  );
  return people.body.participants.find((p) => p.id === matrixPersonId)!;
}

async function etagOfPerson(participantId: string): Promise<string> {
  const people = await call<{ participants: { id: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/participants`,
    { token: tokens.coordinator },
  );
  return people.body.participants.find((p) => p.id === participantId)!.etag;
}

async function pairsOfA() {
  const pairs = await call<{ pairs: { id: string; state: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/pairs`,
    { token: tokens.coordinator },
  );
  return pairs.body.pairs;
}

/** The victim pair's ETag, first brought to `state` (active or paused) for a rightful call. */
async function victimPairIn(state?: 'active' | 'paused'): Promise<string> {
  let pair = (await pairsOfA()).find((p) => p.id === ids.victimPair)!;
  if (state && pair.state !== state) {
    const verb = state === 'active' ? 'resume' : 'pause';
    const changed = await call(
      url,
      'POST',
      `/api/cohorts/${ids.cohortA}/pairs/${pair.id}/${verb}`,
      {
        token: tokens.coordinator,
        json: { reason: 'Matrix set-up' },
        headers: { 'if-match': pair.etag },
      },
    );
    expect(changed.status).toBe(200);
    pair = (await pairsOfA()).find((p) => p.id === ids.victimPair)!;
  }
  return pair.etag;
}

/** A new pair of two new people in cohort A (proposed: it may be ended). */
async function proposedPair(): Promise<{ id: string; etag: string }> {
  const mentor = await addPerson('Matrix Ending Mentor', 'mentor');
  const mentee = await addPerson('Matrix Ending Mentee', 'mentee');
  const made = await call<{ pairId: string; etag: string }>(
    url,
    'POST',
    `/api/cohorts/${ids.cohortA}/pairs`,
    {
      token: tokens.coordinator,
      json: { mentorId: mentor.id, menteeId: mentee.id, arrangement: 'reverse' },
    },
  );
  expect(made.status).toBe(201);
  return { id: made.body.pairId, etag: made.body.etag };
}

async function eventEtag(): Promise<string> {
  const events = await call<{ events: { id: string; etag: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/events`,
    { token: tokens.coordinator },
  );
  return events.body.events.find((e) => e.id === ids.event)!.etag;
}

function devAuth(): Extract<TabAuthConfig, { mode: 'dev' }> {
  const auth = harness.service.parts.config.auth;
  if (auth.mode !== 'dev') throw new Error('the matrix runs in AUTH_MODE=dev');
  return auth;
}

/** The claims a dev token carries (see mintDevToken), for a token the service must refuse. */
function claimsOf(person: { userId: string; name: string }) {
  const auth = devAuth();
  const now = Math.floor(Date.now() / 1000);
  return {
    claims: { oid: person.userId, tid: auth.tenantId, name: person.name, scp: REQUIRED_SCOPE },
    issuer: entraIssuer(auth.tenantId),
    audience: auth.audience,
    now,
  };
}

async function forgedToken(person: { userId: string; name: string }) {
  const { claims, issuer, audience, now } = claimsOf(person);
  return new SignJWT({ ...claims, ver: '2.0' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(person.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(randomBytes(32)); // a key the service has never seen
}

function unsignedToken(person: { userId: string; name: string }): string {
  const { claims, issuer, audience, now } = claimsOf(person);
  return new UnsecuredJWT(claims)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .encode();
}

/**
 * Signed by the service's own dev signing code and key, but an hour past its expiry. The verifier
 * checks expiry against the wall clock (jose's default), not the service clock that
 * POST /api/dev/clock moves (it stands in 2027 here), so only a past `exp` expires a token.
 */
async function expiredToken({ userId, name }: { userId: string; name: string }) {
  return (await mintDevToken(devAuth(), { userId, name }, -3600)).token;
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId }, { matchApplicants });
  url = harness.service.url;
  const servers = createServer.mock.results.map((r) => r.value as Server);
  const service = servers.find((s) => s.name === 'reverse-mentoring');
  if (!service) throw new Error('the service’s restify server was not captured');
  registered = Object.values(
    service.router.getRoutes() as unknown as Record<string, { method: string; path: string }>,
  ).map((r) => `${r.method.toUpperCase()} ${r.path}`);

  const { drive } = harness;
  // Cohort B first (activePair resets the clock), then the victim pair in cohort A.
  ids.cohortB = await activePair(drive, url, OTHER_MENTOR, OTHER_MENTEE);
  ids.cohortA = await activePair(drive, url, VICTIM_MENTOR, VICTIM_MENTEE);
  matchApplicants.byCohort.set(ids.cohortA, [
    applicant('mx-ann', { perspectivesShared: ['race'] }),
    applicant('mx-bob', { perspectivesShared: ['disability'] }),
    applicant('mx-max', { role: 'mentee', bandIndex: 6, perspectivesWanted: ['disability'] }),
    applicant('mx-mia', { role: 'mentee', bandIndex: 6, perspectivesWanted: ['race'] }),
  ]);
  for (const who of WHO) {
    const { userId, name } = PEOPLE[who];
    tokens[who] = await devToken(url, { userId, name });
  }
  // The programme admin gives the staff their roles, as in the tab.
  for (const [person, role, cohortId] of [
    [COHORT_COORDINATOR, 'coordinator', ids.cohortA],
    [OTHER_COORDINATOR, 'coordinator', ids.cohortB],
    [SPONSOR, 'sponsor', ids.cohortA],
  ] as const) {
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.coordinator,
      json: { role, cohortId, userId: person.userId, name: person.name },
    });
    expect(granted.status).toBe(201);
  }
  // Cohort A's coordinator has the bot in their own chat, as linking the channel needs.
  await drive.say(
    { aadObjectId: COHORT_COORDINATOR.userId, name: COHORT_COORDINATOR.name },
    'help',
  );

  // The peers: a second pair in cohort A.
  const peers = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/roster`, {
    token: tokens.coordinator,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      `petra.l@trust.nhs.uk,${PEER_MENTOR.name},mentor,${PEER_MENTOR.userId},piotr.z@trust.nhs.uk`,
      `piotr.z@trust.nhs.uk,${PEER_MENTEE.name},mentee,${PEER_MENTEE.userId},`,
    ].join('\n'),
  });
  expect(peers.status).toBe(201);

  const pairOf = async (who: Who) =>
    (
      await call<{ memberships: { pair: { id: string } | null }[] }>(url, 'GET', '/api/me', {
        token: tokens[who],
      })
    ).body.memberships[0]!.pair!.id;
  ids.victimPair = await pairOf('victimMentor');
  ids.peerPair = await pairOf('sameCohortPeer');
  ids.otherPair = await pairOf('otherCohortMember');

  const people = await call<{ participants: { displayName: string; email: string }[] }>(
    url,
    'GET',
    `/api/cohorts/${ids.cohortA}/participants`,
    { token: tokens.coordinator },
  );
  for (const p of people.body.participants) {
    if (p.displayName === VICTIM_MENTOR.name || p.displayName === VICTIM_MENTEE.name)
      SECRETS.victimIdentity.push(p.email);
  }
  expect(SECRETS.victimIdentity).toHaveLength(4);

  // A meeting is held and the mentee writes a reflection shared with her partner.
  await drive.setClock('2027-03-10T10:00:00Z');
  await drive.say(VICTIM_MENTEE, 'log meeting');
  await drive.click(VICTIM_MENTEE, 'meeting.log', {
    ...drive.actionData(VICTIM_MENTEE, 'meeting.log'),
    date: '2027-03-09',
    time: '10:00',
    minutes: '60',
  });
  await drive.runJobs();
  await drive.click(VICTIM_MENTEE, 'reflection.save', {
    ...drive.actionData(VICTIM_MENTEE, 'reflection.save'),
    outcome: 'held',
    minutes: '60',
    learned: REFLECTION_TEXT,
    share: 'true',
  });

  // The next meeting is booked in chat, so there is one to prepare for.
  await drive.at(AFTER_SEEDING);
  await drive.click(VICTIM_MENTOR, 'meeting.booked', {
    ...drive.actionData(VICTIM_MENTOR, 'meeting.booked'),
    date: '2027-04-21',
    time: '10:00',
    minutes: '60',
    mode: 'online',
  });
  // ...and, in the tab, the mentee writes a second reflection she keeps to herself.
  const kept = await call(
    url,
    'POST',
    `/api/pairs/${ids.victimPair}/meetings/${await victimMeeting('held')}/reflections`,
    { token: tokens.victimMentee, json: { learned: PRIVATE_REFLECTION, share: false } },
  );
  expect(kept.status).toBe(201);

  // A goal and an action in the pair's space; an event for cohort A.
  const goal = await call<{ id: string }>(url, 'POST', `/api/pairs/${ids.victimPair}/goals`, {
    token: tokens.victimMentor,
    json: { text: GOAL_TEXT, note: GOAL_NOTE },
  });
  expect(goal.status).toBe(201);
  ids.goal = goal.body.id;
  const action = await call<{ id: string }>(url, 'POST', `/api/pairs/${ids.victimPair}/actions`, {
    token: tokens.victimMentee,
    json: { text: ACTION_TEXT, owner: 'partner', dueDate: '2027-04-20' },
  });
  expect(action.status).toBe(201);
  ids.action = action.body.id;
  const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${ids.cohortA}/events`, {
    token: tokens.coordinator,
    json: eventBody(EVENT_TITLE),
  });
  expect(event.status).toBe(201);
  ids.event = event.body.id;
  const session = await call<{ id: string }>(url, 'POST', `/api/cohorts/${ids.cohortA}/events`, {
    token: tokens.coordinator,
    json: {
      ...eventBody('Matrix peer support'),
      type: 'peer_support',
      start: '2027-04-10T09:00:00Z',
      end: '2027-04-10T10:30:00Z',
    },
  });
  expect(session.status).toBe(201);
  ids.session = session.body.id;

  const announcement = await call<{ id: string }>(
    url,
    'POST',
    `/api/cohorts/${ids.cohortA}/announcements`,
    {
      token: tokens.coordinator,
      json: { title: 'Matrix news', text: 'Hello', audience: 'cohort' },
    },
  );
  expect(announcement.status).toBe(201);
  ids.announcement = announcement.body.id;
  const linked = await call(url, 'PUT', `/api/cohorts/${ids.cohortA}/channel`, {
    token: tokens.coordinator,
    json: { channelId: CHANNEL, channelName: 'Mentoring programme' },
  });
  expect(linked.status).toBe(200);
  const applying = await call(url, 'PUT', `/api/cohorts/${ids.cohortA}/application-settings`, {
    token: tokens.coordinator,
    json: APPLICATION_SETTINGS,
  });
  expect(applying.status).toBe(200);

  for (const who of WHO) {
    faultTokens.forged[who] = await forgedToken(PEOPLE[who]);
    faultTokens.unsigned[who] = unsignedToken(PEOPLE[who]);
    faultTokens.expired[who] = await expiredToken(PEOPLE[who]);
  }
}, 600_000);

afterAll(async () => {
  createServer.mockRestore();
  await harness?.stop();
});

// ---------------------------------------------------------------------------------------------
// Checks.

function leaked(text: string, allowed: Category[]): string[] {
  const lower = text.toLowerCase();
  return (Object.keys(SECRETS) as Category[])
    .filter((category) => !allowed.includes(category))
    .flatMap((category) => SECRETS[category].filter((s) => lower.includes(s.toLowerCase())));
}

function missing(text: string, shown: string[]): string[] {
  const lower = text.toLowerCase();
  return shown.filter((s) => !lower.includes(s.toLowerCase()));
}

const ERROR_CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
};

function expectRefusal(answer: { status: number; text: string }, status: number): void {
  expect(answer.status).toBe(status);
  const body = JSON.parse(answer.text) as { error?: { code?: string } };
  expect(body.error?.code).toBe(ERROR_CODES[status]);
  expect(leaked(answer.text, [])).toEqual([]);
}

type Case =
  | { kind: 'fault'; fault: AuthFault }
  | { kind: 'person'; who: Who }
  | { kind: 'crossParent'; who: Who };

function casesFor(route: RouteSpec): [string, RouteSpec, Case][] {
  const name = (caller: string, status: number) =>
    `${route.method} ${route.path} as ${caller} → ${status}`;
  const rows: [string, RouteSpec, Case][] = [];
  for (const fault of Object.keys(FAULTS) as AuthFault[])
    rows.push([name(FAULTS[fault].label, 401), route, { kind: 'fault', fault }]);
  for (const who of WHO) {
    const label = `${PEOPLE[who].label}${who === route.rightful ? ' (rightful caller)' : ''}`;
    rows.push([name(label, route.expect[who]), route, { kind: 'person', who }]);
  }
  if (route.crossParent) {
    const label = `${PEOPLE[route.crossParent].label}, using their own ${
      route.path.startsWith('/api/pairs') ? 'pair' : 'cohort'
    } id with the victim’s record`;
    rows.push([name(label, 404), route, { kind: 'crossParent', who: route.crossParent }]);
  }
  return rows;
}

describe('authorisation matrix', () => {
  it('covers every route registered on the service, and only those', () => {
    expect(registered.length).toBeGreaterThan(20);
    const covered = [...MATRIX.map((r) => `${r.method} ${r.path}`), ...Object.keys(EXCEPTIONS)];
    const unlisted = registered.filter((r) => !covered.includes(r));
    const stale = covered.filter((r) => !registered.includes(r));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('gives every matrix route a rightful caller who succeeds', () => {
    for (const route of MATRIX) expect(route.expect[route.rightful]).toBeLessThan(300);
  });

  it.each(MATRIX.flatMap(casesFor))('%s', async (_name, route, c) => {
    if (!route.clock) return checkCase(route, c);
    await harness.drive.setClock(route.clock);
    try {
      await checkCase(route, c);
    } finally {
      await harness.drive.setClock(AFTER_SEEDING);
    }
  });

  async function checkCase(route: RouteSpec, c: Case): Promise<void> {
    if (c.kind === 'fault') {
      const req = await route.build({ who: route.rightful, legit: false, ownParent: false });
      const answer = await http(route.method, req, faultTokens[c.fault][route.rightful]);
      expectRefusal(answer, 401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect((JSON.parse(answer.text) as { error: { message: string } }).error.message).toMatch(
        FAULTS[c.fault].message,
      );
      return;
    }
    const status = c.kind === 'crossParent' ? 404 : route.expect[c.who];
    const legit = status < 400;
    const req = await route.build({ who: c.who, legit, ownParent: c.kind === 'crossParent' });
    const answer = await http(route.method, req, tokens[c.who]);
    if (!legit) {
      expectRefusal(answer, status);
      return;
    }
    expect({ status: answer.status, text: answer.text.slice(0, 300) }).toMatchObject({ status });
    expect(leaked(answer.text, MAY_SEE[c.who])).toEqual([]);
    if (c.who === route.rightful)
      expect(missing(answer.text, route.mustShow?.() ?? [])).toEqual([]);
  }
});

describe('routes outside the bearer-token scheme', () => {
  it('answers /healthz without personal data', async () => {
    const answer = await http('GET', { path: '/healthz' });
    expect(answer.status).toBe(200);
    expect(leaked(answer.text, [])).toEqual([]);
  });

  it('serves a calendar feed only for its current token, whatever Authorization says', async () => {
    const feed = async (token: string) => {
      const made = await call<{ url: string }>(url, 'POST', '/api/me/calendar-feed', { token });
      expect(made.status).toBe(201);
      return new URL(made.body.url, url).pathname;
    };
    const victimFeed = await feed(tokens.victimMentor);
    const served = await http('GET', { path: victimFeed });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(missing(served.text, [EVENT_TITLE])).toEqual([]);
    expect(leaked(served.text, ['cohortAEvents'])).toEqual([]);

    // Another cohort's member gets their own feed, without cohort A's events.
    const otherFeed = await http('GET', { path: await feed(tokens.otherCohortMember) });
    expect(otherFeed.status).toBe(200);
    expect(leaked(otherFeed.text, [])).toEqual([]);

    const wrong = [
      `/calendar/${randomBytes(32).toString('base64url')}.ics`,
      `/calendar/${randomBytes(32).toString('base64url')}`,
      `${victimFeed.slice(0, -6)}AAAA.ics`,
      '/calendar/.ics',
    ];
    for (const path of wrong) {
      for (const token of [undefined, tokens.victimMentor, tokens.coordinator]) {
        expectRefusal(await http('GET', { path }, token), 404);
      }
    }

    // A new link revokes the old one; deleting it revokes it too.
    const replaced = await feed(tokens.victimMentor);
    expectRefusal(await http('GET', { path: victimFeed }), 404);
    expect((await http('GET', { path: replaced })).status).toBe(200);
    expect(
      (await call(url, 'DELETE', '/api/me/calendar-feed', { token: tokens.victimMentor })).status,
    ).toBe(200);
    expectRefusal(await http('GET', { path: replaced }), 404);
  });
});

describe('linking a sign-in to the roster by email', () => {
  it('never hands a linked participant to another object id presenting the same email', async () => {
    const victimEmail = SECRETS.victimIdentity.find((v) => v.includes('@'))!;
    const impostor = await devToken(url, {
      userId: 'a7000000-0000-4000-8000-0000000000ff',
      name: 'Ivy Impostor',
      email: victimEmail,
    });
    const me = await http('GET', { path: '/api/me' }, impostor);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ memberships: [] });
    expectRefusal(await http('GET', { path: `/api/pairs/${ids.victimPair}` }, impostor), 404);
    // And the rightful owner still has her pair.
    expect(
      (await http('GET', { path: `/api/pairs/${ids.victimPair}` }, tokens.victimMentor)).status,
    ).toBe(200);
  });
});

describe('after every refused call', () => {
  it('left no trace: nothing the intruders sent was saved and the planted data is intact', async () => {
    const space = await call(url, 'GET', `/api/pairs/${ids.victimPair}`, {
      token: tokens.victimMentor,
    });
    const coordinatorViews = await Promise.all(
      [
        '/api/cohorts',
        `/api/cohorts/${ids.cohortA}/participants`,
        `/api/cohorts/${ids.cohortA}/events`,
        `/api/cohorts/${ids.cohortB}/events`,
        `/api/cohorts/${ids.cohortA}/insights`,
      ].map((path) => http('GET', { path }, tokens.coordinator)),
    );
    // The victim pair's insights hold nothing an intruder sent either.
    const insights = await http('GET', { path: '/api/me/insights' }, tokens.victimMentor);
    expect(insights.text).not.toContain(INTRUDER);
    for (const answer of [{ text: JSON.stringify(space.body) }, ...coordinatorViews]) {
      expect(answer.text).not.toContain(INTRUDER);
    }
    expect(missing(JSON.stringify(space.body), SECRETS.pairPrivate)).toEqual([]);
    const events = JSON.parse(coordinatorViews[2]!.text) as { events: { title: string }[] };
    expect(events.events.map((e) => e.title)).toContain(EVENT_TITLE);
  });
});

describe('erase my data: nobody confirms their own request', () => {
  it('refuses a programme admin confirming their own request, and lets another decide it', async () => {
    const asked = await call<{ request: { id: string } }>(url, 'POST', '/api/me/erasure', {
      token: tokens.coordinator,
      json: {},
    });
    expect(asked.status).toBe(202);
    const list = await call<{ requests: { id: string; etag: string }[] }>(
      url,
      'GET',
      '/api/admin/erasures',
      { token: tokens.coordinator },
    );
    const own = list.body.requests.find((r) => r.id === asked.body.request.id)!;
    const refused = await http(
      'POST',
      { path: `/api/admin/erasures/${own.id}/confirm`, headers: { 'if-match': own.etag } },
      tokens.coordinator,
    );
    expect(refused.status).toBe(403);
    // Still signed in, still an admin: nothing was erased.
    expect((await http('GET', { path: '/api/roles' }, tokens.coordinator)).status).toBe(200);
    const declined = await http(
      'POST',
      {
        path: `/api/admin/erasures/${own.id}/decline`,
        json: { reason: 'Asked by mistake' },
        headers: { 'if-match': own.etag },
      },
      tokens.coordinator,
    );
    expect(declined.status).toBe(200);
  });
});
