import {
  type ApplicationReviewItem,
  type ReviewQuery,
  type TrainingEventType,
  type TrainingView,
} from '../../../contracts/application-review';
import type { ApplicationRole, ApplicationStatus } from '../../../contracts/applications';
import { EVENT_TYPE_WORDS } from '../../../contracts/calendar';
import { fillDecisionMessage } from '../../../contracts/decision-messages';

/**
 * The review's pure rules: who may be decided on, what the applicant is told, when training is
 * complete, who is ready for matching, and the coordinator's filter, sort and search.
 */

/** A decision can be made (or changed) once the application is sent, never on a draft or withdrawn. */
export function mayDecide(status: ApplicationStatus): boolean {
  return (
    status === 'submitted' ||
    status === 'accepted' ||
    status === 'waitlisted' ||
    status === 'declined'
  );
}

/** The applicant's message for a decision, in the programme's words with their details filled in. */
export const decisionMessage = fillDecisionMessage;

/** The training an applicant of this role needs: induction for all, mentor training for mentors. */
export function requiredTraining(role: ApplicationRole): TrainingEventType[] {
  return role === 'mentee' ? ['induction'] : ['induction', 'mentor_training'];
}

export interface TrainingEvent {
  id: string;
  type: TrainingEventType;
}

/**
 * Where an applicant stands on training: each required kind is done once they attended one event
 * of that kind (a cohort may run the induction more than once). A kind with no event in the
 * calendar is still missing: nobody can be trained at an event that does not exist.
 */
export function trainingProgress(
  role: ApplicationRole,
  requireTraining: boolean,
  events: readonly TrainingEvent[],
  attendedEventIds: ReadonlySet<string>,
): TrainingView {
  const attended = events.filter((e) => attendedEventIds.has(e.id));
  const missing = requiredTraining(role).filter((kind) => !attended.some((e) => e.type === kind));
  return {
    required: requireTraining,
    attended: attended.map((e) => e.id),
    missing: missing.map((kind) => EVENT_TYPE_WORDS[kind]),
    complete: missing.length === 0,
  };
}

/** Ready for matching: accepted, and trained when the cohort requires training first. */
export function isReadyForMatching(status: ApplicationStatus, training: TrainingView): boolean {
  return status === 'accepted' && (!training.required || training.complete);
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function matchesSearch(item: ApplicationReviewItem, q: string): boolean {
  const needle = q.toLocaleLowerCase('en-GB');
  return [item.displayName, item.organisation].some((s) =>
    s.toLocaleLowerCase('en-GB').includes(needle),
  );
}

/**
 * The coordinator's view of the list: filters (each optional), a search over name and
 * organisation, and a sort (newest sent first by default); ties keep the name order.
 */
export function filterAndSort(
  items: readonly ApplicationReviewItem[],
  query: ReviewQuery,
  ladder: readonly string[],
): ApplicationReviewItem[] {
  const q = (query.q ?? '').trim();
  const kept = items.filter(
    (i) =>
      (!query.status || i.status === query.status) &&
      (!query.role || i.role === query.role) &&
      (!query.arrangement || i.arrangement === query.arrangement) &&
      (!query.managerSupport || i.managerSupport === query.managerSupport) &&
      (!query.training || i.training.complete === (query.training === 'complete')) &&
      (q === '' || matchesSearch(i, q)),
  );
  const sort = query.sort ?? 'submitted';
  const order = query.order ?? (sort === 'submitted' ? 'desc' : 'asc');
  const key: Record<typeof sort, (a: ApplicationReviewItem, b: ApplicationReviewItem) => number> = {
    submitted: (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
    name: (a, b) => collator.compare(a.displayName, b.displayName),
    organisation: (a, b) => collator.compare(a.organisation, b.organisation),
    band: (a, b) => ladder.indexOf(a.band) - ladder.indexOf(b.band),
    status: (a, b) => collator.compare(a.status, b.status),
  };
  const sign = order === 'asc' ? 1 : -1;
  return [...kept].sort(
    (a, b) => sign * key[sort](a, b) || collator.compare(a.displayName, b.displayName),
  );
}
