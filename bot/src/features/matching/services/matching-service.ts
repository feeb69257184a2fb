import type {
  MatchingSettings,
  MatchingSettingsView,
  PublishedRunView,
  RunKind,
  RunPairRef,
  RunReciprocalPairRef,
  RunSwap,
  RunView,
} from '../../../contracts/matching';
import { MATCHING_LIMITS } from '../../../contracts/matching';
import { AppError } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import type { Actor, Cohort } from '../../cohorts';
import {
  type Draft,
  type EditResult,
  type MatchContext,
  lockPair,
  proposeDraft,
  removePair,
  swapPeople,
  unlockPair,
} from '../domain/proposal/draft';
import {
  inReciprocalPair,
  lockReciprocalPair,
  removeReciprocalPair,
  swapReciprocalPeople,
  unlockReciprocalPair,
} from '../domain/proposal/reciprocal-draft';
import type { MatchingDeps } from '../ports';
import {
  type MatchingRepository,
  type RunSettings,
  type StoredRun,
} from '../store/matching-repository';
import { DEFAULT_MATCHING_SETTINGS, loadPool } from './match-context';
import { publishedRunView, runView } from './run-views';

export type RunEdit =
  | { kind: 'lock' | 'unlock' | 'remove'; pair: RunPairRef | RunReciprocalPairRef }
  | { kind: 'swap'; swap: RunSwap };

/**
 * Matching proposals: the cohort's settings, runs as drafts (run, rerun keeping locks, re-match
 * of those free), and the coordinator's edits, each guarded by the run's ETag and audited.
 * Nothing is sent to anyone here: publishing is `PublishService`.
 */
export class MatchingService {
  constructor(
    private readonly deps: MatchingDeps,
    private readonly repo: MatchingRepository,
  ) {}

  async settings(cohortId: string): Promise<MatchingSettingsView> {
    const [saved, minimumBandGap] = await Promise.all([
      this.repo.getSettings(cohortId),
      this.deps.bandGap(cohortId),
    ]);
    return {
      settings: saved?.value ?? DEFAULT_MATCHING_SETTINGS,
      defaults: DEFAULT_MATCHING_SETTINGS,
      limits: MATCHING_LIMITS,
      minimumBandGap,
      etag: saved ? httpEtag(saved.etag) : null,
    };
  }

  async saveSettings(
    cohort: Cohort,
    input: MatchingSettings,
    etag: string | undefined,
    actor: Actor,
  ): Promise<MatchingSettingsView> {
    const before = await this.repo.getSettings(cohort.id);
    if (before && etag === undefined) {
      throw AppError.coded(
        'precondition_required',
        'precondition_required',
        'Send If-Match with the ETag you last read',
      );
    }
    const saved = await this.repo.putSettings(cohort.id, input, before ? etag : undefined);
    await this.audit(cohort, actor, 'matching.settings_saved', 'settings', [
      { field: 'aim', before: before?.value.aim ?? null, after: input.aim },
      { field: 'weights', before: jsonOf(before?.value.weights), after: jsonOf(input.weights) },
      {
        field: 'never pair',
        before: before ? String(before.value.neverPair.length) : null,
        after: String(input.neverPair.length),
      },
    ]);
    return { ...(await this.settings(cohort.id)), etag: httpEtag(saved.etag) };
  }

  /**
   * A new run over everyone free to match. A rerun keeps the locked pairs of the latest draft
   * (and never proposes the pairs the coordinator removed); the latest draft is superseded.
   */
  async run(cohort: Cohort, kind: RunKind, actor: Actor): Promise<RunView> {
    const [saved, minimumBandGap] = await Promise.all([
      this.repo.getSettings(cohort.id),
      this.deps.bandGap(cohort.id),
    ]);
    // The run keeps the gap it was made with: its edits are checked by the same rule.
    const settings: RunSettings = {
      ...(saved?.value ?? DEFAULT_MATCHING_SETTINGS),
      minimumBandGap,
    };
    const latest = await this.repo.latestRun(cohort.id);
    const carried = latest?.value.status === 'draft' ? latest.value.draft : undefined;
    const pool = await this.pool(cohort, settings);
    const locks = (carried?.pairs ?? []).filter((p) => p.locked);
    const reciprocalLocks = (carried?.reciprocalPairs ?? []).filter((p) => p.locked);
    const proposed = proposeDraft(pool.ctx, locks, carried?.removedPairs ?? [], reciprocalLocks);
    const draft: Draft = {
      ...proposed,
      unmatched: [
        ...proposed.unmatched,
        ...pool.outOfPool.map((o) => ({
          id: o.id,
          role: pool.applicants.get(o.id)?.role ?? ('either' as const),
          cause: 'not-in-pool' as const,
          reason: o.reason,
        })),
      ],
    };
    const names: Record<string, string> = {};
    for (const a of pool.applicants.values()) names[a.id] = a.displayName;
    const created = await this.repo.createRun(
      {
        cohortId: cohort.id,
        kind,
        status: 'draft',
        createdAt: this.deps.now().toISOString(),
        createdBy: actor.userId,
        previousRunId: latest?.value.id ?? null,
        settings,
        draft,
        names,
      },
      (latest?.value.seq ?? 0) + 1,
    );
    if (latest && carried) {
      // The older draft can no longer be edited or published; a lost race here changes nothing.
      await this.repo
        .replaceRun({ ...latest.value, status: 'superseded' }, latest.etag)
        .catch(() => undefined);
    }
    await this.audit(cohort, actor, 'matching.run', created.value.id, [
      { field: 'kind', before: null, after: kind },
      { field: 'pairs', before: null, after: String(draft.pairs.length) },
      {
        field: 'reciprocal pairs',
        before: null,
        after: String(draft.reciprocalPairs?.length ?? 0),
      },
      {
        field: 'locked pairs kept',
        before: null,
        after: String(locks.length + reciprocalLocks.length),
      },
    ]);
    return runView(created.value, created.etag, latest?.value);
  }

  async latest(cohortId: string): Promise<RunView> {
    const latest = await this.repo.latestRun(cohortId);
    if (!latest) throw AppError.notFound('No matching run yet: start one first');
    const previous = await this.previousOf(latest.value);
    return runView(latest.value, latest.etag, previous, await this.publishedOf(latest.value));
  }

  /**
   * The cohort's last published run, read-only, even when a newer run (a re-match draft) is the
   * latest: found from the publish claims in one query.
   */
  async lastPublished(cohortId: string): Promise<RunView> {
    const runId = await this.repo.lastPublishedRunId(cohortId);
    const run = runId === undefined ? undefined : await this.repo.getRun(cohortId, runId);
    if (!run) throw AppError.notFound('No run has been published yet');
    const previous = await this.previousOf(run.value);
    return runView(run.value, run.etag, previous, await this.publishedOf(run.value));
  }

  /** How a published run was published (kept with its publish claim); nothing for a draft. */
  private async publishedOf(run: StoredRun): Promise<PublishedRunView | undefined> {
    if (run.status !== 'published') return undefined;
    const claim = await this.repo.getClaim(run.cohortId, run.id);
    return claim?.value.result ? publishedRunView(claim.value.result) : undefined;
  }

  /** Applies one edit to the latest draft, if unchanged since `etag`; refused edits change nothing. */
  async edit(
    cohort: Cohort,
    runId: string,
    etag: string,
    edit: RunEdit,
    actor: Actor,
  ): Promise<RunView> {
    const run = await this.draftRun(cohort.id, runId);
    const settings = run.value.settings;
    const pool = await this.pool(cohort, settings);
    const result = applyEdit(run.value.draft, pool.ctx, edit);
    if (!result.ok) {
      const { field, message, code } = result.refusal;
      throw AppError.invalidFields([{ field, message }], code);
    }
    const saved = await this.repo.replaceRun({ ...run.value, draft: result.draft }, etag);
    await this.audit(cohort, actor, 'matching.edited', runId, [
      { field: 'edit', before: null, after: edit.kind },
      {
        field: 'people',
        before: null,
        after:
          edit.kind === 'swap'
            ? `${run.value.names[edit.swap.personA] ?? edit.swap.personA} ↔ ${run.value.names[edit.swap.personB] ?? edit.swap.personB}`
            : idsOf(edit.pair)
                .map((id) => run.value.names[id] ?? id)
                .join(' / '),
      },
    ]);
    return runView(saved.value, saved.etag, await this.previousOf(saved.value));
  }

  /** The run, which must be the cohort's latest and still a draft. */
  async draftRun(cohortId: string, runId: string) {
    const run = await this.repo.getRun(cohortId, runId);
    if (!run) throw AppError.notFound('No matching run has that id');
    if (run.value.status !== 'draft') {
      throw AppError.coded(
        'conflict',
        run.value.status === 'published' ? 'run_published' : 'run_superseded',
        run.value.status === 'published'
          ? 'This run was published: it can no longer be changed'
          : 'A newer run replaced this one: open the latest run',
      );
    }
    return run;
  }

  private pool(cohort: Cohort, settings: RunSettings) {
    const { applicants, publisher } = this.deps;
    return loadPool(cohort.id, settings, applicants, publisher, cohort.arrangements);
  }

  private async previousOf(run: StoredRun): Promise<StoredRun | undefined> {
    return run.previousRunId
      ? (await this.repo.getRun(run.cohortId, run.previousRunId))?.value
      : undefined;
  }

  private audit(
    cohort: Cohort,
    actor: Actor,
    action: 'matching.settings_saved' | 'matching.run' | 'matching.edited',
    targetId: string,
    changes: { field: string; before: string | null; after: string | null }[],
  ) {
    return this.deps.audit.record({
      actorId: actor.userId,
      actorName: actor.name,
      action,
      target: 'matching-run',
      targetId,
      targetLabel: `${cohort.name} matching`,
      cohortId: cohort.id,
      changes,
      reason: null,
    });
  }
}

function jsonOf(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

const idsOf = (ref: RunPairRef | RunReciprocalPairRef): [string, string] =>
  'personAId' in ref ? [ref.personAId, ref.personBId] : [ref.mentorId, ref.menteeId];

function applyEdit(draft: Draft, ctx: MatchContext, edit: RunEdit): EditResult {
  if (edit.kind === 'swap') {
    const { personA, personB } = edit.swap;
    // A swap among reciprocal partners is checked with the reciprocal rules.
    return inReciprocalPair(draft, personA) || inReciprocalPair(draft, personB)
      ? swapReciprocalPeople(draft, ctx, personA, personB)
      : swapPeople(draft, ctx, personA, personB);
  }
  if ('personAId' in edit.pair) {
    const ref = edit.pair;
    if (edit.kind === 'lock') return lockReciprocalPair(draft, ref);
    if (edit.kind === 'unlock') return unlockReciprocalPair(draft, ref);
    return removeReciprocalPair(draft, ref);
  }
  switch (edit.kind) {
    case 'lock':
      return lockPair(draft, edit.pair);
    case 'unlock':
      return unlockPair(draft, edit.pair);
    case 'remove':
      return removePair(draft, ctx, edit.pair);
  }
}
