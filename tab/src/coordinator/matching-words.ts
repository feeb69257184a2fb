import { ApiRequestError } from '../app/api-client';
import type {
  RunPairRef,
  RunPairView,
  RunReciprocalPairRef,
  RunReciprocalPairView,
  RunView,
} from '../../../bot/src/contracts/matching';

/**
 * Someone else changed the proposal (or the settings) first: a 412 on the ETag, or a 409 for a
 * run that a newer run replaced or that was published meanwhile. Nothing was saved.
 */
export function isProposalChanged(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    (error.status === 412 ||
      (error.status === 409 && /run_superseded|run_published|conflict|stale/.test(error.code)))
  );
}

export const PROPOSAL_CHANGED =
  'Someone else changed this proposal since you opened it, so nothing was saved. The latest version is shown now.';

/** Everyone the run names (paired or not), by id. */
export function namesOfRun(run: RunView): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of run.pairs) {
    names.set(p.mentorId, p.mentorName);
    names.set(p.menteeId, p.menteeName);
  }
  for (const p of run.reciprocalPairs ?? []) {
    names.set(p.personAId, p.personAName);
    names.set(p.personBId, p.personBName);
  }
  for (const u of run.unmatched) names.set(u.id, u.displayName);
  return names;
}

/** Everyone in the run, by name, to choose from. */
export function peopleOfRun(run: RunView | null): { id: string; name: string }[] {
  if (!run) return [];
  return [...namesOfRun(run)]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function pairWords(pair: RunPairRef, names: Map<string, string>): string {
  return `${names.get(pair.mentorId) ?? pair.mentorId} with ${names.get(pair.menteeId) ?? pair.menteeId}`;
}

/** A reciprocal pair in words: two partners, never a mentor and a mentee. */
export function partnersWords(
  pair: Pick<RunReciprocalPairRef, 'personAId' | 'personBId'>,
  names: Map<string, string>,
): string {
  return `${names.get(pair.personAId) ?? pair.personAId} and ${names.get(pair.personBId) ?? pair.personBId} (partners)`;
}

/** A pair of either pool, as the table shows it. */
export type AnyRunPair = RunPairView | RunReciprocalPairView;

/** "Ann and Max" for a reverse pair, "Ria and Rex" for two partners. */
export function pairLabel(pair: AnyRunPair): string {
  return pair.arrangement === 'reciprocal'
    ? `${pair.personAName} and ${pair.personBName}`
    : `${pair.mentorName} and ${pair.menteeName}`;
}

/** The pair as the lock, unlock and remove routes name it. */
export function pairRef(pair: AnyRunPair): RunPairRef | RunReciprocalPairRef {
  return pair.arrangement === 'reciprocal'
    ? { arrangement: 'reciprocal', personAId: pair.personAId, personBId: pair.personBId }
    : { mentorId: pair.mentorId, menteeId: pair.menteeId };
}

/** All the run's pairs, and how many of them are reciprocal: "3 pairs (2 reciprocal)". */
export function pairsCount(run: RunView): { all: number; reciprocal: number } {
  const reciprocal = run.reciprocalPairs?.length ?? 0;
  return { all: run.pairs.length + reciprocal, reciprocal };
}

export function pairsWords({ all, reciprocal }: { all: number; reciprocal: number }): string {
  return `${plainCount(all, 'pair')}${reciprocal > 0 ? ` (${reciprocal} reciprocal)` : ''}`;
}

export const POOL_WORDS: Record<'reverse' | 'reciprocal', string> = {
  reverse: 'Reverse',
  reciprocal: 'Reciprocal',
};

/** How someone applied, in words: a person of the reciprocal pool is a partner. */
export function appliedAs(u: RunView['unmatched'][number]): string {
  if (u.pool === 'reciprocal') return 'Partner';
  return u.role === 'either' ? 'Mentor or mentee' : u.role;
}

export function plainCount(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export const CAUSE_WORDS: Record<RunView['unmatched'][number]['cause'], string> = {
  rules: 'A rule',
  shortage: 'Not enough partners',
  removed: 'Pair removed',
  'not-in-pool': 'Not in this pool',
};
