import type { MyApplication } from '../../bot/src/contracts/applications';
import {
  type TeamsUser,
  invokeActivity,
  messageActivity,
  postActivity,
  postInvoke,
} from '../support/activities';
import { type BotHarness, startBotHarness } from '../support/bot-harness';
import { COORDINATOR } from '../support/journey-fixture';
import { call, devToken } from '../support/test-service';

/**
 * Applying in chat, end to end through the bot (issue 15, item 2): "apply" lists the open
 * cohort, the card form saves each step as the draft the API returns, a bad value comes back
 * beside its field with what was typed kept, a change made in the tab is never overwritten by
 * an older card, submitting checks everything and shows the status in words, withdrawing; a
 * late applicant is refused with the closing date; in a channel nothing is shown or stored.
 */

const ADA: TeamsUser = { aadObjectId: 'c2500000-0000-4000-8000-000000000001', name: 'Ada Mensah' };
const BEN: TeamsUser = { aadObjectId: 'c2500000-0000-4000-8000-000000000002', name: 'Ben Hartley' };
/** Teams may spell an object id in capitals; the API's token always gives it in lower case. */
const DANA: TeamsUser = {
  aadObjectId: 'C2500000-0000-4000-8000-00000000000D',
  name: 'Dana Okoro',
};
const CARL: TeamsUser = { aadObjectId: 'c2500000-0000-4000-8000-000000000003', name: 'Carl Ito' };

const SETTINGS = {
  opensAt: '2027-01-04T09:00',
  closesAt: '2027-01-29T17:00',
  ladder: ['Band 3', 'Band 5', 'Band 7', 'Band 8b', 'Band 9'],
  minimumBandGap: 2,
  perspectives: ['Working nights', 'Caring responsibilities outside work', 'Early career'],
  requireTraining: false,
  awarenessEventIds: [] as string[],
};
const CLOSES = 'Friday 29 January 2027 at 17:00 (Europe/London)';

let harness: BotHarness;
let cohortId: string;
const tokens: Record<string, string> = {};

type Card = Record<string, unknown>;

/** Every element of a card (body and actions, nested), flattened. */
function elements(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
    Object.values(node).forEach((v) => elements(v, out));
  }
  return out;
}
const byId = (card: Card, id: string) => elements(card).find((e) => e.id === id);
const texts = (card: Card) =>
  elements(card)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => String(e.text))
    .join('\n');
const actionData = (card: Card, verb: string, to?: string) => {
  const found = elements(card).find(
    (e) =>
      e.type === 'Action.Execute' &&
      e.verb === verb &&
      (to === undefined || (e.data as Card).to === to),
  );
  if (!found) throw new Error(`no ${verb} ${to ?? ''} on ${texts(card)}`);
  return found.data as Card;
};

async function click(user: TeamsUser, verb: string, data: Card, channel = false): Promise<Card> {
  const activity = invokeActivity(harness.connector.serviceUrl, user, verb, data);
  if (channel) {
    Object.assign(activity, {
      conversation: {
        id: '19:general-channel@thread.tacv2',
        conversationType: 'channel',
        tenantId: activity.conversation.tenantId,
        isGroup: true,
      },
    });
  }
  const answer = await postInvoke(harness.service.url, activity);
  expect(answer.status).toBe(200);
  return answer.body.value;
}

const mine = async (who: string) =>
  call<MyApplication>(harness.service.url, 'GET', `/api/cohorts/${cohortId}/applications/mine`, {
    token: tokens[who],
  });

const setClock = (iso: string) => harness.service.parts.clock.set(new Date(iso));

beforeAll(async () => {
  harness = await startBotHarness({ COORDINATOR_IDS: COORDINATOR.userId });
  const url = harness.service.url;
  setClock('2026-12-14T10:00:00Z');
  tokens.admin = await devToken(url, COORDINATOR);
  const made = await call<{ id: string }>(url, 'POST', '/api/cohorts', {
    token: tokens.admin,
    json: { name: 'Cohort 2027', startDate: '2027-03-01', endDate: '2027-08-31' },
  });
  expect(made.status).toBe(201);
  cohortId = made.body.id;
  const saved = await call(url, 'PUT', `/api/cohorts/${cohortId}/application-settings`, {
    token: tokens.admin,
    json: SETTINGS,
  });
  expect(saved.status).toBe(200);
  for (const [who, user] of Object.entries({ ADA, BEN, CARL, DANA })) {
    tokens[who] = await devToken(url, { userId: user.aadObjectId, name: user.name });
  }
}, 600_000);

afterAll(() => harness?.stop());

describe('applying in chat', () => {
  let card: Card;

  it('"apply" lists the cohort open now, with its closing date in words', async () => {
    setClock('2027-01-10T12:00:00Z');
    const replies = await harness.drive.say(ADA, 'apply');
    expect(replies.join('\n')).toContain('Cohort 2027');
    expect(replies.join('\n')).toContain(`Applications close on ${CLOSES}`);
    card = await click(ADA, 'apply.open', harness.drive.actionData(ADA, 'apply.open'));
    expect(texts(card)).toContain('Step 1 of 6: About you');
    expect(byId(card, 'band')).toMatchObject({ type: 'Input.ChoiceSet' });
  });

  it('shows a bad value beside its field, keeps what was typed, and saves nothing', async () => {
    const typed = {
      role: 'mentor',
      arrangement: 'reverse',
      band: 'Band 3',
      organisation: 'Leicester Royal Infirmary',
      directorate: 'Emergency medicine',
      managerName: 'Lena Manager',
      managerEmail: 'lena at trust',
    };
    card = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'perspectives'),
      ...typed,
    });
    expect(texts(card)).toContain('Step 1 of 6');
    expect(byId(card, 'managerEmail-error')?.text).toBe(
      '⚠ must be an email address like name@nhs.net',
    );
    expect(byId(card, 'managerEmail')?.value).toBe('lena at trust');
    expect(byId(card, 'organisation')?.value).toBe('Leicester Royal Infirmary');
    expect(byId(card, 'organisation-error')).toBeUndefined();
    const api = await mine('ADA');
    expect(api.body.etag).toBeUndefined();
    expect(api.body.answers).toEqual({});

    card = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'perspectives'),
      ...typed,
      managerEmail: 'Lena.Manager@trust.nhs.uk',
    });
    expect(texts(card)).toContain('Step 2 of 6: Perspectives');
  });

  it('saves each step as the same draft the API returns', async () => {
    let api = await mine('ADA');
    expect(api.body.status).toBe('draft');
    expect(api.body.answers).toMatchObject({
      role: 'mentor',
      band: 'Band 3',
      lineManager: { name: 'Lena Manager', email: 'lena.manager@trust.nhs.uk' },
    });
    expect(api.headers.get('etag')).toBe(String(actionData(card, 'apply.step', 'meeting').etag));

    card = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'meeting'),
      shared: '0',
      wanted: '2,1',
    });
    card = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'notes'),
      meetingMode: 'in-person',
      location: '',
      availability: 'thu-pm,tue-am',
    });
    card = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'sensitive'),
      notes: 'Not in the school holidays',
      consent: 'true',
    });
    expect(texts(card)).toContain('Step 5 of 6: Optional questions about you');
    api = await mine('ADA');
    expect(api.body.answers).toMatchObject({
      perspectivesShared: ['Working nights'],
      perspectivesWanted: ['Caring responsibilities outside work', 'Early career'],
      meetingMode: 'in-person',
      availability: ['tue-am', 'thu-pm'],
      notes: 'Not in the school holidays',
      consent: true,
    });
    expect(api.body.answers.location).toBeUndefined();
  });

  it('asks for each special-category answer’s own consent, beside it', async () => {
    const refused = await click(ADA, 'apply.step', {
      ...actionData(card, 'apply.step', 'review'),
      ethnicity: 'black',
      ethnicityConsent: 'false',
    });
    expect(byId(refused, 'ethnicityConsent-error')?.text).toContain('tick the consent');
    expect(byId(refused, 'ethnicity')?.value).toBe('black');
    expect((await mine('ADA')).body.sensitive.answers).toEqual({});
    card = await click(ADA, 'apply.step', {
      ...actionData(refused, 'apply.step', 'review'),
      ethnicity: 'black',
      ethnicityConsent: 'true',
    });
    expect(texts(card)).toContain('Step 6 of 6: Check and send');
    expect((await mine('ADA')).body.sensitive.answers).toEqual({
      ethnicity: { value: 'black', consent: true },
    });
  });

  it('never overwrites a change made in the tab from an older card', async () => {
    const api = await mine('ADA');
    const tab = await call(
      harness.service.url,
      'PUT',
      `/api/cohorts/${cohortId}/applications/mine/draft`,
      {
        token: tokens.ADA,
        json: { directorate: 'Acute medicine' },
        headers: { 'if-match': api.headers.get('etag')! },
      },
    );
    expect(tab.status).toBe(200);
    // The card still carries the version it was built from; the tab has saved since.
    const stale = await click(ADA, 'apply.open', { cohortId, step: 'about' });
    const staleData = {
      ...actionData(stale, 'apply.step', 'perspectives'),
      etag: String(actionData(card, 'apply.submit').etag),
    };
    const refused = await click(ADA, 'apply.step', { ...staleData, directorate: 'Old value' });
    expect(texts(refused)).toContain('changed somewhere else');
    expect(byId(refused, 'directorate')?.value).toBe('Acute medicine');
    expect((await mine('ADA')).body.answers.directorate).toBe('Acute medicine');
    card = await click(ADA, 'apply.open', { cohortId, step: 'review' });
  });

  it('submitting names what is missing beside its field, then sends with the status in words', async () => {
    let answer = await click(ADA, 'apply.submit', actionData(card, 'apply.submit'));
    expect(texts(answer)).toContain('Step 3 of 6: Meeting and availability');
    expect(byId(answer, 'location-error')?.text).toBe('⚠ is required when you meet in person');
    expect(byId(answer, 'availability')?.value).toBe('tue-am,thu-pm');
    expect((await mine('ADA')).body.status).toBe('draft');

    const saved = await click(ADA, 'apply.step', {
      ...actionData(answer, 'apply.step', 'notes'),
      meetingMode: 'in-person',
      location: 'Leicester',
      availability: 'tue-am,thu-pm',
    });
    expect(texts(saved)).toContain('Step 4 of 6');
    answer = await click(ADA, 'apply.open', { cohortId, step: 'review' });
    expect(JSON.stringify(answer)).toContain('In person, Leicester');
    answer = await click(ADA, 'apply.submit', actionData(answer, 'apply.submit'));
    expect(texts(answer)).toContain('Application sent');
    expect(texts(answer)).toContain('Status: Sent, waiting for the programme team');
    const api = await mine('ADA');
    expect(api.body.status).toBe('submitted');
    expect(api.body.answers).toMatchObject({
      location: 'Leicester',
      directorate: 'Acute medicine',
    });

    // A double click shows the status again, and the form is not offered once sent.
    const again = await click(ADA, 'apply.submit', actionData(card, 'apply.submit'));
    expect(texts(again)).toContain('Status: Sent, waiting for the programme team');
    card = answer;
  });

  it('saves the draft of a person whose object id Teams sends in capitals where the API finds it', async () => {
    const first = await click(DANA, 'apply.open', { cohortId });
    await click(DANA, 'apply.step', {
      ...actionData(first, 'apply.step', 'perspectives'),
      organisation: 'Leicester General',
    });
    expect((await mine('DANA')).body.answers.organisation).toBe('Leicester General');
  });

  it('withdraws', async () => {
    const answer = await click(ADA, 'apply.withdraw', actionData(card, 'apply.withdraw'));
    expect(texts(answer)).toContain('Application withdrawn');
    expect(texts(answer)).toContain('Status: Withdrawn');
    expect((await mine('ADA')).body.status).toBe('withdrawn');
  });

  it('never shows one person’s answers on another’s card', async () => {
    const ben = await click(BEN, 'apply.open', { cohortId, step: 'sensitive' });
    expect(texts(ben)).toContain('Step 5 of 6: Optional questions about you');
    expect(byId(ben, 'ethnicity')).toMatchObject({ type: 'Input.ChoiceSet' });
    expect(byId(ben, 'ethnicity')?.value).toBeUndefined();
    const about = await click(BEN, 'apply.open', { cohortId });
    expect(texts(about)).toContain('Step 1 of 6');
    expect(JSON.stringify(about)).not.toContain('Leicester');
    expect(JSON.stringify(about)).not.toContain('Lena');
  });

  it('refuses a late applicant with the closing date, and offers the next cohort', async () => {
    const early = await click(CARL, 'apply.open', { cohortId });
    setClock('2027-01-29T17:00:00Z');
    const late = await click(CARL, 'apply.step', {
      ...actionData(early, 'apply.step', 'perspectives'),
      organisation: 'Glenfield Hospital',
    });
    expect(texts(late)).toContain('Applications to Cohort 2027 have closed');
    expect(texts(late)).toContain(`Applications closed on ${CLOSES}`);
    expect((await mine('CARL')).body.etag).toBeUndefined();

    const replies = await harness.drive.say(CARL, 'apply');
    expect(replies.join('\n')).toContain('No cohort is taking applications just now');
    expect(replies.join('\n')).toContain(`Applications closed on ${CLOSES}`);
    const interest = await click(
      CARL,
      'apply.interest',
      harness.drive.actionData(CARL, 'apply.interest'),
    );
    expect(texts(interest)).toContain('We will let you know');
    expect((await mine('CARL')).body.nextCohortInterest).toBe(true);
  });

  it('in a channel, shows nothing of the form and stores nothing', async () => {
    setClock('2027-01-10T12:00:00Z');
    for (const verb of ['apply.open', 'apply.step', 'apply.submit']) {
      const answer = await click(
        BEN,
        verb,
        { cohortId, step: 'about', to: 'perspectives', organisation: 'In the open' },
        true,
      );
      expect(texts(answer)).toContain('our one-to-one chat');
      expect(elements(answer).some((e) => String(e.type).startsWith('Input.'))).toBe(false);
    }
    expect((await mine('BEN')).body.etag).toBeUndefined();
    const mark = harness.connector.received.length;
    const said = messageActivity(harness.connector.serviceUrl, BEN, 'apply');
    Object.assign(said, {
      conversation: {
        ...said.conversation,
        id: '19:general-channel@thread.tacv2',
        conversationType: 'channel',
        isGroup: true,
      },
    });
    expect(await postActivity(harness.service.url, said)).toBe(200);
    await harness.connector.waitFor(mark + 1);
    const reply = harness.connector.received[mark]!.activity;
    expect(reply.text).toContain('our one-to-one chat');
    expect(reply.attachments ?? []).toEqual([]);
  });
});
