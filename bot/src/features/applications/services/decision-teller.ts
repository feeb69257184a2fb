import {
  DECISION_STATUS,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '../../../contracts/application-review';
import type { ApplicationStatus } from '../../../contracts/applications';
import type { Logger } from '../../../platform/logger';
import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { SendOutcome } from '../../../platform/teams/proactive-sender';
import { decisionMessage } from '../domain/review-rules';
import type { ReviewRepository } from '../store/review-repository';
import type { ReviewApplications } from './review-ports';

/** The job kind of telling an applicant a decision (retried until it reaches them). */
export const DECISION_TELL_JOB = 'application-decision';

/** How long to wait before trying someone again who has no chat with the app yet. */
export const UNREACHABLE_RETRY_MS = 60 * 60_000;
/** How long to wait after Teams could not take the message (an outage, a throttle). */
export const OUTAGE_RETRY_MS = 10 * 60_000;

export function isDecisionTell(job: Pick<Job, 'kind'>): boolean {
  return job.kind === DECISION_TELL_JOB;
}

export interface DecisionTellerDeps {
  /** The application, and the cohort's settings (whose `decisionMessages` are the words told). */
  applications: Pick<ReviewApplications, 'get' | 'settings'>;
  cohorts: { get(cohortId: string): Promise<{ value: { name: string } }> };
  jobs: {
    schedule(jobs: Job[]): Promise<unknown>;
    reschedule?(jobId: string, at: Date): Promise<boolean>;
  };
  held: Pick<ReviewRepository, 'holdTell' | 'heldTells' | 'releaseTell'>;
  send(userId: string, card: CardJson): Promise<SendOutcome>;
  now: () => Date;
  log: Logger;
}

function decisionOf(status: ApplicationStatus): ReviewDecision | undefined {
  return REVIEW_DECISIONS.find((d) => DECISION_STATUS[d] === status);
}

/**
 * Tells each applicant the decision in the programme's words (the cohort's templates in its
 * application settings), through the scheduler's job store:
 * a decision is written first, then its message is a job, so a crash, a Teams outage or a person
 * who has not opened the app yet delays the message and never drops it. A decision changed
 * before its message went out is told once, as it stands (the older job skips).
 */
export class DecisionTeller {
  constructor(private readonly deps: DecisionTellerDeps) {}

  async schedule(cohortId: string, applicationId: string, decidedAt: string): Promise<void> {
    await this.deps.jobs.schedule([
      {
        id: `${DECISION_TELL_JOB}:${applicationId}:${Date.parse(decidedAt)}`,
        kind: DECISION_TELL_JOB,
        dueAt: this.deps.now().toISOString(),
        cohortId,
        pairId: '',
        payload: { applicationId, decidedAt },
      },
    ]);
  }

  /** Runs one due message: done once Teams took it; otherwise tried again later. */
  handle = async (job: Job): Promise<HandlerResult> => {
    const { applications, cohorts, send, held, now, log } = this.deps;
    const applicationId = String(job.payload.applicationId ?? '');
    const found = await applications.get(job.cohortId, applicationId);
    if (!found) return 'skipped';
    const app = found.value;
    const decision = decisionOf(app.status);
    // Changed since (a newer decision has its own job) or withdrawn: nothing to say for this one.
    if (!decision || app.decidedAt !== job.payload.decidedAt) return 'skipped';
    const [cohort, settings] = await Promise.all([
      cohorts.get(job.cohortId),
      applications.settings(job.cohortId),
    ]);
    // The cohort's templates as they stand when the message goes (changed since: the new words).
    const words = decisionMessage(
      decision,
      {
        displayName: app.displayName,
        cohortName: cohort.value.name,
        reason: app.decisionReason ?? undefined,
      },
      settings.decisionMessages,
    );
    const later = (ms: number) => ({ retryAt: new Date(now().getTime() + ms) });
    if (!app.userId) return later(UNREACHABLE_RETRY_MS);
    const outcome = await send(
      app.userId,
      buildConfirmationCard({ title: words.title, lines: [words.text] }),
    );
    switch (outcome.status) {
      case 'sent':
        return 'done';
      case 'no-conversation':
        // Told as soon as they open a chat with the app (wake), or at the next try.
        await held.holdTell(app.userId, job.id, job.cohortId);
        return later(UNREACHABLE_RETRY_MS);
      case 'blocked':
        log.warn({ applicationId }, 'applicant blocked the app: decision not delivered');
        return 'skipped';
      case 'failed':
        return later(OUTAGE_RETRY_MS);
    }
  };

  /** Someone just opened a chat with the app: their waiting decision messages are due now. */
  async wake(userId: string): Promise<number> {
    const { jobs, held, now } = this.deps;
    if (!jobs.reschedule || !userId) return 0;
    let moved = 0;
    for (const tell of await held.heldTells(userId)) {
      if (await jobs.reschedule(tell.jobId, now())) moved += 1;
      await held.releaseTell(userId, tell.jobId, tell.etag);
    }
    return moved;
  }
}
