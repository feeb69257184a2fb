import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { SignJWT, generateKeyPair } from 'jose';
import { AppError } from '../../bot/src/platform/errors';
import { createLogger } from '../../bot/src/platform/logger';
import { ProgrammeBot, type BotRoutes } from '../../bot/src/platform/teams/activity-handler';
import { BotAuthentication } from '../../bot/src/platform/teams/bot-authentication';
import type { StoredConversation } from '../../bot/src/platform/teams/conversation-repository';
import { BOT, TENANT, messageActivity } from '../support/activities';

/**
 * The gate in front of every bot turn (platform/teams/bot-authentication.ts), with the real Bot
 * Framework library behind it. The library's OpenID metadata URLs point at a local stub, so no
 * test here reaches the network: the stub counts requests, resets connections or never answers.
 */

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const PARTICIPANT = { aadObjectId: 'a0000000-0000-4000-8000-000000000001', name: 'Ama Boateng' };
const ATTACKER_URL = 'https://attacker.example/';
const log = createLogger('silent');

let stub: Server;
let stubUrl: string;
const stubHits: string[] = [];
const hanging = new Set<Socket>();

beforeAll(async () => {
  stub = createServer((req, res) => {
    stubHits.push(req.url ?? '');
    if (req.url?.startsWith('/reset')) req.socket.destroy();
    else if (req.url?.startsWith('/hang')) hanging.add(req.socket);
    else {
      // Two calls: restify, once loaded in this worker, patches writeHead to return nothing.
      res.writeHead(503);
      res.end();
    }
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of hanging) socket.destroy();
  const closed = new Promise<void>((resolve) => stub.close(() => resolve()));
  stub.closeAllConnections();
  await closed;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(() => {
  stubHits.length = 0;
});

/** The library as the service builds it for a single-tenant bot, but with its metadata on the stub. */
function library(metadataPath: string): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: BOT_ID,
    MicrosoftAppPassword: 'secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    // Public-cloud values (these must all be given once any is), metadata on the stub.
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${TENANT}`,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: `${stubUrl}${metadataPath}`,
    ToBotFromEmulatorOpenIdMetadataUrl: `${stubUrl}${metadataPath}-emulator`,
    CallerId: 'urn:botframework:azure',
  });
}

function gate(metadataPath: string, timeLimitMs?: number): BotAuthentication {
  return new BotAuthentication(library(metadataPath), { required: true, log, timeLimitMs });
}

/** What an attacker sends: a personal message as a real participant, answers wanted inline. */
function forgedActivity(): Activity {
  return {
    ...messageActivity(ATTACKER_URL, PARTICIPANT, 'my actions'),
    deliveryMode: 'expectReplies',
  } as unknown as Activity;
}

/** A JWT signed by the attacker's own key, claiming to come from the Bot Framework channel. */
async function forgedChannelToken(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ serviceurl: ATTACKER_URL })
    .setProtectedHeader({ alg: 'RS256', kid: 'attacker-key', typ: 'JWT' })
    .setIssuer('https://api.botframework.com')
    .setAudience(BOT_ID)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(401);
    return error as AppError;
  }
  throw new Error('expected the request to be refused');
}

describe('Bot Framework authentication of every bot request', () => {
  it('refuses a request without a token, or with a header that is not a bearer JWT, without fetching metadata', async () => {
    const check = gate('/counted');
    for (const header of [
      '',
      '   ',
      'Bearer',
      'Bearer garbage',
      'Basic dXNlcjpwYXNz',
      'Bearer a.b',
    ]) {
      await refusal(check.authenticate(forgedActivity(), header));
    }
    // A JWT-shaped token the library cannot decode, or from an issuer it does not trust, is
    // refused by the library before any metadata fetch too.
    await refusal(check.authenticate(forgedActivity(), 'Bearer aaa.bbb.ccc'));
    const stranger = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://attacker.example')
      .setAudience(BOT_ID)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await refusal(check.authenticate(forgedActivity(), `Bearer ${stranger}`));
    expect(stubHits).toEqual([]);
  });

  it('answers 401, not a 500, when the signing keys cannot be fetched for a forged channel token', async () => {
    const token = await forgedChannelToken();
    // The stock library throws a plain FetchError here (the CloudAdapter answers 500 with it).
    await expect(
      library('/reset').authenticateRequest(forgedActivity(), `Bearer ${token}`),
    ).rejects.toMatchObject({ name: 'FetchError' });
    const refused = await refusal(gate('/reset').authenticate(forgedActivity(), `Bearer ${token}`));
    expect(refused.message).toMatch(/could not be verified/);
    // The metadata answering an error is a refusal too.
    await refusal(gate('/unavailable').authenticate(forgedActivity(), `Bearer ${token}`));
    // Both went as far as asking for the keys (under load a request may land after the refusal).
    await until(() => stubHits.includes('/reset') && stubHits.includes('/unavailable'));
  });

  it('answers 401 within its time limit when the metadata never answers, instead of hanging', async () => {
    const token = await forgedChannelToken();
    const refused = refusal(gate('/hang', 500).authenticate(forgedActivity(), `Bearer ${token}`));
    // The library is waiting on metadata that never comes; only the time limit ends the wait.
    await until(() => stubHits.includes('/hang'));
    expect((await refused).message).toMatch(/could not be verified/);
  });

  it('lets every request through on a purely local instance (no bot credentials)', async () => {
    const local = new BotAuthentication(new ConfigurationBotFrameworkAuthentication({}), {
      required: false,
      log,
    });
    const result = await local.authenticate(forgedActivity(), '');
    expect(result.claimsIdentity.isAuthenticated).toBe(true);
  });
});

describe('the stored conversation reference', () => {
  function botWith(saved: StoredConversation[]): ProgrammeBot {
    const routes: BotRoutes = {
      cardVerbs: new Map(),
      commands: [],
      welcomeCard: () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }),
      helpCard: () => ({ type: 'AdaptiveCard', version: '1.5', body: [] }),
      sender: { sendToUser: async () => ({ status: 'sent' }) },
      conversations: {
        save: async (conversation: StoredConversation) => {
          saved.push(conversation);
        },
      },
      now: () => new Date('2030-01-01T09:00:00Z'),
      log,
    };
    return new ProgrammeBot(routes);
  }

  function turn(identity?: { isAuthenticated: boolean }): TurnContext {
    const adapter = new TestAdapter();
    const activity = {
      ...messageActivity(ATTACKER_URL, PARTICIPANT, ''),
      type: 'event',
      name: 'anything',
      recipient: BOT,
    } as unknown as Activity;
    const context = new TurnContext(adapter, activity);
    if (identity) context.turnState.set(adapter.BotIdentityKey, identity);
    return context;
  }

  it('is replaced only by a turn the adapter authenticated (or a local one)', async () => {
    const saved: StoredConversation[] = [];
    const bot = botWith(saved);
    await bot.run(turn());
    await bot.run(turn({ isAuthenticated: false }));
    expect(saved).toEqual([]);
    await bot.run(turn({ isAuthenticated: true }));
    expect(saved).toEqual([
      expect.objectContaining({ userId: PARTICIPANT.aadObjectId, serviceUrl: ATTACKER_URL }),
    ]);
  });
});
