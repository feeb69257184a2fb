import {
  type Activity,
  type TurnContext,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
} from 'botbuilder';
import type { AppContext } from '../app-context';
import { buildHelpCard } from '../cards/help-card';
import { buildMyPairCard } from '../cards/my-pair-card';
import { asAttachment } from '../cards/render';
import { buildWelcomeCard } from '../cards/welcome-card';
import { partnerOf } from '../domain/pair';
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
      await this.answer(context);
      await next();
    });
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
      default:
        await context.sendActivity(MESSAGES.comingSoon(command.command));
    }
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
