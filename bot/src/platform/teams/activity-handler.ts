import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
} from 'botbuilder';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { cardWordsFor } from './card-errors';
import { buildConfirmationCard } from './cards/confirmation-card';
import { type CardJson, asAttachment } from './cards/render';
import type { ConversationRepository } from './conversation-repository';
import { conversationToStore } from './conversation-tracker';
import { MESSAGES } from './messages';
import type { ProactiveSender } from './proactive-sender';
import { resolveTimeZone } from '../../contracts/time-zone';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbHandler,
  CommandReply,
  CommandRoute,
  CommandTurn,
  Notice,
  TurnScope,
} from './turn-routes';
import { normaliseCommand } from './command-text';
import type { VouchedEmail } from '../vouched-email';
import { malformedIdFields } from '../../contracts/ids';

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
  now: () => Date;
  log: Logger;
}

function scopeOf(activity: Activity): TurnScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

function firstName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

/** A card as a message activity. */
export const cardMessage = (json: CardJson) => MessageFactory.attachment(asAttachment(json));
const card = cardMessage;

/**
 * The card for a refusal: an AppError a service threw on purpose (not someone's pair, not
 * invited, not a coordinator…), in its reason's card words (`cardWordsFor`), which carry the
 * refusal's own message and nothing of what was refused. An outage (`unavailable`) and anything
 * else go to the adapter's turn-error policy.
 */
function refusalCard(error: unknown): CardJson | undefined {
  if (!(error instanceof AppError) || error.reason === 'unavailable') return undefined;
  const words = cardWordsFor(error);
  return words ? buildConfirmationCard(words) : undefined;
}

/**
 * What a click that cannot be acted on gets (an unknown verb, an invoke without its action, a
 * card whose ids are damaged): a short card saying so, in place of the clicked one.
 */
function outOfTurnCard(): CardJson {
  return buildConfirmationCard({
    title: 'This card is out of date',
    lines: [MESSAGES.outOfTurn],
  });
}

/** An `adaptiveCard/action` invoke's value with the shape the library reads. */
function isExecuteInvoke(value: unknown): boolean {
  const action = (value as { action?: unknown } | null | undefined)?.action;
  if (!action || typeof action !== 'object') return false;
  const { type, verb, data } = action as { type?: unknown; verb?: unknown; data?: unknown };
  const dataOk = data === undefined || (typeof data === 'object' && !Array.isArray(data));
  return type === 'Action.Execute' && typeof verb === 'string' && dataOk;
}

function cardInvokeBody(json: CardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: json };
}

function cardInvokeResponse(json: CardJson): InvokeResponse {
  return { status: 200, body: cardInvokeBody(json) };
}

/**
 * Runs a card verb; a refusal is answered with its card words in place of the clicked card.
 * A card whose `…Id` fields break the one id rule names nothing: it is answered before the
 * handler (and any storage call) runs.
 */
async function runVerb(
  handler: CardVerbHandler,
  actor: Actor,
  data: CardData,
): Promise<ActionResult> {
  if (malformedIdFields(data).length > 0) return { card: outOfTurnCard(), notices: [] };
  try {
    return await handler(actor, data);
  } catch (error) {
    const refused = refusalCard(error);
    if (!refused) throw error;
    return { card: refused, notices: [] };
  }
}

/** Runs a command; a refusal is answered with its card words. */
async function runCommand(route: CommandRoute, turn: CommandTurn): Promise<CommandReply> {
  try {
    return await route.run(turn);
  } catch (error) {
    const refused = refusalCard(error);
    if (!refused) throw error;
    return { cards: [refused] };
  }
}

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
          firstName: scope === 'personal' ? await this.firstNameOf(context) : undefined,
        });
        await context.sendActivity(card(welcome));
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
      email: () => this.emailOf(context),
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

  /**
   * The person's work email from the Teams roster, used to link them to their imported record the
   * first time. It comes from the Bot Connector for the activity's own conversation, about the
   * same object id, and names the activity's tenant, which the cohorts feature holds to the
   * programme's. Only `email` (the directory's mail) counts: the UPN is what `preferred_username`
   * carries, and neither is an identifier.
   */
  private async emailOf(context: TurnContext): Promise<VouchedEmail | undefined> {
    const activity = context.activity;
    // The tenant the activity names; where it names two, they must agree.
    const named = [
      activity.conversation?.tenantId,
      (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    ]
      .filter((t): t is string => Boolean(t))
      .map((t) => t.toLowerCase());
    const tenantId = named[0];
    if (!tenantId || named.some((t) => t !== tenantId)) return undefined;
    try {
      const member = await TeamsInfo.getMember(context, activity.from.id);
      const same = (a: string | undefined, b: string | undefined) =>
        !a || a.toLowerCase() === b?.toLowerCase();
      const address = member.email?.trim().toLowerCase();
      const aboutSender =
        same(member.aadObjectId, activity.from.aadObjectId) && same(member.tenantId, tenantId);
      if (!aboutSender || !address) return undefined;
      return { address, via: 'teams_roster_email', tenantId };
    } catch (error) {
      this.routes.log.debug({ err: error }, 'could not read the member roster for an email');
      return undefined;
    }
  }

  /** The person's first name: from the activity, else from the Teams roster; never required. */
  private async firstNameOf(context: TurnContext): Promise<string | undefined> {
    const fromActivity = firstName(context.activity.from?.name);
    if (fromActivity) return fromActivity;
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return member.givenName || firstName(member.name);
    } catch (error) {
      this.routes.log.debug({ err: error }, 'could not read the member roster for a welcome');
      return undefined;
    }
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
