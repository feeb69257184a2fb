import { TableClient, odata } from '@azure/data-tables';
import type { ProgrammeBot } from '../../bot/src/platform/teams/activity-handler';
import type { BotRoutes } from '../../bot/src/platform/teams/activity-handler';
import {
  invokeActivity,
  messageActivity,
  personalConversationId,
  postActivity,
  postInvoke,
} from './activities';
import type { BotHarness } from './bot-harness';
import {
  ACTION_TEXT,
  APPLICATION_NOTE,
  APPLICATION_ORG,
  EVENT_DETAIL,
  EVENT_PLACE,
  EVENT_TITLE,
  GOAL_TEXT,
  OTHER_MENTEE,
  PEOPLE,
  PRIVATE_PREP,
  PRIVATE_REFLECTION,
  REFLECTION_TEXT,
  SECRETS,
  STAFF_GRANTS,
  WHO,
  type Who,
  ids,
  tokens,
} from './bot-matrix-people';
import type { ReceivedActivity } from './fake-connector';
import { activePair } from './journey-fixture';
import { call, devToken } from './test-service';

/**
 * How the bot's authorisation matrix plants what it protects, reads what a refused action could
 * have changed, and sends each action or command as a person would (through /api/messages),
 * collecting the reply and everything the fake connector received meanwhile.
 */
/** The table the bot dispatches on, read from the running bot (its first turn). */
export function dispatchTable(run: jest.SpyInstance): Pick<BotRoutes, 'cardVerbs' | 'commands'> {
  const bot = run.mock.contexts[0] as ProgrammeBot | undefined;
  if (!bot) throw new Error('the bot has not run a turn yet');
  return bot['routes'];
}

interface SpaceView {
  meetings: { id: string; status: string }[];
}

async function space(url: string, who: Who): Promise<SpaceView> {
  const got = await call<SpaceView>(url, 'GET', `/api/pairs/${ids.victimPair}`, {
    token: tokens[who],
  });
  if (got.status !== 200) throw new Error(`pair space: ${got.status}`);
  return got.body;
}

/** Plants everything the matrix protects; returns once every send has finished. */
export async function plant(harness: BotHarness): Promise<void> {
  const { drive } = harness;
  const url = harness.service.url;
  ids.cohortB = await activePair(drive, url, PEOPLE.otherCohortMember, OTHER_MENTEE);
  ids.cohortA = await activePair(drive, url, PEOPLE.victimMentor, PEOPLE.victimMentee);
  for (const who of WHO) {
    const { aadObjectId: userId, name } = PEOPLE[who];
    tokens[who] = await devToken(url, { userId, name });
  }
  for (const [who, role, cohort] of STAFF_GRANTS) {
    const { aadObjectId: userId, name } = PEOPLE[who];
    const granted = await call(url, 'POST', '/api/roles', {
      token: tokens.coordinator,
      json: { role, cohortId: ids[cohort], userId, name },
    });
    if (granted.status !== 201) throw new Error(JSON.stringify(granted.body));
  }
  const { sameCohortPeer: peer, audienceOutsider: peerMentee } = PEOPLE;
  const peers = await call(url, 'POST', `/api/cohorts/${ids.cohortA}/roster`, {
    token: tokens.coordinator,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      `petra.l@trust.nhs.uk,${peer.name},mentor,${peer.aadObjectId},piotr.z@trust.nhs.uk`,
      `piotr.z@trust.nhs.uk,${peerMentee.name},mentee,${peerMentee.aadObjectId},`,
    ].join('\n'),
  });
  if (peers.status !== 201) throw new Error(JSON.stringify(peers.body));
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
    if (SECRETS.victimIdentity.includes(p.displayName)) SECRETS.victimIdentity.push(p.email);
  }

  // A meeting is held; the mentee shares a reflection, then keeps a second one to herself.
  const { victimMentor: mentor, victimMentee: mentee } = PEOPLE;
  await drive.setClock('2027-03-10T10:00:00Z');
  await drive.say(mentee, 'log meeting');
  await drive.click(mentee, 'meeting.log', {
    ...drive.actionData(mentee, 'meeting.log'),
    date: '2027-03-09',
    time: '10:00',
    minutes: '60',
  });
  await drive.runJobs();
  await drive.click(mentee, 'reflection.save', {
    ...drive.actionData(mentee, 'reflection.save'),
    outcome: 'held',
    minutes: '60',
    learned: REFLECTION_TEXT,
    share: 'true',
  });
  await drive.at('2027-04-06T10:00:00Z');
  await drive.click(mentor, 'meeting.booked', {
    ...drive.actionData(mentor, 'meeting.booked'),
    date: '2027-04-21',
    time: '10:00',
    minutes: '60',
    mode: 'online',
  });
  const meetings = (await space(url, 'victimMentor')).meetings;
  ids.heldMeeting = meetings.find((m) => m.status === 'held')!.id;
  ids.plannedMeeting = meetings.find((m) => m.status === 'planned')!.id;
  const pair = `/api/pairs/${ids.victimPair}`;
  const planted = [
    await call(url, 'POST', `${pair}/meetings/${ids.heldMeeting}/reflections`, {
      token: tokens.victimMentee,
      json: { learned: PRIVATE_REFLECTION, share: false },
    }),
    await call(url, 'PUT', `${pair}/meetings/${ids.plannedMeeting}/preparation`, {
      token: tokens.victimMentor,
      json: { topics: PRIVATE_PREP, share: false },
    }),
    await call(url, 'POST', `${pair}/goals`, {
      token: tokens.victimMentor,
      json: { text: GOAL_TEXT, note: SECRETS.pairPrivate[1] },
    }),
  ];
  const action = await call<{ id: string }>(url, 'POST', `${pair}/actions`, {
    token: tokens.victimMentee,
    json: { text: ACTION_TEXT, owner: 'partner', dueDate: '2027-04-20' },
  });
  ids.action = action.body.id;
  // A mentors-only event whose invitations were never sent.
  const event = await call<{ id: string }>(url, 'POST', `/api/cohorts/${ids.cohortA}/events`, {
    token: tokens.coordinator,
    json: {
      type: 'peer_support',
      title: EVENT_TITLE,
      description: EVENT_DETAIL,
      audience: 'mentors',
      start: '2027-05-01T09:00:00Z',
      end: '2027-05-01T11:00:00Z',
      location: EVENT_PLACE,
      capacity: 10,
    },
  });
  ids.event = event.body.id;
  const news = await call<{ id: string }>(
    url,
    'POST',
    `/api/cohorts/${ids.cohortA}/announcements`,
    {
      token: tokens.coordinator,
      json: { title: 'Matrix news', text: 'Hello cohort', audience: 'cohort' },
    },
  );
  ids.announcement = news.body.id;
  const applying = await plantApplication(url);
  for (const answer of [...planted, action, event, news, ...applying]) {
    if (answer.status >= 300) throw new Error(JSON.stringify(answer.body));
  }
  await settled(harness);
}

/** Cohort A takes applications; the victim mentor has a whole draft and an optional answer. */
async function plantApplication(url: string) {
  const mine = `/api/cohorts/${ids.cohortA}/applications/mine`;
  const settings = await call(url, 'PUT', `/api/cohorts/${ids.cohortA}/application-settings`, {
    token: tokens.coordinator,
    json: {
      opensAt: '2027-01-01T09:00',
      closesAt: '2027-12-31T17:00',
      ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
      minimumBandGap: 2,
      perspectives: ['Working nights', 'Early career'],
      requireTraining: false,
      awarenessEventIds: [],
    },
  });
  const draft = await call(url, 'PUT', `${mine}/draft`, {
    token: tokens.victimMentor,
    json: {
      role: 'mentor',
      arrangement: 'reverse',
      band: 'Band 3',
      organisation: APPLICATION_ORG,
      directorate: 'Nights',
      lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
      perspectivesShared: ['Working nights'],
      perspectivesWanted: [],
      meetingMode: 'online',
      availability: ['tue-am'],
      notes: APPLICATION_NOTE,
      consent: true,
    },
  });
  const sensitive = await call(url, 'PUT', `${mine}/sensitive`, {
    token: tokens.victimMentor,
    json: { religion: { value: 'sikh', consent: true } },
  });
  return [settings, draft, sensitive];
}

/** The version of `who`'s own application in cohort A, as the API hands it out ('' for none). */
export async function applicationEtag(harness: BotHarness, who: Who): Promise<string> {
  const got = await call(
    harness.service.url,
    'GET',
    `/api/cohorts/${ids.cohortA}/applications/mine`,
    {
      token: tokens[who],
    },
  );
  return got.headers.get('etag') ?? '';
}

/** Waits until no announcement of cohort A is still sending. */
export async function settled(harness: BotHarness): Promise<void> {
  const { announcements } = harness.service.parts;
  for (let i = 0; i < 500; i++) {
    const recent = await announcements.recent(ids.cohortA, 50);
    const busy = recent.filter((a) => a.status === 'sending');
    for (const a of busy) await announcements.finishIfDrained(a.cohortId, a.id);
    if (busy.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('an announcement never finished sending');
}

/**
 * Everything a refused action could change, read straight from storage: the victim pair and
 * its whole space (contract, meetings, preparation, reflections, answers, status), the event's
 * answers, the announcements (which exist, cancelled or not, resend rounds, "Got it"), and the
 * victim mentor's own application (its answers, optional answers and next-cohort interest).
 */
/**
 * The rows of one partition, as stored: cohort A's review rows (line managers' answers,
 * attendance) or its baseline survey answers.
 */
async function partitionRows(
  harness: BotHarness,
  name: string,
  partition: string,
): Promise<unknown[]> {
  const table = TableClient.fromConnectionString(harness.storage.connectionString, name, {
    allowInsecureConnection: true,
  });
  const rows: unknown[] = [];
  try {
    const filter = odata`PartitionKey eq ${partition}`;
    for await (const row of table.listEntities({ queryOptions: { filter } })) rows.push(row);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  return rows;
}

export async function snapshot(harness: BotHarness): Promise<string> {
  const { repos, announcements } = harness.service.parts;
  const { victimMentor } = PEOPLE;
  const [pair, pairSpace, calendar, recent, report, review, application, surveys] =
    await Promise.all([
      repos.pairs.get(ids.cohortA, ids.victimPair),
      repos.pairSpaces.load(ids.victimPair),
      repos.events.calendar(ids.cohortA),
      announcements.recent(ids.cohortA, 50),
      announcements.report(ids.cohortA, ids.announcement),
      partitionRows(harness, 'ApplicationReview', ids.cohortA),
      harness.service.parts.applications.applications.mine(ids.cohortA, {
        userId: victimMentor.aadObjectId,
        name: victimMentor.name,
      }),
      // Cohort A's baseline answers (issue 16): every row, as stored.
      partitionRows(harness, 'EvaluationResponses', `${ids.cohortA}|baseline`),
    ]);
  return JSON.stringify({
    review,
    surveys,
    pair: pair?.etag,
    space: pairSpace,
    events: calendar.events.map((e) => e.etag),
    rsvps: calendar.rsvps,
    announcements: recent.map((a) => [a.id, a.status === 'cancelled', a.round]),
    acks: report?.recipients.map((r) => [r.participantId, r.acknowledgedAt ?? null, r.round]),
    application: [
      application.status,
      application.etag,
      application.answers,
      application.sensitive,
      application.nextCohortInterest,
    ],
  });
}

/** What one action or command produced: the reply, and everything the connector received. */
export interface Outcome {
  /** The card that replaced the clicked one (a verb), or every reply (a command). */
  reply: string;
  /** The reply's heading (a card's first TextBlock), or the plain text of a command's reply. */
  title: string;
  /** Every message the connector received meanwhile, by the person whose chat it reached. */
  received: { to: Who | 'unknown'; text: string }[];
}

function recipientOf(r: ReceivedActivity): Who | 'unknown' {
  return WHO.find((w) => r.conversationId === personalConversationId(PEOPLE[w])) ?? 'unknown';
}

function titleOf(card: unknown): string {
  const body = (card as { body?: { type?: string; text?: string }[] } | undefined)?.body ?? [];
  return body.find((b) => b.type === 'TextBlock')?.text ?? '';
}

export async function clickAs(
  harness: BotHarness,
  who: Who,
  verb: string,
  data: Record<string, unknown>,
): Promise<Outcome> {
  const { connector, service } = harness;
  const mark = connector.received.length;
  const answer = await postInvoke(
    service.url,
    invokeActivity(connector.serviceUrl, PEOPLE[who], verb, data),
  );
  const card = answer.body?.value;
  return {
    reply: JSON.stringify(answer.body ?? {}),
    title: answer.status === 200 ? titleOf(card) : `HTTP ${answer.status}`,
    received: receivedSince(harness, mark),
  };
}

export async function sayAs(harness: BotHarness, who: Who, text: string): Promise<Outcome> {
  const { connector, service } = harness;
  const mark = connector.received.length;
  const status = await postActivity(
    service.url,
    messageActivity(connector.serviceUrl, PEOPLE[who], text),
  );
  const received = receivedSince(harness, mark);
  const mine = connector.received
    .slice(mark)
    .filter((r) => recipientOf(r) === who)
    .map((r) => r.activity);
  return {
    reply: mine.map(shown).join('\n'),
    title:
      status !== 200
        ? `HTTP ${status}`
        : (mine[0]?.text ?? titleOf(mine[0]?.attachments?.[0]?.content)),
    received,
  };
}

function receivedSince(harness: BotHarness, mark: number): Outcome['received'] {
  return harness.connector.received
    .slice(mark)
    .map((r) => ({ to: recipientOf(r), text: shown(r.activity) }));
}

/** What a message shows and carries (its text and cards), without the addressing envelope. */
function shown(activity: ReceivedActivity['activity']): string {
  return JSON.stringify({ text: activity.text, attachments: activity.attachments });
}
