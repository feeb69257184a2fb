import { odata } from '@azure/data-tables';
import {
  type Answer,
  type EvaluationPlan,
  type RespondentRole,
  type ResponseState,
  type SurveyKind,
  evaluationPlanSchema,
} from '../../../contracts/evaluation';
import { insertPartition } from '../../../platform/storage/batch';
import type { TableStore } from '../../../platform/storage/table-store';
import {
  type Versioned,
  getRow,
  insertRow,
  num,
  pagesOf,
  listPartition,
  replaceRow,
  str,
} from '../../../platform/storage/versioned';

/**
 * Evaluation plans and answers (docs/storage.md).
 *
 * - `EvaluationPlans`: PartitionKey `plan`, RowKey cohort id; the plan as JSON, its `version`,
 *   guarded by the row's ETag.
 * - `EvaluationResponses`: PartitionKey `{cohortId}|{survey}`, RowKey participant id; one row
 *   per person and survey holding the partial and then the submitted answers (`state`). A
 *   cohort's results read each survey's partition once, one query per survey, every row once.
 *
 * Answers are confidential: only their author reads their own row through the API; nothing
 * else leaves this store but aggregates.
 */

const PLAN_PARTITION = 'plan';

/** One person's answers to one survey, as stored. */
export interface StoredResponse {
  cohortId: string;
  survey: SurveyKind;
  participantId: string;
  role: RespondentRole;
  planVersion: number;
  state: ResponseState;
  answers: Answer[];
  /** ISO date-times. */
  savedAt: string;
  submittedAt?: string;
}

export const responsePartition = (cohortId: string, survey: SurveyKind) => `${cohortId}|${survey}`;

export class EvaluationRepository {
  constructor(private readonly store: TableStore) {}

  private get plans() {
    return this.store.table('evaluationPlans');
  }

  private get responses() {
    return this.store.table('evaluationResponses');
  }

  async plan(cohortId: string): Promise<Versioned<EvaluationPlan> | undefined> {
    const row = await getRow(this.plans, PLAN_PARTITION, cohortId);
    return row
      ? { value: evaluationPlanSchema.parse(JSON.parse(str(row, 'data'))), etag: row.etag }
      : undefined;
  }

  private planRow(cohortId: string, plan: EvaluationPlan) {
    return {
      partitionKey: PLAN_PARTITION,
      rowKey: cohortId,
      version: plan.version,
      data: JSON.stringify(plan),
    };
  }

  /** The first save (a second first save loses: 412 with the saved plan). */
  createPlan(cohortId: string, plan: EvaluationPlan): Promise<string> {
    return insertRow(this.plans, this.planRow(cohortId, plan), 'The evaluation plan');
  }

  updatePlan(cohortId: string, plan: EvaluationPlan, etag: string): Promise<string> {
    return replaceRow(this.plans, this.planRow(cohortId, plan), etag, 'The evaluation plan', () =>
      this.plan(cohortId),
    );
  }

  /** Whether anyone in the cohort has saved any answer (partial included): one small query. */
  async anyResponse(cohortId: string): Promise<boolean> {
    const filter = odata`PartitionKey ge ${`${cohortId}|`} and PartitionKey lt ${`${cohortId}}`}`;
    for await (const page of pagesOf(this.responses, filter, 1)) {
      if (page.length > 0) return true;
    }
    return false;
  }

  async response(
    cohortId: string,
    survey: SurveyKind,
    participantId: string,
  ): Promise<Versioned<StoredResponse> | undefined> {
    const row = await getRow(this.responses, responsePartition(cohortId, survey), participantId);
    return row ? { value: fromRow(cohortId, survey, row), etag: row.etag } : undefined;
  }

  /** A survey's every response in the cohort: one query over one partition. */
  async surveyResponses(cohortId: string, survey: SurveyKind): Promise<StoredResponse[]> {
    const rows = await listPartition(this.responses, responsePartition(cohortId, survey));
    return rows.map((row) => fromRow(cohortId, survey, row));
  }

  /** The first save of a person's answers; a second first save loses (412, nothing saved). */
  createResponse(response: StoredResponse): Promise<string> {
    return insertRow(this.responses, toRow(response), 'Your answers');
  }

  /** Many first answers of one survey at once, in transactions of 100 (seeding, benchmarks). */
  async createResponses(cohortId: string, survey: SurveyKind, responses: StoredResponse[]) {
    const rows = responses.map((r) => toRow({ ...r, cohortId, survey }));
    await insertPartition(this.responses, rows, 'An answer');
  }

  /** Replaces a person's answers only if unchanged since `etag` was read (else 412). */
  updateResponse(response: StoredResponse, etag: string): Promise<string> {
    const { cohortId, survey, participantId } = response;
    // The 412 carries the latest saved answers: the author's own, so the tab can offer them.
    return replaceRow(this.responses, toRow(response), etag, 'Your answers', () =>
      this.response(cohortId, survey, participantId),
    );
  }
}

function toRow(r: StoredResponse) {
  return {
    partitionKey: responsePartition(r.cohortId, r.survey),
    rowKey: r.participantId,
    role: r.role,
    planVersion: r.planVersion,
    state: r.state,
    answers: JSON.stringify(r.answers),
    savedAt: r.savedAt,
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
  };
}

function fromRow(
  cohortId: string,
  survey: SurveyKind,
  row: Record<string, unknown>,
): StoredResponse {
  const submittedAt = str(row, 'submittedAt');
  return {
    cohortId,
    survey,
    participantId: str(row, 'rowKey'),
    role: str(row, 'role') as RespondentRole,
    planVersion: num(row, 'planVersion'),
    state: str(row, 'state') as ResponseState,
    answers: JSON.parse(str(row, 'answers') || '[]') as Answer[],
    savedAt: str(row, 'savedAt'),
    ...(submittedAt ? { submittedAt } : {}),
  };
}
