import { SignJWT } from 'jose';
import { DEMO_PARTICIPANTS } from '../../bot/src/features/dev/index';
import type { RunningService } from '../../bot/src/app/service';
import type { EmbeddedStorage } from '../../bot/src/platform/storage/embedded-azurite';
import type { StoredConversation } from '../../bot/src/platform/teams/conversation-repository';
import { TENANT, invokeActivity, messageActivity } from '../support/activities';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector';
import { startTestService, startTestStorage } from '../support/test-service';

/**
 * The bot endpoint of a service with bot credentials and Entra sign-in: an activity that does not
 * carry a valid Bot Framework token gets 401 and changes nothing (issue 12, hole 1). Every token
 * here is refused before the Bot Framework's OpenID metadata would be fetched, so nothing waits
 * on the network (the fetch path is covered in tests/unit/bot-authentication.test.ts).
 */

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const PARTICIPANT = DEMO_PARTICIPANTS[0]!;
const USER = { aadObjectId: PARTICIPANT.userId, name: PARTICIPANT.name };

let storage: EmbeddedStorage;
let service: RunningService;
let attacker: FakeConnector;
let planted: StoredConversation;

beforeAll(async () => {
  storage = await startTestStorage();
  attacker = await startFakeConnector();
  service = await startTestService(storage.connectionString, {
    AUTH_MODE: 'entra',
    ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    ENTRA_TENANT_ID: TENANT,
    BOT_ID,
    BOT_PASSWORD: 'a-client-secret',
    BOT_TENANT_ID: TENANT,
    SEED_DEMO: 'true',
  });
  // Where the participant's announcements go, as Teams itself told the bot.
  planted = {
    userId: PARTICIPANT.userId,
    tenantId: TENANT,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversationId: `a:personal-${PARTICIPANT.userId}`,
    conversationType: 'personal',
    timeZone: 'Europe/London',
    referenceJson: JSON.stringify({
      conversation: { id: `a:personal-${PARTICIPANT.userId}`, tenantId: TENANT },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    }),
    updatedAt: '2030-01-01T09:00:00.000Z',
  };
  await service.parts.repos.conversations.save(planted);
});

afterAll(async () => {
  await service.stop();
  await attacker.stop();
  await storage.stop();
});

async function forged(activity: object, authorization?: string) {
  const response = await fetch(`${service.url}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('the bot endpoint with bot credentials', () => {
  it('refuses forged activities for a real participant with 401, and keeps their conversation reference', async () => {
    const message = {
      ...messageActivity(attacker.serviceUrl, USER, 'my actions'),
      deliveryMode: 'expectReplies',
    };
    const click = {
      ...invokeActivity(attacker.serviceUrl, USER, 'action.complete', {}),
      deliveryMode: 'expectReplies',
    };
    const strangerToken = await new SignJWT({ serviceurl: attacker.serviceUrl })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://attacker.example')
      .setAudience(BOT_ID)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('attacker-secret-attacker-secret!'));
    const headers = [
      undefined,
      '',
      'Bearer garbage',
      'Bearer not.a.jwt',
      'Basic dXNlcjpwYXNz',
      `Bearer ${strangerToken}`,
    ];
    for (const activity of [message, click]) {
      for (const authorization of headers) {
        const answer = await forged(activity, authorization);
        expect({ authorization, ...answer }).toEqual({
          authorization,
          status: 401,
          body: { error: expect.objectContaining({ code: 'unauthorized' }) },
        });
      }
    }
    expect(await service.parts.repos.conversations.getPersonal(PARTICIPANT.userId)).toEqual(
      planted,
    );
    expect(attacker.requests).toEqual([]);
  });
});
