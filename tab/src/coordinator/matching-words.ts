import { ApiRequestError } from '../app/api-client';
import type { RunPairRef, RunView } from '../../../bot/src/contracts/matching';

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

export function plainCount(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export const CAUSE_WORDS: Record<RunView['unmatched'][number]['cause'], string> = {
  rules: 'A rule',
  shortage: 'Not enough partners',
  removed: 'Pair removed',
  'not-in-pool': 'Not in this pool',
};
