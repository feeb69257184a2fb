import type { RunComparisonView, RunView } from '../../../contracts/matching';
import { httpEtag } from '../../../platform/http/etag';
import { compareRuns } from '../domain/proposal/comparison';
import type { StoredRun } from '../store/matching-repository';

/** A stored run as the wire shows it, compared with the run before it. */
export function runView(run: StoredRun, etag: string, previous: StoredRun | undefined): RunView {
  const name = (id: string) => run.names[id] ?? id;
  const { draft } = run;
  const compared = compareRuns(previous ? previous.draft : null, draft);
  const comparison: RunComparisonView = { previousRunId: previous?.id ?? null, ...compared };
  return {
    id: run.id,
    cohortId: run.cohortId,
    kind: run.kind,
    status: run.status,
    createdAt: run.createdAt,
    aim: run.settings.aim,
    pairs: draft.pairs.map((p) => ({
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      mentorName: name(p.mentorId),
      menteeName: name(p.menteeId),
      score: p.score,
      reasons: [...p.reasons],
      warnings: [...p.warnings],
      locked: p.locked,
    })),
    unmatched: draft.unmatched.map((u) => ({
      id: u.id,
      displayName: name(u.id),
      role: u.role,
      cause: u.cause,
      reason: u.reason,
    })),
    refusedLocks: draft.refusedLocks.map((r) => ({ ...r })),
    totalScore: compared.totalScore.after,
    matchedCount: compared.matched.after,
    etag: httpEtag(etag),
    comparison,
  };
}
