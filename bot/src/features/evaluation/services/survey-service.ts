import { DateTime } from 'luxon';
import type { MyResponse, MySurveys, OpenSurvey } from '../../../contracts/evaluation-api';
import type { SaveSurveyAnswers } from '../../../contracts/evaluation-api';
import {
  SURVEY_KINDS,
  type EvaluationPlan,
  type RespondentRole,
  type SurveyKind,
} from '../../../contracts/evaluation';
import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import { type Cohort, type Membership, type Pair, partnerOf } from '../../cohorts';
import { responseProblems } from '../domain/answers';
import { defaultEvaluationPlan } from '../domain/default-plan';
import { itemsFor } from '../domain/plan-rules';
import {
  type SurveyWindow,
  closingWords,
  surveyWindows,
  windowState,
} from '../domain/survey-window';
import type { EvaluationDeps } from '../ports';
import type { StoredResponse } from '../store/evaluation-repository';

/**
 * A person's own surveys: those open to them now (the items of their side, their own saved
 * answers, the closing date), and saving their answers part way or sending them. Only ever the
 * caller's own row: no route reads anyone else's answers.
 */

/** Whose survey: a person in one pair of a cohort. */
export interface SurveyPerson {
  cohortId: string;
  pairId: string;
  participantId: string;
}

/** One person's surveys, read once: their side, cohort, pair and the cohort's plan. */
export interface SurveyContext {
  membership: SurveyPerson;
  /** The side they are on in their pair (a person who signed up as "either" has one here). */
  role: RespondentRole;
  cohort: Cohort;
  pair: Pair;
  plan: EvaluationPlan;
  zone: string;
}

const NOT_YOURS = 'You have no survey in that cohort';

export class SurveyService {
  constructor(private readonly deps: EvaluationDeps) {}

  private async contextOf(membership: Membership): Promise<SurveyContext | undefined> {
    const { cohortId, pairId, participantId } = membership;
    return pairId ? this.contextFor({ cohortId, pairId, participantId }) : undefined;
  }

  /** A person's survey context (the scheduled sending's entry); undefined when not theirs. */
  async contextFor(membership: SurveyPerson): Promise<SurveyContext | undefined> {
    const { cohortId, pairId } = membership;
    const [cohort, pair, stored] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.pairs.get(cohortId, pairId),
      this.deps.store.plan(cohortId),
    ]);
    const side = pair?.value.mentorId === membership.participantId ? 'mentor' : 'mentee';
    if (!cohort || !pair || partnerOf(pair.value, membership.participantId) === undefined) {
      return undefined;
    }
    return {
      membership,
      role: side,
      cohort: cohort.value,
      pair: pair.value,
      plan: stored?.value ?? defaultEvaluationPlan(),
      zone: cohort.value.timeZone ?? DEFAULT_COHORT_TIME_ZONE,
    };
  }

  private windowsOf(ctx: SurveyContext) {
    return surveyWindows(
      ctx.plan,
      { startDate: ctx.cohort.startDate, endDate: ctx.cohort.endDate, timeZone: ctx.zone },
      ctx.pair,
    );
  }

  private nowIn(zone: string): DateTime {
    return DateTime.fromJSDate(this.deps.now()).setZone(zone);
  }

  /** The surveys open to the caller now, in every cohort they are paired in. */
  async mine(userId: string): Promise<MySurveys> {
    const memberships = await this.deps.membershipsOf(userId);
    const found = await Promise.all(
      memberships.map(async (membership) => {
        const ctx = await this.contextOf(membership);
        if (!ctx) return [];
        const windows = this.windowsOf(ctx);
        const now = this.nowIn(ctx.zone);
        const open = SURVEY_KINDS.filter((kind) => {
          const window = windows[kind];
          return window !== undefined && windowState(window, now) === 'open';
        });
        return Promise.all(open.map((kind) => this.view(ctx, kind, windows[kind]!)));
      }),
    );
    return { surveys: found.flat() };
  }

  /** One survey as its card and the tab show it: the side's items, own saved answers, closing. */
  async view(ctx: SurveyContext, survey: SurveyKind, window: SurveyWindow): Promise<OpenSurvey> {
    const { cohort, membership, plan, role } = ctx;
    const saved = await this.deps.store.response(cohort.id, survey, membership.participantId);
    return {
      cohortId: cohort.id,
      cohortName: cohort.name,
      survey,
      role,
      planVersion: plan.version,
      items: itemsFor(plan.surveys[survey], role),
      opensAt: window.opensAt.toISO() ?? '',
      closesAt: window.closesAt.toISO() ?? '',
      closesOn: closingWords(window),
      response: saved ? ownView(saved) : null,
    };
  }

  /**
   * The caller's context and the survey's window when the survey is open to them now; else the
   * refusal: not theirs or not open yet (404, like a survey that does not exist), or closed (409
   * `survey_closed`, with the closing date in words).
   */
  private async openFor(userId: string, cohortId: string, survey: string) {
    if (!(SURVEY_KINDS as readonly string[]).includes(survey)) throw AppError.notFound(NOT_YOURS);
    const kind = survey as SurveyKind;
    const membership = (await this.deps.membershipsOf(userId)).find((m) => m.cohortId === cohortId);
    const ctx = membership ? await this.contextOf(membership) : undefined;
    if (!ctx) throw AppError.notFound(NOT_YOURS);
    const window = this.windowsOf(ctx)[kind];
    const state = window ? windowState(window, this.nowIn(ctx.zone)) : 'upcoming';
    if (!window || state === 'upcoming') {
      throw AppError.notFound('This survey is not open to you yet');
    }
    if (state === 'closed') {
      throw AppError.coded(
        'conflict',
        'survey_closed',
        `This survey closed at ${closingWords(window)}; late answers cannot be kept`,
      );
    }
    return { ctx, kind, window };
  }

  /** One survey open to the caller now, with their own saved answers; else the refusal. */
  async openSurvey(userId: string, cohortId: string, survey: string): Promise<OpenSurvey> {
    const { ctx, kind, window } = await this.openFor(userId, cohortId, survey);
    return this.view(ctx, kind, window);
  }

  /**
   * Saves the caller's answers to one survey: checked by `responseProblems` (each problem naming
   * its field), refused once the survey has closed (with the date in words) or once sent, and
   * guarded by the `etag` last read, so a tab and a chat card saving at once never overwrite
   * each other silently (412, nothing saved).
   */
  async save(
    userId: string,
    cohortId: string,
    survey: string,
    /** The body as parsed by the contract, its `etag` as storage wrote it. */
    input: SaveSurveyAnswers,
  ): Promise<MyResponse> {
    const { ctx, kind } = await this.openFor(userId, cohortId, survey);
    const { role } = ctx;
    const { participantId } = ctx.membership;
    const existing = await this.deps.store.response(cohortId, kind, participantId);
    if (existing?.value.state === 'submitted') {
      throw AppError.coded(
        'conflict',
        'already_submitted',
        'You have already sent this survey; sent answers cannot be changed',
      );
    }
    const problems = responseProblems(ctx.plan, role, { survey: kind, ...input });
    if (problems.length > 0) throw AppError.invalidFields(problems);
    const etag = etagFor(input.etag, existing);
    const now = this.deps.now().toISOString();
    const response: StoredResponse = {
      cohortId,
      survey: kind,
      participantId,
      role,
      planVersion: input.planVersion,
      state: input.state,
      answers: input.answers,
      savedAt: now,
      ...(input.state === 'submitted' ? { submittedAt: now } : {}),
    };
    const saved =
      etag === undefined
        ? await this.deps.store.createResponse(response)
        : await this.deps.store.updateResponse(response, etag);
    return ownView({ value: response, etag: saved });
  }
}

/** The version a save replaces; a save over saved answers must name the one it read. */
function etagFor(
  given: string | undefined,
  existing: Versioned<StoredResponse> | undefined,
): string | undefined {
  if (given !== undefined || !existing) return given;
  throw AppError.coded(
    'stale',
    'precondition_failed',
    'Your answers were saved elsewhere since you opened this survey; open it again (nothing was saved)',
  );
}

function ownView(saved: Versioned<StoredResponse>): MyResponse {
  return {
    state: saved.value.state,
    answers: saved.value.answers,
    savedAt: saved.value.savedAt,
    etag: saved.etag,
  };
}
