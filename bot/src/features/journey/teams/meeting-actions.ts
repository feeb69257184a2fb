import { buildBookingConfirmCard } from '../cards/booking-confirm-card';
import { buildLogMeetingCard } from '../cards/log-meeting-card';
import { outsideWindowWords } from '../domain/booking-placement';
import {
  parseBooking,
  parseLogMeeting,
  parsePreparation,
  parseReflection,
} from '../domain/journey-inputs';
import type { MeetingService } from '../services/meeting-service';
import { type PairContext, sides } from '../services/pair-context';
import {
  type Handling,
  type VerbRoute,
  done,
  form,
  message,
  nextMeetingLatest,
  str,
  toPartner,
  unlessRefused,
  valuesOf,
} from './card-action-kit';
import * as views from './journey-views';
import { CARD_VERSION } from './view-format';

export type MeetingVerb =
  'meeting.plan' | 'meeting.booked' | 'meeting.log' | 'preparation.save' | 'reflection.save';

export interface MeetingActionDeps {
  meetings: Pick<
    MeetingService,
    'bookMeeting' | 'placement' | 'logMeeting' | 'savePreparation' | 'saveReflection'
  >;
}

/** The meeting the person asked to plan, else the open window's, if any is still open. */
function meetingToPlan(ctx: PairContext, meetingId: string, now: Date): string | undefined {
  const meetings = ctx.space.meetings.map((m) => m.value);
  const asked = meetings.find((m) => m.id === meetingId && m.status !== 'held');
  if (asked) return asked.id;
  return meetings.find(
    (m) => m.number !== undefined && m.status !== 'held' && m.windowEnd > now.toISOString(),
  )?.id;
}

/** The latest of a card about one meeting, with what the person typed kept. */
function latestFor(card: typeof views.preparationCard) {
  return (h: Handling) => {
    const meetingId = str(h.data, 'meetingId');
    if (!meetingId) return nextMeetingLatest(h);
    return card(h.ctx, h.participantId, meetingId, h.actor.timeZone, { values: valuesOf(h.data) });
  };
}

/** Booking, logging, preparing for and reflecting on a meeting. */
export function meetingActions({ meetings }: MeetingActionDeps): Record<MeetingVerb, VerbRoute> {
  return {
    'meeting.plan': {
      latest: nextMeetingLatest,
      handle: async ({ ctx, participantId, actor, data, now }) => {
        const meeting = meetingToPlan(ctx, str(data, 'meetingId'), now);
        if (!meeting) return done(views.nextMeetingCard(ctx, participantId, actor.timeZone, now));
        return done(views.bookingCard(ctx, participantId, meeting, actor.timeZone));
      },
    },

    'meeting.booked': {
      latest: nextMeetingLatest,
      handle: async ({ ctx, participantId, actor, data, now }) => {
        const meetingId = str(data, 'meetingId');
        const parsed = parseBooking(data, actor.timeZone, now);
        if (!parsed.ok) {
          const typed = form(data, parsed.errors);
          return done(views.bookingCard(ctx, participantId, meetingId, actor.timeZone, typed));
        }
        const placement = meetings.placement(ctx, meetingId, parsed.value.plannedAt);
        if (placement && !placement.inWindow && !parsed.value.confirmOutsideWindow) {
          const { plannedAt } = parsed.value;
          return done(
            buildBookingConfirmCard({
              booking: { ...valuesOf(data) },
              pairId: ctx.pair.value.id,
              meetingId,
              cardVersion: CARD_VERSION,
              countsAs: placement.countsAs.number ?? 0,
              words: outsideWindowWords(placement, plannedAt, actor.timeZone, now),
            }),
          );
        }
        return unlessRefused(
          () => views.nextMeetingCard(ctx, participantId, actor.timeZone, now),
          async () => {
            const booked = await meetings.bookMeeting(ctx, participantId, meetingId, parsed.value);
            const { me } = sides(ctx, participantId)!;
            const when = views.whenText(booked.plannedAt!, actor.timeZone, now);
            const label = booked.number ? `Meeting ${booked.number}` : 'Your meeting';
            const partnerCard = message(
              `${label} is booked`,
              `${me.displayName} booked your meeting ${views.whenText(booked.plannedAt!, ctx.timeZone, now)} (${ctx.timeZone.replace(/_/g, ' ')} time).`,
            );
            return done(
              message(`✓ ${label} booked`, `You meet ${when}.`),
              toPartner(ctx, participantId, partnerCard),
            );
          },
        );
      },
    },

    'meeting.log': {
      latest: nextMeetingLatest,
      handle: async ({ ctx, participantId, actor, data, now }) => {
        const parsed = parseLogMeeting(data, actor.timeZone, now, ctx.cohort);
        if (!parsed.ok) {
          const { partner } = sides(ctx, participantId)!;
          return done(
            buildLogMeetingCard({
              pairId: ctx.pair.value.id,
              cardVersion: 1,
              partnerName: partner.displayName,
              ...form(data, parsed.errors),
            }),
          );
        }
        return unlessRefused('Not logged', async () => {
          const { heldAt, minutes } = parsed.value;
          const held = await meetings.logMeeting(ctx, participantId, heldAt, minutes);
          return done(
            message(
              '✓ Meeting logged',
              `Thank you. It counts towards your programme: ${views.whenText(held.plannedAt!, actor.timeZone)}.`,
            ),
          );
        });
      },
    },

    'preparation.save': {
      latest: latestFor(views.preparationCard),
      handle: async ({ ctx, participantId, actor, data }) => {
        const meetingId = str(data, 'meetingId');
        const parsed = parsePreparation(data);
        if (!parsed.ok) {
          const typed = form(data, parsed.errors);
          return done(views.preparationCard(ctx, participantId, meetingId, actor.timeZone, typed));
        }
        return unlessRefused('Not saved', async () => {
          await meetings.savePreparation(ctx, participantId, meetingId, parsed.value);
          return done(
            message(
              '✓ Preparation saved',
              parsed.value.share
                ? 'Your partner will see what you want to cover.'
                : 'Only you can see it.',
            ),
          );
        });
      },
    },

    'reflection.save': {
      latest: latestFor(views.reflectionCard),
      handle: async ({ ctx, participantId, actor, data, now }) => {
        const meetingId = str(data, 'meetingId');
        const parsed = parseReflection(data, actor.timeZone, now, ctx.cohort);
        if (!parsed.ok) {
          const typed = form(data, parsed.errors);
          return done(views.reflectionCard(ctx, participantId, meetingId, actor.timeZone, typed));
        }
        return unlessRefused('Not saved', async () => {
          const saved = await meetings.saveReflection(ctx, participantId, meetingId, parsed.value);
          const lines = [
            saved.reflection
              ? saved.reflection.sharedWithPartner
                ? 'Your reflection is saved and shared with your partner.'
                : 'Your reflection is saved. Only you can see it.'
              : 'Thank you for letting me know.',
            ...saved.actions.map(
              (a) => `Agreed action: ${a.text} (due ${views.dayText(a.dueDate, now)})`,
            ),
          ];
          if (saved.outcomeKept) {
            // An old card answered against what is recorded: say what stands, not "Saved".
            const { me } = sides(ctx, participantId)!;
            const by = saved.meeting.outcomeBy === me.id ? 'you' : 'your partner';
            const label = saved.meeting.number ? `Meeting ${saved.meeting.number}` : 'This meeting';
            return done(
              message(
                `${label} is recorded as held`,
                `${by === 'you' ? 'You' : 'Your partner'} already said it was held, so it stays recorded as held; your answer on this card did not change that.`,
                ...lines,
              ),
            );
          }
          return done(message('✓ Saved', ...lines));
        });
      },
    },
  };
}
