import type { Arrangement, Cohort, Pair, PairState, Participant } from '../../cohorts';
import type { FieldProblem } from '../../../contracts/field-problem';
import type { CohortStatus } from '../../../contracts/cohort-settings';

/**
 * The programme team's rules for people and pairs, pure: who may be paired, what closing a
 * cohort does to each pair, and which cohorts may still change.
 */

/** A pair still running: ending it stops its journey. */
export function isRunning(state: PairState): boolean {
  return state === 'proposed' || state === 'introduced' || state === 'active' || state === 'paused';
}

/**
 * What closing the cohort does to a pair (docs/api.md, "Closing a cohort"): an active pair has
 * reached the programme's end and is completed; a pair that never started, or is paused, is
 * ended with the close as the reason; completed and ended pairs stay as they are.
 */
export function closingOutcome(state: PairState): 'complete' | 'end' | 'none' {
  if (state === 'active') return 'complete';
  if (state === 'proposed' || state === 'introduced' || state === 'paused') return 'end';
  return 'none';
}

export function cohortStatus(cohort: Cohort): CohortStatus {
  return cohort.status ?? 'open';
}

/**
 * Why two people may not be paired, per field; none when they may. `held` says whom each
 * participant's current pair (any pair that did not end early) holds.
 */
export function pairingProblems(
  cohort: Cohort,
  mentor: Participant | undefined,
  mentee: Participant | undefined,
  arrangement: Arrangement,
  held: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const offered = cohort.arrangements ?? ['reverse', 'reciprocal'];
  if (!offered.includes(arrangement)) {
    problems.push({
      field: 'arrangement',
      message: `this cohort offers ${offered.join(' and ')} mentoring only`,
    });
  }
  if (!mentor) problems.push({ field: 'mentorId', message: 'is not a participant of this cohort' });
  if (!mentee) problems.push({ field: 'menteeId', message: 'is not a participant of this cohort' });
  if (mentor && held.has(mentor.id)) {
    problems.push({ field: 'mentorId', message: `${mentor.displayName} is already paired` });
  }
  if (mentee && held.has(mentee.id)) {
    problems.push({ field: 'menteeId', message: `${mentee.displayName} is already paired` });
  }
  // A reverse pair needs the junior partner as mentor and the senior as mentee.
  if (arrangement === 'reverse') {
    if (mentor?.role === 'mentee') {
      problems.push({ field: 'mentorId', message: `${mentor.displayName} takes part as a mentee` });
    }
    if (mentee?.role === 'mentor') {
      problems.push({ field: 'menteeId', message: `${mentee.displayName} takes part as a mentor` });
    }
  }
  return problems;
}

/** The participants each pair that still holds them holds. */
export function heldPeople(pairs: readonly Pair[]): Set<string> {
  return new Set(
    pairs.filter((p) => p.state !== 'ended_early').flatMap((p) => [p.mentorId, p.menteeId]),
  );
}
