import type { TeamsUser } from '../support/activities';
import { personalConversationId } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { visibleText } from '../support/fake-connector';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Surveys sent at the right time (issue 16, "Asking kindly"), driven by the clock through the
 * real service, Azurite and the Bot Connector fake. One pair (London) walks a cohort from
 * 1 March to 31 August 2027: the baseline arrives in working hours after the pair starts, a
 * partial answer is kept and shown again in the one reminder, the reminder waits for the next
 * working day when a journey nudge already used the day, a late answer is refused after
 * closing; the pulse at the middle (a Teams outage delays it, never drops it), reminded only to
 * whoever has not sent it; the final at the end; never a second reminder, nothing after closing.
 */

const MENTOR: TeamsUser = {
  aadObjectId: 'e1620000-0000-4000-8000-000000000001',
  name: 'Sade Okafor',
};
const MENTEE: TeamsUser = {
  aadObjectId: 'e1620000-0000-4000-8000-000000000002',
  name: 'Tom Lewis',
};
const COHORT = 'Survey walk cohort';
const BASELINE = `Starting survey: ${COHORT}`;
const PULSE = `Mid-point check-in: ${COHORT}`;
const FINAL = `Final survey: ${COHORT}`;
const SCALE = 'answer.conf.feedback.mentor';

type Card = Record<string, unknown>;

let harness: BotHarness;
let url: string;

function elements(node: unknown, out: Card[] = []): Card[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Card);
    Object.values(node).forEach((v) => elements(v, out));
  }
  return out;
}
const byId = (card: Card, id: string) => elements(card).find((e) => e.id === id);
const actionData = (card: Card, verb: string) => {
  const found = elements(card).find((e) => e.type === 'Action.Execute' && e.verb === verb);
  if (!found) throw new Error(`no ${verb} on the card`);
  return found.data as Card;
};
const emailOf = (u: TeamsUser) => `${u.name.split(' ')[0]!.toLowerCase()}@trust.nhs.uk`;

/** What each person received since the last look, as visible text. */
const seen = new Map<string, number>();
function news(user: TeamsUser): string[] {
  const inbox = harness.drive.inbox(user);
  const from = seen.get(user.aadObjectId) ?? 0;
  seen.set(user.aadObjectId, inbox.length);
  return inbox.slice(from).map((r) => visibleText(r.activity));
}

/** Every survey card the person was sent, oldest first, as [heading, card]. */
function surveyCardsOf(user: TeamsUser): { text: string; card: Card }[] {
  return harness.drive
    .inbox(user)
    .map((r) => ({
      text: visibleText(r.activity),
      card: r.activity.attachments?.[0]?.content as Card,
    }))
    .filter((m) => JSON.stringify(m.card ?? {}).includes('survey.send'));
}
const lastSurveyCard = (user: TeamsUser) => surveyCardsOf(user).at(-1)!.card;

/** Answers the first scale question on the card, and clicks `verb`. */
async function answer(user: TeamsUser, verb: 'survey.save' | 'survey.send', card: Card) {
  const choice = elements(card).find((e) => e.type === 'Input.ChoiceSet')!;
  const first = (choice.choices as { value: string }[])[0]!.value;
  return harness.drive.click(user, verb, {
    ...actionData(card, verb),
    [String(choice.id)]: first,
  });
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId, SURVEY_SENDING: 'true' });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-03-01T13:00:00Z');
  for (const person of [MENTOR, MENTEE]) await drive.install(person);
  const admin = await devToken(url, COORDINATOR);
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: admin,
    json: { name: COHORT, startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  // The pair is made on the cohort's first day at 14:00: its baseline opens then.
  await drive.setClock('2027-03-01T14:00:00Z');
  const imported = await call(url, 'POST', `/api/cohorts/${made.body.id}/roster`, {
    token: admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      row(MENTOR, 'mentor', MENTEE),
      row(MENTEE, 'mentee'),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  news(MENTOR);
  news(MENTEE);
}, 600_000);

afterAll(() => harness?.stop());

describe('surveys sent at the right time', () => {
  it('the introduction takes the first day; the baseline comes the next morning, not at night', async () => {
    const { drive } = harness;
    await drive.at('2027-03-01T14:01:00Z');
    for (const u of [MENTOR, MENTEE]) {
      expect(news(u)).toEqual([expect.stringContaining('Meet your partner')]);
    }
    await drive.at('2027-03-02T00:05:00Z'); // the sweep finds the baseline open: not at night
    expect(news(MENTOR)).toEqual([]);
    await drive.at('2027-03-02T08:59:00Z');
    expect(news(MENTEE)).toEqual([]);
    await drive.at('2027-03-02T09:00:00Z'); // 09:00 in London: working hours
    for (const u of [MENTOR, MENTEE]) {
      const got = news(u);
      expect(got).toHaveLength(1);
      expect(got[0]).toContain(BASELINE);
      expect(got[0]).toContain('Open until Monday 15 March 2027 at 14:00');
    }
    // The mentor saves part of it from the card; nothing is sent yet.
    const saved = await harness.drive.click(MENTOR, 'survey.save', {
      ...actionData(lastSurveyCard(MENTOR), 'survey.save'),
      [SCALE]: '2',
    });
    expect(saved.text).toContain('Saved');
  });

  it('the reminder waits for the next working day when a journey nudge used the day', async () => {
    const { drive } = harness;
    await drive.at('2027-03-08T15:00:00Z'); // the journey's contract chaser, no survey
    for (const u of [MENTOR, MENTEE]) {
      const got = news(u);
      expect(got.length).toBeGreaterThan(0);
      expect(got.join('\n')).not.toContain(BASELINE);
    }
    // Friday 12 March: the reminder's day (three days before closing, at 14:00).
    await drive.at('2027-03-12T09:30:00Z');
    for (const u of [MENTOR, MENTEE]) {
      await drive.click(u, 'contract.agree', {
        ...drive.actionData(u, 'contract.open'),
        contractVersion: 1,
      });
    }
    await drive.at('2027-03-12T10:00:00Z'); // the first booking nudge takes the day
    for (const u of [MENTOR, MENTEE]) {
      expect(news(u).join('\n')).toContain('Time to plan your meeting 1');
    }
    await drive.at('2027-03-12T14:00:00Z');
    await drive.at('2027-03-12T16:59:00Z');
    expect(news(MENTOR)).toEqual([]);
    expect(news(MENTEE)).toEqual([]);
    await drive.at('2027-03-15T09:00:00Z'); // Monday, the next working day
    for (const u of [MENTOR, MENTEE]) {
      const got = news(u);
      expect(got).toHaveLength(1);
      expect(got[0]).toContain(BASELINE);
    }
    // The mentor's partial answer is still there in the reminder.
    expect(byId(lastSurveyCard(MENTOR), SCALE)).toMatchObject({ value: '2' });
    const sent = await answer(MENTEE, 'survey.send', lastSurveyCard(MENTEE));
    expect(sent.text).toContain('Thank you: your answers were sent.');
  });

  it('after closing, a late answer is refused with the closing time, and nothing more is sent', async () => {
    const { drive } = harness;
    await drive.at('2027-03-15T14:01:00Z');
    const late = await drive.click(MENTOR, 'survey.send', {
      ...actionData(lastSurveyCard(MENTOR), 'survey.send'),
      [SCALE]: '3',
    });
    expect(late.text).toContain(
      'This survey closed at Monday 15 March 2027 at 14:00; late answers cannot be kept',
    );
    await drive.at('2027-03-22T10:00:00Z');
    await drive.at('2027-05-28T14:00:00Z'); // the journey's own messages meanwhile
    for (const u of [MENTOR, MENTEE]) {
      const got = news(u).join('\n');
      for (const title of [BASELINE, PULSE, FINAL]) expect(got).not.toContain(title);
    }
  });

  it('the pulse at the middle: a Teams outage delays it, never drops it', async () => {
    const { drive, connector } = harness;
    connector.failNext(4, 503, { conversationId: personalConversationId(MENTOR) });
    await drive.at('2027-05-31T08:00:00Z'); // 09:00 in London (summer time)
    expect(news(MENTOR)).toEqual([]);
    const mentee = news(MENTEE);
    expect(mentee).toHaveLength(1);
    expect(mentee[0]).toContain(PULSE);
    await drive.at('2027-05-31T08:30:00Z');
    const mentor = news(MENTOR);
    expect(mentor).toHaveLength(1);
    expect(mentor[0]).toContain(PULSE);
    await answer(MENTEE, 'survey.send', lastSurveyCard(MENTEE));
  });

  it('the pulse is reminded once, only to whoever has not sent it', async () => {
    const { drive } = harness;
    await drive.at('2027-06-04T14:00:00Z'); // the journey's own messages meanwhile
    for (const u of [MENTOR, MENTEE]) expect(news(u).join('\n')).not.toContain(PULSE);
    await drive.at('2027-06-07T08:00:00Z'); // three days before it closes
    // One message that day for the mentor: the reminder (their waiting booking nudge moves on).
    expect(news(MENTOR)).toEqual([expect.stringContaining(PULSE)]);
    expect(news(MENTEE).join('\n')).not.toContain(PULSE);
    await drive.at('2027-06-08T08:00:00Z');
    await drive.at('2027-06-10T08:00:00Z'); // closed
    for (const u of [MENTOR, MENTEE]) expect(news(u).join('\n')).not.toContain(PULSE);
  });

  it('the final at the end, reminded once, and nothing after it closes', async () => {
    const { drive } = harness;
    await drive.at('2027-08-27T14:00:00Z');
    news(MENTOR);
    news(MENTEE);
    await drive.at('2027-08-31T08:00:00Z');
    for (const u of [MENTOR, MENTEE]) {
      const got = news(u);
      expect(got).toHaveLength(1);
      expect(got[0]).toContain(FINAL);
    }
    await answer(MENTOR, 'survey.send', lastSurveyCard(MENTOR));
    await drive.at('2027-09-01T08:00:00Z'); // the journey's final review, not a survey
    for (const u of [MENTOR, MENTEE]) expect(news(u).join('\n')).not.toContain(FINAL);
    await drive.at('2027-09-18T08:00:00Z'); // the reminder's day is a Saturday
    expect(news(MENTEE)).toEqual([]);
    await drive.at('2027-09-20T08:00:00Z');
    expect(news(MENTEE)).toEqual([expect.stringContaining(FINAL)]);
    expect(news(MENTOR)).toEqual([]);
    await drive.at('2027-09-21T08:00:00Z');
    await drive.at('2027-10-01T08:00:00Z');
    for (const u of [MENTOR, MENTEE]) expect(news(u)).toEqual([]);
  });

  it('over the whole walk: each survey once, one reminder at most, nothing once sent', () => {
    const titles = (u: TeamsUser) =>
      surveyCardsOf(u).map(({ text }) => [BASELINE, PULSE, FINAL].find((t) => text.includes(t)));
    expect(titles(MENTOR)).toEqual([BASELINE, BASELINE, PULSE, PULSE, FINAL]);
    expect(titles(MENTEE)).toEqual([BASELINE, BASELINE, PULSE, FINAL, FINAL]);
  });
});
