import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { MESSAGES } from '../../../platform/teams/messages';
import type {
  Actor,
  CommandReply,
  CommandRoute,
  CommandTurn,
} from '../../../platform/teams/turn-routes';
import { buildLogMeetingCard } from '../cards/log-meeting-card';
import { buildMyPairCard } from '../cards/my-pair-card';
import type { MyPair } from '../services/journey-core';
import type { JourneyService } from '../services/journey-service';
import { type PairContext, sides } from '../services/pair-context';
import * as views from './journey-views';

export type { CommandReply } from '../../../platform/teams/turn-routes';

/** What the journey's commands use. */
export interface JourneyCommandDeps {
  journey: Pick<JourneyService, 'pairsOf'>;
  now: () => Date;
}

const NOT_MEETING: Record<string, string> = {
  proposed: 'Your introduction is on its way: I will introduce you to your partner shortly.',
  introduced:
    'First, agree your contract with your partner: open your introduction card and choose "Read and agree our contract".',
  paused: 'Your pairing is paused. Type "resume" when you are ready to carry on.',
  completed: 'Your pairing has completed the programme. Thank you for taking part.',
  ended_early: 'Your pairing has ended. Your programme team can help if you would like a new one.',
};

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

/** "Who am I paired with": one card per pair, from the records as they stand. */
function myPairCard({ ctx, participantId }: MyPair): CardJson {
  const { partner, myRole } = sides(ctx, participantId)!;
  return buildMyPairCard({
    cohortName: ctx.cohort.name,
    isDemo: ctx.cohort.isDemo,
    myRole,
    arrangement: ctx.pair.value.arrangement,
    state: ctx.pair.value.state,
    partner: {
      displayName: partner.displayName,
      jobTitle: partner.jobTitle,
      organisation: partner.organisation,
    },
  });
}

/**
 * The journey commands people type in chat, in the order help lists them; each answers with a
 * card per pair (someone may be in more than one), or a sentence when they have no pair.
 */
export function journeyCommands({ journey, now }: JourneyCommandDeps): CommandRoute[] {
  /** A command answered with one card for each of the person's pairs. */
  const perPair = (
    command: string,
    description: string,
    card: (pair: MyPair, actor: Actor, now: Date) => CardJson,
  ): CommandRoute => ({
    command,
    description,
    async run({ actor }: CommandTurn): Promise<CommandReply> {
      const pairs = await journey.pairsOf(actor);
      if (pairs.length === 0) return { text: MESSAGES.noPair };
      const at = now();
      return { cards: pairs.map((pair) => card(pair, actor, at)) };
    },
  });

  return [
    {
      command: 'my pair',
      description: 'Who you are paired with and how your pairing is going',
      async run({ actor }) {
        if (!actor.userId) return { text: MESSAGES.notSignedIn };
        const pairs = await journey.pairsOf(actor, { skipMissing: true });
        if (pairs.length === 0) return { text: MESSAGES.noPair };
        return { cards: pairs.map(myPairCard) };
      },
    },
    perPair(
      'next meeting',
      'When your next meeting is, or a nudge to plan it',
      ({ ctx, participantId }, actor, at) =>
        ctx.pair.value.state === 'active'
          ? views.nextMeetingCard(ctx, participantId, actor.timeZone, at)
          : note(ctx),
    ),
    perPair(
      'log meeting',
      'Record a meeting you held outside the plan',
      ({ ctx, participantId }) =>
        ctx.pair.value.state === 'active' || ctx.pair.value.state === 'paused'
          ? buildLogMeetingCard({
              pairId: ctx.pair.value.id,
              cardVersion: 1,
              partnerName: sides(ctx, participantId)!.partner.displayName,
            })
          : note(ctx),
    ),
    {
      command: 'actions',
      description: 'The actions you agreed, with due dates',
      async run({ actor }) {
        const pairs = await journey.pairsOf(actor);
        if (pairs.length === 0) return { text: MESSAGES.noPair };
        const contexts = pairs.map((p) => p.ctx);
        const ids = pairs.map((p) => p.participantId);
        return { cards: [views.myActionsCard(contexts, ids, actor.timeZone, now())] };
      },
    },
    perPair(
      'reflect',
      'Write a private reflection on your last meeting',
      ({ ctx, participantId }, actor, at) => {
        const meetingId = meetingToReflectOn(ctx, participantId, at);
        return meetingId
          ? views.reflectionCard(ctx, participantId, meetingId, actor.timeZone)
          : buildConfirmationCard({
              title: 'Nothing to reflect on yet',
              lines: [
                'Once you have had a meeting, I will ask how it went. You can also type "log meeting".',
              ],
            });
      },
    ),
    perPair(
      'pause',
      'Pause your pairing privately, without giving a reason',
      ({ ctx, participantId }) =>
        ctx.pair.value.state === 'active' ? views.pauseCard(ctx, participantId) : note(ctx),
    ),
    perPair(
      'resume',
      'Pick your pairing up again after a pause',
      ({ ctx, participantId }, actor) =>
        ctx.pair.value.state === 'paused'
          ? views.resumeCard(ctx, participantId, actor.timeZone)
          : buildConfirmationCard({ title: 'Not paused', lines: ['Your pairing is not paused.'] }),
    ),
    perPair('end pairing', 'Ask to end your pairing, without blame', ({ ctx, participantId }) =>
      ['completed', 'ended_early'].includes(ctx.pair.value.state)
        ? note(ctx)
        : views.endCard(ctx, participantId),
    ),
  ];
}
