import type { Pair, PairState } from '../../cohorts';
import {
  type ChangedByPart,
  type CoordinatorRequest,
  HEALTH_WORDS,
  type PairHealth,
  type PairStateChange,
} from '../../../contracts/cohorts';
import type { PairStatusDetail } from './pair-lifecycle';
import type { FitCheck, Meeting } from './pair-space';

/** How a pair is doing, as the programme team sees it: states and counts, never content. */
export { type PairHealth, HEALTH_WORDS };

export interface HealthFacts {
  state: PairState;
  missedInARow: number;
  meetings: Pick<Meeting, 'status' | 'plannedAt' | 'number'>[];
  /** Introduced, and five working days have passed without both agreeing the contract. */
  contractOverdue?: boolean;
}

export function pairHealth(facts: HealthFacts): PairHealth {
  switch (facts.state) {
    case 'proposed':
      return 'starting';
    case 'introduced':
      return facts.contractOverdue ? 'not_started' : 'starting';
    case 'paused':
      return 'paused';
    case 'ended_early':
      return 'ended';
    case 'completed':
      return 'completed';
    case 'active':
      if (facts.missedInARow >= 2) return 'at_risk';
      if (facts.missedInARow === 1) return 'needs_check_in';
      return 'on_track';
  }
}

/** The date of the last meeting held (UTC ISO), if any: the pair's last known contact. */
export function lastContact(meetings: HealthFacts['meetings']): string | undefined {
  return meetings
    .filter((m) => m.status === 'held' && m.plannedAt)
    .map((m) => m.plannedAt!)
    .sort()
    .at(-1);
}

/** The pair's two partners by name, for saying who did what. */
export interface PartnerNames {
  pair: Pick<Pair, 'state' | 'mentorId' | 'menteeId'>;
  mentor: string;
  mentee: string;
}

function who(
  people: PartnerNames,
  by: string | undefined,
): { name: string | null; part: ChangedByPart } {
  if (by && by === people.pair.mentorId) return { name: people.mentor || null, part: 'mentor' };
  if (by && by === people.pair.menteeId) return { name: people.mentee || null, part: 'mentee' };
  return { name: null, part: 'coordinator' };
}

/**
 * Who paused or ended the pair, when, why and until when: the programme team's to see (the
 * pause and end cards promise it). Null unless the pair is paused or ended early.
 */
export function stateChange(
  people: PartnerNames,
  detail: PairStatusDetail | undefined,
): PairStateChange | null {
  const state = people.pair.state;
  if (!detail || (state !== 'paused' && state !== 'ended_early')) return null;
  const paused = state === 'paused';
  const at = paused ? detail.pausedAt : detail.endedAt;
  if (!at) return null;
  const by = who(people, paused ? detail.pausedBy : detail.endedBy);
  return {
    state,
    byName: by.name,
    byPart: by.part,
    at,
    reason: (paused ? detail.pauseReason : detail.endReason) ?? null,
    until: paused ? (detail.pausedUntil ?? null) : null,
  };
}

/** The partners who asked for a word with the programme team, earliest first: who and when, never more. */
export function coordinatorRequests(
  people: PartnerNames,
  fitChecks: readonly Pick<FitCheck, 'authorId' | 'wantsCoordinator' | 'createdAt'>[],
): CoordinatorRequest[] {
  return fitChecks
    .filter((f) => f.wantsCoordinator)
    .flatMap((f) => {
      const by = who(people, f.authorId);
      if (by.part === 'coordinator') return [];
      return [{ name: by.name ?? '', part: by.part, at: f.createdAt }];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}
