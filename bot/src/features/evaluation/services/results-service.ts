import { DateTime } from 'luxon';
import {
  RESPONDENT_ROLES,
  SURVEY_KINDS,
  type EvaluationPlan,
  type RespondentRole,
  type SurveyKind,
} from '../../../contracts/evaluation';
import type { EvaluationResults } from '../../../contracts/evaluation-results';
import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import { AppError } from '../../../platform/errors';
import type { Cohort, Pair } from '../../cohorts';
import { defaultEvaluationPlan } from '../domain/default-plan';
import { breakdownColumn, equalityBreakdowns } from '../domain/breakdowns';
import { participationResults } from '../domain/participation';
import { type Invited, type ScaleAnswers, evaluationResults } from '../domain/results';
import { cohortFrame, openingTimes } from '../domain/survey-window';
import type { EvaluationDeps } from '../ports';
import type { StoredResponse } from '../store/evaluation-repository';
import type { SummaryRepository } from '../store/summary-repository';

/**
 * A cohort's evaluation results for those who may see its aggregates: the cohort, its plan and
 * pairs, and each survey's answers read once (one query per survey), then computed and
 * suppressed by the pure domain (`results.ts`). Only scale points reach the domain: free text
 * never leaves this service.
 */
export class ResultsService {
  constructor(
    private readonly deps: EvaluationDeps,
    private readonly summaries?: Pick<
      SummaryRepository,
      'get' | 'keep' | 'breakdowns' | 'keepBreakdowns'
    >,
  ) {}

  /**
   * Before a closed cohort's personal rows are deleted (retention): keeps its report as it
   * stands, suppressed as it is shown, so it still answers afterwards. A summary kept already
   * stays as it was (a run resumed after the deletion began must not recompute it).
   */
  async keepSummary(cohortId: string): Promise<void> {
    if (!this.summaries) throw new Error('No store for summaries');
    if (await this.summaries.get(cohortId)) return;
    const { results } = await this.reportWith(cohortId);
    await this.summaries.keep(cohortId, { results, keptAt: this.deps.now().toISOString() });
  }

  /**
   * Before a closed cohort's special-category answers are deleted (retention, months before
   * the rest of its rows): keeps its breakdowns, suppressed as shown, so the report still
   * carries them afterwards. Kept once: a second keep leaves the first.
   */
  async keepBreakdowns(cohortId: string): Promise<void> {
    if (!this.summaries) throw new Error('No store for summaries');
    if (await this.summaries.breakdowns(cohortId)) return;
    const [cohort, stored, pairs] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
      this.deps.pairs.listByCohort(cohortId),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const minGroupSize = (stored?.value ?? defaultEvaluationPlan()).minGroupSize;
    const breakdowns = await this.computeBreakdowns(cohortId, pairs, minGroupSize);
    await this.summaries.keepBreakdowns(cohortId, {
      breakdowns,
      keptAt: this.deps.now().toISOString(),
    });
  }

  /** The survey results alone: response rates and the pre/post change of items and domains. */
  async results(cohortId: string): Promise<EvaluationResults> {
    return (await this.compute(cohortId)).results;
  }

  /**
   * The whole report: the survey results, the participation measures (meetings, early
   * endings, the end choice, actions, sessions: each pair's space read once) and the
   * breakdowns by special-category data (counts only, through the applications).
   */
  async report(cohortId: string): Promise<EvaluationResults> {
    return (await this.reportWith(cohortId)).results;
  }

  /** The whole report with the cohort and plan it was read with (the sponsor's files need them). */
  async reportWith(
    cohortId: string,
  ): Promise<{ results: EvaluationResults; cohort: Cohort; plan: EvaluationPlan }> {
    const kept = await this.summaries?.get(cohortId);
    if (kept) return this.retained(cohortId, kept.results, kept.keptAt);
    const { results, cohort, pairs, plan } = await this.compute(cohortId);
    const [participation, breakdowns] = await Promise.all([
      this.participationOf(cohortId, cohort, pairs, plan.minGroupSize),
      this.breakdownsOf(cohortId, pairs, plan.minGroupSize),
    ]);
    return { results: { ...results, participation, breakdowns }, cohort, plan };
  }

  /** A retained cohort answers from its kept summary: the figures frozen when it was kept. */
  private async retained(cohortId: string, results: EvaluationResults, keptAt: string) {
    const [cohort, stored] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const plan = stored?.value ?? defaultEvaluationPlan();
    return { results: { ...results, retainedAt: keptAt }, cohort: cohort.value, plan };
  }

  private async participationOf(
    cohortId: string,
    cohort: Cohort,
    pairs: readonly Pair[],
    minGroupSize: number,
  ) {
    const source = this.deps.participation;
    if (!source) return null;
    const facts = await source.of(cohortId, pairs);
    return participationResults({ minGroupSize, cadence: cohort.cadence, ...facts });
  }

  /**
   * The breakdowns: those kept before the special-category answers were deleted, else counted
   * from the answers there now.
   */
  private async breakdownsOf(cohortId: string, pairs: readonly Pair[], minGroupSize: number) {
    const kept = await this.summaries?.breakdowns(cohortId);
    if (kept) return kept.breakdowns;
    return this.computeBreakdowns(cohortId, pairs, minGroupSize);
  }

  /** The cohort's pairs counted by the mentor's answer and where the pair is. */
  private async computeBreakdowns(cohortId: string, pairs: readonly Pair[], minGroupSize: number) {
    const source = this.deps.equality;
    if (!source) return null;
    const people = pairs.flatMap((pair) => {
      const group = breakdownColumn(pair.state);
      return group ? [{ participantId: pair.mentorId, group }] : [];
    });
    return equalityBreakdowns(await source.countsByGroup(cohortId, people), minGroupSize);
  }

  private async compute(cohortId: string) {
    const [cohort, stored, pairs, ...responses] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
      this.deps.pairs.listByCohort(cohortId),
      ...SURVEY_KINDS.map((survey) => this.deps.store.surveyResponses(cohortId, survey)),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const plan = stored?.value ?? defaultEvaluationPlan();
    const invited = invitedBy(cohort.value, pairs, DateTime.fromJSDate(this.deps.now()));
    const results = evaluationResults(plan, invited, responses.flat().map(scaleAnswersOf));
    return { results, cohort: cohort.value, pairs, plan };
  }
}

/** How many people each survey has been sent to by now (its window opened), by side. */
export function invitedBy(cohort: Cohort, pairs: readonly Pair[], now: DateTime): Invited {
  const people = Object.fromEntries(
    SURVEY_KINDS.map((survey) => [
      survey,
      { mentor: new Set<string>(), mentee: new Set<string>() },
    ]),
  ) as Record<SurveyKind, Record<RespondentRole, Set<string>>>;
  const frame = cohortFrame({
    startDate: cohort.startDate,
    endDate: cohort.endDate,
    timeZone: cohort.timeZone ?? DEFAULT_COHORT_TIME_ZONE,
  });
  const nowMs = now.toMillis();
  for (const pair of pairs) {
    const opens = openingTimes(frame, pair);
    for (const survey of SURVEY_KINDS) {
      const at = opens[survey];
      if (at === undefined || at > nowMs) continue;
      people[survey].mentor.add(pair.mentorId);
      people[survey].mentee.add(pair.menteeId);
    }
  }
  const counts = (survey: SurveyKind) =>
    Object.fromEntries(RESPONDENT_ROLES.map((role) => [role, people[survey][role].size])) as Record<
      RespondentRole,
      number
    >;
  return Object.fromEntries(SURVEY_KINDS.map((s) => [s, counts(s)])) as Invited;
}

/** A stored response as the domain needs it: the scale points only, never any free text. */
export function scaleAnswersOf(response: StoredResponse): ScaleAnswers {
  const values: Record<string, number> = {};
  for (const answer of response.answers) {
    if (answer.kind === 'scale') values[answer.itemId] = answer.value;
  }
  return {
    person: response.participantId,
    role: response.role,
    survey: response.survey,
    state: response.state,
    values,
  };
}
