import type { ScheduledJob } from '../domain/journey-jobs';
import { jobsForPair } from '../domain/journey-schedule';
import { type PairEvent, applyPairEvent } from '../domain/pair-lifecycle';
import type { Meeting } from '../domain/pair-space';
import { resolveTimeZone } from '../domain/send-window';
import type { Cohort, Pair } from '../../cohorts';
import { pauseEndJob } from '../domain/pause-end';
import type { Logger } from '../../../platform/logger';
import { NotFoundError } from '../../../platform/storage/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import { rowKeys } from '../store/pair-space-repository';
import {
  type JourneyStores,
  type PairContext,
  type PairSpaceContext,
  loadPairContext,
  loadPairSpaceContext,
  roleInPair,
  sides,
} from './pair-context';
import { refuse } from './journey-refusals';
import type { EmailHint } from '../../../platform/vouched-email';

/** The fields of a pause: set by a pause, cleared by the next resume. */
const PAUSE_FIELDS = ['pausedAt', 'pausedBy', 'pauseReason', 'pausedUntil'] as const;

/** Where jobs go; the scheduler's job store implements it. */
export interface JobSink {
  schedule(jobs: ScheduledJob[]): Promise<unknown>;
  /** Moves a pending job to a new due time; false when it is unknown or no longer pending. */
  reschedule?(jobId: string, dueAt: Date): Promise<boolean>;
}

/** A person's place in a cohort, as the cohorts feature tells it. */
export interface PairMembership {
  cohortId: string;
  participantId: string;
  pairId?: string;
}

/** Who is in which pair (the cohorts feature's identity service answers it). */
export interface MembershipLookup {
  membershipsOf(userId: string, emailIfKnown?: EmailHint): Promise<PairMembership[]>;
}

export interface JourneyDeps {
  stores: JourneyStores;
  jobs: JobSink;
  memberships: MembershipLookup;
  now: () => Date;
  log: Logger;
}

/** One of the caller's pairs, read once, and who the caller is in it. */
export interface MyPair {
  ctx: PairContext;
  participantId: string;
}

/** The caller as the journey needs to know them: an Entra id and, the first time, a vouched email. */
export interface Caller {
  userId: string;
  email?: EmailHint;
}

/**
 * What every journey service shares: reading a pair's context, finding the caller's own pairs,
 * saving the pair's status, applying a lifecycle event and keeping the scheduled jobs in step.
 * Each write is conditional on the version read (a stale write fails rather than overwriting).
 */
export class JourneyCore {
  constructor(readonly deps: JourneyDeps) {}

  get stores(): JourneyStores {
    return this.deps.stores;
  }

  now(): Date {
    return this.deps.now();
  }

  load(cohortId: string, pairId: string): Promise<PairContext> {
    return loadPairContext(this.stores, cohortId, pairId, this.now());
  }

  /**
   * Who may act on a pair's private space: its two partners, nobody else (coordinators
   * included). The caller's pair with this id; `not_found` when they are not in it, so a pair's
   * existence is not confirmed to outsiders. The API's pair routes and the journey's card verbs
   * both ask here.
   */
  async requirePair(caller: Caller, pairId: string): Promise<MyPair> {
    const membership = await this.pairMembership(caller, pairId);
    return {
      ctx: await this.load(membership.cohortId, pairId),
      participantId: membership.participantId,
    };
  }

  /**
   * The same check as `requirePair`, answering the pair's space without its people's records:
   * for the tab's goal and action writes, which need neither.
   */
  async requirePairSpace(
    caller: Caller,
    pairId: string,
  ): Promise<{ ctx: PairSpaceContext; participantId: string }> {
    const membership = await this.pairMembership(caller, pairId);
    return {
      ctx: await loadPairSpaceContext(this.stores, membership.cohortId, pairId, this.now()),
      participantId: membership.participantId,
    };
  }

  /** The caller's membership of the cohort that holds this pair, as one of its partners. */
  private async pairMembership(caller: Caller, pairId: string) {
    const memberships = pairId
      ? await this.deps.memberships.membershipsOf(caller.userId, caller.email)
      : [];
    const membership = memberships.find((m) => m.pairId === pairId);
    if (!membership) throw refuse.noSuchPair();
    return membership;
  }

  /**
   * Every pair the caller is in. With `skipMissing`, a pair whose records are gone is left out
   * rather than refused.
   */
  async pairsOf(caller: Caller, options: { skipMissing?: boolean } = {}): Promise<MyPair[]> {
    const memberships = await this.deps.memberships.membershipsOf(caller.userId, caller.email);
    const paired = memberships.filter((m) => m.pairId);
    const found = await Promise.all(
      paired.map(async (m) => {
        try {
          return { ctx: await this.load(m.cohortId, m.pairId!), participantId: m.participantId };
        } catch (error) {
          if (options.skipMissing && error instanceof NotFoundError) return undefined;
          throw error;
        }
      }),
    );
    return found.filter((p): p is MyPair => p !== undefined);
  }

  /** Schedules every job this pair should have now; known job ids are left as they are. */
  async syncJobs(ctx: PairContext): Promise<void> {
    const jobs = jobsForPair({
      pair: ctx.pair.value,
      cohort: ctx.cohort,
      activeSince: ctx.status.activeSince ? new Date(ctx.status.activeSince) : undefined,
      introducedAt: ctx.status.introducedAt ? new Date(ctx.status.introducedAt) : undefined,
      timeZone: ctx.timeZone,
      meetings: ctx.space.meetings.map((m) => m.value),
      actions: ctx.space.actions.map((a) => a.value),
      now: this.now(),
    });
    await this.deps.jobs.schedule(jobs);
  }

  /**
   * Schedules the jobs of many pairs of one cohort at once. A pair still `proposed` has nothing
   * in its space yet and no status (its only jobs are the two introductions), so its jobs are
   * worked out from the pair alone, without reading it back, and all are placed in one call;
   * any other pair (found again by a retry after its introduction went out) is read and synced.
   */
  async syncJobsOfMany(cohort: Cohort, pairs: readonly Pair[]): Promise<void> {
    const now = this.now();
    const proposed = pairs.filter((p) => p.state === 'proposed');
    const jobs = proposed.flatMap((pair) =>
      jobsForPair({
        pair,
        cohort,
        timeZone: resolveTimeZone(undefined),
        meetings: [],
        actions: [],
        now,
      }),
    );
    if (jobs.length > 0) await this.deps.jobs.schedule(jobs);
    for (const pair of pairs.filter((p) => p.state !== 'proposed')) {
      await this.syncJobs(await this.load(cohort.id, pair.id));
    }
  }

  /** The caller's side of the pair, or a refusal when they are not in it. */
  member(ctx: PairContext, participantId: string) {
    const who = sides(ctx, participantId);
    if (!who) throw refuse.notInPair();
    return who;
  }

  /** The caller's role and their partner's id, or the same refusal when they are not in it. */
  memberOfSpace(ctx: PairSpaceContext, participantId: string) {
    const who = roleInPair(ctx, participantId);
    if (!who) throw refuse.notInPair();
    return who;
  }

  meeting(ctx: PairContext, id: string): Versioned<Meeting> | undefined {
    return ctx.space.meetings.find((m) => m.value.id === id);
  }

  /** Applies a lifecycle event: the pair's new state and its status, or a refusal. */
  async applyEvent(ctx: PairContext, event: PairEvent): Promise<PairContext> {
    const now = this.now();
    const result = applyPairEvent(ctx.pair.value, event, now, ctx.status);
    if (!result.ok) throw refuse.pairChange(result.reason);
    const status = { ...ctx.status, ...result.detail, updatedAt: now.toISOString() };
    // What the event cleared (a resume clears the pause's who, why and until; a pause without a
    // reason or an end clears the last pause's) must not come back from the status read.
    for (const key of PAUSE_FIELDS) if (!(key in result.detail)) delete status[key];
    await this.saveStatus(ctx, status);
    const pair = await this.stores.pairs.update(result.pair, ctx.pair.etag);
    this.deps.log.info({ pairId: ctx.pair.value.id, change: result.change }, 'pair state changed');
    // A pause for a set time ends by itself, whoever paused (a partner or the programme team).
    if (event.type === 'pause' && status.pausedUntil) {
      await this.deps.jobs.schedule([pauseEndJob(pair.value, status.pausedUntil)]);
    }
    return { ...ctx, pair, status };
  }

  async saveStatus(ctx: PairContext, status: PairContext['status']): Promise<void> {
    const key = rowKeys.status();
    const pairSpaces = this.stores.pairSpaces;
    if (ctx.space.status) {
      ctx.space.status = await pairSpaces.replace(
        ctx.pair.value.id,
        key,
        status,
        ctx.space.status.etag,
      );
    } else {
      ctx.space.status = await pairSpaces.insert(ctx.pair.value.id, key, status);
    }
    ctx.status = status;
  }
}
