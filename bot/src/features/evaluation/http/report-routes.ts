import type { Server } from 'restify';
import { maySeeAggregates } from '../../../contracts/roles';
import { AppError } from '../../../platform/errors';
import { type HttpEnv, authedRoute } from '../../../platform/http/route';
import type { ReportFile, ReportService } from '../services/report-service';

export interface ReportRouteDeps {
  http: HttpEnv;
  reports: Pick<ReportService, 'csv' | 'pdf'>;
}

function download<T extends string | Uint8Array>(file: ReportFile<T>, contentType: string) {
  return {
    body: null,
    headers: { 'Content-Disposition': `attachment; filename="${file.filename}"` },
    text: { contentType, content: file.content },
  };
}

/**
 * The sponsor's report of a cohort's evaluation: the board-ready PDF and the CSV of aggregates,
 * for the same people as the results (those who run the cohort and its sponsors); anyone else
 * gets 404 as if the cohort did not exist. Aggregates only, after suppression.
 */
export function registerReportRoutes(server: Server, deps: ReportRouteDeps): void {
  const { http, reports } = deps;
  const base = '/api/cohorts/:cohortId/evaluation';

  server.get(
    `${base}/report.csv`,
    authedRoute(http, async ({ params, caller, log }) => {
      const cohortId = params.cohortId!;
      if (!maySeeAggregates(await http.accessOf(caller.userId), cohortId)) {
        throw AppError.notFound('No cohort has that id');
      }
      const file = await reports.csv(cohortId);
      log.info({ cohortId, format: 'csv' }, 'evaluation report exported');
      return download(file, 'text/csv; charset=utf-8');
    }),
  );

  server.get(
    `${base}/report.pdf`,
    authedRoute(http, async ({ params, caller, log }) => {
      const cohortId = params.cohortId!;
      if (!maySeeAggregates(await http.accessOf(caller.userId), cohortId)) {
        throw AppError.notFound('No cohort has that id');
      }
      const file = await reports.pdf(cohortId);
      log.info(
        { cohortId, format: 'pdf', bytes: file.content.length },
        'evaluation report exported',
      );
      return download(file, 'application/pdf');
    }),
  );
}
