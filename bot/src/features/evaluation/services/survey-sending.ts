import { DateTime } from 'luxon';
import type { OpenSurvey } from '../../../contracts/evaluation-api';
import {
  type ResponseState,
  SURVEY_KINDS,
  type SurveyKind,
  type EvaluationPlan,
} from '../../../contracts/evaluation';
import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import type { Job } from '../../../platform/storage/jobs/job';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import type { Cohort } from '../../cohorts';
import { defaultEvaluationPlan } from '../domain/default-plan';
import {
  type SendDue,
  type SurveySendKind,
  askedWindows,
  lastClosing,
  nextSweepAt,
  sendDecision,
  surveyJobId,
  surveySendsDue,
  sweepJobId,
} from '../domain/survey-sends';
import type { CohortDates } from '../domain/survey-window';
import type { EvaluationDeps, SurveySendingPorts } from '../ports';
import type { SurveyService } from './survey-service';

/**
 * Surveys sent at the right time (docs/evaluation.md, "When surveys are sent"). A daily sweep
 * per cohort reads the cohort, its plan, its pairs and each survey's answers (one query per
 * survey) and schedules the invitations and reminders due before the next sweep, with
 * deterministic ids so a second sweep changes nothing; then it schedules the next day's sweep
 * until the last survey has closed. Each invitation or reminder checks again when it is due.
 */

const DAY_MS = 24 * 3600 * 1000;
/** A reminder never follows its invitation by less than this. */
const REMINDER_GAP_MS = 2 * DAY_MS;
/** The longest a survey can stay open (the plan's limit): sweeps on start stop after it. */
const LONGEST_OPEN_DAYS = 60;

/** What a due invitation or reminder means now: a survey to send, or an outcome. */
export type PreparedSend = { survey: OpenSurvey } | { result: HandlerResult };

const isOpen = (cohort: Cohort) => (cohort.status ?? 'open') === 'open';

function datesOf(cohort: Cohort): CohortDates {
  const timeZone = cohort.timeZone ?? DEFAULT_COHORT_TIME_ZONE;
  return { startDate: cohort.startDate, endDate: cohort.endDate, timeZone };
}

export class SurveySending {
  constructor(
    private readonly deps: EvaluationDeps,
    private readonly surveys: Pick<SurveyService, 'contextFor' | 'view'>,
    private readonly ports: SurveySendingPorts,
  ) {}

  private now(zone: string): DateTime {
    return DateTime.fromJSDate(this.deps.now()).setZone(zone);
  }

  private sweepJob(cohortId: string, id: string, dueAt: DateTime): Job {
    return {
      id,
      kind: 'survey-sweep',
      dueAt: dueAt.toUTC().toISO()!,
      cohortId,
      pairId: '',
      payload: {},
    };
  }

  /** Sweeps the cohort now (new pairs were introduced); harmless when called twice a minute. */
  async startSweep(cohortId: string): Promise<void> {
    const now = DateTime.fromJSDate(this.deps.now()).toUTC();
    const id = sweepJobId(cohortId, now.toFormat("yyyy-MM-dd'T'HH:mm'Z'"));
    await this.ports.jobs.schedule([this.sweepJob(cohortId, id, now)]);
  }

  /** On start: today's sweep for every open cohort whose surveys may still be open. */
  async startAllSweeps(): Promise<number> {
    const cohorts = (await this.ports.cohorts.list()).filter(isOpen);
    const jobs: Job[] = [];
    for (const cohort of cohorts) {
      const { timeZone, endDate } = datesOf(cohort);
      const now = this.now(timeZone);
      const stop = DateTime.fromISO(endDate, { zone: timeZone }).plus({ days: LONGEST_OPEN_DAYS });
      if (now >= stop) continue;
      jobs.push(this.sweepJob(cohort.id, sweepJobId(cohort.id, now.toISODate()!), now));
    }
    if (jobs.length > 0) await this.ports.jobs.schedule(jobs);
    return jobs.length;
  }

  /** One sweep: schedules what is due before the next one, then the next one while needed. */
  async sweep(job: Job): Promise<HandlerResult> {
    const { cohortId } = job;
    const [cohort, stored, pairs] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
      this.deps.pairs.listByCohort(cohortId),
    ]);
    if (!cohort || !isOpen(cohort.value)) return 'skipped';
    const plan: EvaluationPlan = stored?.value ?? defaultEvaluationPlan();
    const dates = datesOf(cohort.value);
    const now = this.now(dates.timeZone);
    const until = nextSweepAt(now);
    const responses = await this.responseStates(cohortId);
    const due = surveySendsDue({ cohortId, plan, cohort: dates, pairs, responses, now, until });
    const jobs = due.map((d) => this.sendJob(cohortId, d));
    if (now < lastClosing(plan, dates, pairs)) {
      jobs.push(this.sweepJob(cohortId, sweepJobId(cohortId, until.toISODate()!), until));
    }
    if (jobs.length > 0) await this.ports.jobs.schedule(jobs);
    this.ports.log.info({ cohortId, sends: due.length }, 'survey sweep');
    return 'done';
  }

  /** Each survey's answers' states by person: one query per survey, every row once. */
  private async responseStates(
    cohortId: string,
  ): Promise<Record<SurveyKind, Map<string, ResponseState>>> {
    const lists = await Promise.all(
      SURVEY_KINDS.map((kind) => this.deps.store.surveyResponses(cohortId, kind)),
    );
    const byKind = {} as Record<SurveyKind, Map<string, ResponseState>>;
    SURVEY_KINDS.forEach((kind, i) => {
      byKind[kind] = new Map(lists[i]!.map((r) => [r.participantId, r.state]));
    });
    return byKind;
  }

  private sendJob(cohortId: string, due: SendDue): Job {
    return {
      id: due.id,
      kind: due.send === 'invite' ? 'survey-invite' : 'survey-reminder',
      dueAt: due.dueAt.toUTC().toISO()!,
      cohortId,
      pairId: due.pairId,
      recipientId: due.participantId,
      payload: { survey: due.survey, closesAt: due.closesAt.toUTC().toISO()! },
    };
  }

  /**
   * What a due invitation or reminder means now: the person's survey card to send (with their
   * saved answers), or why not: sent, closed, not theirs, not yet; a reminder waits until its
   * invitation has gone (and two days more), and is dropped if the invitation could not go.
   */
  async prepare(job: Job): Promise<PreparedSend> {
    const send: SurveySendKind = job.kind === 'survey-invite' ? 'invite' : 'reminder';
    const survey = String(job.payload.survey) as SurveyKind;
    const participantId = job.recipientId ?? '';
    if (!SURVEY_KINDS.includes(survey)) return { result: 'skipped' };
    const ctx = await this.surveys.contextFor({
      cohortId: job.cohortId,
      pairId: job.pairId,
      participantId,
    });
    if (!ctx || !isOpen(ctx.cohort)) return { result: 'skipped' };
    const dates = datesOf(ctx.cohort);
    const window = askedWindows(ctx.plan, dates, ctx.pair)[survey];
    if (!window) return { result: 'skipped' };
    const view = await this.surveys.view(ctx, survey, window);
    const now = this.now(dates.timeZone);
    const decision = sendDecision(send, window, view.response?.state, now);
    if (decision.kind === 'none') return { result: 'skipped' };
    if (decision.kind === 'wait') return { result: { retryAt: decision.until.toJSDate() } };
    if (send === 'reminder') {
      const invite = await this.ports.jobs.get(
        surveyJobId('invite', job.cohortId, survey, participantId),
      );
      if (invite?.status === 'pending') {
        return { result: { retryAt: new Date(now.toMillis() + DAY_MS) } };
      }
      if (invite?.status !== 'done') return { result: 'skipped' };
      // An invitation that went late (someone unreachable for a while) is not chased at once.
      const settled = Date.parse(invite.completedAt ?? '') + REMINDER_GAP_MS;
      if (settled > now.toMillis()) return { result: { retryAt: new Date(settled) } };
    }
    return { survey: view };
  }
}
