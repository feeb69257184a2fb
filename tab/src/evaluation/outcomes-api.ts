import type { EvaluationPlanDetail } from '../../../bot/src/contracts/evaluation-api';
import {
  type EvaluationQuotes,
  evaluationQuotesSchema,
} from '../../../bot/src/contracts/evaluation-quotes';
import {
  type EvaluationResults,
  evaluationResultsSchema,
} from '../../../bot/src/contracts/evaluation-results';
import { ApiRequestError, type ApiClient } from '../app/api-client';
import { saveFile } from '../shared/save-file';

/** The tab's calls for a cohort's outcomes: its results, its plan's words and its reports. */

const evaluationPath = (cohortId: string) =>
  `/api/cohorts/${encodeURIComponent(cohortId)}/evaluation`;

/** The results, checked against the contract: a figure that is not as promised is never shown. */
export async function getResults(client: ApiClient, cohortId: string): Promise<EvaluationResults> {
  const body = await client.request<unknown>(`${evaluationPath(cohortId)}/results`);
  const parsed = evaluationResultsSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(
      0,
      'unexpected_results',
      'The results came back in a form we did not expect. Try again in a minute.',
    );
  }
  return parsed.data;
}

/** The quotable free text (those who run the cohort only), checked against the contract. */
export async function getQuotes(client: ApiClient, cohortId: string): Promise<EvaluationQuotes> {
  const body = await client.request<unknown>(`${evaluationPath(cohortId)}/quotes`);
  return evaluationQuotesSchema.parse(body);
}

/** The plan, for the items' words (those who run the cohort only). */
export function getPlan(client: ApiClient, cohortId: string): Promise<EvaluationPlanDetail> {
  return client.request<EvaluationPlanDetail>(`${evaluationPath(cohortId)}/plan`);
}

export type ReportFormat = 'pdf' | 'csv';

const REPORT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
};

/** The report's address: `…/evaluation/report.pdf` or `…/report.csv`. */
export function reportPath(cohortId: string, format: ReportFormat): string {
  return `${evaluationPath(cohortId)}/report.${format}`;
}

/** A file name people recognise: "outcomes-leeds-cohort-2027-2027-09-01.pdf". */
export function reportFilename(cohortName: string, format: ReportFormat, today = new Date()) {
  const slug =
    cohortName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cohort';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `outcomes-${slug}-${date}.${format}`;
}

/** Fetches the report with the tab's sign-in and saves it; throws ApiRequestError on refusal. */
export async function downloadReport(
  client: ApiClient,
  cohortId: string,
  cohortName: string,
  format: ReportFormat,
): Promise<string> {
  const blob = await client.requestBlob(reportPath(cohortId, format));
  const filename = reportFilename(cohortName, format);
  saveFile(blob, filename, REPORT_TYPES[format]);
  return filename;
}
