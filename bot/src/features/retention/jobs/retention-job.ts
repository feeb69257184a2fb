import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { RETENTION_JOB_KIND } from '../domain/retention-rules';
import type { RetentionService } from '../services/retention-service';

/** Whether the job is retention's (the composition root routes these here, unbundled). */
export const isRetentionJob = (job: Job): boolean => job.kind === RETENTION_JOB_KIND;

/** The daily run; a failure is the scheduler's to retry (deleting twice is harmless). */
export function retentionJobHandler(
  retention: Pick<RetentionService, 'handleJob'>,
): (job: Job) => Promise<HandlerResult> {
  return (job) => retention.handleJob(job);
}
