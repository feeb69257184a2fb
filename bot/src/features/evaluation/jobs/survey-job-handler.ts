import { AppError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logger';
import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { isSurveyJobKind } from '../domain/survey-sends';
import type { SurveySendingPorts } from '../ports';
import type { SurveySending } from '../services/survey-sending';
import { surveyCard } from '../teams/survey-verbs';

/** After a Teams or storage failure, the job is tried again this much later (never dropped). */
export const SURVEY_RETRY_MS = 10 * 60 * 1000;

export interface SurveyJobDeps {
  sending: Pick<SurveySending, 'sweep' | 'prepare'>;
  delivery: Pick<SurveySendingPorts, 'deliver'>;
  now: () => Date;
  log: Logger;
}

/** Whether the job is the evaluation's (the composition root routes these here, unbundled). */
export const isSurveyJob = (job: Job): boolean => isSurveyJobKind(job.kind);

/**
 * The evaluation's scheduled jobs: the daily sweep, and each invitation or reminder, sent as
 * the same card the `surveys` command shows (with the person's saved answers). Trouble never
 * drops a job: it answers a retry instead of failing for good after the scheduler's attempts,
 * since a dropped invitation could never be scheduled again under its id.
 */
export class SurveyJobHandler {
  constructor(private readonly deps: SurveyJobDeps) {}

  handle = async (job: Job): Promise<HandlerResult> => {
    try {
      if (job.kind === 'survey-sweep') return await this.deps.sending.sweep(job);
      const prepared = await this.deps.sending.prepare(job);
      if ('result' in prepared) return prepared.result;
      const to = { cohortId: job.cohortId, pairId: job.pairId, participantId: job.recipientId! };
      return await this.deps.delivery.deliver(to, [job.id], [surveyCard(prepared.survey)]);
    } catch (error) {
      if (error instanceof AppError && error.reason === 'not_found') return 'skipped';
      const retryAt = new Date(this.deps.now().getTime() + SURVEY_RETRY_MS);
      // Its survey has closed meanwhile: nothing is left to deliver.
      const closes = Date.parse(String(job.payload.closesAt ?? ''));
      if (retryAt.getTime() >= closes) {
        this.deps.log.error(
          { err: error, jobId: job.id },
          'survey job given up: its survey closed',
        );
        return 'skipped';
      }
      this.deps.log.warn(
        { err: error, jobId: job.id, retryAt: retryAt.toISOString() },
        'survey job failed; tried again later',
      );
      return { retryAt };
    }
  };
}
