import type { PairState } from '../../cohorts';
import { HEALTH_WORDS, type PairHealth } from '../../../contracts/cohorts';
import type { Meeting } from './pair-space';

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
