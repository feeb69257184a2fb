import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { buildLogMeetingCard } from '../cards/log-meeting-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { IdentityService } from '../../cohorts/services/identity-service';
import type { JourneyService } from '../services/journey-service';
import { type PairContext, sides } from '../services/pair-context';
import type { Actor } from './card-actions';
import * as views from './journey-views';
import { MESSAGES } from '../../../platform/teams/messages';

/** What a command answers with: cards, or a plain sentence. */
export type CommandReply = { cards: CardJson[] } | { text: string };

interface Mine {
  ctx: PairContext;
  participantId: string;
}

const NOT_MEETING: Record<string, string> = {
  proposed: 'Your introduction is on its way: I will introduce you to your partner shortly.',
  introduced:
    'First, agree your contract with your partner: open your introduction card and choose "Read and agree our contract".',
  paused: 'Your pairing is paused. Type "resume" when you are ready to carry on.',
  completed: 'Your pairing has completed the programme. Thank you for taking part.',
  ended_early: 'Your pairing has ended. Your programme team can help if you would like a new one.',
};

/** The journey commands people type in personal chat; each answers with a card. */
export class JourneyCommands {
  constructor(
    private readonly identity: IdentityService,
    private readonly journey: JourneyService,
    private readonly now: () => Date,
  ) {}

  private async mine(actor: Actor): Promise<Mine[]> {
    const memberships = await this.identity.membershipsOf(actor.userId, actor.email);
    const paired = memberships.filter((m) => m.pairId);
    return Promise.all(
      paired.map(async (m) => ({
        ctx: await this.journey.load(m.cohortId, m.pairId!),
        participantId: m.participantId,
      })),
    );
  }

  async run(command: string, actor: Actor): Promise<CommandReply> {
    const pairs = await this.mine(actor);
    if (pairs.length === 0) return { text: MESSAGES.noPair };
    const now = this.now();
    switch (command) {
      case 'next meeting':
        return this.each(pairs, ({ ctx, participantId }) =>
          ctx.pair.value.state === 'active'
            ? views.nextMeetingCard(ctx, participantId, actor.timeZone, now)
            : note(ctx),
        );
      case 'log meeting':
        return this.each(pairs, ({ ctx, participantId }) =>
          ctx.pair.value.state === 'active' || ctx.pair.value.state === 'paused'
            ? buildLogMeetingCard({
                pairId: ctx.pair.value.id,
                cardVersion: 1,
                partnerName: sides(ctx, participantId)!.partner.displayName,
              })
            : note(ctx),
        );
      case 'actions':
        return {
          cards: [
            views.myActionsCard(
              pairs.map((p) => p.ctx),
              pairs.map((p) => p.participantId),
              actor.timeZone,
              now,
            ),
          ],
        };
      case 'reflect':
        return this.each(pairs, ({ ctx, participantId }) => {
          const meetingId = meetingToReflectOn(ctx, participantId, now);
          return meetingId
            ? views.reflectionCard(ctx, participantId, meetingId, actor.timeZone)
            : buildConfirmationCard({
                title: 'Nothing to reflect on yet',
                lines: [
                  'Once you have had a meeting, I will ask how it went. You can also type "log meeting".',
                ],
              });
        });
      case 'pause':
        return this.each(pairs, ({ ctx, participantId }) =>
          ctx.pair.value.state === 'active' ? views.pauseCard(ctx, participantId) : note(ctx),
        );
      case 'resume':
        return this.each(pairs, ({ ctx, participantId }) =>
          ctx.pair.value.state === 'paused'
            ? views.resumeCard(ctx, participantId, actor.timeZone)
            : buildConfirmationCard({
                title: 'Not paused',
                lines: ['Your pairing is not paused.'],
              }),
        );
      case 'end pairing':
        return this.each(pairs, ({ ctx, participantId }) =>
          ['completed', 'ended_early'].includes(ctx.pair.value.state)
            ? note(ctx)
            : views.endCard(ctx, participantId),
        );
      default:
        return { text: MESSAGES.comingSoon(command) };
    }
  }

  private each(pairs: Mine[], card: (m: Mine) => CardJson): CommandReply {
    return { cards: pairs.map(card) };
  }
}

function note(ctx: PairContext): CardJson {
  return buildConfirmationCard({
    title: 'Not just now',
    lines: [NOT_MEETING[ctx.pair.value.state] ?? 'Your pairing is not meeting just now.'],
  });
}

/** The latest meeting whose time has come that this person has not reflected on yet. */
function meetingToReflectOn(
  ctx: PairContext,
  participantId: string,
  now: Date,
): string | undefined {
  const reflected = new Set(
    ctx.space.reflections
      .filter((r) => r.value.authorId === participantId)
      .map((r) => r.value.meetingId),
  );
  return ctx.space.meetings
    .map((m) => m.value)
    .filter(
      (m) =>
        (m.status === 'held' || m.status === 'planned') &&
        m.plannedAt !== undefined &&
        m.plannedAt <= now.toISOString() &&
        !reflected.has(m.id),
    )
    .sort((a, b) => (b.plannedAt ?? '').localeCompare(a.plannedAt ?? ''))[0]?.id;
}
