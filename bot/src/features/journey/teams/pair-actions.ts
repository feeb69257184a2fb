import { DateTime } from 'luxon';
import { resolveTimeZone } from '../../../contracts/time-zone';
import { reminderPauseSchema } from '../../../contracts/journey-card-data';
import { excerpt } from '../../../contracts/text';
import type { ActionResult, Notice } from '../../../platform/teams/turn-routes';
import type { CardJson } from '../../../platform/teams/cards/render';
import { buildPartnerNoticeCard } from '../cards/pause-end-card';
import {
  type FieldErrors,
  type InputResult,
  parseEnd,
  parseFit,
  parsePause,
  parseReview,
} from '../domain/journey-inputs';
import type { JourneyService } from '../services/journey-service';
import { type PairContext, sides } from '../services/pair-context';
import type { PairWorkService } from '../services/pair-work-service';
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
} from './card-action-kit';
import * as views from './journey-views';

export type PairVerb =
  | 'reminders.pause'
  | 'action.done'
  | 'fit.answer'
  | 'pair.pause'
  | 'pair.resume'
  | 'pair.end'
  | 'review.save';

export interface PairActionDeps {
  journey: Pick<JourneyService, 'pause' | 'resume' | 'end' | 'pauseReminders'>;
  work: Pick<PairWorkService, 'completeAction' | 'answerFit' | 'saveReview'>;
}

/**
 * A change of the pair's state: the partner hears only that it is paused, running again or
 * ended, never who or why. An invalid form comes back with its messages; a refusal is told.
 */
async function stateChange(
  h: Handling,
  parsed: InputResult<unknown>,
  invalidCard: (errors: FieldErrors) => CardJson,
  act: () => Promise<PairContext>,
  confirmation: CardJson | ((changed: PairContext) => CardJson),
): Promise<ActionResult> {
  if (!parsed.ok) return done(invalidCard(parsed.errors));
  return unlessRefused('Nothing changed', async () => {
    const changed = await act();
    const change = changed.pair.value.state;
    const kind = change === 'paused' ? 'paused' : change === 'ended_early' ? 'ended' : 'resumed';
    const card = typeof confirmation === 'function' ? confirmation(changed) : confirmation;
    return done(card, toPartner(h.ctx, h.participantId, buildPartnerNoticeCard({ kind })));
  });
}

/** What pausing says: until when, when a length was chosen (the year if it is not this one). */
function pausedConfirmation(changed: PairContext, timeZone: string, now: Date): CardJson {
  const until = changed.status.pausedUntil;
  return message(
    'Your pairing is paused',
    until
      ? `Paused until ${views.dayText(DateTime.fromISO(until, { zone: resolveTimeZone(timeZone) }).toISODate()!, now)}: no reminders until then. Your partner is told only that the pairing is paused. Type "resume" to carry on sooner.`
      : 'No reminders until you resume. Your partner is told only that the pairing is paused. Type "resume" when you are ready.',
  );
}

/** Reminders, actions, private answers, and pausing, resuming or ending the pairing. */
export function pairActions({ journey, work }: PairActionDeps): Record<PairVerb, VerbRoute> {
  return {
    'reminders.pause': {
      latest: nextMeetingLatest,
      handle: ({ ctx, participantId, data }) =>
        unlessRefused('Not paused', async () => {
          const parsed = reminderPauseSchema.safeParse({
            weeks: data.weeks === '' || data.weeks === null ? undefined : data.weeks,
          });
          if (!parsed.success) {
            const sent = excerpt(str(data, 'weeks') || JSON.stringify(data.weeks) || '');
            const problem = parsed.error.issues[0]!.message;
            return done(message('Not paused', `Weeks ${problem} (the card sent "${sent}").`));
          }
          const { weeks } = parsed.data;
          await journey.pauseReminders(ctx, participantId, weeks);
          return done(
            message(
              'Reminders paused',
              `I won't nudge you for ${weeks} week${weeks === 1 ? '' : 's'}. Your pairing carries on; type "next meeting" whenever you are ready.`,
            ),
          );
        }),
    },

    'action.done': {
      latest: nextMeetingLatest,
      handle: ({ ctx, participantId, data }) =>
        unlessRefused('Nothing to mark', async () => {
          const actionId = str(data, 'actionId');
          await work.completeAction(ctx, participantId, actionId);
          return done(views.actionReminderCard(ctx, actionId, false));
        }),
    },

    'fit.answer': {
      latest: nextMeetingLatest,
      handle: async ({ ctx, participantId, data }) => {
        const parsed = parseFit(data);
        if (!parsed.ok) {
          return done(views.fitCheckCard(ctx, participantId, form(data, parsed.errors)));
        }
        return unlessRefused('Not saved', async () => {
          await work.answerFit(ctx, participantId, parsed.value);
          const notices: Notice[] = [];
          if (parsed.value.wantsCoordinator) {
            const { me, myRole } = sides(ctx, participantId)!;
            notices.push({
              userId: ctx.cohort.createdBy,
              card: message(
                'Someone would like a word',
                `${me.displayName} (${myRole}, ${ctx.cohort.name}) would like a word with you about their pairing. Their partner does not know they asked.`,
              ),
            });
          }
          return done(
            message(
              '✓ Thank you',
              parsed.value.wantsCoordinator
                ? 'Your programme coordinator will be in touch. Your partner will not be told.'
                : 'Your answer is private to you and the programme team.',
            ),
            notices,
          );
        });
      },
    },

    'pair.pause': {
      latest: nextMeetingLatest,
      handle: (h) => {
        const parsed = parsePause(h.data);
        return stateChange(
          h,
          parsed,
          (errors) => views.pauseCard(h.ctx, h.participantId, form(h.data, errors)),
          () => journey.pause(h.ctx, h.participantId, parsed.ok ? parsed.value : {}),
          (changed) => pausedConfirmation(changed, h.actor.timeZone, h.now),
        );
      },
    },

    'pair.resume': {
      latest: nextMeetingLatest,
      handle: (h) =>
        stateChange(
          h,
          { ok: true, value: undefined },
          () => views.resumeCard(h.ctx, h.participantId, h.actor.timeZone),
          () => journey.resume(h.ctx, h.participantId),
          message(
            'Welcome back',
            'Your pairing is running again. I will remind you when it is time to meet.',
          ),
        ),
    },

    'pair.end': {
      latest: nextMeetingLatest,
      handle: (h) => {
        const parsed = parseEnd(h.data);
        return stateChange(
          h,
          parsed,
          (errors) => views.endCard(h.ctx, h.participantId, form(h.data, errors)),
          () => journey.end(h.ctx, h.participantId, parsed.ok ? parsed.value.reason : undefined),
          message(
            'Your pairing has ended',
            'Thank you for taking part. Your partner is told only that the pairing has ended. Your programme team can help if you would like a new pairing.',
          ),
        );
      },
    },

    'review.save': {
      latest: nextMeetingLatest,
      handle: async ({ ctx, participantId, data }) => {
        const parsed = parseReview(data);
        if (!parsed.ok) {
          return done(views.finalReviewCard(ctx, participantId, form(data, parsed.errors)));
        }
        return unlessRefused('Not saved', async () => {
          await work.saveReview(ctx, participantId, parsed.value);
          return done(
            message(
              '✓ Thank you',
              parsed.value.choice === 'continue_informally'
                ? 'Enjoy carrying on informally. The programme team will not nudge you any more.'
                : 'Thank you for everything you gave to this programme.',
            ),
          );
        });
      },
    },
  };
}
