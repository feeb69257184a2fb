import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { APP_INSTALL_JOB, type ReachService } from '../services/reach-service';

/** Whether a due job is an installation to try again (the reach feature's only job kind). */
export function isInstallRetry(job: Pick<Job, 'kind'>): boolean {
  return job.kind === APP_INSTALL_JOB;
}

/** Runs an installation Graph could not do earlier (see ReachService.handleRetry). */
export function installRetryHandler(
  reach: Pick<ReachService, 'handleRetry'>,
): (job: Job) => Promise<HandlerResult> {
  return (job) => reach.handleRetry(job);
}
