import type { Server } from 'restify';
import type { AppContext } from '../../../app/app-context';
import { newCohortSchema } from '../domain/cohort';
import { readJson, readText } from '../../../platform/http/request-body';
import { AppError, invalidBody } from '../../../platform/errors';
import { coordinatorRoute } from '../../../platform/http/route';
import { stringify } from 'csv-stringify/sync';
import { cohortHealth } from '../../journey/services/cohort-health';
import { cohortView, pairStateView, participantView } from './views';

/** Cohort administration: coordinators only. */
export function registerCohortRoutes(server: Server, ctx: AppContext): void {
  const limit = ctx.config.maxBodyBytes;

  async function cohortOr404(id: string) {
    const cohort = await ctx.repos.cohorts.get(id);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    return cohort;
  }

  server.get(
    '/api/cohorts',
    coordinatorRoute(ctx.http, async () => ({
      body: { cohorts: (await ctx.repos.cohorts.list()).map(cohortView) },
    })),
  );

  server.post(
    '/api/cohorts',
    coordinatorRoute(ctx.http, async ({ req, caller, log }) => {
      const parsed = newCohortSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const cohort = await ctx.roster.createCohort(parsed.data, caller.userId);
      log.info({ cohortId: cohort.id }, 'cohort created');
      return {
        status: 201,
        body: cohortView(cohort),
        headers: { Location: `/api/cohorts/${cohort.id}` },
      };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId',
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      return { body: cohortView(cohort.value), headers: { ETag: cohort.etag } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/participants',
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const [people, pairs] = await Promise.all([
        ctx.repos.participants.listByCohort(cohort.value.id),
        ctx.repos.pairs.listByCohort(cohort.value.id),
      ]);
      const pairOf = new Map<string, string>();
      for (const pair of pairs) {
        pairOf.set(pair.mentorId, pair.id);
        pairOf.set(pair.menteeId, pair.id);
      }
      return { body: { participants: people.map((p) => participantView(p, pairOf.get(p.id))) } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/pairs',
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const pairs = await ctx.repos.pairs.listByCohort(cohort.value.id);
      return { body: { pairs: pairs.map(pairStateView) } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/health',
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      return { body: { pairs: await cohortHealth(ctx.repos, cohort.value.id) } };
    }),
  );

  // The same table as CSV for the programme's reports (states, counts and dates only).
  server.get(
    '/api/cohorts/:cohortId/health.csv',
    coordinatorRoute(ctx.http, async ({ params }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const rows = await cohortHealth(ctx.repos, cohort.value.id);
      const filename = `pair-health-${cohort.value.name.replace(/[^\w-]+/g, '-')}.csv`;
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="${filename}"` },
        text: {
          contentType: 'text/csv; charset=utf-8',
          content: stringify(
            rows.map((r) => [
              r.mentor,
              r.mentee,
              r.arrangement,
              r.healthText,
              r.held,
              r.planned,
              r.minimumMet ? 'yes' : 'no',
              r.lastContact?.slice(0, 10) ?? '',
              r.askedForCoordinator,
            ]),
            {
              header: true,
              columns: [
                'Mentor',
                'Mentee',
                'Arrangement',
                'Health',
                'Meetings held',
                'Meetings planned',
                'Minimum met',
                'Last meeting',
                'Asked for a word',
              ],
            },
          ),
        },
      };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/roster',
    coordinatorRoute(ctx.http, async ({ req, params, log }) => {
      const cohort = await cohortOr404(params.cohortId ?? '');
      const csv = await readText(req, limit, ['text/csv', 'text/plain']);
      const outcome = await ctx.roster.importRoster(cohort.value.id, csv);
      if (!outcome.ok) {
        const first = outcome.problems[0]!;
        const where =
          first.line > 0
            ? `line ${first.line}${first.column ? `, column ${first.column}` : ''}: `
            : '';
        throw AppError.coded(
          'invalid',
          'invalid_roster',
          `Nothing was imported. ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'} to fix, starting with ${where}${first.message}`,
          { problems: outcome.problems },
        );
      }
      log.info({ cohortId: cohort.value.id, ...outcome }, 'roster imported');
      return {
        status: 201,
        body: { imported: { participants: outcome.participants, pairs: outcome.pairs } },
      };
    }),
  );
}
