import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { buildLogMeetingCard } from '../cards/log-meeting-card';
import { buildPartnerNoticeCard } from '../cards/pause-end-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { type JourneyVerb, isJourneyVerb } from '../../../platform/teams/verbs';
import {
  type FieldErrors,
  type InputResult,
  parseBooking,
  parseContractEdit,
  parseEnd,
  parseFit,
  parseLogMeeting,
  parsePause,
  parsePreparation,
  parseReflection,
  parseReview,
} from '../domain/journey-inputs';
import type { Logger } from '../../../platform/logger';
import type { IdentityService } from '../../cohorts/services/identity-service';
import type { JourneyService, Outcome } from '../services/journey-service';
import { type PairContext, sides } from '../services/pair-context';
import { ConflictError } from '../../../platform/storage/errors';
import * as views from './journey-views';

/** Who clicked, as Teams told us. */
export interface Actor {
  userId: string;
  /** Display name Teams gave, when known. */
  name?: string;
  timeZone: string;
  /** Reads the person's email from the Teams roster, to link them the first time. */
  email?: () => Promise<string | undefined>;
}

/** A message the action causes for someone else (the partner, or the coordinator). */
export interface Notice {
  /** Entra object id of the person to tell. */
  userId: string;
  card: CardJson;
}

export interface ActionResult {
  /** The card that replaces the one that was clicked. */
  card: CardJson;
  notices: Notice[];
}

type Data = Record<string, unknown>;

interface Handling {
  ctx: PairContext;
  participantId: string;
  actor: Actor;
  data: Data;
  now: Date;
}

type Handler = (h: Handling) => Promise<ActionResult>;

function message(title: string, ...lines: string[]): CardJson {
  return buildConfirmationCard({ title, lines });
}

const done = (card: CardJson, notices: Notice[] = []): ActionResult => ({ card, notices });

function str(data: Data, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The submitted inputs, as strings, for re-rendering a card with what the person typed. */
function valuesOf(data: Data): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[key] = String(value);
    }
  }
  return values;
}

function form(data: Data, errors: FieldErrors) {
  return { errors, values: valuesOf(data) };
}

/**
 * Routes every journey card action by verb (one table, not a growing switch). Each handler
 * validates the submission; an invalid one re-renders the same card with messages beside the
 * fields and the person's text kept, and nothing is saved. A click on an outdated card gets
 * the current card back.
 */
export class CardActionRouter {
  private readonly handlers: Record<JourneyVerb, Handler>;

  constructor(
    private readonly identity: IdentityService,
    private readonly journey: JourneyService,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {
    this.handlers = {
      'contract.open': async ({ ctx, participantId, actor }) =>
        done(views.contractCard(ctx, participantId, actor.timeZone)),
      'contract.edit': async ({ ctx, participantId, actor }) =>
        done(views.contractCard(ctx, participantId, actor.timeZone, { editing: true })),
      'contract.agree': (h) => this.agree(h),
      'contract.save': (h) => this.saveContract(h),
      'meeting.plan': async ({ ctx, participantId, actor, data, now }) => {
        const meeting = this.meetingToPlan(ctx, str(data, 'meetingId'), now);
        if (!meeting) return done(views.nextMeetingCard(ctx, participantId, actor.timeZone, now));
        return done(views.bookingCard(ctx, participantId, meeting, actor.timeZone));
      },
      'meeting.booked': (h) => this.book(h),
      'meeting.log': (h) => this.logMeeting(h),
      'reminders.pause': async ({ ctx, participantId, data }) => {
        const weeks = Number(str(data, 'weeks') || 2);
        const result = await this.journey.pauseReminders(ctx, participantId, weeks > 0 ? weeks : 2);
        if (!result.ok) return done(message('Not paused', result.reason));
        return done(
          message(
            'Reminders paused',
            `I won't nudge you for ${weeks} weeks. Your pairing carries on; type "next meeting" whenever you are ready.`,
          ),
        );
      },
      'preparation.save': (h) => this.prepare(h),
      'reflection.save': (h) => this.reflect(h),
      'action.done': async ({ ctx, participantId, data }) => {
        const actionId = str(data, 'actionId');
        const result = await this.journey.completeAction(ctx, participantId, actionId);
        if (!result.ok) return done(message('Nothing to mark', result.reason));
        return done(views.actionReminderCard(ctx, actionId, false));
      },
      'fit.answer': (h) => this.fit(h),
      'pair.pause': (h) => this.pause(h),
      'pair.resume': (h) => this.resume(h),
      'pair.end': (h) => this.end(h),
      'review.save': (h) => this.review(h),
    };
  }

  /** Handles one card action; `undefined` when the verb is not ours. */
  async handle(actor: Actor, verb: unknown, data: Data): Promise<ActionResult | undefined> {
    if (!isJourneyVerb(verb)) return undefined;
    const pairId = str(data, 'pairId');
    const memberships = await this.identity.membershipsOf(actor.userId, actor.email);
    const membership = memberships.find((m) => m.pairId === pairId);
    if (!membership) {
      return done(
        message('Not for you', 'This card belongs to another pairing, so I can’t act on it.'),
      );
    }
    const now = this.now();
    const ctx = await this.journey.load(membership.cohortId, pairId);
    const handling: Handling = { ctx, participantId: membership.participantId, actor, data, now };
    try {
      return await this.handlers[verb](handling);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone (usually the partner) changed the same thing a moment ago: show the latest.
      this.log.info({ verb, pairId }, 'card action raced another change; showing the latest');
      const latest = await this.journey.load(membership.cohortId, pairId);
      return done(this.latestCard(verb, latest, membership.participantId, actor, data, now));
    }
  }

  /** The current version of the card a verb belongs to. */
  private latestCard(
    verb: JourneyVerb,
    ctx: PairContext,
    participantId: string,
    actor: Actor,
    data: Data,
    now: Date,
  ): CardJson {
    if (verb.startsWith('contract.')) return views.contractCard(ctx, participantId, actor.timeZone);
    const meetingId = str(data, 'meetingId');
    if (verb === 'preparation.save' && meetingId) {
      return views.preparationCard(ctx, participantId, meetingId, actor.timeZone, {
        values: valuesOf(data),
      });
    }
    if (verb === 'reflection.save' && meetingId) {
      return views.reflectionCard(ctx, participantId, meetingId, actor.timeZone, {
        values: valuesOf(data),
      });
    }
    return views.nextMeetingCard(ctx, participantId, actor.timeZone, now);
  }

  private meetingToPlan(ctx: PairContext, meetingId: string, now: Date): string | undefined {
    const meetings = ctx.space.meetings.map((m) => m.value);
    const asked = meetings.find((m) => m.id === meetingId && m.status !== 'held');
    if (asked) return asked.id;
    return meetings.find(
      (m) => m.number !== undefined && m.status !== 'held' && m.windowEnd > now.toISOString(),
    )?.id;
  }

  private partnerOf(ctx: PairContext, participantId: string): string {
    return sides(ctx, participantId)!.partner.id;
  }

  /** A notice for the partner, when they can be reached in Teams (else none). */
  private toPartner(ctx: PairContext, participantId: string, card: CardJson): Notice[] {
    const { partner } = sides(ctx, participantId)!;
    return partner.userId ? [{ userId: partner.userId, card }] : [];
  }

  private async agree({ ctx, participantId, actor, data }: Handling): Promise<ActionResult> {
    const version = Number(data.contractVersion);
    const result = await this.journey.agreeContract(ctx, participantId, version, actor.timeZone);
    if (!result.ok) return done(views.contractCard(ctx, participantId, actor.timeZone));
    const next = result.value;
    const card = views.contractCard(next, participantId, actor.timeZone);
    if (next.pair.value.state !== 'active') return done(card);
    const started = message(
      'You are both signed up',
      'You have both agreed your contract. I will remind you when it is time to plan each meeting.',
    );
    return done(card, this.toPartner(next, participantId, started));
  }

  private async saveContract({ ctx, participantId, actor, data }: Handling): Promise<ActionResult> {
    const parsed = parseContractEdit(data);
    if (!parsed.ok) {
      return done(
        views.contractCard(ctx, participantId, actor.timeZone, {
          editing: true,
          ...form(data, parsed.errors),
        }),
      );
    }
    const result = await this.journey.editContract(ctx, participantId, parsed.value);
    if (!result.ok) return done(views.contractCard(ctx, participantId, actor.timeZone));
    const partner = this.partnerOf(ctx, participantId);
    return done(
      views.contractCard(result.value, participantId, actor.timeZone),
      this.toPartner(ctx, participantId, views.contractCard(result.value, partner, ctx.timeZone)),
    );
  }

  private async book({ ctx, participantId, actor, data, now }: Handling): Promise<ActionResult> {
    const meetingId = str(data, 'meetingId');
    const parsed = parseBooking(data, actor.timeZone, now);
    if (!parsed.ok) {
      return done(
        views.bookingCard(ctx, participantId, meetingId, actor.timeZone, form(data, parsed.errors)),
      );
    }
    const result = await this.journey.bookMeeting(ctx, participantId, meetingId, parsed.value);
    if (!result.ok) return done(views.nextMeetingCard(ctx, participantId, actor.timeZone, now));
    const { me } = sides(ctx, participantId)!;
    const when = views.whenText(result.value.plannedAt!, actor.timeZone);
    const label = result.value.number ? `Meeting ${result.value.number}` : 'Your meeting';
    const partnerCard = message(
      `${label} is booked`,
      `${me.displayName} booked your meeting ${views.whenText(result.value.plannedAt!, ctx.timeZone)} (${ctx.timeZone.replace(/_/g, ' ')} time).`,
    );
    return done(
      message(`✓ ${label} booked`, `You meet ${when}.`),
      this.toPartner(ctx, participantId, partnerCard),
    );
  }

  private async logMeeting({
    ctx,
    participantId,
    actor,
    data,
    now,
  }: Handling): Promise<ActionResult> {
    const parsed = parseLogMeeting(data, actor.timeZone, now);
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
    const result = await this.journey.logMeeting(
      ctx,
      participantId,
      parsed.value.heldAt,
      parsed.value.minutes,
    );
    if (!result.ok) return done(message('Not logged', result.reason));
    return done(
      message(
        '✓ Meeting logged',
        `Thank you. It counts towards your programme: ${views.whenText(result.value.plannedAt!, actor.timeZone)}.`,
      ),
    );
  }

  private async prepare({ ctx, participantId, actor, data }: Handling): Promise<ActionResult> {
    const meetingId = str(data, 'meetingId');
    const parsed = parsePreparation(data);
    if (!parsed.ok) {
      return done(
        views.preparationCard(
          ctx,
          participantId,
          meetingId,
          actor.timeZone,
          form(data, parsed.errors),
        ),
      );
    }
    const result = await this.journey.savePreparation(ctx, participantId, meetingId, parsed.value);
    if (!result.ok) return done(message('Not saved', result.reason));
    return done(
      message(
        '✓ Preparation saved',
        parsed.value.share
          ? 'Your partner will see what you want to cover.'
          : 'Only you can see it.',
      ),
    );
  }

  private async reflect({ ctx, participantId, actor, data, now }: Handling): Promise<ActionResult> {
    const meetingId = str(data, 'meetingId');
    const parsed = parseReflection(data, actor.timeZone, now);
    if (!parsed.ok) {
      return done(
        views.reflectionCard(
          ctx,
          participantId,
          meetingId,
          actor.timeZone,
          form(data, parsed.errors),
        ),
      );
    }
    const result = await this.journey.saveReflection(ctx, participantId, meetingId, parsed.value);
    if (!result.ok) return done(message('Not saved', result.reason));
    const lines = [
      result.value.reflection
        ? result.value.reflection.sharedWithPartner
          ? 'Your reflection is saved and shared with your partner.'
          : 'Your reflection is saved. Only you can see it.'
        : 'Thank you for letting me know.',
      ...result.value.actions.map(
        (a) => `Agreed action: ${a.text} (due ${views.dayText(a.dueDate)})`,
      ),
    ];
    return done(message('✓ Saved', ...lines));
  }

  private async fit({ ctx, participantId, data }: Handling): Promise<ActionResult> {
    const parsed = parseFit(data);
    if (!parsed.ok) return done(views.fitCheckCard(ctx, participantId, form(data, parsed.errors)));
    const result = await this.journey.answerFit(ctx, participantId, parsed.value);
    if (!result.ok) return done(message('Not saved', result.reason));
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
  }

  private async stateChange(
    h: Handling,
    parse: () => InputResult<unknown>,
    invalidCard: (errors: FieldErrors) => CardJson,
    act: () => Promise<Outcome<PairContext>>,
    confirmation: CardJson,
  ): Promise<ActionResult> {
    const parsed = parse();
    if (!parsed.ok) return done(invalidCard(parsed.errors));
    const result = await act();
    if (!result.ok) return done(message('Nothing changed', result.reason));
    const change = result.value.pair.value.state;
    const kind = change === 'paused' ? 'paused' : change === 'ended_early' ? 'ended' : 'resumed';
    return done(
      confirmation,
      this.toPartner(h.ctx, h.participantId, buildPartnerNoticeCard({ kind })),
    );
  }

  private pause(h: Handling): Promise<ActionResult> {
    const parsed = parsePause(h.data);
    return this.stateChange(
      h,
      () => parsed,
      (errors) => views.pauseCard(h.ctx, h.participantId, form(h.data, errors)),
      () => this.journey.pause(h.ctx, h.participantId, parsed.ok ? parsed.value : {}),
      message(
        'Your pairing is paused',
        'No reminders until you resume. Your partner is told only that the pairing is paused. Type "resume" when you are ready.',
      ),
    );
  }

  private resume(h: Handling): Promise<ActionResult> {
    return this.stateChange(
      h,
      () => ({ ok: true, value: undefined }),
      () => views.resumeCard(h.ctx, h.participantId, h.actor.timeZone),
      () => this.journey.resume(h.ctx, h.participantId),
      message(
        'Welcome back',
        'Your pairing is running again. I will remind you when it is time to meet.',
      ),
    );
  }

  private end(h: Handling): Promise<ActionResult> {
    const parsed = parseEnd(h.data);
    return this.stateChange(
      h,
      () => parsed,
      (errors) => views.endCard(h.ctx, h.participantId, form(h.data, errors)),
      () => this.journey.end(h.ctx, h.participantId, parsed.ok ? parsed.value.reason : undefined),
      message(
        'Your pairing has ended',
        'Thank you for taking part. Your partner is told only that the pairing has ended. Your programme team can help if you would like a new pairing.',
      ),
    );
  }

  private async review({ ctx, participantId, data }: Handling): Promise<ActionResult> {
    const parsed = parseReview(data);
    if (!parsed.ok)
      return done(views.finalReviewCard(ctx, participantId, form(data, parsed.errors)));
    const result = await this.journey.saveReview(ctx, participantId, parsed.value);
    if (!result.ok) return done(message('Not saved', result.reason));
    return done(
      message(
        '✓ Thank you',
        parsed.value.choice === 'continue_informally'
          ? 'Enjoy carrying on informally. The programme team will not nudge you any more.'
          : 'Thank you for everything you gave to this programme.',
      ),
    );
  }
}
