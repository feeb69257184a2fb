import {
  type ApplicationReviewItem,
  type ManagerAnswerView,
  type ReviewDecision,
  type ReviewSort,
  type TrainingEventType,
  type TrainingFilter,
} from '../../../bot/src/contracts/application-review';
import {
  APPLICATION_STATUS_WORDS,
  type ApplicationArrangement,
  type ApplicationRole,
  type ApplicationStatus,
  MANAGER_SUPPORT_WORDS,
  type ManagerSupportStatus,
  type MeetingMode,
} from '../../../bot/src/contracts/applications';

/**
 * The words of the review screen. Statuses and line-manager answers are the contract's own
 * words; the rest says the contract's enums the way the programme team talks.
 */

export { APPLICATION_STATUS_WORDS, MANAGER_SUPPORT_WORDS };

export const ROLE_WORDS: Record<ApplicationRole, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  either: 'Mentor or mentee',
};

export const ARRANGEMENT_WORDS: Record<ApplicationArrangement, string> = {
  reverse: 'Reverse',
  reciprocal: 'Reciprocal',
  either: 'Reverse or reciprocal',
};

export const MEETING_WORDS: Record<MeetingMode, string> = {
  online: 'Online',
  'in-person': 'In person',
  either: 'Online or in person',
};

export const TRAINING_FILTER_WORDS: Record<TrainingFilter, string> = {
  complete: 'Training complete',
  incomplete: 'Training still to attend',
};

export const SORT_WORDS: Record<ReviewSort, string> = {
  submitted: 'Date sent',
  name: 'Name',
  organisation: 'Organisation',
  band: 'Band',
  status: 'Status',
};

export const TRAINING_TYPE_WORDS: Record<TrainingEventType, string> = {
  induction: 'Programme induction',
  mentor_training: 'Mentor training',
};

export const DECISION_WORDS: Record<ReviewDecision, { verb: string; done: string }> = {
  accept: { verb: 'Accept', done: 'accepted' },
  waitlist: { verb: 'Waiting list', done: 'put on the waiting list' },
  decline: { verb: 'Decline', done: 'declined' },
};

/** Only sent applications can be decided on (not a draft, not a withdrawn one). */
export function isDecidable(status: ApplicationStatus): boolean {
  return status !== 'draft' && status !== 'withdrawn';
}

/** The manager answered in Teams themselves: their word stands, so nobody records it for them. */
export function managerAnswered(support: ManagerSupportStatus): boolean {
  return support === 'released' || support === 'not-released';
}

/**
 * The line manager's answer in words, with who gave it and when:
 * "Released: yes. Recorded by Connie Ward (programme team) on 3 Mar 2027."
 */
export function managerAnswerWords(answer: ManagerAnswerView, when: (iso: string) => string) {
  const released = `Released: ${answer.released ? 'yes' : 'no'}.`;
  const by =
    answer.answeredBy === 'manager'
      ? 'Answered by the line manager in Teams'
      : `Recorded by ${answer.recordedByName ?? 'a coordinator'} (programme team)`;
  return `${released} ${by} on ${when(answer.answeredAt)}.`;
}

/** Training in words for one applicant: "Complete", or the kinds still to attend. */
export function trainingWords(item: ApplicationReviewItem): string {
  const { training } = item;
  const done = training.complete
    ? 'Complete'
    : `Still to attend: ${training.missing.join(' and ')}`;
  return training.required ? done : `${done} (not required)`;
}
