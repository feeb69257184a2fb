/**
 * `npm run bench:evaluation`: a cohort of 10,000 participants (5,000 pairs) whose baseline and
 * final answers (20 scale items each) are written to embedded Azurite (in memory), then the
 * cohort's evaluation results computed by the results service from storage, as the results
 * route does. Prints the time of read + compute (goal: at most 2 s) and the storage requests
 * it made (requests, entities read, by operation), counted on the wire.
 * `EVALUATION_PARTICIPANTS=10000` chooses the size (an even number).
 */
import os from 'node:os';
import { DateTime } from 'luxon';
import {
  CONFIDENCE_DOMAINS,
  SURVEY_KINDS,
  type EvaluationPlan,
  type ScaleItem,
  type SurveyKind,
} from '../src/contracts/evaluation';
import { DEFAULT_CADENCE } from '../src/contracts/cohorts';
import { CohortRepository, type Cohort, type Pair, PairRepository } from '../src/features/cohorts';
import {
  CONFIDENCE_SCALE,
  createEvaluation,
  defaultEvaluationPlan,
  evaluationResults,
  validatePlan,
} from '../src/features/evaluation/index';
import {
  EvaluationRepository,
  type StoredResponse,
} from '../src/features/evaluation/store/evaluation-repository';
import { invitedBy, scaleAnswersOf } from '../src/features/evaluation/services/results-service';
import { participationFactsFrom } from '../src/app/participation-facts';
import { PairSpaceRepository } from '../src/features/journey/index';
import { EventRepository } from '../src/features/calendar/index';
import { eachLimited } from '../src/platform/storage/batch';
import { startEmbeddedStorage } from '../src/platform/storage/embedded-azurite';
import { CountingTableStore } from './counting-table-store';

const PARTICIPANTS = Number(process.env.EVALUATION_PARTICIPANTS ?? '10000');
const ITEMS = 20;
const COHORT_ID = 'c0000000-0000-4000-8000-00000000e001';
const NOW = new Date('2027-09-30T12:00:00Z');

/** A plan of 20 confidence items for both sides, spread over the seven domains. */
function benchPlan(): EvaluationPlan {
  const items: ScaleItem[] = Array.from({ length: ITEMS }, (_, i) => ({
    id: `item${i}`,
    kind: 'scale',
    audience: 'both',
    text: `Confidence item ${i + 1}`,
    scale: CONFIDENCE_SCALE,
    domain: CONFIDENCE_DOMAINS[i % CONFIDENCE_DOMAINS.length]!,
  }));
  const checked = validatePlan({
    version: 1,
    minGroupSize: 5,
    surveys: {
      baseline: { openDays: 14, items },
      pulse: defaultEvaluationPlan().surveys.pulse,
      final: { openDays: 21, items },
    },
  });
  if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
  return checked.plan;
}

const participantId = (i: number) => `p${String(i).padStart(6, '0')}`;

/** A small deterministic generator, so every run writes the same answers. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function responses(survey: SurveyKind, rise: number, next: () => number): StoredResponse[] {
  return Array.from({ length: PARTICIPANTS }, (_, i) => ({
    cohortId: COHORT_ID,
    survey,
    participantId: participantId(i),
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    planVersion: 1,
    state: 'submitted',
    answers: Array.from({ length: ITEMS }, (_, k) => ({
      itemId: `item${k}`,
      kind: 'scale' as const,
      value: Math.min(5, 1 + Math.floor(next() * 4) + (next() < rise ? 1 : 0)),
    })),
    savedAt: NOW.toISOString(),
    submittedAt: NOW.toISOString(),
  }));
}

async function main(): Promise<void> {
  const storage = await startEmbeddedStorage({ inMemory: true });
  const store = new CountingTableStore(storage.connectionString);
  try {
    await store.ensureTables();
    const cohorts = new CohortRepository(store);
    const pairs = new PairRepository(store);
    const evaluation = new EvaluationRepository(store);
    const cohort: Cohort = {
      id: COHORT_ID,
      name: 'Evaluation bench',
      startDate: '2027-03-01',
      endDate: '2027-08-31',
      cadence: DEFAULT_CADENCE,
      isDemo: false,
      createdBy: 'bench',
      createdAt: '2027-02-01T09:00:00Z',
    };
    await cohorts.create(cohort);
    await evaluation.createPlan(COHORT_ID, benchPlan());
    const madePairs: Pair[] = Array.from({ length: PARTICIPANTS / 2 }, (_, i) => ({
      id: `pair${String(i).padStart(6, '0')}`,
      cohortId: COHORT_ID,
      mentorId: participantId(2 * i),
      menteeId: participantId(2 * i + 1),
      arrangement: 'reverse',
      state: 'completed',
      createdAt: '2027-02-20T09:00:00Z',
      updatedAt: '2027-08-31T09:00:00Z',
    }));
    await pairs.createMany(COHORT_ID, madePairs);
    const next = random(16);
    const written = performance.now();
    for (const [survey, rise] of [
      ['baseline', 0],
      ['final', 0.4],
    ] as const) {
      const all = responses(survey, rise, next);
      const chunks = Array.from({ length: Math.ceil(all.length / 100) }, (_, i) =>
        all.slice(i * 100, i * 100 + 100),
      );
      await eachLimited(chunks, 8, (chunk) => evaluation.createResponses(COHORT_ID, survey, chunk));
    }
    console.log(
      `wrote ${PARTICIPANTS} participants' baseline and final (${ITEMS} items each) ` +
        `in ${((performance.now() - written) / 1000).toFixed(1)} s`,
    );

    const { results } = createEvaluation(store, {
      cohorts,
      pairs,
      membershipsOf: async () => [],
      audit: { record: async () => undefined } as never,
      now: () => NOW,
      participation: participationFactsFrom(
        new PairSpaceRepository(store),
        new EventRepository(store),
      ),
    });
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const run of ['first', 'second']) {
      store.reset();
      const started = performance.now();
      const computed = await results.results(COHORT_ID);
      const ms = performance.now() - started;
      const { stats } = store;
      const total = computed.domains.find((d) => d.domain === 'total' && d.group === 'all');
      const shown = total?.change.shown ? total.change : undefined;
      console.log(
        `results (${run} run): ${ms.toFixed(0)} ms read + compute (goal <= 2000 ms), ` +
          `${stats.requests} storage requests, ${stats.entitiesRead} rows read; ` +
          `total n=${shown?.n ?? '-'}, median difference ${shown?.medianDifference ?? '-'}, ` +
          `p ${shown?.pValue ?? '-'} (${shown?.method ?? '-'})`,
      );
      const ops = [...stats.byOperation.entries()].sort(([a], [b]) => a.localeCompare(b));
      for (const [op, { count }] of ops) console.log(`  ${op.padEnd(32)} ${count}`);
    }
    // The whole report the route returns: the survey results and the participation measures,
    // which read each pair's space once (here 5,000 pairs, one query each).
    store.reset();
    const reportStarted = performance.now();
    const report = await results.report(COHORT_ID);
    const reportMs = performance.now() - reportStarted;
    console.log(
      `whole report with participation: ${reportMs.toFixed(0)} ms, ` +
        `${store.stats.requests} storage requests, ${store.stats.entitiesRead} rows read ` +
        `(participation ${report.participation ? 'computed' : 'missing'})`,
    );
    // Where the time goes: the same reads alone, then the domain alone on what they returned.
    const readStarted = performance.now();
    const [readPairs, ...answers] = await Promise.all([
      pairs.listByCohort(COHORT_ID),
      ...SURVEY_KINDS.map((survey) => evaluation.surveyResponses(COHORT_ID, survey)),
    ]);
    const readMs = performance.now() - readStarted;
    const computeStarted = performance.now();
    const invited = invitedBy(cohort, readPairs, DateTime.fromJSDate(NOW));
    evaluationResults(benchPlan(), invited, answers.flat().map(scaleAnswersOf));
    const computeMs = performance.now() - computeStarted;
    console.log(
      `of which: reading pairs and answers ${readMs.toFixed(0)} ms, ` +
        `computing the results ${computeMs.toFixed(0)} ms`,
    );
    const surveys = SURVEY_KINDS.length;
    console.log(
      `expected reads: 1 cohort + 1 plan + pair pages + ${surveys} surveys' pages (1,000 rows a page)`,
    );
  } finally {
    await storage.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
