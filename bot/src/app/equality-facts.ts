import type { SensitiveService } from '../features/applications/index';
import type { Participant } from '../features/cohorts/index';
import type { EqualityFacts } from '../features/evaluation/index';

/**
 * The special-category counts the evaluation's breakdowns use: each cohort participant (by the
 * pair's participant id) found by their Entra id, whose answers the applications feature counts
 * by group. Counts only cross: no person's value reaches the evaluation.
 */
export function equalityFactsFrom(
  participants: { listByCohort(cohortId: string): Promise<Participant[]> },
  sensitive: Pick<SensitiveService, 'countsByGroup'>,
): EqualityFacts {
  return {
    async countsByGroup(cohortId, people) {
      const userIds = new Map(
        (await participants.listByCohort(cohortId)).map((p) => [p.id, p.userId]),
      );
      return sensitive.countsByGroup(
        cohortId,
        people.map(({ participantId, group }) => ({ userId: userIds.get(participantId), group })),
      );
    },
  };
}
