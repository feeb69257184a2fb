import type { PairIds } from '../matching-input';
import type { ReciprocalCandidate, ReciprocalPairIds } from '../reciprocal-input';
import { matchReciprocalPool, scoreReciprocalPool } from '../reciprocal-pool';
import { RECIPROCAL_RULE_WORDS, RECIPROCAL_RULES } from '../reciprocal-rules';
import type {
  Draft,
  DraftReciprocalPair,
  DraftUnmatched,
  EditRefusal,
  EditResult,
  MatchContext,
} from './draft';
import { withinPool } from './pool-split';

/**
 * The reciprocal pool inside a draft: matched after the reverse pool (with the "either" people
 * it left unmatched), and the coordinator's edits on reciprocal pairs (lock, unlock, remove,
 * swap), checked and scored with the reciprocal engine's own functions. Pure.
 */

type Removed = readonly (readonly [string, string])[];

/** The reciprocal stage of a run: its pairs, refused locks and everyone left unmatched. */
export function reciprocalStage(
  ctx: MatchContext,
  reversePairs: readonly PairIds[],
  reverseUnmatched: readonly DraftUnmatched[],
  locks: readonly ReciprocalPairIds[],
  removedPairs: Removed,
): Pick<Draft, 'reciprocalPairs' | 'reciprocalRefusedLocks' | 'unmatched'> {
  if (!ctx.reciprocal) {
    return { reciprocalPairs: [], reciprocalRefusedLocks: [], unmatched: reverseUnmatched };
  }
  const candidates = stageCandidates(ctx, reversePairs);
  const proposal = matchReciprocalPool({
    candidates,
    settings: { aim: ctx.settings.aim, weights: ctx.settings.weights },
    lockedPairs: locks,
    neverPair: [...ctx.neverPair, ...removedPairs],
    previousPairs: ctx.previousPairs,
  });
  const inStage = new Set(candidates.map((c) => c.id));
  const before = new Map(reverseUnmatched.map((u) => [u.id, u]));
  const unmatched: DraftUnmatched[] = [
    ...reverseUnmatched.filter((u) => !inStage.has(u.id)),
    ...proposal.unmatched.map((u): DraftUnmatched => {
      const first = before.get(u.id);
      return {
        id: u.id,
        role: first?.role ?? 'either',
        cause: u.cause,
        pool: 'reciprocal',
        reason: first
          ? `reverse mentoring: ${first.reason}; reciprocal mentoring: ${u.reason}`
          : u.reason,
      };
    }),
  ];
  return {
    reciprocalPairs: proposal.pairs,
    reciprocalRefusedLocks: proposal.refusedLocks,
    unmatched,
  };
}

/** Who is in the reciprocal stage: its pool less anyone the reverse pool paired. */
function stageCandidates(
  ctx: MatchContext,
  reversePairs: readonly PairIds[],
): ReciprocalCandidate[] {
  const paired = new Set(reversePairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const stage = (ctx.reciprocal?.candidates ?? []).filter((c) => !paired.has(c.id));
  return ctx.lines ? withinPool(stage, ctx.lines) : stage;
}

const refuse = (refusal: EditRefusal): EditResult => ({ ok: false, refusal });
const noSuchPair = (): EditResult =>
  refuse({ code: 'no_such_pair', field: 'personBId', message: 'this run has no such pair' });

const same = (p: ReciprocalPairIds, ref: ReciprocalPairIds): boolean =>
  (p.personAId === ref.personAId && p.personBId === ref.personBId) ||
  (p.personAId === ref.personBId && p.personBId === ref.personAId);

const pairsOf = (draft: Draft): readonly DraftReciprocalPair[] => draft.reciprocalPairs ?? [];

function setLocked(draft: Draft, ref: ReciprocalPairIds, locked: boolean): EditResult {
  const at = pairsOf(draft).findIndex((p) => same(p, ref));
  if (at < 0) return noSuchPair();
  const reciprocalPairs = pairsOf(draft).map((p, i) => (i === at ? { ...p, locked } : p));
  return { ok: true, draft: { ...draft, reciprocalPairs } };
}

/** Keeps the reciprocal pair in every rerun until unlocked. */
export const lockReciprocalPair = (draft: Draft, ref: ReciprocalPairIds): EditResult =>
  setLocked(draft, ref, true);
export const unlockReciprocalPair = (draft: Draft, ref: ReciprocalPairIds): EditResult =>
  setLocked(draft, ref, false);

/** Takes a reciprocal pair out: both partners become unmatched, and a rerun never proposes it. */
export function removeReciprocalPair(draft: Draft, ref: ReciprocalPairIds): EditResult {
  const removed = pairsOf(draft).find((p) => same(p, ref));
  if (!removed) return noSuchPair();
  const reason = 'the programme team took their proposed pair out';
  const gone = (id: string): DraftUnmatched => ({
    id,
    role: 'either',
    cause: 'removed',
    pool: 'reciprocal',
    reason,
  });
  return {
    ok: true,
    draft: {
      ...draft,
      reciprocalPairs: pairsOf(draft).filter((p) => p !== removed),
      unmatched: [...draft.unmatched, gone(removed.personAId), gone(removed.personBId)],
      removedPairs: [...draft.removedPairs, [removed.personAId, removed.personBId]],
    },
  };
}

/** True when the person is in one of the draft's reciprocal pairs. */
export const inReciprocalPair = (draft: Draft, id: string): boolean =>
  pairsOf(draft).some((p) => p.personAId === id || p.personBId === id);

/**
 * Checks and scores reciprocal pairs the coordinator made with the engine's own lock placement:
 * scored and explained, or refused with the first broken rule named.
 */
export function evaluateReciprocalPairs(
  ctx: MatchContext,
  draft: Draft,
  pairs: readonly ReciprocalPairIds[],
): { ok: true; pairs: DraftReciprocalPair[] } | { ok: false; refusal: EditRefusal } {
  const scored = scoreReciprocalPool({
    candidates: stageCandidates(ctx, draft.pairs),
    settings: { aim: ctx.settings.aim, weights: ctx.settings.weights },
    lockedPairs: pairs,
    neverPair: [...ctx.neverPair, ...draft.removedPairs],
    previousPairs: ctx.previousPairs,
  });
  const refused = scored.refusedLocks[0];
  if (!refused) return { ok: true, pairs: [...scored.lockedPairs] };
  const rule = RECIPROCAL_RULES.find((r) => refused.reason.endsWith(RECIPROCAL_RULE_WORDS[r]));
  const name = (id: string) =>
    ctx.reciprocal?.candidates.find((c) => c.id === id)?.displayName ?? id;
  return {
    ok: false,
    refusal: {
      code: 'hard_rule',
      field: 'personB',
      rule,
      message: `${name(refused.personAId)} and ${name(refused.personBId)} cannot be paired: ${rule ? RECIPROCAL_RULE_WORDS[rule] : refused.reason}`,
    },
  };
}

/**
 * Swaps two people of the reciprocal pool. Both paired: they trade partners. One unmatched: they
 * take the other's place and the other becomes unmatched. Refused, with the rule named, when a
 * new pair breaks one; the new pairs are locked so a rerun keeps them.
 */
export function swapReciprocalPeople(
  draft: Draft,
  ctx: MatchContext,
  a: string,
  b: string,
): EditResult {
  const pool = new Set(ctx.reciprocal?.candidates.map((c) => c.id) ?? []);
  const reversePaired = new Set(draft.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  for (const [id, field] of [
    [a, 'personA'],
    [b, 'personB'],
  ] as const) {
    if (!pool.has(id) || reversePaired.has(id)) {
      return refuse({
        code: 'no_such_person',
        field,
        message: 'this person is not in the reciprocal pool of this run',
      });
    }
  }
  const pairs = pairsOf(draft);
  const at = (id: string) => pairs.findIndex((p) => p.personAId === id || p.personBId === id);
  const [ia, ib] = [at(a), at(b)];
  if ((ia < 0 && ib < 0) || ia === ib) {
    return refuse({
      code: 'nothing_to_swap',
      field: 'personB',
      message: 'choose two people in different pairs, or one paired and one unmatched',
    });
  }
  const partner = (i: number, id: string) =>
    pairs[i]!.personAId === id ? pairs[i]!.personBId : pairs[i]!.personAId;
  const changed = new Map<number, ReciprocalPairIds>();
  if (ia >= 0) changed.set(ia, { personAId: b, personBId: partner(ia, a) });
  if (ib >= 0) changed.set(ib, { personAId: a, personBId: partner(ib, b) });
  const checked = evaluateReciprocalPairs(ctx, draft, [...changed.values()]);
  if (!checked.ok) return checked;
  const scored = checked.pairs;
  const reciprocalPairs = pairs.map((p, i) =>
    changed.has(i) ? scored.find((s) => same(s, changed.get(i)!))! : p,
  );
  const out = ia < 0 ? b : ib < 0 ? a : undefined;
  const into = ia < 0 ? a : ib < 0 ? b : undefined;
  const unmatched = draft.unmatched.filter((u) => u.id !== into);
  if (out) {
    unmatched.push({
      id: out,
      role: 'either',
      cause: 'removed',
      pool: 'reciprocal',
      reason: 'the programme team swapped them out of their proposed pair',
    });
  }
  return { ok: true, draft: { ...draft, reciprocalPairs, unmatched } };
}
