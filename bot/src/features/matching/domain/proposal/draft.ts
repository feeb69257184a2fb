import { HARD_RULE_WORDS, type HardRule } from '../hard-rules';
import type { MatchCandidate, MatchInput, MatchSettings, PairIds } from '../matching-input';
import type { ReciprocalPairIds } from '../reciprocal-input';
import type { ReciprocalPair, ReciprocalRefusedLock } from '../reciprocal-pool';
import { matchReversePool, scoreReversePool, type ProposedPair } from '../reverse-pool';
import type { ReciprocalPoolPlan } from './pool-split';
import { reciprocalStage } from './reciprocal-draft';

/**
 * A matching run as a draft the coordinator edits before publishing: its pairs (score, reasons,
 * warnings, locked), the people left unmatched with the reason, and the pairs the coordinator
 * took out (never proposed again in this cohort's reruns). Pure data and pure functions.
 */

export type DraftPair = ProposedPair;
/** A reciprocal pair: two partners, no mentor and mentee. */
export type DraftReciprocalPair = ReciprocalPair;

export interface DraftUnmatched {
  readonly id: string;
  readonly role: 'mentor' | 'mentee' | 'either';
  readonly cause: 'rules' | 'shortage' | 'removed' | 'not-in-pool';
  readonly reason: string;
  /** The pool that left them unmatched (absent in runs made before there were two pools). */
  readonly pool?: 'reverse' | 'reciprocal';
}

export interface Draft {
  readonly pairs: readonly DraftPair[];
  readonly unmatched: readonly DraftUnmatched[];
  readonly refusedLocks: readonly { mentorId: string; menteeId: string; reason: string }[];
  /** Pairs the coordinator removed (either pool): treated as "never pair" when rerun. */
  readonly removedPairs: readonly (readonly [string, string])[];
  /** The reciprocal pool's pairs (absent in runs made before there were two pools). */
  readonly reciprocalPairs?: readonly DraftReciprocalPair[];
  readonly reciprocalRefusedLocks?: readonly ReciprocalRefusedLock[];
}

/** Everything the engine needs besides locks: people, settings and the never-pair lists. */
export interface MatchContext {
  readonly candidates: readonly MatchCandidate[];
  readonly settings: MatchSettings;
  readonly neverPair: readonly (readonly [string, string])[];
  readonly previousPairs: readonly (readonly [string, string])[];
  /** The reciprocal pool, when the cohort offers it (see `poolsOf`). */
  readonly reciprocal?: ReciprocalPoolPlan;
  /** Every applicant's line manager, to follow lines through people outside a pool. */
  readonly lines?: ReadonlyMap<string, string | undefined>;
}

const keyOf = (p: PairIds): string => `${p.mentorId}\u0000${p.menteeId}`;

/**
 * A fresh draft (or a rerun): the reverse pool, then the reciprocal pool (with the "either"
 * people the reverse pool left unmatched); locked pairs placed first and kept in both, removed
 * pairs never proposed.
 */
export function proposeDraft(
  ctx: MatchContext,
  locks: readonly PairIds[],
  removedPairs: readonly (readonly [string, string])[],
  reciprocalLocks: readonly ReciprocalPairIds[] = [],
): Draft {
  // Someone who said "either" and is locked in a reciprocal pair stays out of the reverse pool.
  const second = new Set(ctx.reciprocal?.secondChance ?? []);
  const lockedElsewhere = new Set(
    reciprocalLocks.flatMap((l) => [l.personAId, l.personBId]).filter((id) => second.has(id)),
  );
  const input: MatchInput = {
    candidates: ctx.candidates.filter((c) => !lockedElsewhere.has(c.id)),
    settings: ctx.settings,
    lockedPairs: locks,
    neverPair: [...ctx.neverPair, ...removedPairs],
    previousPairs: ctx.previousPairs,
  };
  const proposal = matchReversePool(input);
  const unmatched = proposal.unmatched.map((u): DraftUnmatched => ({
    id: u.id,
    role: u.role,
    cause: u.cause,
    reason: u.reason,
    pool: 'reverse',
  }));
  return {
    pairs: proposal.pairs,
    refusedLocks: proposal.refusedLocks,
    removedPairs,
    ...reciprocalStage(ctx, proposal.pairs, unmatched, reciprocalLocks, removedPairs),
  };
}

/** Why an edit was refused: the field to show it beside, the words, and the hard rule if any. */
export interface EditRefusal {
  readonly code:
    'no_such_pair' | 'no_such_person' | 'not_same_side' | 'nothing_to_swap' | 'hard_rule';
  readonly field: string;
  readonly message: string;
  readonly rule?: HardRule;
}

export type EditResult = { ok: true; draft: Draft } | { ok: false; refusal: EditRefusal };

const refuse = (refusal: EditRefusal): EditResult => ({ ok: false, refusal });

function findPair(draft: Draft, ref: PairIds): number {
  return draft.pairs.findIndex((p) => keyOf(p) === keyOf(ref));
}

function setLocked(draft: Draft, ref: PairIds, locked: boolean): EditResult {
  const at = findPair(draft, ref);
  if (at < 0)
    return refuse({
      code: 'no_such_pair',
      field: 'menteeId',
      message: 'this run has no such pair',
    });
  const pairs = draft.pairs.map((p, i) => (i === at ? { ...p, locked } : p));
  return { ok: true, draft: { ...draft, pairs } };
}

/** Keeps the pair in every rerun until unlocked. */
export const lockPair = (draft: Draft, ref: PairIds): EditResult => setLocked(draft, ref, true);
export const unlockPair = (draft: Draft, ref: PairIds): EditResult => setLocked(draft, ref, false);

/** Takes a pair out: both people become unmatched, and a rerun never proposes it again. */
export function removePair(draft: Draft, ctx: MatchContext, ref: PairIds): EditResult {
  const at = findPair(draft, ref);
  if (at < 0)
    return refuse({
      code: 'no_such_pair',
      field: 'menteeId',
      message: 'this run has no such pair',
    });
  const removed = draft.pairs[at]!;
  const reason = 'the programme team took their proposed pair out';
  return {
    ok: true,
    draft: {
      ...draft,
      pairs: draft.pairs.filter((_, i) => i !== at),
      unmatched: [
        ...draft.unmatched,
        { id: removed.mentorId, role: roleOf(ctx, removed.mentorId), cause: 'removed', reason },
        { id: removed.menteeId, role: roleOf(ctx, removed.menteeId), cause: 'removed', reason },
      ],
      removedPairs: [...draft.removedPairs, [removed.mentorId, removed.menteeId]],
    },
  };
}

function roleOf(ctx: MatchContext, id: string): 'mentor' | 'mentee' {
  return ctx.candidates.find((c) => c.id === id)?.role ?? 'mentor';
}

/** The people in the pairs and everyone above them in the line, among the candidates. */
function closure(ctx: MatchContext, pairs: readonly PairIds[]): MatchCandidate[] {
  const byId = new Map(ctx.candidates.map((c) => [c.id, c]));
  const chosen = new Map<string, MatchCandidate>();
  const visit = (id: string | undefined): void => {
    const person = id === undefined ? undefined : byId.get(id);
    if (!person || chosen.has(person.id)) return;
    chosen.set(person.id, person);
    visit(person.lineManagerId);
  };
  for (const p of pairs) {
    visit(p.mentorId);
    visit(p.menteeId);
  }
  return [...chosen.values()];
}

/**
 * Checks and scores pairs the coordinator made, with the engine's own functions (its lock
 * placement): the pairs come back scored and explained, or the first pair a hard rule forbids.
 */
export function evaluatePairs(
  ctx: MatchContext,
  pairs: readonly PairIds[],
  removedPairs: readonly (readonly [string, string])[] = [],
): { ok: true; pairs: DraftPair[] } | { ok: false; refusal: EditRefusal } {
  const scored = scoreReversePool({
    candidates: closure(ctx, pairs),
    settings: ctx.settings,
    lockedPairs: pairs,
    neverPair: [...ctx.neverPair, ...removedPairs],
    previousPairs: ctx.previousPairs,
  });
  const refused = scored.refusedLocks[0];
  if (refused) {
    const rule = (Object.keys(HARD_RULE_WORDS) as HardRule[]).find((r) =>
      refused.reason.endsWith(HARD_RULE_WORDS[r]),
    );
    const names = [refused.mentorId, refused.menteeId]
      .map((id) => ctx.candidates.find((c) => c.id === id)?.displayName ?? id)
      .join(' and ');
    return refuse({
      code: 'hard_rule',
      field: 'personB',
      rule,
      message: `${names} cannot be paired: ${rule ? HARD_RULE_WORDS[rule] : refused.reason}`,
    }) as { ok: false; refusal: EditRefusal };
  }
  return { ok: true, pairs: [...scored.lockedPairs] };
}

/**
 * Swaps two people on the same side. Both paired: they trade partners. One unmatched: they take
 * the other's place and the other becomes unmatched. Refused, with the hard rule named, when a
 * new pair breaks one. The new pairs are locked: a rerun keeps the coordinator's choice.
 */
export function swapPeople(draft: Draft, ctx: MatchContext, a: string, b: string): EditResult {
  const personA = ctx.candidates.find((c) => c.id === a);
  const personB = ctx.candidates.find((c) => c.id === b);
  if (!personA || !personB) {
    return refuse({
      code: 'no_such_person',
      field: personA ? 'personB' : 'personA',
      message: 'this person is not in the matching pool',
    });
  }
  if (personA.role !== personB.role) {
    return refuse({
      code: 'not_same_side',
      field: 'personB',
      message: 'swap two mentors or two mentees',
    });
  }
  const side = personA.role === 'mentor' ? 'mentorId' : 'menteeId';
  const at = (id: string) => draft.pairs.findIndex((p) => p[side] === id);
  const [ia, ib] = [at(a), at(b)];
  if ((ia < 0 && ib < 0) || (ia >= 0 && ia === ib)) {
    return refuse({
      code: 'nothing_to_swap',
      field: 'personB',
      message: 'choose two people in different pairs, or one paired and one unmatched',
    });
  }
  const changed = new Map<number, PairIds>();
  if (ia >= 0) changed.set(ia, { ...draft.pairs[ia]!, [side]: b });
  if (ib >= 0) changed.set(ib, { ...draft.pairs[ib]!, [side]: a });
  const news = [...changed.values()].map((p) => ({ mentorId: p.mentorId, menteeId: p.menteeId }));
  const checked = evaluatePairs(ctx, news, draft.removedPairs);
  if (!checked.ok) return checked;
  const scoredByKey = new Map(checked.pairs.map((p) => [keyOf(p), p]));
  const pairs = draft.pairs.map((p, i) =>
    changed.has(i) ? scoredByKey.get(keyOf(changed.get(i)!))! : p,
  );
  const out = ia < 0 ? b : ib < 0 ? a : undefined;
  const into = ia < 0 ? a : ib < 0 ? b : undefined;
  const unmatched = draft.unmatched.filter((u) => u.id !== into);
  if (out) {
    unmatched.push({
      id: out,
      role: personA.role,
      cause: 'removed',
      reason: 'the programme team swapped them out of their proposed pair',
    });
  }
  return { ok: true, draft: { ...draft, pairs, unmatched } };
}
