import {
  type PublishResultView,
  type PublishedRunView,
  type RunComparisonView,
  type RunView,
  publishedRunOf,
} from '../../../contracts/matching';
import { httpEtag } from '../../../platform/http/etag';
import { compareRuns } from '../domain/proposal/comparison';
import type { StoredRun } from '../store/matching-repository';

/** A stored run as the wire shows it, compared with the run before it. */
export function runView(
  run: StoredRun,
  etag: string,
  previous: StoredRun | undefined,
  published?: PublishedRunView,
): RunView {
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
      arrangement: 'reverse' as const,
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      mentorName: name(p.mentorId),
      menteeName: name(p.menteeId),
      score: p.score,
      reasons: [...p.reasons],
      warnings: [...p.warnings],
      locked: p.locked,
    })),
    reciprocalPairs: (draft.reciprocalPairs ?? []).map((p) => ({
      arrangement: 'reciprocal' as const,
      personAId: p.personAId,
      personBId: p.personBId,
      personAName: name(p.personAId),
      personBName: name(p.personBId),
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
      ...(u.pool ? { pool: u.pool } : {}),
    })),
    refusedLocks: draft.refusedLocks.map((r) => ({ ...r })),
    reciprocalRefusedLocks: (draft.reciprocalRefusedLocks ?? []).map((r) => ({
      personAId: r.personAId,
      personBId: r.personBId,
      reason: r.reason,
    })),
    totalScore: compared.totalScore.after,
    matchedCount: compared.matched.after,
    etag: httpEtag(etag),
    comparison,
    ...(published ? { published } : {}),
  };
}

/** The publishing of a run as kept with its publish claim (the result answered at the time). */
export function publishedRunView(resultJson: string): PublishedRunView {
  return publishedRunOf(JSON.parse(resultJson) as PublishResultView);
}
