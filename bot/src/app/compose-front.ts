import type { AuditLog } from '../contracts/audit';
import { type Applications, type Review, createApplications } from '../features/applications/index';
import type { BulkPairsService } from '../features/cohort-admin/index';
import {
  type MatchApplicants,
  MatchingRepository,
  MatchingService,
  PublishService,
} from '../features/matching/index';
import type { Logger } from '../platform/logger';
import type { TableStore } from '../platform/storage/table-store';
import type { ProactiveSender } from '../platform/teams/proactive-sender';
import { applicantsForMatching } from './matching-applicants';
import { matchingPublisher } from './matching-publisher';
import type { Repositories } from './repositories';

/**
 * The front of a programme (issue 15): applications (a sent one asks the line manager through
 * the review), and matching proposals wired to them (who is matched: accepted and ready
 * applicants) and to the cohort-admin feature (publishing makes participants and pairs, whose
 * introductions the journey schedules).
 */
export function composeFront(deps: {
  store: TableStore;
  repos: Repositories;
  review: Pick<Review, 'review' | 'managers'>;
  /** Tests may pass their own; by default the cohort's accepted applications. */
  matchApplicants?: MatchApplicants;
  /** Publishing places a run's pairs at once (participants, pairs, introductions). */
  bulkPairs: BulkPairsService;
  sender: ProactiveSender;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
}): { applications: Applications; matching: MatchingService; publishing: PublishService } {
  const { repos, review, sender, log } = deps;
  const applications = createApplications(deps.store, {
    cohorts: repos.cohorts,
    events: repos.events,
    audit: deps.audit,
    now: deps.now,
    onSubmitted: async (cohortId, applicantId) => {
      try {
        await review.managers.ask(cohortId, applicantId);
      } catch (error) {
        log.warn({ err: error, cohortId }, 'could not ask the line manager on submit');
      }
    },
  });
  const matchingDeps = {
    applicants:
      deps.matchApplicants ??
      applicantsForMatching(applications.matching, (cohortId) =>
        review.review.readyForMatching(cohortId),
      ),
    publisher: matchingPublisher({ repos, bulk: deps.bulkPairs, sender, log }),
    // The band gap is one cohort rule, kept with the application settings.
    bandGap: (cohortId: string) => applications.matching.minimumBandGap(cohortId),
    audit: deps.audit,
    now: deps.now,
  };
  const runs = new MatchingRepository(deps.store);
  const matching = new MatchingService(matchingDeps, runs);
  return { applications, matching, publishing: new PublishService(matchingDeps, runs, matching) };
}
