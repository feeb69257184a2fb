import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { scoreReciprocalPool, solveReciprocalPool } from '../src/features/matching';
import { reciprocalCohort } from './generated-cohorts';

/**
 * The reciprocal part of `npm run bench:matching`: generated pools where anyone may pair with
 * anyone (reporting-line trees, ten bands, perspectives, modes, availability, 5% of all pairs
 * forbidden by the lists), scored then solved by the blossom solver, for each aim.
 *
 *   RECIPROCAL_SIZES=40,1000 npm run bench:matching      (the default; 0 skips)
 */
export function benchReciprocal(): void {
  const sizes = (process.env.RECIPROCAL_SIZES ?? '40,1000').split(',').map(Number);
  for (const size of sizes.filter((s) => s > 0)) {
    for (const aim of ['most-matched', 'best-fit'] as const) {
      const input = reciprocalCohort(size, 42, aim);
      const t0 = performance.now();
      const scored = scoreReciprocalPool(input);
      const t1 = performance.now();
      const proposal = solveReciprocalPool(scored);
      const t2 = performance.now();
      const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
      console.log(
        [
          `reciprocal pool of ${size} (aim ${aim})`,
          `  scoring ${ms(t1 - t0)}, solving ${ms(t2 - t1)}, together ${ms(t2 - t0)}`,
          `  ${proposal.pairs.length} pairs, total fit ${proposal.totalScore}, ${proposal.unmatched.length} unmatched`,
          `  RSS now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
          `  load average (1, 5, 15 min) ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(', ')} on ${os.cpus().length} cores`,
        ].join('\n'),
      );
    }
  }
}
