import {
  type ApplicationReviewItem,
  bulkDecisionSchema,
  decisionSchema,
} from '../../bot/src/contracts/application-review';
import { buildManagerReleaseCard } from '../../bot/src/features/applications/cards/manager-release-card';
import {
  decisionMessage,
  filterAndSort,
  isReadyForMatching,
  mayDecide,
  requiredTraining,
  trainingProgress,
} from '../../bot/src/features/applications/domain/review-rules';

const events = [
  { id: 'ev-induction-1', type: 'induction' as const },
  { id: 'ev-induction-2', type: 'induction' as const },
  { id: 'ev-mentor-training', type: 'mentor_training' as const },
];

describe('training before matching', () => {
  it('asks the induction of everyone and mentor training of anyone who may mentor', () => {
    expect(requiredTraining('mentee')).toEqual(['induction']);
    expect(requiredTraining('mentor')).toEqual(['induction', 'mentor_training']);
    expect(requiredTraining('either')).toEqual(['induction', 'mentor_training']);
  });

  it('counts one attended event of each required kind, whichever run of it', () => {
    const mentee = trainingProgress('mentee', true, events, new Set(['ev-induction-2']));
    expect(mentee).toMatchObject({ complete: true, missing: [], attended: ['ev-induction-2'] });
    const mentor = trainingProgress('mentor', true, events, new Set(['ev-induction-1']));
    expect(mentor).toMatchObject({ complete: false, missing: ['Mentor training'] });
  });

  it('keeps a kind missing when the calendar has no event of it yet', () => {
    const noTraining = events.filter((e) => e.type === 'induction');
    const view = trainingProgress('mentor', true, noTraining, new Set(['ev-induction-1']));
    expect(view.missing).toEqual(['Mentor training']);
    expect(view.complete).toBe(false);
  });

  it('makes an accepted applicant ready only once trained, when the cohort requires it', () => {
    const untrained = trainingProgress('mentor', true, events, new Set(['ev-induction-1']));
    const trained = trainingProgress(
      'mentor',
      true,
      events,
      new Set(['ev-induction-1', 'ev-mentor-training']),
    );
    expect(isReadyForMatching('accepted', untrained)).toBe(false);
    expect(isReadyForMatching('accepted', trained)).toBe(true);
    expect(isReadyForMatching('waitlisted', trained)).toBe(false);
    expect(isReadyForMatching('submitted', trained)).toBe(false);
  });

  it('makes an accepted applicant ready without training when the cohort does not require it', () => {
    const none = trainingProgress('mentor', false, events, new Set());
    expect(none.complete).toBe(false);
    expect(isReadyForMatching('accepted', none)).toBe(true);
  });
});

describe('decisions', () => {
  it('decides only sent applications, never a draft or a withdrawn one', () => {
    expect(mayDecide('submitted')).toBe(true);
    expect(mayDecide('waitlisted')).toBe(true);
    expect(mayDecide('draft')).toBe(false);
    expect(mayDecide('withdrawn')).toBe(false);
  });

  it('requires a reason to decline, and only to decline', () => {
    const declined = decisionSchema.safeParse({ decision: 'decline', etag: '"x"' });
    expect(declined.success).toBe(false);
    expect(declined.error?.issues[0]?.path).toEqual(['reason']);
    expect(decisionSchema.safeParse({ decision: 'accept', etag: '"x"' }).success).toBe(true);
    expect(
      decisionSchema.safeParse({ decision: 'decline', reason: 'Full', etag: '"x"' }).success,
    ).toBe(true);
  });

  it('refuses the same application twice in one bulk decision', () => {
    const item = { applicationId: 'app-1', decision: 'accept', etag: '"x"' };
    expect(bulkDecisionSchema.safeParse({ items: [item, item] }).success).toBe(false);
  });

  it('tells the applicant kindly, with their first name and the reason only when declined', () => {
    const facts = {
      displayName: 'Dr Amara Okafor',
      cohortName: 'LLR 2027',
      reason: 'We are full.',
    };
    const declined = decisionMessage('decline', facts);
    expect(declined.text).toContain('Dear Amara,');
    expect(declined.text).toContain('Our reason: We are full.');
    const accepted = decisionMessage('accept', facts);
    expect(accepted.title).toBe('Welcome to LLR 2027');
    expect(accepted.text).not.toContain('We are full');
  });
});

function item(over: Partial<ApplicationReviewItem>): ApplicationReviewItem {
  return {
    applicationId: 'a',
    displayName: 'A',
    email: 'a@nhs.net',
    status: 'submitted',
    statusWords: '',
    submittedAt: '2027-01-01T10:00:00.000Z',
    role: 'mentor',
    arrangement: 'reverse',
    band: 'Band 5',
    organisation: 'Org',
    directorate: 'Dir',
    lineManagerName: 'M',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    location: null,
    availability: [],
    notes: null,
    managerSupport: 'asked',
    managerSupportWords: '',
    managerAnswer: null,
    decisionReason: null,
    decidedAt: null,
    training: { required: true, attended: [], missing: [], complete: true },
    attendance: [],
    readyForMatching: false,
    etag: '"e"',
    ...over,
  };
}

describe('the coordinator’s list', () => {
  const ladder = ['Band 5', 'Band 8a', 'Very senior manager'];
  const list = [
    item({
      applicationId: '1',
      displayName: 'Zara Ahmed',
      organisation: 'Leicester Partnership',
      band: 'Band 8a',
      submittedAt: '2027-01-02T00:00:00Z',
    }),
    item({
      applicationId: '2',
      displayName: 'ben Cole',
      organisation: 'UHL',
      role: 'mentee',
      band: 'Very senior manager',
      managerSupport: 'released',
      submittedAt: '2027-01-03T00:00:00Z',
    }),
    item({
      applicationId: '3',
      displayName: 'Ann Lee',
      organisation: 'Rutland Council',
      arrangement: 'reciprocal',
      status: 'accepted',
      training: { required: true, attended: [], missing: ['Programme induction'], complete: false },
      submittedAt: '2027-01-01T00:00:00Z',
    }),
  ];
  const ids = (items: ApplicationReviewItem[]) => items.map((i) => i.applicationId);

  it('shows the newest sent first by default', () => {
    expect(ids(filterAndSort(list, {}, ladder))).toEqual(['2', '1', '3']);
  });

  it('filters by status, role, arrangement, manager support and training', () => {
    expect(ids(filterAndSort(list, { status: 'accepted' }, ladder))).toEqual(['3']);
    expect(ids(filterAndSort(list, { role: 'mentee' }, ladder))).toEqual(['2']);
    expect(ids(filterAndSort(list, { arrangement: 'reciprocal' }, ladder))).toEqual(['3']);
    expect(ids(filterAndSort(list, { managerSupport: 'released' }, ladder))).toEqual(['2']);
    expect(ids(filterAndSort(list, { training: 'incomplete' }, ladder))).toEqual(['3']);
  });

  it('searches name and organisation, ignoring case', () => {
    expect(ids(filterAndSort(list, { q: 'BEN' }, ladder))).toEqual(['2']);
    expect(ids(filterAndSort(list, { q: 'rutland' }, ladder))).toEqual(['3']);
  });

  it('sorts by name, and by band in the ladder’s order', () => {
    expect(ids(filterAndSort(list, { sort: 'name' }, ladder))).toEqual(['3', '2', '1']);
    expect(ids(filterAndSort(list, { sort: 'band', order: 'desc' }, ladder))).toEqual([
      '2',
      '1',
      '3',
    ]);
  });
});

describe('the line manager’s card', () => {
  it('shows the name, cohort, meeting months and sessions, with Yes and No', () => {
    const card = buildManagerReleaseCard({
      cohortId: 'c1',
      applicationId: 'app-1',
      applicantName: 'Amara Okafor',
      cohortName: 'LLR 2027',
      meetingsFrom: '2027-03-01',
      meetingsTo: '2027-08-31',
      frequency: 'monthly',
      sessions: [{ title: 'Programme induction', start: '2027-02-10T10:00:00Z' }],
      timeZone: 'Europe/London',
    });
    const json = JSON.stringify(card);
    expect(json).toContain('Amara Okafor');
    expect(json).toContain('1 March 2027');
    expect(json).toContain('Wednesday 10 February 2027, 10:00');
    const verbs = (card.actions as { verb: string; data: { released: string } }[]).map(
      (a) => `${a.verb}:${a.data.released}`,
    );
    expect(verbs).toEqual(['application.manager_answer:yes', 'application.manager_answer:no']);
  });
});
