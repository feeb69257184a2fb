import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import { AppError } from '../../bot/src/platform/errors';
import { ProgrammeBot } from '../../bot/src/platform/teams/activity-handler';
import { cardWordsFor } from '../../bot/src/platform/teams/card-errors';
import { MESSAGES } from '../../bot/src/platform/teams/messages';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import {
  ACTION_TEXT,
  APPLICATION_ORG,
  EVENT_TITLE,
  INTRUDER,
  PEOPLE,
  PRIVATE_PREP,
  PRIVATE_REFLECTION,
  SURVEY_ANSWER,
  WHO,
  type Who,
  ids,
  leaked,
  missing,
} from '../support/bot-matrix-people';
import {
  type Outcome,
  applicationEtag,
  clickAs,
  dispatchTable,
  plant,
  sayAs,
  settled,
  snapshot,
} from '../support/bot-matrix';
import { COORDINATOR } from '../support/journey-fixture';
import { installActivity, personalConversationId, postActivity } from '../support/activities';
import { call, devToken } from '../support/test-service';
import type { MySurveys } from '../../bot/src/contracts/evaluation-api';

/**
 * The bot's counterpart of authorization-matrix.test.ts: every card verb and every command of
 * the table the running bot dispatches on, sent by each partner of the victim pair, a member of
 * another pair in the same cohort, someone outside a mentors-only event's audience, a member of
 * another cohort, a stranger on no roster and a coordinator. A refused action is answered with
 * the card words of its AppError (`cardWordsFor`), carries none of the planted private text and
 * changes nothing stored; nothing the connector receives meanwhile reaches anyone who may not
 * see it; the rightful caller succeeds. A verb or command missing from this file fails it.
 */

interface VerbSpec {
  /** Who may do it; everyone else is refused. The rightful caller is the first. */
  allowed: Who[];
  data(who: Who): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The rightful caller's action is saved (so a refused one could be seen to change things). */
  writes?: boolean;
  /** What the rightful caller's card shows (proves the leak checks would see it). */
  mustShow?: string[];
  /** Someone who puts their own pair or cohort id beside the victim's record. */
  crossParent?: { who: Who; data(): Record<string, unknown> };
  /** The service clock its cases run at (put back after each case). */
  clock?: string;
}

interface CommandSpec {
  /** Who gets their answer (about their own pairs only); the rightful caller is the first. */
  allowed: Who[];
  mustShow?: string[];
  /** What everyone else is told instead. */
  refusal?: string;
  /** The service clock its cases run at (put back after each case). */
  clock?: string;
}

const PARTNERS: Who[] = ['victimMentor', 'victimMentee'];
const COHORT_A: Who[] = [...PARTNERS, 'sameCohortPeer', 'audienceOutsider'];
/** Who runs cohort A: the programme admin and its coordinator (not cohort B's, not its sponsor). */
const RUNS_A: Who[] = ['coordinator', 'cohortCoordinator'];
/** The programme team: anyone who runs a cohort. */
const PROGRAMME_TEAM: Who[] = [...RUNS_A, 'otherCoordinator'];
/** Cohort B's coordinator reaching cohort A's announcement with their own cohort's id. */
const otherCohortsCoordinator = {
  who: 'otherCoordinator' as Who,
  data: () => ({ cohortId: ids.cohortB, announcementId: ids.announcement }),
};
const pair = (extra: Record<string, unknown> = {}) => ({ pairId: ids.victimPair, ...extra });
const intrude = (who: Who, text: string) => (PARTNERS.includes(who) ? text : `${INTRUDER} ${text}`);
const draft = (who: Who, when: { sendDate?: string; sendTime?: string } = {}) => ({
  cohortId: ids.cohortA,
  title: intrude(RUNS_A.includes(who) ? 'victimMentor' : who, 'Matrix update'),
  text: 'Hello again',
  audience: 'mentors',
  ...when,
});

/** Applying is for anyone, for themselves only: a card naming someone else still acts for the clicker. */
const victimNamed = (extra: Record<string, unknown>) => () => ({
  cohortId: ids.cohortA,
  applicantId: PEOPLE.victimMentor.aadObjectId,
  userId: PEOPLE.victimMentor.aadObjectId,
  ...extra,
});
const step = async (who: Who) => ({
  cohortId: ids.cohortA,
  step: 'about',
  to: 'perspectives',
  etag: await applicationEtag(harness, who),
  organisation: who === 'victimMentor' ? APPLICATION_ORG : intrude(who, 'Own organisation'),
});

/** A moment when cohort A's baseline survey is open (the planting leaves the clock later). */
const BASELINE_OPEN = '2027-03-10T10:00:00Z';

/**
 * A survey card's data as the caller's own card carries it (their plan version and the ETag of
 * their saved answers); each saves only their own answers, the victim mentor the planted one.
 */
const surveyCard = async (who: Who) => {
  const mine = await call<MySurveys>(harness.service.url, 'GET', '/api/me/surveys', {
    token: await devToken(harness.service.url, {
      userId: PEOPLE[who].aadObjectId,
      name: PEOPLE[who].name,
    }),
  });
  const own = mine.body.surveys?.find((s) => s.cohortId === ids.cohortA);
  return {
    cohortId: ids.cohortA,
    survey: 'baseline',
    planVersion: own?.planVersion ?? 1,
    etag: own?.response?.etag ?? '',
    'answer.hopes': who === 'victimMentor' ? SURVEY_ANSWER : intrude(who, 'My own hopes'),
  };
};

// Verbs in the order they run: those that end things last.
const VERBS: Record<string, VerbSpec> = {
  'apply.list': { allowed: WHO, data: () => ({}), mustShow: ['Applications close on'] },
  'apply.open': {
    allowed: WHO,
    data: () => ({ cohortId: ids.cohortA }),
    mustShow: [APPLICATION_ORG],
    crossParent: { who: 'sameCohortPeer', data: victimNamed({}) },
  },
  'apply.step': {
    allowed: WHO,
    data: step,
    writes: true,
    mustShow: ['Step 2 of 6'],
    crossParent: {
      who: 'sameCohortPeer',
      data: victimNamed({ step: 'about', to: 'perspectives', organisation: INTRUDER }),
    },
  },
  'apply.submit': {
    allowed: WHO,
    data: async (who) => ({ cohortId: ids.cohortA, etag: await applicationEtag(harness, who) }),
    writes: true,
    mustShow: ['Application sent'],
  },
  'apply.withdraw': {
    allowed: WHO,
    data: () => ({ cohortId: ids.cohortA }),
    writes: true,
    mustShow: ['Application withdrawn'],
    crossParent: { who: 'sameCohortPeer', data: victimNamed({}) },
  },
  'apply.interest': {
    allowed: WHO,
    data: () => ({ cohortId: ids.cohortA }),
    writes: true,
    crossParent: { who: 'sameCohortPeer', data: victimNamed({}) },
  },
  // Surveys (issue 16): each partner saves and sends only their own answers; anyone else has no
  // survey in cohort A (the peers' pair has not started), so finds nothing.
  'survey.save': {
    allowed: PARTNERS,
    data: surveyCard,
    writes: true,
    mustShow: [SURVEY_ANSWER, 'Saved'],
    clock: BASELINE_OPEN,
  },
  'survey.send': {
    allowed: PARTNERS,
    data: surveyCard,
    writes: true,
    mustShow: ['Thank you: your answers were sent'],
    clock: BASELINE_OPEN,
  },
  'announcement.compose': { allowed: PROGRAMME_TEAM, data: () => ({}) },
  'announcement.preview': {
    allowed: RUNS_A,
    data: (who) => draft(who),
    mustShow: ['Matrix update'],
  },
  'announcement.edit': {
    allowed: RUNS_A,
    data: (who) => draft(who),
    mustShow: ['Matrix update'],
  },
  'announcement.report': {
    allowed: RUNS_A,
    data: () => ({ cohortId: ids.cohortA, announcementId: ids.announcement }),
    crossParent: otherCohortsCoordinator,
    mustShow: ['Matrix news'],
  },
  'announcement.resend': {
    allowed: RUNS_A,
    data: () => ({ cohortId: ids.cohortA, announcementId: ids.announcement }),
    crossParent: otherCohortsCoordinator,
  },
  'announcement.ack': {
    allowed: COHORT_A,
    data: () => ({ cohortId: ids.cohortA, announcementId: ids.announcement }),
    writes: true,
    mustShow: ['Matrix news'],
    crossParent: {
      who: 'otherCohortMember',
      data: () => ({ cohortId: ids.cohortB, announcementId: ids.announcement }),
    },
  },
  'announcement.send': {
    allowed: RUNS_A,
    data: (who) => draft(who, { sendDate: '2027-06-01', sendTime: '09:00' }),
    writes: true,
  },
  'announcement.cancel': {
    allowed: RUNS_A,
    data: async () => ({ cohortId: ids.cohortA, announcementId: await scheduledAnnouncement() }),
    writes: true,
  },
  'event.rsvp': {
    allowed: ['victimMentor', 'sameCohortPeer'],
    data: () => ({ cohortId: ids.cohortA, eventId: ids.event, response: 'yes' }),
    writes: true,
    mustShow: [EVENT_TITLE],
    crossParent: {
      who: 'otherCohortMember',
      data: () => ({ cohortId: ids.cohortB, eventId: ids.event, response: 'yes' }),
    },
  },
  'contract.open': { allowed: PARTNERS, data: () => pair() },
  'contract.edit': { allowed: PARTNERS, data: () => pair() },
  'contract.agree': { allowed: PARTNERS, data: () => pair({ contractVersion: 1 }) },
  'contract.save': {
    allowed: PARTNERS,
    data: (who) =>
      pair({
        confidentiality: intrude(who, 'What we say stays between us'),
        frequency: 'Monthly',
        mode: 'online',
        boundaries: 'No line management',
        pauseOrEnd: 'Either of us, privately',
        raisingConcerns: 'Through the coordinator',
      }),
  },
  'meeting.plan': { allowed: PARTNERS, data: () => pair({ meetingId: ids.plannedMeeting }) },
  'meeting.booked': {
    allowed: PARTNERS,
    data: () =>
      pair({
        meetingId: ids.plannedMeeting,
        ...{ date: '2027-04-22', time: '11:00', minutes: '60', mode: 'online' },
      }),
    writes: true,
    mustShow: ['booked'],
  },
  'meeting.log': {
    allowed: PARTNERS,
    data: () => pair({ date: '2027-04-05', time: '10:00', minutes: '45' }),
    writes: true,
  },
  'preparation.save': {
    allowed: PARTNERS,
    data: (who) =>
      pair({
        meetingId: ids.plannedMeeting,
        topics: who === 'victimMentor' ? PRIVATE_PREP : intrude(who, 'Things to cover'),
        share: 'false',
      }),
    writes: true,
    crossParent: {
      who: 'sameCohortPeer',
      data: () => ({ pairId: ids.peerPair, meetingId: ids.plannedMeeting, topics: INTRUDER }),
    },
  },
  'reflection.save': {
    allowed: PARTNERS,
    data: (who) =>
      pair({
        meetingId: ids.heldMeeting,
        outcome: 'held',
        minutes: '60',
        learned: who === 'victimMentee' ? PRIVATE_REFLECTION : intrude(who, 'I listened more'),
        share: 'false',
      }),
    writes: true,
    crossParent: {
      who: 'sameCohortPeer',
      data: () => ({ pairId: ids.peerPair, meetingId: ids.heldMeeting, learned: INTRUDER }),
    },
  },
  'action.done': {
    allowed: PARTNERS,
    data: () => pair({ actionId: ids.action }),
    writes: true,
    mustShow: [ACTION_TEXT],
    crossParent: { who: 'sameCohortPeer', data: () => pair({ pairId: ids.peerPair }) },
  },
  'reminders.pause': { allowed: PARTNERS, data: () => pair({ weeks: '2' }), writes: true },
  'fit.answer': {
    allowed: PARTNERS,
    data: () => pair({ rating: '4', wantsCoordinator: 'false' }),
    writes: true,
  },
  'review.save': {
    allowed: PARTNERS,
    data: (who) =>
      pair({ wentWell: intrude(who, 'Listening'), improve: 'More time', choice: 'finish' }),
    writes: true,
  },
  // The line manager's Yes / No (issue 15): only the named manager (here the stranger, who is on
  // no roster: a line manager usually is not), never the applicant, a peer or a coordinator.
  'application.manager_answer': {
    allowed: ['stranger'],
    data: () => ({ cohortId: ids.cohortA, applicationId: APPLICANT.userId, released: 'yes' }),
    writes: true,
    mustShow: ['You said you can release Rhea Applicant'],
  },
  'pair.pause': { allowed: PARTNERS, data: () => pair({ weeks: '2' }), writes: true },
  'pair.resume': { allowed: PARTNERS, data: () => pair(), writes: true },
  'pair.end': { allowed: PARTNERS, data: () => pair(), writes: true },
};

const COMMANDS: Record<string, CommandSpec> = {
  help: { allowed: WHO, mustShow: ['my pair', 'next meeting'] },
  'my pair': { allowed: WHO, mustShow: [PEOPLE.victimMentee.name] },
  'next meeting': { allowed: WHO, mustShow: ['21 April'] },
  'log meeting': { allowed: WHO, mustShow: [PEOPLE.victimMentee.name] },
  actions: { allowed: WHO, mustShow: [ACTION_TEXT] },
  reflect: { allowed: WHO },
  pause: { allowed: WHO },
  resume: { allowed: WHO },
  'end pairing': { allowed: WHO },
  apply: { allowed: WHO, mustShow: ['Applications close on'] },
  // Typed only (the manifest's list is full): each person's own open surveys, or none.
  surveys: { allowed: WHO, mustShow: ['Starting survey', 'hope'], clock: BASELINE_OPEN },
  // Typed only (issue 17): a card pointing to the tab's own export; it names no one's data.
  'my data': {
    allowed: WHO,
    mustShow: ['Download my data', 'for your data to be erased'],
  },
  announce: {
    allowed: PROGRAMME_TEAM,
    mustShow: ['New announcement'],
    refusal: MESSAGES.coordinatorsOnly,
  },
};

/** The titles of a refusal's card words: not found, and not for you. */
const REFUSED = [AppError.notFound(), AppError.forbidden()].map((e) => cardWordsFor(e)!.title);

async function scheduledAnnouncement(): Promise<string> {
  const recent = await harness.service.parts.announcements.recent(ids.cohortA, 50);
  return recent.find((a) => a.status === 'scheduled')?.id ?? ids.announcement;
}

type Row = [
  name: string,
  kind: 'verb' | 'command',
  key: string,
  who: Who,
  how: 'rightful' | 'allowed' | 'refused' | 'crossParent',
];

/** Refused callers first (while there is something to protect), then the rightful caller. */
function rowsOf(kind: Row[1], key: string, allowed: Who[], cross?: Who): Row[] {
  const label = (who: Who, how: Row[4]) =>
    `${kind === 'verb' ? key : `"${key}"`} by ${PEOPLE[who].label}${how === 'crossParent' ? ' with their own pair or cohort id' : ''} → ${how === 'refused' || how === 'crossParent' ? 'refused' : 'answered'}`;
  const row = (who: Who, how: Row[4]): Row => [label(who, how), kind, key, who, how];
  return [
    ...WHO.filter((w) => !allowed.includes(w)).map((w) => row(w, 'refused')),
    ...(cross ? [row(cross, 'crossParent')] : []),
    row(allowed[0]!, 'rightful'),
    ...allowed.slice(1).map((w) => row(w, 'allowed')),
  ];
}

const ROWS: Row[] = [
  ...Object.entries(COMMANDS).flatMap(([c, s]) => rowsOf('command', c, s.allowed)),
  ...Object.entries(VERBS).flatMap(([v, s]) => rowsOf('verb', v, s.allowed, s.crossParent?.who)),
];

const run = jest.spyOn(ProgrammeBot.prototype, 'run');
let harness: BotHarness;

/** Someone outside the matrix who applied to cohort A, naming the stranger as line manager. */
const APPLICANT = { userId: 'b7000000-0000-4000-8000-0000000000aa', name: 'Rhea Applicant' };
const MANAGER_EMAIL = 'sam.stranger@trust.nhs.uk';

/** The stranger opens the app in the programme's tenant; Rhea applies; her manager is asked. */
async function plantApplication(): Promise<void> {
  const url = harness.service.url;
  const stranger = PEOPLE.stranger;
  harness.connector.addConversation({
    id: personalConversationId(stranger),
    tenantId: DEV_TENANT_ID,
    members: [
      {
        id: `29:${stranger.aadObjectId}`,
        name: stranger.name,
        aadObjectId: stranger.aadObjectId,
        email: MANAGER_EMAIL,
        userPrincipalName: MANAGER_EMAIL,
      } as { id: string; name: string },
    ],
  });
  const install = installActivity(harness.connector.serviceUrl, stranger);
  const status = await postActivity(url, {
    ...install,
    conversation: { ...install.conversation, tenantId: DEV_TENANT_ID },
    channelData: { tenant: { id: DEV_TENANT_ID } },
  });
  expect(status).toBe(200);
  // Cohort A takes applications already (its settings are planted with the rest).
  const sent = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/applications/mine/submit`, {
    token: await devToken(url, APPLICANT),
    json: {
      role: 'mentor',
      arrangement: 'reverse',
      band: 'Band 3',
      organisation: 'Applicant Trust',
      directorate: 'Nursing',
      lineManager: { name: 'Sam Stranger', email: MANAGER_EMAIL },
      perspectivesShared: [],
      perspectivesWanted: [],
      meetingMode: 'online',
      availability: ['tue-am'],
      consent: true,
    },
  });
  expect(sent.status).toBe(200);
  await waitFor(() =>
    harness.connector.received.some(
      (r) =>
        r.conversationId === personalConversationId(stranger) &&
        JSON.stringify(r.activity).includes('application.manager_answer'),
    ),
  );
}

async function waitFor(check: () => boolean): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 60_000) throw new Error('timed out waiting for the manager’s card');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  await plant(harness);
  await plantApplication();
}, 600_000);

afterAll(async () => {
  run.mockRestore();
  await harness?.stop();
});

describe('the bot’s authorisation matrix', () => {
  it('covers every card verb and command the bot dispatches on, and only those', () => {
    const table = dispatchTable(run);
    expect([...table.cardVerbs.keys()].sort()).toEqual(Object.keys(VERBS).sort());
    expect(table.commands.map((c) => c.command).sort()).toEqual(Object.keys(COMMANDS).sort());
    for (const spec of Object.values(VERBS)) expect(spec.allowed.length).toBeGreaterThan(0);
  });

  it.each(ROWS)('%s', async (_name, kind, key, who, how) => {
    const clock = (kind === 'verb' ? VERBS[key] : COMMANDS[key])?.clock;
    const { clock: service } = harness.service.parts;
    const was = service.now();
    if (clock) service.set(new Date(clock));
    try {
      await checkRow(kind, key, who, how);
    } finally {
      if (clock) service.set(was);
    }
  });

  async function checkRow(kind: Row[1], key: string, who: Who, how: Row[4]): Promise<void> {
    const before = await snapshot(harness);
    let outcome: Outcome;
    if (kind === 'verb') {
      const spec = VERBS[key]!;
      const data = how === 'crossParent' ? spec.crossParent!.data() : await spec.data(who);
      outcome = await clickAs(harness, who, key, data);
    } else {
      outcome = await sayAs(harness, who, key);
    }
    await settled(harness);
    const after = await snapshot(harness);

    // Nothing reaches anyone who may not see it, whatever the answer.
    expect(leaked(outcome.reply, how === 'refused' ? 'nobody' : who)).toEqual([]);
    for (const r of outcome.received) {
      expect({ to: r.to, leaked: leaked(r.text, r.to === 'unknown' ? 'nobody' : r.to) }).toEqual({
        to: r.to,
        leaked: [],
      });
    }
    const command = kind === 'command' ? COMMANDS[key]! : undefined;
    if (how === 'refused' || how === 'crossParent') {
      if (how === 'refused') {
        if (command) expect(outcome.title).toBe(command.refusal);
        else expect(REFUSED).toContain(outcome.title);
      }
      expect(after).toEqual(before);
      expect(outcome.received.filter((r) => r.to !== who)).toEqual([]);
      return;
    }
    expect(REFUSED).not.toContain(outcome.title);
    if (command?.refusal) expect(outcome.title).not.toBe(command.refusal);
    if (how !== 'rightful') return;
    const spec = command ?? VERBS[key]!;
    expect(missing(outcome.reply, spec.mustShow ?? [])).toEqual([]);
    if (command) expect(after).toEqual(before);
    else if ((spec as VerbSpec).writes) expect(after).not.toEqual(before);
  }

  it('kept nothing a refused caller sent', async () => {
    const stored = await snapshot(harness);
    const titles = await harness.service.parts.announcements.recent(ids.cohortA, 50);
    expect(stored).not.toContain(INTRUDER);
    expect(JSON.stringify(titles)).not.toContain(INTRUDER);
  });
});
