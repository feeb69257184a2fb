import { randomUUID } from 'node:crypto';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../logger';
import { isUnavailable } from '../storage/errors';
import { BotAuthentication } from './bot-authentication';
import { MESSAGES } from './messages';

/**
 * How the bot authenticates with the Bot Connector (app/config.ts reads it from the environment).
 * 'local' (no bot credentials) is allowed only on a purely local development instance: it
 * accepts every activity unauthenticated, as the Agents Playground sends them.
 */
export type BotAuthConfig =
  | { kind: 'local' }
  | {
      kind: 'azure';
      appId: string;
      password?: string;
      tenantId?: string;
      type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    };

export function botAuthentication(bot: BotAuthConfig): ConfigurationBotFrameworkAuthentication {
  if (bot.kind === 'local') return new ConfigurationBotFrameworkAuthentication({});
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.password ?? '',
    MicrosoftAppType: bot.type,
    MicrosoftAppTenantId: bot.tenantId ?? '',
  };
  return new ConfigurationBotFrameworkAuthentication(options);
}

/**
 * The CloudAdapter, with every turn behind BotAuthentication: `processTurn` authenticates the
 * request first (a refusal is an AppError 'unauthorized', answered 401 in our JSON shape before
 * the bot runs or anything is stored), then runs the turn with what the authentication proved.
 */
export class ProgrammeAdapter extends CloudAdapter {
  constructor(
    botAuth: ConfigurationBotFrameworkAuthentication,
    private readonly gate: BotAuthentication,
  ) {
    super(botAuth);
  }

  async processTurn(
    activity: Activity,
    authorization: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const authenticated = await this.gate.authenticate(activity, authorization);
    return this.processActivity(authenticated, withDates(activity), logic);
  }
}

/** As the stock adapter does: the wire's timestamps as Dates, the raw strings kept beside them. */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value: unknown = fixed[field];
    if (typeof value === 'string') {
      const raw = `raw${field[0]!.toUpperCase()}${field.slice(1)}`;
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed;
}

/**
 * The adapter with our turn-error policy: a storage outage gets a polite "try again shortly";
 * anything else gets a short apology with a reference id that is logged with the error.
 * People never see a stack trace.
 */
export function createAdapter(bot: BotAuthConfig, log: Logger): ProgrammeAdapter {
  const botAuth = botAuthentication(bot);
  const gate = new BotAuthentication(botAuth, { required: bot.kind !== 'local', log });
  const adapter = new ProgrammeAdapter(botAuth, gate);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    const where = {
      activityType: activity.type,
      conversationType: activity.conversation?.conversationType,
      activityId: activity.id,
    };
    try {
      if (isUnavailable(error)) {
        log.warn({ err: error, ...where }, 'storage unavailable during a turn');
        await context.sendActivity(MESSAGES.tryAgainShortly);
        return;
      }
      const reference = randomUUID().slice(0, 8);
      log.error({ err: error, reference, ...where }, 'turn failed');
      await context.sendActivity(MESSAGES.apology(reference));
    } catch (sendError) {
      log.error({ err: sendError, ...where }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
