import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
  MessageFactory,
  TeamsActivityHandler,
} from 'botbuilder';
import { resolveTimeZone } from '../../contracts/time-zone';
import type { Logger } from '../logger';
import { type CardJson, asAttachment } from './cards/render';
import { normaliseCommand } from './command-text';
import type { ConversationRepository } from './conversation-repository';
import { conversationToStore } from './conversation-tracker';
import { firstNameOf, vouchedEmailOf } from './member-roster';
import { MESSAGES } from './messages';
import type { ProactiveSender } from './proactive-sender';
import {
  cardInvokeBody,
  cardInvokeResponse,
  isExecuteInvoke,
  outOfTurnCard,
  runCommand,
  runVerb,
} from './turn-dispatch';
import type {
  Actor,
  CardVerbHandler,
  CommandReply,
  CommandRoute,
  Notice,
  TurnScope,
} from './turn-routes';

/** What the activity handler needs: the merged route tables and the few platform parts it uses. */
export interface BotRoutes {
  /** Every card verb of every feature (`mergeCardVerbs`). */
  cardVerbs: ReadonlyMap<string, CardVerbHandler>;
  /** Every text command of every feature, in help's order (`mergeCommands`). */
  commands: readonly CommandRoute[];
  /** The card that greets a person (or a team) when the app is installed. */
  welcomeCard(input: { scope: TurnScope; firstName?: string }): CardJson;
  /** The card listing the commands, shown after text the bot does not understand. */
  helpCard(): CardJson;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  conversations: Pick<ConversationRepository, 'save'>;
  /**
   * The app was just installed in someone's personal scope (their chat with the bot now exists,
   * its reference stored): what waited for them to become reachable may go now.
   */
  onInstalled?(actor: Actor): Promise<void>;
  now: () => Date;
  log: Logger;
}

function scopeOf(activity: Activity): TurnScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** A card as a message activity. */
export const cardMessage = (json: CardJson) => MessageFactory.attachment(asAttachment(json));
const card = cardMessage;

/**
 * The programme bot: welcomes people, keeps their conversation reference fresh, and dispatches
 * card verbs and text commands through the features' route tables. It knows no feature.
 * A refusal (an AppError a service threw) is answered in its card words; other errors are
 * handled by the adapter's onTurnError (see bot-adapter.ts).
 */
export class ProgrammeBot extends TeamsActivityHandler {
  constructor(private readonly routes: BotRoutes) {
    super();

    this.onMembersAdded(async (context, next) => {
      const activity = context.activity;
      const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
      const scope = scopeOf(activity);
      if (botAdded || scope === 'personal') {
        const welcome = this.routes.welcomeCard({
          scope,
          firstName: scope === 'personal' ? await firstNameOf(context, this.routes.log) : undefined,
        });
        await context.sendActivity(card(welcome));
      }
      if (botAdded && scope === 'personal' && this.routes.onInstalled) {
        // A failure here must not spoil the welcome: the daily retry still reaches them.
        await this.routes
          .onInstalled(this.actor(context))
          .catch((error: unknown) =>
            this.routes.log.warn({ err: error }, 'waking what waited for an install failed'),
          );
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const value = context.activity.value as { verb?: unknown } | undefined;
      if (value && typeof value === 'object' && 'verb' in value)
        await this.submitted(context, value);
      else await this.answer(context);
      await next();
    });
  }

  private actor(context: TurnContext): Actor {
    return {
      userId: context.activity.from.aadObjectId ?? '',
      name: context.activity.from.name,
      timeZone: resolveTimeZone(context.activity.localTimezone),
      email: () => vouchedEmailOf(context, this.routes.log),
      scope: scopeOf(context.activity),
    };
  }

  private handlerFor(verb: unknown): CardVerbHandler | undefined {
    return typeof verb === 'string' ? this.routes.cardVerbs.get(verb) : undefined;
  }

  /**
   * Universal Actions. Teams sends `{ action: { type: 'Action.Execute', verb, data } }`; an
   * invoke without that shape (no value, no action, no verb) is answered here with a short
   * card, because the Bot Framework library would throw on it.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action' || isExecuteInvoke(activity.value)) {
      return super.onInvokeActivity(context);
    }
    return cardInvokeResponse(outOfTurnCard());
  }

  /** The card is answered with its new version, in place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action;
    const handler = this.handlerFor(action.verb);
    if (!handler) return cardInvokeBody(outOfTurnCard());
    const data = { ...(action.data as Record<string, unknown> | undefined) };
    const result = await runVerb(handler, this.actor(context), data);
    await this.tell(result.notices);
    return cardInvokeBody(result.card);
  }

  /** Action.Submit from an older client: same handling; the card is replaced when Teams allows. */
  private async submitted(context: TurnContext, value: { verb?: unknown }): Promise<void> {
    const { verb, ...data } = value as Record<string, unknown>;
    const handler = this.handlerFor(verb);
    if (!handler) {
      await context.sendActivity(card(outOfTurnCard()));
      return;
    }
    const result = await runVerb(handler, this.actor(context), data);
    const reply = card(result.card);
    const replyTo = context.activity.replyToId;
    let replaced = false;
    if (replyTo) {
      try {
        await context.updateActivity({ ...reply, id: replyTo });
        replaced = true;
      } catch {
        replaced = false;
      }
    }
    if (!replaced) await context.sendActivity(reply);
    await this.tell(result.notices);
  }

  /** Messages an action causes for others; a failure here never undoes the action. */
  private async tell(notices: Notice[]): Promise<void> {
    for (const notice of notices) {
      const outcome = await this.routes.sender.sendToUser(notice.userId, card(notice.card));
      if (outcome.status !== 'sent') this.routes.log.warn({ outcome }, 'a notice did not go out');
    }
  }

  /**
   * Every authenticated activity refreshes the stored conversation reference before anything
   * else runs (the adapter refuses unauthenticated requests before this; see bot-authentication.ts).
   */
  override async run(context: TurnContext): Promise<void> {
    const conversation = conversationToStore(context, this.routes.now());
    if (conversation) await this.routes.conversations.save(conversation);
    await super.run(context);
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = context.activity.text ?? '';
    if (!text.trim()) {
      // A card button with no text, or an attachment: nothing we understand yet.
      await context.sendActivity(MESSAGES.nothingToDo);
      return;
    }
    const typed = normaliseCommand(text);
    const route = this.routes.commands.find((c) => c.command === typed);
    if (!route) {
      await context.sendActivity(MESSAGES.unknown(typed));
      await context.sendActivity(card(this.routes.helpCard()));
      return;
    }
    const turn = { actor: this.actor(context), scope: scopeOf(context.activity) };
    const reply = await runCommand(route, turn);
    await this.send(context, reply);
  }

  private async send(context: TurnContext, reply: CommandReply): Promise<void> {
    if ('text' in reply) {
      await context.sendActivity(reply.text);
      return;
    }
    for (const json of reply.cards) await context.sendActivity(card(json));
  }
}
