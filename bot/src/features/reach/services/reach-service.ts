import type { AuditLog } from '../../../contracts/audit';
import type { PairHealthRow } from '../../../contracts/cohorts';
import type { CohortReach, InstallAnswer, NotReachablePerson } from '../../../contracts/reach';
import { AppError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logger';
import { eachLimited } from '../../../platform/storage/batch';
import type { Job } from '../../../platform/storage/jobs/job';
import type { AppInstaller } from '../../../platform/teams/graph-app-installer';
import type { Pair, Participant } from '../../cohorts';
import { installResult, installRetryAt, reachGapOf } from '../domain/reach';
import type { ReachRepository } from '../store/reach-repository';

/** The job kind of an installation Graph could not do just now (tried again by itself). */
export const APP_INSTALL_JOB = 'app-install';

/** Installations at once when installing for everyone: gentle on Graph's limits. */
export const INSTALL_CONCURRENCY = 4;

/** Who asked for an installation (recorded in the audit trail). */
export interface InstallActor {
  userId: string;
  name: string;
}

export interface ReachDeps {
  participants: {
    listByCohort(cohortId: string): Promise<Participant[]>;
    get(cohortId: string, id: string): Promise<{ value: Participant } | undefined>;
  };
  pairs: { listByCohort(cohortId: string): Promise<Pair[]> };
  /** Personal chats with the app: a person is reachable when there is one. */
  chats: { getPersonal(userId: string): Promise<unknown> };
  attempts: Pick<ReachRepository, 'listByCohort'>;
  installer: AppInstaller;
  /** Where installations to try again later go (the scheduler's job store). */
  retries: { schedule(jobs: Job[]): Promise<unknown> };
  audit: AuditLog;
  /** The Teams link to the app, to share; null when its id is not configured. */
  shareLink: string | null;
  now: () => Date;
  log: Logger;
}

/**
 * Reach: who in a cohort the bot cannot message yet (no chat with the app in Teams, so no
 * introduction), since when it has been retrying, and installing the app for them through Graph.
 */
export class ReachService {
  constructor(private readonly deps: ReachDeps) {}

  /** Everyone of the cohort the bot cannot message yet, by participant id. */
  async notReachable(cohortId: string): Promise<Map<string, NotReachablePerson>> {
    const { participants, pairs, chats, attempts } = this.deps;
    const [people, cohortPairs, tried] = await Promise.all([
      participants.listByCohort(cohortId),
      pairs.listByCohort(cohortId),
      attempts.listByCohort(cohortId),
    ]);
    const pairOf = new Map<string, string>();
    for (const pair of cohortPairs) {
      pairOf.set(pair.mentorId, pair.id);
      pairOf.set(pair.menteeId, pair.id);
    }
    const found = new Map<string, NotReachablePerson>();
    await eachLimited(people, 8, async (person) => {
      const hasChat = person.userId ? Boolean(await chats.getPersonal(person.userId)) : false;
      const gap = reachGapOf(person, hasChat);
      if (!gap) return;
      const attempt = tried.get(person.id);
      found.set(person.id, {
        participantId: person.id,
        displayName: person.displayName,
        email: person.email,
        pairId: pairOf.get(person.id) ?? null,
        gap,
        retryingSince: attempt?.since ?? null,
        lastTriedAt: attempt?.lastTriedAt ?? null,
      });
    });
    return found;
  }

  /** `GET /api/cohorts/{id}/reach`. */
  async cohortReach(cohortId: string): Promise<CohortReach> {
    const people = [...(await this.notReachable(cohortId)).values()].sort((a, b) =>
      a.displayName.localeCompare(b.displayName),
    );
    return {
      notReachable: people,
      graphInstall: this.deps.installer.available,
      shareLink: this.deps.shareLink,
    };
  }

  /** The pairs' health with each partner the bot cannot message yet. */
  async withReach(cohortId: string, rows: PairHealthRow[]): Promise<PairHealthRow[]> {
    if (rows.length === 0) return rows;
    const [missing, cohortPairs] = await Promise.all([
      this.notReachable(cohortId),
      this.deps.pairs.listByCohort(cohortId),
    ]);
    const byId = new Map(cohortPairs.map((p) => [p.id, p]));
    return rows.map((row) => {
      const pair = byId.get(row.pairId);
      if (!pair) return row;
      const notReachable = (
        [
          ['mentor', pair.mentorId],
          ['mentee', pair.menteeId],
        ] as const
      )
        .filter(([, id]) => missing.has(id))
        .map(([role, id]) => ({ role, since: missing.get(id)!.retryingSince }));
      return { ...row, notReachable };
    });
  }

  /** Installs the app for one participant. */
  async installFor(
    cohortId: string,
    participantId: string,
    actor: InstallActor,
  ): Promise<InstallAnswer> {
    const found = await this.deps.participants.get(cohortId, participantId);
    if (!found) throw AppError.notFound('No participant has that id');
    const result = await this.install(found.value, actor);
    return { results: [result], shareLink: this.deps.shareLink };
  }

  /** Installs the app for everyone of the cohort the bot cannot message yet, a few at a time. */
  async installForEveryone(cohortId: string, actor: InstallActor): Promise<InstallAnswer> {
    const missing = await this.notReachable(cohortId);
    const people = (await this.deps.participants.listByCohort(cohortId)).filter((p) =>
      missing.has(p.id),
    );
    const results: InstallAnswer['results'] = [];
    await eachLimited(people, INSTALL_CONCURRENCY, async (person) => {
      results.push(await this.install(person, actor));
    });
    results.sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { results, shareLink: this.deps.shareLink };
  }

  /** A retry the scheduler runs: until it installs, the person is reachable, or Graph says no. */
  handleRetry = async (job: Job): Promise<'done' | 'skipped' | { retryAt: Date }> => {
    const participantId = String(job.payload.participantId ?? '');
    const found = await this.deps.participants.get(job.cohortId, participantId);
    if (!found) return 'skipped';
    const person = found.value;
    if (person.userId && (await this.deps.chats.getPersonal(person.userId))) return 'skipped';
    const actor = { userId: String(job.payload.actorId), name: String(job.payload.actorName) };
    const outcome = await this.deps.installer.install(person.userId ?? person.email);
    if (outcome.kind === 'installed' || outcome.kind === 'already_installed') {
      await this.record(person, actor, outcome.kind);
      return 'done';
    }
    if (outcome.kind === 'unavailable') {
      return { retryAt: installRetryAt(this.deps.now(), outcome.retryAfterMs) };
    }
    this.deps.log.warn({ participantId, outcome: outcome.kind }, 'app install retry gave up');
    return 'skipped';
  };

  private async install(person: Participant, actor: InstallActor) {
    const outcome = await this.deps.installer.install(person.userId ?? person.email);
    switch (outcome.kind) {
      case 'installed':
      case 'already_installed':
        await this.record(person, actor, outcome.kind);
        return installResult(outcome.kind, person);
      case 'no_permission':
        this.deps.log.warn({ detail: outcome.detail }, 'Graph install: no permission');
        return installResult('no_permission', person);
      case 'not_in_directory':
        return installResult('not_in_directory', person);
      case 'unavailable': {
        // An outage delays, never drops: the scheduler tries again until it goes through.
        const now = this.deps.now();
        const retryAt = installRetryAt(now, outcome.retryAfterMs);
        await this.deps.retries.schedule([
          {
            id: `${APP_INSTALL_JOB}:${person.id}:${now.getTime()}`,
            kind: APP_INSTALL_JOB,
            dueAt: retryAt.toISOString(),
            cohortId: person.cohortId,
            pairId: '',
            payload: { participantId: person.id, actorId: actor.userId, actorName: actor.name },
          },
        ]);
        this.deps.log.warn({ detail: outcome.detail }, 'Graph install delayed');
        return installResult('delayed', person, retryAt);
      }
    }
  }

  private record(person: Participant, actor: InstallActor, kind: string): Promise<void> {
    return this.deps.audit.record({
      action: 'participant.app_installed',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'participant',
      targetId: person.id,
      targetLabel: person.displayName,
      cohortId: person.cohortId,
      changes: [
        {
          field: 'Teams app',
          before: null,
          after: kind === 'installed' ? 'installed' : 'already installed',
        },
      ],
      reason: null,
    });
  }
}
