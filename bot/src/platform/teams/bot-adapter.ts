import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../logger';
import { isUnavailable } from '../storage/errors';
import { MESSAGES } from './messages';

/** Bot Framework authentication from our config; no app id means a local run without bot auth. */
/** How the bot authenticates with the Bot Connector (app/config.ts reads it from the environment). */
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
 * The adapter with our turn-error policy: a storage outage gets a polite "try again shortly";
 * anything else gets a short apology with a reference id that is logged with the error.
 * People never see a stack trace.
 */
export function createAdapter(bot: BotAuthConfig, log: Logger): CloudAdapter {
  const adapter = new CloudAdapter(botAuthentication(bot));
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
