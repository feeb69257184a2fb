import { MessageFactory } from 'botbuilder';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { asAttachment, type CardJson, withRefresh } from '../../../platform/teams/cards/render';
import type { Job } from '../../../platform/storage/jobs/job';
import { isJobStillWanted } from '../domain/journey-schedule';
import {
  localDay,
  nextSendTime,
  nextWorkingDayStart,
  resolveTimeZone,
} from '../domain/send-window';
import type { Logger } from '../../../platform/logger';
import type { JourneyService } from '../services/journey-service';
import type { PairContext } from '../services/pair-context';
import type { DailySendLedger } from '../store/daily-send-ledger';
import { NotFoundError } from '../../../platform/storage/errors';
import type { Repositories } from '../../../app/repositories';
import * as views from '../teams/journey-views';
import type { ProactiveSender } from '../../../platform/teams/proactive-sender';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';

const DAY_MS = 24 * 3600 * 1000;

/** Where jobs the handler creates go (check-ins and coordinator alerts after a missed window). */
export interface FollowUpSink {
  schedule(jobs: Job[]): Promise<unknown>;
}

/**
 * Turns due journey jobs into messages, kindly: only while the job's purpose stands, in each
 * person's own working hours, and at most one message per person per day (everything due for
 * one person at one time goes out together as one message).
 */
export class JourneyJobHandler {
  constructor(
    private readonly repos: Repositories,
    private readonly journey: JourneyService,
    private readonly sender: ProactiveSender,
    private readonly ledger: DailySendLedger,
    private readonly followUps: FollowUpSink,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  /** One job (the scheduler's per-job entry point). */
  handle = async (job: Job): Promise<HandlerResult> => {
    const results = await this.handleBundle([job]);
    return results.get(job.id) ?? 'skipped';
  };

  /** Jobs due together for one recipient (or one pair-level job). */
  async handleBundle(jobs: Job[]): Promise<Map<string, HandlerResult>> {
    const results = new Map<string, HandlerResult>();
    const deliveries: { job: Job; ctx: PairContext; card: CardJson }[] = [];
    for (const job of jobs) {
      const outcome = await this.prepare(job);
      if ('card' in outcome) deliveries.push({ job, ctx: outcome.ctx, card: outcome.card });
      else results.set(job.id, outcome.result);
    }
    if (deliveries.length === 0) return results;
    const first = deliveries[0]!;
    const delivered = await this.deliver(
      first.ctx,
      first.job.recipientId!,
      deliveries.map((d) => d.job),
      deliveries.map((d) => d.card),
    );
    for (const d of deliveries) results.set(d.job.id, delivered);
    if (delivered === 'done') {
      for (const d of deliveries) {
        // The message went out: trouble from here on must never cause it to be sent again.
        try {
          await this.afterSend(d.job, d.ctx);
        } catch (error) {
          this.log.error({ err: error, jobId: d.job.id }, 'follow-up after a send failed');
        }
      }
    }
    return results;
  }

  /** Decides what a job means now: a card to send, or a result without sending. */
  private async prepare(
    job: Job,
  ): Promise<{ ctx: PairContext; card: CardJson } | { result: HandlerResult }> {
    const now = this.now();
    let ctx: PairContext;
    try {
      ctx = await this.journey.load(job.cohortId, job.pairId);
    } catch (error) {
      if (error instanceof NotFoundError) return { result: 'skipped' };
      throw error;
    }
    if (job.kind === 'coordinator-alert') return { result: await this.alertCoordinator(job, ctx) };
    if (job.kind === 'check-in') {
      if (ctx.pair.value.state !== 'active') return { result: 'skipped' };
      const card = views.checkInCard(
        ctx,
        job.recipientId!,
        Number(job.payload.meetingNumber),
        Number(job.payload.missedInARow),
      );
      return { ctx, card };
    }
    const wanted = isJobStillWanted(job, {
      pair: ctx.pair.value,
      meetings: ctx.space.meetings.map((m) => m.value),
      actions: ctx.space.actions.map((a) => a.value),
      now,
      detail: ctx.status,
    });
    if (!wanted) return { result: 'skipped' };
    if (job.kind === 'window-close') return { result: await this.closeWindow(job, ctx) };
    const recipient = job.recipientId!;
    const zone = await this.timeZoneOf(ctx, recipient);
    const card = this.cardFor(job, ctx, recipient, zone);
    return card ? { ctx, card } : { result: 'skipped' };
  }

  private cardFor(
    job: Job,
    ctx: PairContext,
    recipient: string,
    zone: string,
  ): CardJson | undefined {
    const meetingId = typeof job.payload.meetingId === 'string' ? job.payload.meetingId : undefined;
    switch (job.kind) {
      case 'introduction':
        return views.introductionCard(ctx, recipient);
      case 'booking-nudge': {
        const n = Number(job.payload.meetingNumber);
        const meeting = ctx.space.meetings.find((m) => m.value.number === n);
        return meeting ? views.bookingCard(ctx, recipient, meeting.value.id, zone) : undefined;
      }
      case 'preparation-prompt':
        return meetingId ? views.preparationCard(ctx, recipient, meetingId, zone) : undefined;
      case 'reflection-prompt': {
        const mine = ctx.space.reflections.some(
          (r) => r.value.meetingId === meetingId && r.value.authorId === recipient,
        );
        return meetingId && !mine
          ? views.reflectionCard(ctx, recipient, meetingId, zone)
          : undefined;
      }
      case 'action-reminder':
        return views.actionReminderCard(ctx, String(job.payload.actionId), job.id.endsWith(':due'));
      case 'fit-check':
        return views.fitCheckCard(ctx, recipient);
      case 'final-review':
        return views.finalReviewCard(ctx, recipient);
      default:
        return undefined;
    }
  }

  private async timeZoneOf(ctx: PairContext, participantId: string): Promise<string> {
    const person = participantId === ctx.mentor.id ? ctx.mentor : ctx.mentee;
    if (!person.userId) return ctx.timeZone;
    const conversation = await this.repos.conversations.getPersonal(person.userId);
    return resolveTimeZone(conversation?.timeZone ?? ctx.timeZone);
  }

  /**
   * Sends the cards as one message, at a kind time, once a day at most. Returns 'done' when
   * sent, or when to try again: someone not reachable yet is tried daily until the purpose lapses.
   */
  private async deliver(
    ctx: PairContext,
    participantId: string,
    jobs: Job[],
    cards: CardJson[],
  ): Promise<HandlerResult> {
    const now = this.now();
    const person = participantId === ctx.mentor.id ? ctx.mentor : ctx.mentee;
    const later = { retryAt: new Date(now.getTime() + DAY_MS) };
    if (!person.userId) return later; // not signed in to Teams with the app yet
    const conversation = await this.repos.conversations.getPersonal(person.userId);
    if (!conversation) return later; // the app is not installed for them yet
    const zone = resolveTimeZone(conversation.timeZone ?? ctx.timeZone);

    const pausedUntil = ctx.status.remindersPausedUntil[participantId];
    const isIntroduction = jobs.every((j) => j.kind === 'introduction');
    if (pausedUntil && pausedUntil > now.toISOString() && !isIntroduction) {
      return { retryAt: nextSendTime(new Date(pausedUntil), zone) };
    }
    const slot = nextSendTime(now, zone);
    if (slot.getTime() > now.getTime()) return { retryAt: slot };
    const day = localDay(now, zone);
    const jobIds = jobs.map((j) => j.id);
    const claim = await this.ledger.claim(person.userId, day, jobIds, now);
    if (claim.kind === 'day-taken') return { retryAt: nextWorkingDayStart(now, zone) };
    if (claim.kind === 'already-sent') return 'done';
    if (claim.kind === 'unconfirmed') {
      this.log.warn(
        { jobs: jobIds, userId: person.userId },
        'nudge unconfirmed: a send was under way when its process stopped; not sent again',
      );
      return 'done';
    }

    const userIds = [ctx.mentor.userId, ctx.mentee.userId].filter((id): id is string =>
      Boolean(id),
    );
    const attachments = cards.map((card, i) => {
      const job = jobs[i]!;
      // Contract-related cards refresh for both partners, so each sees who has agreed.
      return asAttachment(
        job.kind === 'introduction'
          ? withRefresh(card, 'contract.open', { pairId: ctx.pair.value.id }, userIds)
          : card,
      );
    });
    const activity =
      attachments.length === 1
        ? MessageFactory.attachment(attachments[0]!)
        : MessageFactory.list(attachments);
    // The outcome follows the intent: only a send Teams refused may go again.
    const record = (status: 'sent' | 'retry') =>
      this.ledger.outcome(person.userId!, day, jobIds, claim.etag, status, this.now());
    let outcome;
    try {
      outcome = await this.sender.sendToUser(person.userId, activity);
    } catch (error) {
      // Thrown before anything reached Teams (the sender catches send errors itself).
      await record('retry').catch(() => undefined);
      throw error;
    }
    switch (outcome.status) {
      case 'sent':
        await record('sent');
        this.log.info({ jobs: jobIds, userId: person.userId }, 'nudge sent');
        return 'done';
      case 'no-conversation':
        await record('retry');
        return later;
      case 'blocked':
        await record('sent');
        this.log.warn({ jobs: jobIds }, 'the person has blocked the app');
        return 'skipped';
      case 'failed':
        await record(outcome.retryable ? 'retry' : 'sent');
        if (outcome.retryable) throw new Error(`send failed: ${outcome.detail}`);
        return 'skipped';
    }
  }

  /** What follows a delivery: the introduction moves the pair on; the last review completes it. */
  private async afterSend(job: Job, ctx: PairContext): Promise<void> {
    if (job.kind === 'introduction') {
      await this.journey.introduce(await this.journey.load(job.cohortId, job.pairId));
    }
    if (job.kind === 'final-review' && ctx.pair.value.state === 'active') {
      await this.journey.complete(await this.journey.load(job.cohortId, job.pairId));
    }
  }

  /** A window closed with no held meeting: both partners get a gentle note; two in a row, the coordinator hears. */
  private async closeWindow(job: Job, ctx: PairContext): Promise<HandlerResult> {
    const n = Number(job.payload.meetingNumber);
    const missedInARow = await this.journey.closeWindow(ctx, n);
    if (missedInARow === 0) return 'done';
    const now = this.now().toISOString();
    const followUps: Job[] = [ctx.mentor.id, ctx.mentee.id].map((p) => ({
      id: `check-in:${ctx.pair.value.id}:${n}:${p}`,
      kind: 'check-in',
      dueAt: now,
      cohortId: ctx.cohort.id,
      pairId: ctx.pair.value.id,
      recipientId: p,
      payload: { meetingNumber: n, missedInARow },
    }));
    if (missedInARow === 2) {
      followUps.push({
        id: `coordinator-alert:${ctx.pair.value.id}:${n}`,
        kind: 'coordinator-alert',
        dueAt: now,
        cohortId: ctx.cohort.id,
        pairId: ctx.pair.value.id,
        payload: { meetingNumber: n, missedInARow },
      });
    }
    await this.followUps.schedule(followUps);
    return 'done';
  }

  /** States and counts only: who the pair is and how many meetings were missed, never content. */
  private async alertCoordinator(job: Job, ctx: PairContext): Promise<HandlerResult> {
    const now = this.now();
    const coordinator = ctx.cohort.createdBy;
    const conversation = await this.repos.conversations.getPersonal(coordinator);
    if (!conversation) return { retryAt: new Date(now.getTime() + DAY_MS) };
    const slot = nextSendTime(now, conversation.timeZone);
    if (slot.getTime() > now.getTime()) return { retryAt: slot };
    const card = buildConfirmationCard({
      title: 'A pair needs a check-in',
      lines: [
        `${ctx.mentor.displayName} and ${ctx.mentee.displayName} (${ctx.cohort.name}) have not held a meeting in ${job.payload.missedInARow} windows in a row.`,
        'You see this because two meetings in a row were missed. Nothing they wrote is shared with you.',
      ],
    });
    const outcome = await this.sender.sendToUser(
      coordinator,
      MessageFactory.attachment(asAttachment(card)),
    );
    if (outcome.status === 'sent') return 'done';
    if (outcome.status === 'failed' && outcome.retryable)
      throw new Error(`alert failed: ${outcome.detail}`);
    if (outcome.status === 'no-conversation') return { retryAt: new Date(now.getTime() + DAY_MS) };
    return 'skipped';
  }
}
