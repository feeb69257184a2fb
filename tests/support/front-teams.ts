import type { RunningService } from '../../bot/src/app/service';
import { DEV_TENANT_ID } from '../../bot/src/contracts/dev';
import {
  installActivity,
  invokeActivity,
  personalConversationId,
  postActivity,
  postInvoke,
} from './activities';
import type { FakeConnector } from './fake-connector';
import { type Person, teamsUser } from './front-fixture';

/**
 * Teams for the whole-front browser test (tests/e2e/front-of-programme.test.ts): people in the
 * programme's tenant with their email on the roster (so the app can reach a line manager and
 * knows an applicant's verified email), the manager's card, and the chat card form walked step
 * by step.
 */

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const inboxOf = (connector: FakeConnector, p: Person) =>
  connector.received.filter((r) => r.conversationId === personalConversationId(teamsUser(p)));

/**
 * The person opens the app in Teams in the programme's tenant, with their email on the roster
 * (as tests/integration/application-review.test.ts does), so the app can reach them by email.
 */
export async function installInProgramme(
  service: RunningService,
  connector: FakeConnector,
  p: Person,
): Promise<void> {
  connector.addConversation({
    id: personalConversationId(teamsUser(p)),
    tenantId: DEV_TENANT_ID,
    members: [
      { id: `29:${p.userId}`, name: p.name, aadObjectId: p.userId, email: p.email } as {
        id: string;
        name: string;
      },
    ],
  });
  const before = inboxOf(connector, p).length;
  const activity = installActivity(connector.serviceUrl, teamsUser(p));
  const inTenant = {
    ...activity,
    conversation: { ...activity.conversation, tenantId: DEV_TENANT_ID },
    channelData: { tenant: { id: DEV_TENANT_ID } },
  };
  if ((await postActivity(service.url, inTenant)) !== 200) throw new Error('install refused');
  await waitUntil(() => inboxOf(connector, p).length > before, `${p.name}'s welcome`);
}

/** The card in the manager's chat that asks about this applicant, as JSON. */
export function managerCard(connector: FakeConnector, manager: Person, applicant: Person) {
  return inboxOf(connector, manager)
    .map((r) => JSON.stringify(r.activity.attachments ?? []))
    .find((json) => json.includes('application.manager_answer') && json.includes(applicant.userId));
}

export async function waitForManagerCard(
  connector: FakeConnector,
  manager: Person,
  applicant: Person,
): Promise<string> {
  await waitUntil(() => managerCard(connector, manager, applicant) !== undefined, 'the card');
  return managerCard(connector, manager, applicant)!;
}

/** Clicks a card button as the person, in the programme's tenant; returns the new card as JSON. */
export async function clickInProgramme(
  service: RunningService,
  connector: FakeConnector,
  p: Person,
  verb: string,
  data: Record<string, unknown>,
): Promise<string> {
  const activity = invokeActivity(connector.serviceUrl, teamsUser(p), verb, data);
  const answer = await postInvoke(service.url, {
    ...activity,
    conversation: { ...activity.conversation, tenantId: DEV_TENANT_ID },
    channelData: { tenant: { id: DEV_TENANT_ID } },
  });
  if (answer.status !== 200) throw new Error(`${verb} answered ${answer.status}`);
  return JSON.stringify(answer.body.value);
}

type Card = Record<string, unknown>;

function stepData(card: Card, verb: string, to?: string): Card {
  const stack: unknown[] = [card];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const o = node as Card;
      if (
        o.type === 'Action.Execute' &&
        o.verb === verb &&
        (to === undefined || (o.data as Card).to === to)
      )
        return o.data as Card;
      stack.push(...Object.values(o));
    }
  }
  throw new Error(`no ${verb} ${to ?? ''} on the card`);
}

/** The chat card form's answers (perspectives by their place on the cohort's list). */
export interface ChatAnswers {
  role: string;
  band: string;
  organisation: string;
  shared: string;
  wanted: string;
}

/**
 * Applies in chat as apply-in-chat.test.ts does: the card form opened, each step saved as the
 * draft, then sent; in the programme's tenant, so the roster gives the person's verified email
 * (matching takes no one without one). Returns the last card's JSON.
 */
export async function applyInChat(
  service: RunningService,
  connector: FakeConnector,
  p: Person,
  cohortId: string,
  a: ChatAnswers,
): Promise<string> {
  const click = async (verb: string, data: Card): Promise<Card> =>
    JSON.parse(await clickInProgramme(service, connector, p, verb, data)) as Card;
  let card = await click('apply.open', { cohortId });
  card = await click('apply.step', {
    ...stepData(card, 'apply.step', 'perspectives'),
    role: a.role,
    arrangement: 'reverse',
    band: a.band,
    organisation: a.organisation,
    directorate: 'Estates and facilities',
    managerName: `Manager of ${p.name}`,
    managerEmail: `manager.of.${p.userId.slice(-2)}@trust.nhs.uk`,
  });
  card = await click('apply.step', {
    ...stepData(card, 'apply.step', 'meeting'),
    shared: a.shared,
    wanted: a.wanted,
  });
  card = await click('apply.step', {
    ...stepData(card, 'apply.step', 'notes'),
    meetingMode: 'online',
    location: '',
    availability: 'tue-am,thu-pm',
  });
  card = await click('apply.step', {
    ...stepData(card, 'apply.step', 'sensitive'),
    consent: 'true',
  });
  card = await click('apply.step', stepData(card, 'apply.step', 'review'));
  card = await click('apply.submit', stepData(card, 'apply.submit'));
  return JSON.stringify(card);
}
