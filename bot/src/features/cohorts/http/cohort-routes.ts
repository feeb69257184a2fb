import type { Server } from 'restify';
import { ARCHIVED_QUERY, newCohortSchema } from '../../../contracts/cohort-admin';
import { toCsv } from '../../../platform/http/csv-export';
import { httpEtag } from '../../../platform/http/etag';
import { readJson, readTextBytes } from '../../../platform/http/request-body';
import { invalidBody } from '../../../platform/errors';
import {
  type HttpEnv,
  adminRoute,
  authedRoute,
  coordinatorRoute,
} from '../../../platform/http/route';
import { mayRunCohort, maySeeAggregates } from '../../../contracts/roles';
import { AppError } from '../../../platform/errors';
import { cohortAggregate } from '../domain/cohort-figures';
import {
  NO_REASON_GIVEN,
  PAIR_STATE_WORDS,
  type PairHealthRow,
  type RosterImported,
} from '../../../contracts/cohorts';
import { cohortView, pairStateView } from '../domain/views';
import type { CohortService } from '../services/cohort-service';
import type { RosterService } from '../services/roster-service';

/** What the cohort routes use. */
export interface CohortRouteDeps {
  http: HttpEnv;
  cohorts: Pick<CohortService, 'list' | 'get' | 'participants' | 'versionedPairs'>;
  roster: Pick<RosterService, 'createCohort' | 'importRosterFile'>;
  /** The pairs' health (the journey feature works it out). */
  health: { cohortHealth(cohortId: string): Promise<PairHealthRow[]> };
}

/** Cohort administration: coordinators only. */
export function registerCohortRoutes(server: Server, deps: CohortRouteDeps): void {
  const { http, cohorts, roster, health } = deps;
  const limit = http.maxBodyBytes;

  server.get(
    '/api/cohorts',
    coordinatorRoute(http, async ({ req, access }) => {
      // Archived cohorts are hidden unless asked for: ?archived=include.
      const archived = new URL(req.url ?? '/', 'http://x').searchParams.get('archived');
      const withArchived = archived === ARCHIVED_QUERY;
      const runs = (await cohorts.list()).filter((c) => mayRunCohort(access, c.id));
      return {
        body: {
          cohorts: runs.filter((c) => withArchived || c.status !== 'archived').map(cohortView),
        },
      };
    }),
  );

  // A new cohort is the programme admin's: a coordinator runs only the cohorts they are given.
  server.post(
    '/api/cohorts',
    adminRoute(http, async ({ req, caller, log }) => {
      const parsed = newCohortSchema.safeParse(await readJson(req, limit));
      if (!parsed.success) throw invalidBody(parsed.error);
      const cohort = await roster.createCohort(parsed.data, caller);
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
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const etag = httpEtag(cohort.etag);
      return { body: { ...cohortView(cohort.value), etag }, headers: { ETag: etag } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/participants',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const people = await cohorts.participants(cohort.value.id);
      return {
        body: { participants: people.map((p) => ({ ...p, etag: httpEtag(p.etag) })) },
      };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/pairs',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const pairs = await cohorts.versionedPairs(cohort.value.id);
      return { body: { pairs: pairs.map((p) => pairStateView(p.value, httpEtag(p.etag))) } };
    }),
  );

  server.get(
    '/api/cohorts/:cohortId/health',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      return { body: { pairs: await health.cohortHealth(cohort.value.id) } };
    }),
  );

  // A cohort in numbers: its sponsors, its coordinators and programme admins; no names.
  server.get(
    '/api/cohorts/:cohortId/summary',
    authedRoute(http, async ({ params, caller }) => {
      const access = await http.accessOf(caller.userId);
      const cohortId = params.cohortId ?? '';
      if (!maySeeAggregates(access, cohortId)) throw AppError.notFound('No cohort has that id');
      const cohort = await cohorts.get(cohortId);
      const [people, rows] = await Promise.all([
        cohorts.participants(cohortId),
        health.cohortHealth(cohortId),
      ]);
      return { body: cohortAggregate(cohortView(cohort.value), people.length, rows) };
    }),
  );

  // The same table as CSV for the programme's reports (states, counts and dates only).
  server.get(
    '/api/cohorts/:cohortId/health.csv',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const rows = await health.cohortHealth(cohort.value.id);
      const filename = `pair-health-${cohort.value.name.replace(/[^\w-]+/g, '-')}.csv`;
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="${filename}"` },
        text: { contentType: 'text/csv; charset=utf-8', content: healthCsv(rows) },
      };
    }),
  );

  server.post(
    '/api/cohorts/:cohortId/roster',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      if (cohort.value.status === 'archived') {
        throw AppError.coded(
          'conflict',
          'cohort_archived',
          `${cohort.value.name} is archived: it is read-only`,
        );
      }
      const csv = await readTextBytes(req, limit, ['text/csv', 'text/plain']);
      const { imported, readAs } = await roster.importRosterFile(cohort.value.id, csv, caller);
      log.info(
        { cohortId: cohort.value.id, ok: true, ...imported, encoding: readAs.encoding },
        'roster imported',
      );
      const body: RosterImported = { imported, readAs };
      return { status: 201, body };
    }),
  );
}

const PART_WORDS = { mentor: 'mentor', mentee: 'mentee', coordinator: 'programme team' } as const;

function healthCsv(rows: PairHealthRow[]): string {
  return toCsv(
    [
      'Mentor',
      'Mentee',
      'Arrangement',
      'State',
      'Health',
      'Meetings held',
      'Meetings planned',
      'Months missed',
      'Minimum met',
      'Last meeting',
      'Asked for a word',
      'Paused or ended by',
      'Their part',
      'Paused or ended on',
      'Reason',
      'Paused until',
      'Who asked for a word',
    ],
    rows.map((r) => [
      r.mentor,
      r.mentee,
      r.arrangement,
      PAIR_STATE_WORDS[r.state],
      r.healthText,
      r.held,
      r.planned,
      r.missedMonths,
      r.minimumMet ? 'yes' : 'no',
      r.lastContact?.slice(0, 10) ?? '',
      r.askedForCoordinator,
      r.change ? (r.change.byName ?? 'Programme team') : '',
      r.change ? PART_WORDS[r.change.byPart] : '',
      r.change?.at.slice(0, 10) ?? '',
      r.change ? (r.change.reason ?? NO_REASON_GIVEN) : '',
      r.change?.until?.slice(0, 10) ?? '',
      r.askedBy.map((a) => `${a.name} (${a.part}, ${a.at.slice(0, 10)})`).join('; '),
    ]),
  );
}
