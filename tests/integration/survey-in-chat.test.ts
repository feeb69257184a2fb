import type { MySurveys } from '../../bot/src/contracts/evaluation-api';
import { type TeamsUser, messageActivity, postActivity } from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Surveys in chat, end to end through the bot and the Bot Connector fake (issue 16, "Asking
 * kindly"): "surveys" shows the open baseline with the items of the caller's side and the
 * closing date in words; "Save for later" keeps partial answers (the same ones the tab reads); a
 * bad value comes back beside its input with what was typed kept; a card older than a save made
 * in the tab overwrites nothing and shows the latest answers; "Send" thanks without showing the
 * answers; sending again is refused; after closing, a late answer is refused with the date.
 */

const MENTOR: TeamsUser = {
  aadObjectId: 'e1610000-0000-4000-8000-000000000001',
  name: 'Mo Adeyemi',
};
const MENTEE: TeamsUser = {
  aadObjectId: 'e1610000-0000-4000-8000-000000000002',
  name: 'Hana Price',
};

const HOPE = 'CHAT-HOPE-5K: to say what I see on the wards without fear';
const TAB_HOPE = 'TAB-HOPE-2J: written in the tab a moment later';
const SCALE = 'answer.conf.feedback.mentor';

let harness: BotHarness;
let url: string;
let cohortId: string;
const tokens: Record<string, string> = {};

type Card = Record<string, unknown>;

function elements(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
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
const setClock = (iso: string) => harness.service.parts.clock.set(new Date(iso));

const mine = async (who: string) => {
  const got = await call<MySurveys>(url, 'GET', '/api/me/surveys', { token: tokens[who] });
  expect(got.status).toBe(200);
  return got.body.surveys.find((s) => s.cohortId === cohortId);
};

/** The mentor's survey card as it stands (each click replaces it). */
let shown: Card = {};

/** The survey card the person was sent last, from their chat. */
function lastSurveyCard(user: TeamsUser): Card {
  const inbox = harness.drive.inbox(user);
  for (let i = inbox.length - 1; i >= 0; i--) {
    const card = inbox[i]!.activity.attachments?.[0]?.content as Card | undefined;
    if (card && JSON.stringify(card).includes('survey.save')) return card;
  }
  throw new Error(`no survey card for ${user.name}`);
}

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  url = harness.service.url;
  const { drive } = harness;
  await drive.setClock('2027-02-22T09:00:00Z');
  for (const person of [MENTOR, MENTEE]) await drive.install(person);
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: tokens.admin,
    json: { name: 'Survey chat cohort', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const row = (u: TeamsUser, role: string, partner?: TeamsUser) =>
    `${emailOf(u)},${u.name},${role},${u.aadObjectId},${partner ? emailOf(partner) : ''}`;
  const imported = await call(url, 'POST', `/api/cohorts/${cohortId}/roster`, {
    token: tokens.admin,
    contentType: 'text/csv',
    body: [
      'email,display_name,role,entra_object_id,partner_email',
      row(MENTOR, 'mentor', MENTEE),
      row(MENTEE, 'mentee'),
    ].join('\n'),
  });
  expect(imported.status).toBe(201);
  await drive.at('2027-02-22T11:00:00Z'); // the introductions go: the pair has started
  for (const [who, u] of Object.entries({ MENTOR, MENTEE })) {
    tokens[who] = await devToken(url, { userId: u.aadObjectId, name: u.name });
  }
  setClock('2027-03-02T10:00:00Z'); // the baseline is open
}, 600_000);

afterAll(() => harness?.stop());

describe('a survey in chat', () => {
  it('"surveys" shows my open baseline: my side’s items, the quote tick, the closing date', async () => {
    const replies = await harness.drive.say(MENTOR, 'surveys');
    expect(replies.join('\n')).toContain('Starting survey: Survey chat cohort');
    expect(replies.join('\n')).toContain('Open until the end of Sunday 14 March 2027');
    const card = lastSurveyCard(MENTOR);
    expect(byId(card, SCALE)).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(byId(card, 'answer.conf.feedback.mentee')).toBeUndefined();
    expect(byId(card, 'answer.hopes')).toMatchObject({ type: 'Input.Text', maxLength: 4000 });
    expect(byId(card, 'quote.hopes')).toMatchObject({ type: 'Input.Toggle', value: 'false' });
    shown = card;
  });

  it('"Save for later" keeps partial answers, the same ones the tab reads', async () => {
    const data = actionData(shown, 'survey.save');
    const { card, text } = await harness.drive.click(MENTOR, 'survey.save', {
      ...data,
      [SCALE]: '2',
      'answer.hopes': HOPE,
      'quote.hopes': 'true',
    });
    expect(text).toContain('Saved');
    expect(byId(card, SCALE)).toMatchObject({ value: '2' });
    expect(byId(card, 'quote.hopes')).toMatchObject({ value: 'true' });
    const saved = await mine('MENTOR');
    expect(saved?.response).toMatchObject({
      state: 'partial',
      answers: expect.arrayContaining([
        { itemId: 'conf.feedback.mentor', kind: 'scale', value: 2 },
        { itemId: 'hopes', kind: 'text', text: HOPE, mayQuote: true },
      ]),
    });
    shown = card;
  });

  it('shows a bad value beside its input, keeps what was typed, and saves nothing', async () => {
    const before = await mine('MENTOR');
    const data = actionData(shown, 'survey.save');
    const { card } = await harness.drive.click(MENTOR, 'survey.save', {
      ...data,
      [SCALE]: '9',
      'answer.hopes': 'typed again, not saved',
    });
    expect(byId(card, `${SCALE}-error`)).toMatchObject({ text: '⚠ must be from 1 to 5' });
    expect(byId(card, SCALE)).toMatchObject({ value: '9' });
    expect(byId(card, 'answer.hopes')).toMatchObject({ value: 'typed again, not saved' });
    expect((await mine('MENTOR'))?.response).toEqual(before?.response);
    shown = card;
  });

  it('a card older than a save in the tab overwrites nothing and shows the latest answers', async () => {
    const stale = actionData(shown, 'survey.save');
    const current = await mine('MENTOR');
    const tab = await call(url, 'PUT', `/api/me/surveys/${cohortId}/baseline`, {
      token: tokens.MENTOR,
      json: {
        planVersion: current!.planVersion,
        state: 'partial',
        answers: [{ itemId: 'hopes', kind: 'text', text: TAB_HOPE, mayQuote: false }],
        etag: current!.response!.etag,
      },
    });
    expect(tab.status).toBe(200);
    const { card, text } = await harness.drive.click(MENTOR, 'survey.save', {
      ...stale,
      'answer.hopes': 'from the old card',
    });
    expect(text).toContain('saved somewhere else');
    expect(byId(card, 'answer.hopes')).toMatchObject({ value: TAB_HOPE });
    const after = await mine('MENTOR');
    expect(after?.response?.answers).toEqual([
      { itemId: 'hopes', kind: 'text', text: TAB_HOPE, mayQuote: false },
    ]);
    shown = card;
  });

  let sentData: Card = {};

  it('"Send" sends the answers and thanks me, showing none of them', async () => {
    sentData = {
      ...actionData(shown, 'survey.send'),
      [SCALE]: '3',
      'answer.hopes': HOPE,
      'quote.hopes': 'false',
    };
    const { card, text } = await harness.drive.click(MENTOR, 'survey.send', sentData);
    expect(text).toContain('Thank you: your answers were sent.');
    expect(JSON.stringify(card)).not.toContain(HOPE);
    expect(elements(card).some((e) => String(e.type).startsWith('Input.'))).toBe(false);
    const sent = await mine('MENTOR');
    expect(sent?.response).toMatchObject({ state: 'submitted' });
    expect(sent?.response?.answers).toContainEqual({
      itemId: 'hopes',
      kind: 'text',
      text: HOPE,
      mayQuote: false,
    });
  });

  it('refuses sending again, and changes nothing', async () => {
    const before = await mine('MENTOR');
    const { card, text } = await harness.drive.click(MENTOR, 'survey.send', {
      ...sentData,
      'answer.hopes': 'a second go',
    });
    expect(text).toContain('You have already sent this survey');
    expect(JSON.stringify(card)).not.toContain(HOPE);
    expect(await mine('MENTOR')).toEqual(before);
  });

  it('refuses a late answer after closing, with the closing date', async () => {
    await harness.drive.say(MENTEE, 'surveys');
    const data = actionData(lastSurveyCard(MENTEE), 'survey.save');
    setClock('2027-03-15T00:00:00Z'); // midnight in London: the end of Sunday 14 March
    const { card, text } = await harness.drive.click(MENTEE, 'survey.send', {
      ...data,
      'answer.conf.feedback.mentee': '4',
    });
    expect(text).toContain('This survey closed at the end of Sunday 14 March 2027');
    expect(elements(card).some((e) => String(e.type).startsWith('Input.'))).toBe(false);
    setClock('2027-03-14T22:00:00Z');
    expect((await mine('MENTEE'))?.response).toBeNull();
    setClock('2027-03-15T00:00:00Z');
  });

  it('in a channel, points to the personal chat and shows no survey', async () => {
    const activity = messageActivity(harness.connector.serviceUrl, MENTOR, 'surveys');
    Object.assign(activity, {
      conversation: {
        id: '19:general-channel@thread.tacv2',
        conversationType: 'channel',
        tenantId: activity.conversation.tenantId,
        isGroup: true,
      },
    });
    const before = harness.connector.received.length;
    expect(await postActivity(url, activity)).toBe(200);
    const answered = () => harness.connector.received.slice(before);
    while (answered().length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    const said = JSON.stringify(answered().map((r) => r.activity));
    expect(said).toContain('I only show them in our one-to-one chat');
    expect(said).not.toContain('survey.save');
  });
});
