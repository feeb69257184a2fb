import {
  APPLICATION_REVIEW_VERBS,
  type ApplicationReviewVerb,
} from '../../../contracts/application-review';
import { isWellFormedId } from '../../../contracts/ids';
import { AppError } from '../../../platform/errors';
import type { CardData, CardVerbTable } from '../../../platform/teams/turn-routes';
import { buildManagerThanksCard } from '../cards/manager-release-card';
import type { ManagerSupportService } from '../services/manager-support-service';

export { APPLICATION_REVIEW_VERBS, type ApplicationReviewVerb };

export interface ReviewCardDeps {
  managers: Pick<ManagerSupportService, 'answer'>;
}

const str = (data: CardData, key: string) =>
  typeof data[key] === 'string' ? (data[key] as string) : '';

/**
 * The line manager's Yes / No. Who may answer is decided by the same function as the
 * coordinator's route (`ManagerSupportService.authorise`, inside `answer`): only the named
 * manager; anyone else gets its refusal's card words, which name nothing of the application.
 */
export function reviewCardVerbs(deps: ReviewCardDeps): CardVerbTable<ApplicationReviewVerb> {
  return {
    'application.manager_answer': async (actor, data) => {
      const cohortId = str(data, 'cohortId');
      const applicationId = str(data, 'applicationId');
      if (!isWellFormedId(cohortId) || !isWellFormedId(applicationId)) {
        throw AppError.notFound('That question is not for you, or it is no longer open');
      }
      const released = str(data, 'released');
      if (released !== 'yes' && released !== 'no') {
        throw AppError.invalidFields([{ field: 'released', message: 'must be yes or no' }]);
      }
      const done = await deps.managers.answer(
        { kind: 'teams', userId: actor.userId, email: actor.email },
        cohortId,
        applicationId,
        { released: released === 'yes' },
      );
      return { card: buildManagerThanksCard(done.applicant, released === 'yes'), notices: [] };
    },
  };
}
