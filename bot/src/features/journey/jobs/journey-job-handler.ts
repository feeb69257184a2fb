import type { Logger } from '../../../platform/logger';
import { NotFoundError } from '../../../platform/storage/errors';
import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { type CardJson, withRefresh } from '../../../platform/teams/cards/render';
import { type JourneyJob, type JourneyJobKind, isJourneyJobKind } from '../domain/journey-jobs';
import { isPastItsMoment } from '../domain/job-moments';
import { isJobStillWanted } from '../domain/journey-schedule';
import { resumedByPauseEnd } from '../domain/pause-end';
import { buildPartnerNoticeCard } from '../cards/pause-end-card';
import { isRefusal } from '../services/journey-refusals';
import type { JourneyService } from '../services/journey-service';
import type { PairContext } from '../services/pair-context';
import * as views from '../teams/journey-views';
import type { NudgeDelivery } from '../services/nudge-delivery';

/** Where jobs the handler creates go (check-ins and coordinator alerts after a missed window). */
export interface FollowUpSink {
  schedule(jobs: Job[]): Promise<unknown>;
}

/** What the journey's job handler uses. */
export interface JourneyJobDeps {
  journey: Pick<
    JourneyService,
    'load' | 'introduce' | 'complete' | 'closeWindow' | 'endTimedPause'
  >;
  delivery: Pick<NudgeDelivery, 'deliver' | 'alert' | 'timeZoneOf'>;
  followUps: FollowUpSink;
  now: () => Date;
  log: Logger;
}

/** What a due job means now: a card for its recipient, or an outcome without sending. */
type Prepared = { card: CardJson } | { result: HandlerResult };

/** A recipient's card for a job, in their time zone; undefined when it no longer applies. */
type CardFor = (
  ctx: PairContext,
  recipient: string,
  zone: string,
  job: JourneyJob,
) => CardJson | undefined;

/** How one kind of job is handled. */
interface KindRoute {
  /** Skipped unless the journey schedule still wants it (follow-ups are wanted by creation). */
  checkWanted: boolean;
  prepare(job: JourneyJob, ctx: PairContext): Promise<Prepared>;
  /** Sent even while the recipient's reminders are paused. */
  evenWhenPaused?: boolean;
  /** What follows once the card went out. */
  afterSend?(job: JourneyJob, ctx: PairContext): Promise<void>;
}

/**
 * Turns due journey jobs into messages, kindly: only while the job's purpose stands, in each
 * person's own working hours, and at most one message per person per day (everything due for
 * one person at one time goes out together as one message). Each job kind is one entry of a
 * table; a kind without an entry does not compile.
 */
export class JourneyJobHandler {
  private readonly routes: Record<JourneyJobKind, KindRoute>;

  constructor(private readonly deps: JourneyJobDeps) {
    this.routes = this.kindRoutes();
  }

  private kindRoutes(): Record<JourneyJobKind, KindRoute> {
    const { journey, delivery } = this.deps;
    /** A card for the job's recipient, in their own time zone; none when it no longer applies. */
    const card =
      (build: CardFor) =>
      async (job: JourneyJob, ctx: PairContext): Promise<Prepared> => {
        const recipient = job.recipientId!;
        const zone = await delivery.timeZoneOf(ctx, recipient);
        const built = build(ctx, recipient, zone, job);
        return built ? { card: built } : { result: 'skipped' };
      };
    const meetingIdOf = (job: JourneyJob) =>
      typeof job.payload.meetingId === 'string' ? job.payload.meetingId : undefined;

    return {
      introduction: {
        checkWanted: true,
        evenWhenPaused: true,
        // Contract-related cards refresh for both partners, so each sees who has agreed.
        prepare: card((ctx, recipient) => {
          const userIds = [ctx.mentor.userId, ctx.mentee.userId].filter((id): id is string =>
            Boolean(id),
          );
          const intro = views.introductionCard(ctx, recipient);
          return withRefresh(intro, 'contract.open', { pairId: ctx.pair.value.id }, userIds);
        }),
        // The introduction moves the pair on.
        afterSend: async (job) => {
          await journey.introduce(await journey.load(job.cohortId, job.pairId));
        },
      },
      'booking-nudge': {
        checkWanted: true,
        prepare: card((ctx, recipient, zone, job) => {
          const n = Number(job.payload.meetingNumber);
          const meeting = ctx.space.meetings.find((m) => m.value.number === n);
          return meeting ? views.bookingCard(ctx, recipient, meeting.value.id, zone) : undefined;
        }),
      },
      'preparation-prompt': {
        checkWanted: true,
        prepare: card((ctx, recipient, zone, job) => {
          const meetingId = meetingIdOf(job);
          return meetingId ? views.preparationCard(ctx, recipient, meetingId, zone) : undefined;
        }),
      },
      'reflection-prompt': {
        checkWanted: true,
        prepare: card((ctx, recipient, zone, job) => {
          const meetingId = meetingIdOf(job);
          const mine = ctx.space.reflections.some(
            (r) => r.value.meetingId === meetingId && r.value.authorId === recipient,
          );
          return meetingId && !mine
            ? views.reflectionCard(ctx, recipient, meetingId, zone)
            : undefined;
        }),
      },
      'action-reminder': {
        checkWanted: true,
        prepare: card((ctx, _recipient, _zone, job) =>
          views.actionReminderCard(ctx, String(job.payload.actionId), job.id.endsWith(':due')),
        ),
      },
      'fit-check': {
        checkWanted: true,
        prepare: card((ctx, recipient) => views.fitCheckCard(ctx, recipient)),
      },
      'final-review': {
        checkWanted: true,
        prepare: card((ctx, recipient) => views.finalReviewCard(ctx, recipient)),
        // The last review completes the pair's programme.
        afterSend: async (job, ctx) => {
          if (ctx.pair.value.state !== 'active') return;
          try {
            await journey.complete(await journey.load(job.cohortId, job.pairId));
          } catch (error) {
            if (!isRefusal(error)) throw error;
          }
        },
      },
      'window-close': {
        checkWanted: true,
        prepare: async (job, ctx) => ({ result: await this.closeWindow(job, ctx) }),
      },
      'check-in': {
        checkWanted: false,
        prepare: async (job, ctx) => {
          if (ctx.pair.value.state !== 'active') return { result: 'skipped' };
          const n = Number(job.payload.meetingNumber);
          const missed = Number(job.payload.missedInARow);
          return { card: views.checkInCard(ctx, job.recipientId!, n, missed) };
        },
      },
      'contract-chaser': {
        checkWanted: true,
        prepare: card((ctx, recipient) => views.contractChaserCard(ctx, recipient)),
      },
      'coordinator-alert': {
        checkWanted: false,
        prepare: async (job, ctx) => ({ result: await this.alertCoordinator(job, ctx) }),
      },
      'pause-end': {
        checkWanted: false,
        // Resumed, ended or paused again meanwhile: nothing to do.
        prepare: async (job, ctx) => {
          const step = await journey.endTimedPause(ctx, String(job.payload.until));
          if (step.kind === 'wait') return { result: { retryAt: step.at } };
          return { result: step.kind === 'nothing' ? 'skipped' : 'done' };
        },
      },
      'pause-over': {
        checkWanted: false,
        // It tells that the pairing is running again: not a reminder a person may hold back.
        evenWhenPaused: true,
        prepare: async (job, ctx) =>
          resumedByPauseEnd(ctx.pair.value, ctx.status, job.payload.until)
            ? { card: buildPartnerNoticeCard({ kind: 'pause-over' }) }
            : { result: 'skipped' },
      },
    };
  }

  /** One job (the scheduler's per-job entry point). */
  handle = async (job: Job): Promise<HandlerResult> => {
    const results = await this.handleBundle([job]);
    return results.get(job.id) ?? 'skipped';
  };

  /** Jobs due together for one recipient (or one pair-level job). */
  async handleBundle(jobs: Job[]): Promise<Map<string, HandlerResult>> {
    const results = new Map<string, HandlerResult>();
    const deliveries: { job: JourneyJob; ctx: PairContext; card: CardJson }[] = [];
    const stale: string[] = [];
    for (const job of jobs) {
      // Past its moment (after downtime, or pushed too far): its words would be wrong now.
      if (isPastItsMoment(job, this.deps.now())) {
        stale.push(job.id);
        results.set(job.id, 'skipped');
        continue;
      }
      const outcome = await this.prepare(job);
      if ('card' in outcome)
        deliveries.push({ job: outcome.job, ctx: outcome.ctx, card: outcome.card });
      else results.set(job.id, outcome.result);
    }
    if (stale.length > 0) {
      this.deps.log.info(
        { count: stale.length, jobIds: stale },
        'reminders past their moment skipped, not sent late',
      );
    }
    if (deliveries.length === 0) return results;
    const first = deliveries[0]!;
    const delivered = await this.deps.delivery.deliver(
      first.ctx,
      first.job.recipientId!,
      deliveries.map((d) => d.job.id),
      deliveries.map((d) => d.card),
      deliveries.every((d) => this.routes[d.job.kind].evenWhenPaused),
    );
    for (const d of deliveries) results.set(d.job.id, delivered);
    if (delivered === 'done') {
      for (const d of deliveries) {
        // The message went out: trouble from here on must never cause it to be sent again.
        try {
          await this.routes[d.job.kind].afterSend?.(d.job, d.ctx);
        } catch (error) {
          this.deps.log.error({ err: error, jobId: d.job.id }, 'follow-up after a send failed');
        }
      }
    }
    return results;
  }

  /** Decides what a job means now: a card to send, or a result without sending. */
  private async prepare(
    job: Job,
  ): Promise<{ job: JourneyJob; ctx: PairContext; card: CardJson } | { result: HandlerResult }> {
    if (!isJourneyJobKind(job.kind)) return { result: 'skipped' };
    const journeyJob = job as JourneyJob;
    const route = this.routes[journeyJob.kind];
    let ctx: PairContext;
    try {
      ctx = await this.deps.journey.load(job.cohortId, job.pairId);
    } catch (error) {
      if (error instanceof NotFoundError) return { result: 'skipped' };
      throw error;
    }
    // A closed (or archived) cohort sends no more journey messages.
    if (ctx.cohort.status && ctx.cohort.status !== 'open') return { result: 'skipped' };
    if (route.checkWanted) {
      const wanted = isJobStillWanted(job, {
        pair: ctx.pair.value,
        meetings: ctx.space.meetings.map((m) => m.value),
        actions: ctx.space.actions.map((a) => a.value),
        now: this.deps.now(),
        detail: ctx.status,
      });
      if (!wanted) return { result: 'skipped' };
    }
    const prepared = await route.prepare(journeyJob, ctx);
    return 'card' in prepared ? { job: journeyJob, ctx, card: prepared.card } : prepared;
  }

  /** A window closed with no held meeting: both partners get a gentle note; two in a row, the coordinator hears. */
  private async closeWindow(job: JourneyJob, ctx: PairContext): Promise<HandlerResult> {
    const n = Number(job.payload.meetingNumber);
    const missedInARow = await this.deps.journey.closeWindow(ctx, n);
    if (missedInARow === 0) return 'done';
    const now = this.deps.now().toISOString();
    const followUps: JourneyJob[] = [ctx.mentor.id, ctx.mentee.id].map((p) => ({
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
    await this.deps.followUps.schedule(followUps);
    return 'done';
  }

  /** States and counts only: who the pair is and how many meetings were missed, never content. */
  private alertCoordinator(job: JourneyJob, ctx: PairContext): Promise<HandlerResult> {
    const card = buildConfirmationCard({
      title: 'A pair needs a check-in',
      lines: [
        `${ctx.mentor.displayName} and ${ctx.mentee.displayName} (${ctx.cohort.name}) have not held a meeting in ${job.payload.missedInARow} windows in a row.`,
        'You see this because two meetings in a row were missed. Nothing they wrote is shared with you.',
      ],
    });
    return this.deps.delivery.alert(ctx.cohort.createdBy, card);
  }
}
