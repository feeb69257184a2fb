import type { MatchingSettings } from '../../../contracts/matching';
import type { RunSettings } from '../store/matching-repository';
import { DEFAULT_MATCH_WEIGHTS } from '../domain/matching-input';
import type { OutOfPool } from '../domain/proposal/applicant';
import { poolsOf, type PoolArrangement } from '../domain/proposal/pool-split';
import type { MatchContext } from '../domain/proposal/draft';
import type { MatchApplicant, MatchApplicants, PairPublisher } from '../ports';

/** The settings a cohort matches with until its coordinator saves others. */
export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  aim: 'most-matched',
  weights: { ...DEFAULT_MATCH_WEIGHTS },
  neverPair: [],
};

export interface LoadedPool {
  ctx: MatchContext;
  outOfPool: readonly OutOfPool[];
  /** Everyone accepted for matching, by id (those in a running pair too). */
  applicants: Map<string, MatchApplicant>;
}

const norm = (email: string) => email.trim().toLowerCase();

/**
 * Who is free to match now, and the rules they are matched by: everyone accepted for matching
 * except those already in a running pair of the cohort (so a rerun after publishing, and a
 * re-match, take only the waiting list and people whose pair ended). Two people who were paired
 * in this cohort before (a pair that ended) are never proposed again. `offered` is the cohort's
 * arrangements: who goes to the reverse and the reciprocal pool (`poolsOf`).
 */
export async function loadPool(
  cohortId: string,
  settings: RunSettings,
  applicants: MatchApplicants,
  publisher: Pick<PairPublisher, 'members'>,
  offered?: readonly PoolArrangement[],
): Promise<LoadedPool> {
  const [all, cohort] = await Promise.all([
    applicants.forMatching(cohortId),
    publisher.members(cohortId),
  ]);
  const busy = new Set(cohort.members.filter((m) => m.inRunningPair).map((m) => norm(m.email)));
  const free = all.filter((a) => !busy.has(norm(a.email)));
  const idByEmail = new Map(all.map((a) => [norm(a.email), a.id]));
  const previousPairs: [string, string][] = [];
  for (const [a, b] of cohort.pairsByEmail) {
    const [ia, ib] = [idByEmail.get(norm(a)), idByEmail.get(norm(b))];
    if (ia && ib) previousPairs.push([ia, ib]);
  }
  const pools = poolsOf(free, offered);
  return {
    ctx: {
      candidates: pools.reverse,
      reciprocal: pools.reciprocal,
      lines: pools.lines,
      settings: {
        aim: settings.aim,
        minimumBandGap: settings.minimumBandGap,
        weights: settings.weights,
      },
      neverPair: settings.neverPair,
      previousPairs,
    },
    outOfPool: pools.outOfPool,
    applicants: new Map(all.map((a) => [a.id, a])),
  };
}
