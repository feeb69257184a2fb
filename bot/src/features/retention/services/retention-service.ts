import type { RetentionCounts } from '../../../contracts/retention';
import type { Job } from '../../../platform/storage/jobs/job';
import {
  RETENTION_JOB_KIND,
  closedAt,
  comingRunAt,
  nextRunAt,
  retentionDay,
  retentionDue,
  retentionJobId,
  wasMatched,
} from '../domain/retention-rules';
import type { RetentionDeps } from '../ports';

/**
 * Retention that runs by itself (issue 17, item 3): once a day, across every cohort, deletes the
 * special-category answers and the never-matched applications whose period has passed, and a
 * closed cohort's personal rows after its retention period (its suppressed summary kept), and
 * reports what it removed in counts only. Deleting what is already gone is harmless, so a run
 * cut short is finished by the next one.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionDeps) {}

  /** A run's job for the given UTC day. */
  jobFor(day: string, dueAt: string): Job {
    return {
      id: retentionJobId(day),
      kind: RETENTION_JOB_KIND,
      dueAt,
      cohortId: '',
      pairId: '',
      payload: { day },
    };
  }

  /**
   * Starts the chain of daily runs, once there is something for it to do: every rule counts from
   * a cohort's close, so while no cohort has closed nothing is scheduled (a scheduler kept busy
   * with empty runs keeps its watermark behind). Called on service start and when a cohort
   * closes. The coming run (02:00 UTC) has the same id on every instance, and an id scheduled or
   * done already is left as it is, so the chain is never doubled.
   */
  async start(): Promise<boolean> {
    const cohorts = await this.deps.cohorts.list();
    if (!cohorts.some((c) => closedAt(c) !== undefined)) return false;
    const at = comingRunAt(this.deps.now());
    await this.deps.jobs.schedule([this.jobFor(at.toISODate()!, at.toISO()!)]);
    return true;
  }

  /** Deletes what is due now; answers the counts. */
  async run(): Promise<RetentionCounts> {
    const now = this.deps.now();
    const counts: RetentionCounts = {
      cohorts: 0,
      sensitiveAnswers: 0,
      unmatchedApplications: 0,
      cohortsRetained: 0,
      rowsRemoved: 0,
    };
    for (const cohort of await this.deps.cohorts.list()) {
      const due = retentionDue(cohort, now, this.deps.periods);
      if (due.cohort) {
        counts.rowsRemoved += await this.retainCohort(cohort.id, now);
        counts.cohortsRetained += 1;
        continue;
      }
      if (!due.sensitive && !due.unmatched) continue;
      const before = counts.sensitiveAnswers + counts.unmatchedApplications;
      if (due.sensitive) counts.sensitiveAnswers += await this.removeSensitive(cohort.id);
      if (due.unmatched) counts.unmatchedApplications += await this.removeUnmatched(cohort.id);
      if (counts.sensitiveAnswers + counts.unmatchedApplications > before) counts.cohorts += 1;
    }
    return counts;
  }

  /**
   * A closed cohort past its retention period: its summary kept first, then its personal rows
   * deleted, then the cohort marked retained. Cut short anywhere, the next run does it again
   * from the start: the kept summary stays as it was, and rows gone already are not counted.
   */
  private async retainCohort(cohortId: string, now: Date): Promise<number> {
    await this.deps.summaries.keep(cohortId);
    const removed = await this.deps.cohortRows.remove(cohortId);
    await this.deps.cohorts.markRetained(cohortId, now.toISOString());
    return removed;
  }

  private async removeSensitive(cohortId: string): Promise<number> {
    const holders = await this.deps.sensitive.holders(cohortId);
    // The breakdowns by these answers are kept first, as aggregates, for the cohort's report.
    if (holders.length > 0) await this.deps.summaries.keepBreakdowns(cohortId);
    for (const userId of holders) await this.deps.sensitive.remove(cohortId, userId);
    return holders.length;
  }

  private async removeUnmatched(cohortId: string): Promise<number> {
    const [apps, roster] = await Promise.all([
      this.deps.applications.list(cohortId),
      this.deps.roster.userIds(cohortId),
    ]);
    let removed = 0;
    for (const app of apps) {
      if (wasMatched(app, roster)) continue;
      if (await this.deps.applications.remove(cohortId, app.applicantId)) removed += 1;
    }
    return removed;
  }

  /** The daily job: run, report (log and audit, counts only), and schedule tomorrow's. */
  async handleJob(job: Job): Promise<'done'> {
    const day = String(job.payload.day ?? retentionDay(this.deps.now()));
    const counts = await this.run();
    this.deps.log.info({ retention: counts, day }, 'retention run');
    await this.deps.audit.record({
      action: 'retention.run',
      actorId: 'system',
      actorName: 'Retention (daily)',
      target: 'retention',
      targetId: day,
      targetLabel: 'Retention run',
      cohortId: null,
      changes: [
        { field: 'cohorts', before: null, after: String(counts.cohorts) },
        { field: 'sensitiveAnswers', before: null, after: String(counts.sensitiveAnswers) },
        {
          field: 'unmatchedApplications',
          before: null,
          after: String(counts.unmatchedApplications),
        },
        { field: 'cohortsRetained', before: null, after: String(counts.cohortsRetained) },
        { field: 'rowsRemoved', before: null, after: String(counts.rowsRemoved) },
      ],
      reason: null,
    });
    const next = nextRunAt(this.deps.now());
    await this.deps.jobs.schedule([this.jobFor(next.toISODate()!, next.toISO()!)]);
    return 'done';
  }
}
