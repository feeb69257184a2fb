import type { Pair, PairState } from '../../bot/src/features/cohorts/domain/pair';

/** A reverse pair of mentor-1 and mentee-1 in cohort-1, in `state`; `over` changes any field. */
export function pairIn(state: PairState, over: Partial<Pair> = {}): Pair {
  return {
    id: 'pair-1',
    cohortId: 'cohort-1',
    mentorId: 'mentor-1',
    menteeId: 'mentee-1',
    arrangement: 'reverse',
    state,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    ...over,
  };
}
