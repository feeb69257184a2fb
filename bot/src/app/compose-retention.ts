import type { AuditLog } from '../contracts/audit';
import type { Applications } from '../features/applications/index';
import {
  CohortRows,
  RetentionService,
  isRetentionJob,
  retentionJobHandler,
} from '../features/retention/index';
import type { Logger } from '../platform/logger';
import { ConflictError } from '../platform/storage/errors';
import type { JobStore } from '../platform/storage/jobs/job-store';
import type { TableStore } from '../platform/storage/table-store';
import type { Config } from './config';
import type { JobRoute } from './compose-scheduler';
import type { Repositories } from './repositories';

/**
 * Retention (issue 17): the daily run over the cohorts, reading and deleting through the
 * applications feature's surface; its job goes through the one scheduler (a route).
 */
export function composeRetention(deps: {
  config: Pick<Config, 'retention'>;
  repos: Pick<Repositories, 'cohorts' | 'participants'>;
  store: TableStore;
  applications: () => Applications;
  /** The evaluation's results, to keep a cohort's suppressed summary before its rows go. */
  summaries: {
    keep(cohortId: string): Promise<void>;
    keepBreakdowns(cohortId: string): Promise<void>;
  };
  jobs: JobStore;
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}): { service: RetentionService; route: JobRoute } {
  const { repos } = deps;
  const service = new RetentionService({
    periods: deps.config.retention,
    cohorts: {
      list: () => repos.cohorts.list(),
      markRetained: async (cohortId, at) => {
        for (let attempt = 0; ; attempt += 1) {
          const current = await repos.cohorts.get(cohortId);
          if (!current || current.value.retainedAt) return;
          try {
            await repos.cohorts.update({ ...current.value, retainedAt: at }, current.etag);
            return;
          } catch (error) {
            if (!(error instanceof ConflictError) || attempt >= 4) throw error;
          }
        }
      },
    },
    summaries: deps.summaries,
    cohortRows: new CohortRows(deps.store),
    roster: {
      userIds: async (cohortId) =>
        new Set(
          (await repos.participants.listByCohort(cohortId)).flatMap((p) =>
            p.userId ? [p.userId.toLowerCase()] : [],
          ),
        ),
    },
    sensitive: {
      holders: (cohortId) => deps.applications().sensitive.holders(cohortId),
      remove: async (cohortId, userId) => {
        await deps.applications().sensitive.remove(cohortId, userId);
      },
    },
    applications: {
      list: (cohortId) => deps.applications().retention.list(cohortId),
      remove: (cohortId, applicantId) =>
        deps.applications().retention.remove(cohortId, applicantId),
    },
    jobs: deps.jobs,
    audit: deps.audit,
    now: deps.now,
    log: deps.log,
  });
  return { service, route: { owns: isRetentionJob, handle: retentionJobHandler(service) } };
}
