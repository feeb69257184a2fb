import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  scoreReversePool,
  solveReversePool,
  type MatchCandidate,
  type MatchInput,
} from '../src/features/matching';
import { benchReciprocal } from './bench-reciprocal';
import { rng } from './generated-cohorts';

/**
 * How long the reverse-pool engine takes on generated, realistic cohorts: organisations
 * with reporting-line trees, a ten-band ladder (mentors from the junior bands, mentees from
 * the senior ones), perspectives, meeting modes, availability, and 5% of all pairs forbidden
 * by the never-pair and earlier-cohort lists. Prints scoring time, solve time, the total,
 * peak RSS and the machine's load.
 *
 *   npm run bench:matching                   (40, 1,000 then 5,000 a side)
 *   BENCH_SIZES=40,1000 npm run bench:matching
 *   BENCH_AIM=best-fit npm run bench:matching   (the other aim)
 */

const PERSPECTIVES = [
  'disability',
  'ethnicity',
  'lgbtq+',
  'carer',
  'faith',
  'neurodivergence',
  'first-generation',
  'international',
];
const SLOTS = [
  'mon-am',
  'mon-pm',
  'tue-am',
  'tue-pm',
  'wed-am',
  'wed-pm',
  'thu-am',
  'thu-pm',
  'fri-am',
  'fri-pm',
];
const PLACES = ['Leeds', 'York', 'Bradford', 'Hull'];
/** Opaque lived-experience tokens, as the application form would derive them. */
const LIVED = ['le-01', 'le-02', 'le-03', 'le-04', 'le-05', 'le-06', 'le-07', 'le-08', 'le-09'];
const ORGS = ['Trust A', 'Trust B', 'Trust C', 'ICB', 'Community Trust'];

function cohort(side: number, seed = 42): MatchInput {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const some = (list: readonly string[], max: number): string[] =>
    list.filter(() => rand() < max / list.length);
  // Everyone sits in an organisation's tree; a manager is a more senior person in the same one.
  const byOrgAndBand = new Map<string, string[]>();
  const candidates: MatchCandidate[] = [];
  const people = Array.from({ length: side * 2 }, (_, i) => {
    const role = i < side ? ('mentor' as const) : ('mentee' as const);
    const bandIndex = role === 'mentor' ? Math.floor(rand() * 5) : 5 + Math.floor(rand() * 5);
    return { id: `${role}-${i}`, role, bandIndex, organisation: pick(ORGS) };
  });
  for (const p of [...people].sort((a, b) => b.bandIndex - a.bandIndex)) {
    // The nearest more senior people (at most 50 are drawn from).
    const above: string[] = [];
    for (let b = p.bandIndex + 1; b < 10 && above.length < 50; b++)
      for (const id of byOrgAndBand.get(`${p.organisation}/${b}`) ?? []) {
        if (above.length === 50) break;
        above.push(id);
      }
    const key = `${p.organisation}/${p.bandIndex}`;
    const same = byOrgAndBand.get(key) ?? [];
    same.push(p.id);
    byOrgAndBand.set(key, same);
    const mode = pick(['online', 'online', 'either', 'in-person'] as const);
    candidates.push({
      ...p,
      lineManagerId: above.length
        ? above[Math.floor(rand() * Math.min(above.length, 50))]
        : `${p.organisation}-chief`,
      perspectivesShared: some(PERSPECTIVES, 3),
      perspectivesWanted: some(PERSPECTIVES, 3),
      meetingMode: mode,
      location: pick(PLACES),
      availability: some(SLOTS, 4),
      // About half answer the optional questions.
      livedExperience: rand() < 0.5 ? some(LIVED, 2) : [],
    });
  }
  const forbidden = Math.round(side * side * 0.05);
  const list = (count: number): [string, string][] =>
    Array.from({ length: count }, () => [
      `mentor-${Math.floor(rand() * side)}`,
      `mentee-${side + Math.floor(rand() * side)}`,
    ]);
  return {
    candidates,
    settings: {
      minimumBandGap: 2,
      aim: process.env.BENCH_AIM === 'best-fit' ? 'best-fit' : 'most-matched',
    },
    neverPair: list(Math.round(forbidden * 0.6)),
    previousPairs: list(forbidden - Math.round(forbidden * 0.6)),
    lockedPairs: [],
  };
}

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Machine-wide figures printed after each measurement: peak memory and load. */
function machine(): string[] {
  return [
    `  peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    `  load average (1, 5, 15 min) ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} on ${os.cpus().length} cores`,
  ];
}

/** The reverse pool (mentors x mentees): scoring, then solving, timed apart. */
function measureReverse(side: number): void {
  const input = cohort(side);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const scored = scoreReversePool(input);
  const t1 = performance.now();
  const cpuScore = cpuMs(cpu0);
  const cpu1 = process.cpuUsage();
  const proposal = solveReversePool(scored);
  const t2 = performance.now();
  const cpuSolve = cpuMs(cpu1);
  console.log(
    [
      `reverse pool: ${side} mentors x ${side} mentees (aim ${input.settings.aim})`,
      `  scoring ${ms(t1 - t0)}, solving ${ms(t2 - t1)}, together ${ms(t2 - t0)} (wall clock)`,
      `  CPU time: scoring ${ms(cpuScore)}, solving ${ms(cpuSolve)}, together ${ms(cpuScore + cpuSolve)}`,
      `  ${proposal.pairs.length} pairs, total fit ${proposal.totalScore}, ${proposal.unmatched.length} unmatched`,
      ...machine(),
    ].join('\n'),
  );
}

const sizes = (process.env.BENCH_SIZES ?? '40,1000,5000').split(',').map(Number);
for (const side of sizes) measureReverse(side);
benchReciprocal();
