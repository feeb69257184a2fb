import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
} from 'botbuilder';
import type { AppContext } from '../../app/app-context';
import { buildHelpCard } from '../../features/help/help-card';
import { buildMyPairCard } from '../../features/journey/cards/my-pair-card';
import { asAttachment } from './cards/render';
import { buildWelcomeCard } from '../../features/help/welcome-card';
import { partnerOf } from '../../features/cohorts/domain/pair';
import { resolveTimeZone } from '../../features/journey/domain/send-window';
import type { Actor, Notice } from '../../features/journey/teams/card-actions';
import { COMMANDS, findCommand, normaliseCommand } from './command-catalogue';
import { conversationFromActivity } from './conversation-tracker';
import { MESSAGES } from './messages';

type Scope = 'personal' | 'team' | 'groupChat';

function scopeOf(activity: Activity): Scope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

function firstName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

/**
 * The programme bot: welcomes people, keeps their conversation reference fresh,
 * and answers commands. Errors are handled by the adapter's onTurnError (see bot-adapter.ts).
 */
export class MentoringBot extends TeamsActivityHandler {
  constructor(private readonly ctx: AppContext) {
    super();

    this.onMembersAdded(async (context, next) => {
      const activity = context.activity;
      const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
      const scope = scopeOf(activity);
      if (botAdded || scope === 'personal') {
        const card = buildWelcomeCard({
          scope,
          firstName: scope === 'personal' ? await this.firstNameOf(context) : undefined,
        });
        await context.sendActivity(MessageFactory.attachment(asAttachment(card)));
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

  /** Universal Actions: the card is answered with its new version, in place. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action;
    const data = { ...(action.data as Record<string, unknown>) };
    const result = await this.handleAction(this.actor(context), action.verb, data);
    if (!result) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: {
          code: 'BadRequest',
          message: 'Unknown action',
          innerHttpError: { statusCode: 400, body: {} },
        },
      } as unknown as AdaptiveCardInvokeResponse;
    }
    await this.tell(result.notices);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card };
  }

  /** Journey cards first, then announcement and event cards; undefined when nobody knows it. */
  private async handleAction(actor: Actor, verb: unknown, data: Record<string, unknown>) {
    return (
      (await this.ctx.cardActions.handle(actor, verb, data)) ??
      (await this.ctx.announcementActions.handle(actor, verb, data))
    );
  }

  /** Action.Submit from an older client: same handling; the card is replaced when Teams allows. */
  private async submitted(context: TurnContext, value: { verb?: unknown }): Promise<void> {
    const { verb, ...data } = value as Record<string, unknown>;
    const result = await this.handleAction(this.actor(context), verb, data);
    if (!result) {
      await context.sendActivity(MESSAGES.nothingToDo);
      return;
    }
    const reply = MessageFactory.attachment(asAttachment(result.card));
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
      const outcome = await this.ctx.sender.sendToUser(
        notice.userId,
        MessageFactory.attachment(asAttachment(notice.card)),
      );
      if (outcome.status !== 'sent') this.ctx.log.warn({ outcome }, 'a notice did not go out');
    }
  }

  /** Every activity refreshes the stored conversation reference before anything else runs. */
  override async run(context: TurnContext): Promise<void> {
    const conversation = conversationFromActivity(context.activity, this.ctx.clock.now());
    if (conversation) await this.ctx.repos.conversations.save(conversation);
    await super.run(context);
  }

  /** The person's work email from the Teams roster, used to link them to their imported record. */
  private async emailOf(context: TurnContext): Promise<string | undefined> {
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      return member.email ?? member.userPrincipalName ?? undefined;
    } catch (error) {
      this.ctx.log.debug({ err: error }, 'could not read the member roster for an email');
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
      this.ctx.log.debug({ err: error }, 'could not read the member roster for a welcome');
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
    if (normaliseCommand(text) === 'announce') {
      await this.announce(context);
      return;
    }
    const command = findCommand(text);
    if (!command) {
      await context.sendActivity(MESSAGES.unknown(normaliseCommand(text)));
      await context.sendActivity(
        MessageFactory.attachment(asAttachment(buildHelpCard({ commands: COMMANDS }))),
      );
      return;
    }
    switch (command.command) {
      case 'help':
        await context.sendActivity(
          MessageFactory.attachment(asAttachment(buildHelpCard({ commands: COMMANDS }))),
        );
        return;
      case 'my pair':
        await this.showMyPair(context);
        return;
      default: {
        const reply = await this.ctx.journeyCommands.run(command.command, this.actor(context));
        if ('text' in reply) await context.sendActivity(reply.text);
        else {
          for (const card of reply.cards) {
            await context.sendActivity(MessageFactory.attachment(asAttachment(card)));
          }
        }
      }
    }
  }

  /** "announce": a coordinator's composer; anyone else is told who sends announcements. */
  private async announce(context: TurnContext): Promise<void> {
    const actor = this.actor(context);
    if (!(await this.ctx.identity.isCoordinator(actor.userId))) {
      await context.sendActivity(MESSAGES.coordinatorsOnly);
      return;
    }
    const card = await this.ctx.announcementActions.composer(actor);
    const composer = MessageFactory.attachment(asAttachment(card));
    if (context.activity.conversation?.conversationType === 'personal') {
      await context.sendActivity(composer);
      return;
    }
    // A draft is nobody else's business: the composer goes to the coordinator's own chat.
    const outcome = await this.ctx.sender.sendToUser(actor.userId, composer);
    await context.sendActivity(
      outcome.status === 'sent' ? MESSAGES.composerInChat : MESSAGES.openChatFirst,
    );
  }

  private async showMyPair(context: TurnContext): Promise<void> {
    const userId = context.activity.from?.aadObjectId;
    if (!userId) {
      await context.sendActivity(MESSAGES.notSignedIn);
      return;
    }
    const memberships = await this.ctx.identity.membershipsOf(userId, () => this.emailOf(context));
    const paired = memberships.filter((m) => m.pairId);
    if (paired.length === 0) {
      await context.sendActivity(MESSAGES.noPair);
      return;
    }
    for (const m of paired) {
      const [cohort, pair] = await Promise.all([
        this.ctx.repos.cohorts.get(m.cohortId),
        this.ctx.repos.pairs.get(m.cohortId, m.pairId!),
      ]);
      const partnerId = pair ? partnerOf(pair.value, m.participantId) : undefined;
      const partner = partnerId
        ? await this.ctx.repos.participants.get(m.cohortId, partnerId)
        : undefined;
      if (!cohort || !pair || !partner) continue;
      const card = buildMyPairCard({
        cohortName: cohort.value.name,
        isDemo: cohort.value.isDemo,
        myRole: pair.value.mentorId === m.participantId ? 'mentor' : 'mentee',
        arrangement: pair.value.arrangement,
        state: pair.value.state,
        partner: {
          displayName: partner.value.displayName,
          jobTitle: partner.value.jobTitle,
          organisation: partner.value.organisation,
        },
      });
      await context.sendActivity(MessageFactory.attachment(asAttachment(card)));
    }
  }
}
