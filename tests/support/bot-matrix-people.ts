import type { TeamsUser } from './activities';
import { COORDINATOR } from './journey-fixture';

/**
 * The people and the planted private text of the bot's authorisation matrix
 * (tests/integration/bot-authorization-matrix.test.ts): a victim pair in cohort A with a second
 * pair beside it, a pair in cohort B, a stranger on no roster and a coordinator; who may see
 * what, and the check that finds what they may not.
 */

export type Who =
  | 'victimMentor'
  | 'victimMentee'
  | 'sameCohortPeer'
  | 'audienceOutsider'
  | 'otherCohortMember'
  | 'stranger'
  | 'coordinator'
  | 'cohortCoordinator'
  | 'otherCoordinator'
  | 'sponsor';

const person = (n: number | string, name: string): TeamsUser => ({
  aadObjectId: `b7000000-0000-4000-8000-00000000000${n}`,
  name,
});

export const PEOPLE: Record<Who, TeamsUser & { label: string }> = {
  victimMentor: { ...person(1, 'Vivienne Quarrington'), label: 'the victim pair’s mentor' },
  victimMentee: {
    ...person(2, 'Valentin Brandtmeier'),
    label: 'the victim pair’s mentee (outside the mentors-only event’s audience)',
  },
  sameCohortPeer: {
    ...person(3, 'Petra Lindqvist'),
    label: 'a mentor of another pair in the same cohort',
  },
  audienceOutsider: {
    ...person(4, 'Piotr Zielinski'),
    label: 'a mentee of another pair in the same cohort (outside the event’s audience)',
  },
  otherCohortMember: { ...person(5, 'Oscar Abernethy'), label: 'a member of another cohort' },
  stranger: { ...person(7, 'Sam Stranger'), label: 'a stranger (no roster row)' },
  coordinator: {
    aadObjectId: COORDINATOR.userId,
    name: COORDINATOR.name,
    label: 'a programme admin',
  },
  cohortCoordinator: { ...person(8, 'Cora Coordinator'), label: 'the coordinator of cohort A' },
  otherCoordinator: { ...person(9, 'Otto Elsewhere'), label: 'a coordinator of cohort B only' },
  sponsor: { ...person('a', 'Sol Sponsor'), label: 'the sponsor of cohort A' },
};

/** The roles the programme admin gives (in plant()), as in the tab. */
export const STAFF_GRANTS: [Who, 'coordinator' | 'sponsor', 'cohortA' | 'cohortB'][] = [
  ['cohortCoordinator', 'coordinator', 'cohortA'],
  ['otherCoordinator', 'coordinator', 'cohortB'],
  ['sponsor', 'sponsor', 'cohortA'],
];
export const WHO = Object.keys(PEOPLE) as Who[];
export const OTHER_MENTEE = person(6, 'Olive Ngata');

// What is planted, by category, and the most each person may ever see of it.
export const GOAL_TEXT = 'Learn how the Quarrington rota board decides who covers nights';
export const ACTION_TEXT = 'Shadow the night sister on ward 7Q';
export const REFLECTION_TEXT = 'Reflection: I felt brave enough to challenge the staffing grid';
export const PRIVATE_REFLECTION = 'Kept to myself: I doubt the scheme survives the merger';
export const PRIVATE_PREP = 'Prep only for me: ask about the unfilled band 7 post';
export const EVENT_TITLE = 'Mentors circle EVT-7731';
export const EVENT_DETAIL = 'Bring the mentor-only case notes from ward 9';
export const EVENT_PLACE = 'Room 12, Quarrington wing';
/** The victim mentor's own application (only he may ever see it). */
export const APPLICATION_ORG = 'Quarrington Applicant Trust AP-4410';
export const APPLICATION_NOTE = 'Applicant note: my manager must not hear of this';
/** The victim mentor's own survey answer (issue 16: only he may ever see it). */
export const SURVEY_ANSWER = 'Survey answer SV-2291: I fear the board will not listen';

/** What a refused caller writes: nothing stored may ever hold it. */
export const INTRUDER = 'INTRUDER-7f3a';

export type Category =
  | 'pairPrivate'
  | 'mentorOnly'
  | 'menteeOnly'
  | 'victimIdentity'
  | 'mentorsEvent'
  | 'applicantOnly'
  | 'mentorSurvey';
export const SECRETS: Record<Category, string[]> = {
  pairPrivate: [GOAL_TEXT, 'Private note: nervous about the agency spend', ACTION_TEXT],
  mentorOnly: [PRIVATE_PREP],
  menteeOnly: [PRIVATE_REFLECTION, REFLECTION_TEXT],
  victimIdentity: [PEOPLE.victimMentor.name, PEOPLE.victimMentee.name],
  mentorsEvent: [EVENT_TITLE, EVENT_DETAIL, EVENT_PLACE],
  applicantOnly: [APPLICATION_ORG, APPLICATION_NOTE],
  mentorSurvey: [SURVEY_ANSWER],
};
// The mentee's shared reflection is pair-private once shared: the mentor may see it.
export const MAY_SEE: Record<Who, Category[]> = {
  victimMentor: [
    'pairPrivate',
    'mentorOnly',
    'victimIdentity',
    'mentorsEvent',
    'applicantOnly',
    'mentorSurvey',
  ],
  victimMentee: ['pairPrivate', 'menteeOnly', 'victimIdentity'],
  sameCohortPeer: ['mentorsEvent'],
  audienceOutsider: [],
  otherCohortMember: [],
  stranger: [],
  coordinator: ['victimIdentity', 'mentorsEvent'],
  cohortCoordinator: ['victimIdentity', 'mentorsEvent'],
  otherCoordinator: [],
  sponsor: [],
};
/** Text the mentor may also see: the reflection his partner shared with him. */
const SHARED_WITH_MENTOR = [REFLECTION_TEXT];

export function leaked(text: string, who: Who | 'nobody'): string[] {
  const lower = text.toLowerCase();
  const allowed = who === 'nobody' ? [] : MAY_SEE[who];
  const extra = who === 'victimMentor' ? SHARED_WITH_MENTOR : [];
  return (Object.keys(SECRETS) as Category[])
    .filter((category) => !allowed.includes(category))
    .flatMap((category) => SECRETS[category])
    .filter((s) => !extra.includes(s) && lower.includes(s.toLowerCase()));
}

export function missing(text: string, shown: string[]): string[] {
  const lower = text.toLowerCase();
  return shown.filter((s) => !lower.includes(s.toLowerCase()));
}

/** Ids learnt while planting. */
export const ids = {
  cohortA: '',
  cohortB: '',
  victimPair: '',
  peerPair: '',
  otherPair: '',
  action: '',
  plannedMeeting: '',
  heldMeeting: '',
  event: '',
  announcement: '',
};
export const tokens = {} as Record<Who, string>;
