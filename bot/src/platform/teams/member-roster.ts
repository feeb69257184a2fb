import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { Logger } from '../logger';
import { firstName } from './cards/card-kit';
import type { VouchedEmail } from '../vouched-email';

/** What the bot reads about a person from the Teams roster of the activity's conversation. */

/**
 * The person's work email from the Teams roster, used to link them to their imported record the
 * first time. It comes from the Bot Connector for the activity's own conversation, about the
 * same object id, and names the activity's tenant, which the cohorts feature holds to the
 * programme's. Only `email` (the directory's mail) counts: the UPN is what `preferred_username`
 * carries, and neither is an identifier.
 */
export async function vouchedEmailOf(
  context: TurnContext,
  log: Logger,
): Promise<VouchedEmail | undefined> {
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
    log.debug({ err: error }, 'could not read the member roster for an email');
    return undefined;
  }
}

/** The person's first name: from the activity, else from the Teams roster; never required. */
export async function firstNameOf(context: TurnContext, log: Logger): Promise<string | undefined> {
  const fromActivity = firstName(context.activity.from?.name ?? '');
  if (fromActivity) return fromActivity;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member.givenName || firstName(member.name ?? '') || undefined;
  } catch (error) {
    log.debug({ err: error }, 'could not read the member roster for a welcome');
    return undefined;
  }
}
