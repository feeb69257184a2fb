import { DEFAULT_CADENCE, type Cohort } from '../../bot/src/features/cohorts/domain/cohort';
import type { Job } from '../../bot/src/platform/storage/jobs/job';
import {
  compactInstant,
  isJobStillWanted,
  jobsForPair,
  type PairFacts,
} from '../../bot/src/features/journey/domain/journey-schedule';
import type { PairState } from '../../bot/src/features/cohorts/domain/pair';
import type {
  AgreedAction,
  Meeting,
  MeetingStatus,
} from '../../bot/src/features/journey/domain/pair-space';
import { pairIn as pairFor } from '../support/pair-factory';

const ACTIVE_SINCE = new Date('2027-01-15T10:30:00.000Z');

const COHORT: Cohort = {
  id: 'cohort-1',
  name: 'Cohort 1',
  startDate: '2027-01-04',
  endDate: '2027-07-30',
  cadence: DEFAULT_CADENCE,
  isDemo: false,
  createdBy: 'coordinator-1',
  createdAt: '2026-12-01T00:00:00.000Z',
};

const pairIn = (state: PairState) =>
  pairFor(state, { createdAt: '2027-01-10T00:00:00.000Z', updatedAt: ACTIVE_SINCE.toISOString() });

// The London plan for a pair activated on 15 January 2027 (BST from 28 March).
const WINDOWS: [string, string][] = [
  ['2027-01-15T00:00:00.000Z', '2027-02-15T00:00:00.000Z'],
  ['2027-02-15T00:00:00.000Z', '2027-03-15T00:00:00.000Z'],
  ['2027-03-15T00:00:00.000Z', '2027-04-14T23:00:00.000Z'],
  ['2027-04-14T23:00:00.000Z', '2027-05-14T23:00:00.000Z'],
  ['2027-05-14T23:00:00.000Z', '2027-06-14T23:00:00.000Z'],
  ['2027-06-14T23:00:00.000Z', '2027-07-14T23:00:00.000Z'],
];

function meeting(n: number, status: MeetingStatus, extra: Partial<Meeting> = {}): Meeting {
  return {
    id: `meeting-${n}`,
    pairId: 'pair-1',
    number: n,
    windowStart: WINDOWS[n - 1]![0],
    windowEnd: WINDOWS[n - 1]![1],
    status,
    updatedAt: '2027-01-15T10:30:00.000Z',
    ...extra,
  };
}

function action(id: string, dueDate: string, extra: Partial<AgreedAction> = {}): AgreedAction {
  return {
    id,
    pairId: 'pair-1',
    text: 'Shadow the board meeting',
    ownerId: 'mentor-1',
    dueDate,
    createdBy: 'mentor-1',
    createdAt: '2027-02-03T15:00:00.000Z',
    ...extra,
  };
}

function facts(overrides: Partial<PairFacts> = {}): PairFacts {
  return {
    pair: pairIn('active'),
    cohort: COHORT,
    activeSince: ACTIVE_SINCE,
    timeZone: 'Europe/London',
    meetings: [],
    actions: [],
    now: ACTIVE_SINCE,
    ...overrides,
  };
}

const idsAndTimes = (jobs: Job[]): [string, string][] => jobs.map((j) => [j.id, j.dueAt]);

describe('jobs for a pair', () => {
  it('a proposed pair gets an introduction for each partner, due now', () => {
    const now = new Date('2027-01-12T08:00:00.000Z');
    const jobs = jobsForPair(facts({ pair: pairIn('proposed'), now }));
    expect(jobs).toEqual([
      {
        id: 'introduction:pair-1:mentee-1',
        kind: 'introduction',
        dueAt: now.toISOString(),
        cohortId: 'cohort-1',
        pairId: 'pair-1',
        recipientId: 'mentee-1',
        payload: { role: 'mentee' },
      },
      {
        id: 'introduction:pair-1:mentor-1',
        kind: 'introduction',
        dueAt: now.toISOString(),
        cohortId: 'cohort-1',
        pairId: 'pair-1',
        recipientId: 'mentor-1',
        payload: { role: 'mentor' },
      },
    ]);
  });

  it.each<PairState>(['introduced', 'paused', 'completed', 'ended_early'])(
    'a pair that is %s gets no jobs',
    (state) => {
      const meetings = [meeting(1, 'planned', { plannedAt: '2027-02-03T13:00:00.000Z' })];
      const actions = [action('a-1', '2027-03-29')];
      expect(jobsForPair(facts({ pair: pairIn(state), meetings, actions }))).toEqual([]);
    },
  );

  it('a six-month pair activated on 15 January in London, with nothing booked yet', () => {
    const jobs = jobsForPair(facts());
    expect(idsAndTimes(jobs)).toEqual([
      ['booking:pair-1:1:mentee-1', '2027-01-15T00:00:00.000Z'],
      ['booking:pair-1:1:mentor-1', '2027-01-15T00:00:00.000Z'],
      ['booking:pair-1:2:mentee-1', '2027-02-15T00:00:00.000Z'],
      ['booking:pair-1:2:mentor-1', '2027-02-15T00:00:00.000Z'],
      ['window-close:pair-1:1', '2027-02-15T00:00:00.000Z'],
      ['booking:pair-1:3:mentee-1', '2027-03-15T00:00:00.000Z'],
      ['booking:pair-1:3:mentor-1', '2027-03-15T00:00:00.000Z'],
      ['window-close:pair-1:2', '2027-03-15T00:00:00.000Z'],
      // Midnight on 15 April BST is 23:00Z on the 14th.
      ['booking:pair-1:4:mentee-1', '2027-04-14T23:00:00.000Z'],
      ['booking:pair-1:4:mentor-1', '2027-04-14T23:00:00.000Z'],
      ['window-close:pair-1:3', '2027-04-14T23:00:00.000Z'],
      ['booking:pair-1:5:mentee-1', '2027-05-14T23:00:00.000Z'],
      ['booking:pair-1:5:mentor-1', '2027-05-14T23:00:00.000Z'],
      ['window-close:pair-1:4', '2027-05-14T23:00:00.000Z'],
      ['booking:pair-1:6:mentee-1', '2027-06-14T23:00:00.000Z'],
      ['booking:pair-1:6:mentor-1', '2027-06-14T23:00:00.000Z'],
      ['window-close:pair-1:5', '2027-06-14T23:00:00.000Z'],
      ['final-review:pair-1:mentee-1', '2027-07-14T23:00:00.000Z'],
      ['final-review:pair-1:mentor-1', '2027-07-14T23:00:00.000Z'],
      ['window-close:pair-1:6', '2027-07-14T23:00:00.000Z'],
    ]);
    expect(jobs.find((j) => j.id === 'booking:pair-1:3:mentor-1')).toEqual({
      id: 'booking:pair-1:3:mentor-1',
      kind: 'booking-nudge',
      dueAt: '2027-03-15T00:00:00.000Z',
      cohortId: 'cohort-1',
      pairId: 'pair-1',
      recipientId: 'mentor-1',
      payload: {
        meetingNumber: 3,
        plannedMeetings: 6,
        windowStart: '2027-03-15T00:00:00.000Z',
        windowEnd: '2027-04-14T23:00:00.000Z',
      },
    });
    expect(jobs.find((j) => j.id === 'window-close:pair-1:6')).toMatchObject({
      kind: 'window-close',
      payload: { meetingNumber: 6, lastWindow: true },
    });
    expect(jobs.find((j) => j.id === 'window-close:pair-1:6')).not.toHaveProperty('recipientId');
  });

  it('the same pair in March: one held, one missed, one booked, and open actions', () => {
    const meetings = [
      meeting(1, 'held', {
        plannedAt: '2027-02-03T13:00:00.000Z',
        plannedMinutes: 60,
        heldMinutes: 65,
      }),
      meeting(2, 'missed'),
      // 15:00 BST on Tuesday 6 April.
      meeting(3, 'planned', { plannedAt: '2027-04-06T14:00:00.000Z', plannedMinutes: 90 }),
    ];
    const actions = [
      action('a-1', '2027-03-29'),
      action('a-2', '2027-03-10', { doneAt: '2027-03-08T10:00:00.000Z' }),
      action('a-3', '2027-04-20', { ownerId: 'mentee-1' }),
      action('other-pair', '2027-04-20', { pairId: 'pair-2' }),
    ];
    const jobs = jobsForPair(
      facts({ meetings, actions, now: new Date('2027-03-20T12:00:00.000Z') }),
    );
    expect(idsAndTimes(jobs)).toEqual([
      ['reflection:pair-1:1:20270203T1300Z:mentee-1', '2027-02-03T15:00:00.000Z'],
      ['reflection:pair-1:1:20270203T1300Z:mentor-1', '2027-02-03T15:00:00.000Z'],
      ['fit-check:pair-1:mentee-1', '2027-02-04T13:00:00.000Z'],
      ['fit-check:pair-1:mentor-1', '2027-02-04T13:00:00.000Z'],
      ['window-close:pair-1:1', '2027-02-15T00:00:00.000Z'],
      ['window-close:pair-1:2', '2027-03-15T00:00:00.000Z'],
      // 09:00 GMT on Saturday 27 March; the send window moves it to Monday.
      ['action:a-1:before', '2027-03-27T09:00:00.000Z'],
      // 09:00 BST on Monday 29 March, the day after the clocks go forward.
      ['action:a-1:due', '2027-03-29T08:00:00.000Z'],
      ['preparation:pair-1:3:20270406T1400Z:mentee-1', '2027-04-04T14:00:00.000Z'],
      ['preparation:pair-1:3:20270406T1400Z:mentor-1', '2027-04-04T14:00:00.000Z'],
      ['reflection:pair-1:3:20270406T1400Z:mentee-1', '2027-04-06T16:30:00.000Z'],
      ['reflection:pair-1:3:20270406T1400Z:mentor-1', '2027-04-06T16:30:00.000Z'],
      ['booking:pair-1:4:mentee-1', '2027-04-14T23:00:00.000Z'],
      ['booking:pair-1:4:mentor-1', '2027-04-14T23:00:00.000Z'],
      ['window-close:pair-1:3', '2027-04-14T23:00:00.000Z'],
      ['action:a-3:before', '2027-04-18T08:00:00.000Z'],
      ['action:a-3:due', '2027-04-20T08:00:00.000Z'],
      ['booking:pair-1:5:mentee-1', '2027-05-14T23:00:00.000Z'],
      ['booking:pair-1:5:mentor-1', '2027-05-14T23:00:00.000Z'],
      ['window-close:pair-1:4', '2027-05-14T23:00:00.000Z'],
      ['booking:pair-1:6:mentee-1', '2027-06-14T23:00:00.000Z'],
      ['booking:pair-1:6:mentor-1', '2027-06-14T23:00:00.000Z'],
      ['window-close:pair-1:5', '2027-06-14T23:00:00.000Z'],
      ['final-review:pair-1:mentee-1', '2027-07-14T23:00:00.000Z'],
      ['final-review:pair-1:mentor-1', '2027-07-14T23:00:00.000Z'],
      ['window-close:pair-1:6', '2027-07-14T23:00:00.000Z'],
    ]);
    expect(jobs.find((j) => j.id === 'action:a-1:due')).toMatchObject({
      kind: 'action-reminder',
      recipientId: 'mentor-1',
      payload: { actionId: 'a-1', dueDate: '2027-03-29', when: 'due' },
    });
    expect(jobs.find((j) => j.id === 'action:a-3:due')?.recipientId).toBe('mentee-1');
    expect(jobs.find((j) => j.id.startsWith('preparation:pair-1:3'))).toMatchObject({
      kind: 'preparation-prompt',
      payload: { meetingNumber: 3, meetingId: 'meeting-3', plannedAt: '2027-04-06T14:00:00.000Z' },
    });
  });

  it('a planned meeting without a length is assumed to last the cohort minimum', () => {
    const meetings = [meeting(1, 'planned', { plannedAt: '2027-02-03T13:00:00.000Z' })];
    const reflection = jobsForPair(facts({ meetings })).find((j) =>
      j.id.startsWith('reflection:pair-1:1:'),
    );
    expect(reflection?.dueAt).toBe('2027-02-03T15:00:00.000Z');
  });

  it('a cancelled meeting asks the pair to book again', () => {
    const jobs = jobsForPair(facts({ meetings: [meeting(1, 'cancelled')] }));
    expect(jobs.map((j) => j.id)).toContain('booking:pair-1:1:mentor-1');
  });

  it('a rescheduled meeting gets new preparation and reflection ids', () => {
    const before = jobsForPair(
      facts({ meetings: [meeting(2, 'planned', { plannedAt: '2027-02-20T10:00:00.000Z' })] }),
    );
    const after = jobsForPair(
      facts({ meetings: [meeting(2, 'planned', { plannedAt: '2027-02-24T10:00:00.000Z' })] }),
    );
    const prep = (jobs: Job[]) => jobs.filter((j) => j.kind === 'preparation-prompt');
    expect(prep(before).map((j) => j.id)).toEqual([
      'preparation:pair-1:2:20270220T1000Z:mentee-1',
      'preparation:pair-1:2:20270220T1000Z:mentor-1',
    ]);
    expect(prep(after).map((j) => j.id)).toEqual([
      'preparation:pair-1:2:20270224T1000Z:mentee-1',
      'preparation:pair-1:2:20270224T1000Z:mentor-1',
    ]);
  });

  it('the same facts always give the same jobs', () => {
    const input = facts({
      meetings: [meeting(1, 'planned', { plannedAt: '2027-02-03T13:00:00.000Z' })],
      actions: [action('a-1', '2027-03-29')],
    });
    expect(jobsForPair(input)).toEqual(jobsForPair(structuredClone(input)));
  });

  it('without a recorded activation, the plan starts at meeting 1’s window', () => {
    const jobs = jobsForPair(
      facts({ activeSince: undefined, meetings: [meeting(1, 'unplanned')] }),
    );
    expect(jobs.find((j) => j.id === 'window-close:pair-1:6')?.dueAt).toBe(
      '2027-07-14T23:00:00.000Z',
    );
  });

  it('an unknown time zone schedules in London time', () => {
    const jobs = jobsForPair(facts({ timeZone: 'Somewhere/Else' }));
    expect(idsAndTimes(jobs)).toEqual(idsAndTimes(jobsForPair(facts())));
  });

  it('a fortnightly cohort gets one window-close per fortnight', () => {
    const cohort = {
      ...COHORT,
      cadence: { ...DEFAULT_CADENCE, frequency: 'fortnightly' as const, plannedMeetings: 12 },
    };
    const closes = jobsForPair(facts({ cohort })).filter((j) => j.kind === 'window-close');
    expect(closes).toHaveLength(12);
    expect(closes[1]!.dueAt).toBe('2027-02-12T00:00:00.000Z');
  });

  it('no window-close or final review falls after the cohort has ended', () => {
    // A cohort ending 31 May: the plan from 15 January would run to 15 July.
    const cohort = { ...COHORT, endDate: '2027-05-31' };
    const jobs = jobsForPair(facts({ cohort }));
    const closes = jobs.filter((j) => j.kind === 'window-close');
    expect(closes.map((j) => j.dueAt)).toEqual([
      '2027-02-15T00:00:00.000Z',
      '2027-03-15T00:00:00.000Z',
      '2027-04-14T23:00:00.000Z',
      '2027-05-14T23:00:00.000Z',
      '2027-05-31T23:00:00.000Z',
    ]);
    const reviews = jobs.filter((j) => j.kind === 'final-review');
    expect(reviews.map((j) => j.dueAt)).toEqual([
      '2027-05-31T23:00:00.000Z',
      '2027-05-31T23:00:00.000Z',
    ]);
    expect(closes.at(-1)!.payload).toMatchObject({
      meetingNumber: 5,
      plannedMeetings: 5,
      lastWindow: true,
    });
  });

  it('writes planned times compactly in ids', () => {
    expect(compactInstant('2027-04-06T14:00:00.000Z')).toBe('20270406T1400Z');
  });
});

describe('is a job still wanted', () => {
  const planned = meeting(3, 'planned', { plannedAt: '2027-04-06T14:00:00.000Z' });
  const jobsWhenPlanned = jobsForPair(
    facts({ meetings: [planned], actions: [action('a-1', '2027-03-29')] }),
  );
  const job = (id: string): Job => {
    const found = [...jobsWhenPlanned, ...jobsForPair(facts())].find((j) => j.id === id);
    if (!found) throw new Error(`no job ${id}`);
    return found;
  };
  const PREP = 'preparation:pair-1:3:20270406T1400Z:mentor-1';
  const REFLECTION = 'reflection:pair-1:3:20270406T1400Z:mentor-1';
  const wanted = (id: string, over: Partial<Parameters<typeof isJobStillWanted>[1]> = {}) =>
    isJobStillWanted(job(id), {
      pair: pairIn('active'),
      meetings: [planned],
      actions: [action('a-1', '2027-03-29')],
      ...over,
    });

  it('every job is wanted while nothing has changed', () => {
    expect(jobsWhenPlanned.filter((j) => !wanted(j.id)).map((j) => j.id)).toEqual([]);
  });

  it('a booking nudge is not wanted once the meeting is planned', () => {
    expect(wanted('booking:pair-1:3:mentor-1', { meetings: [] })).toBe(true);
    expect(wanted('booking:pair-1:3:mentor-1')).toBe(false);
    expect(wanted('booking:pair-1:3:mentor-1', { meetings: [meeting(3, 'held')] })).toBe(false);
  });

  it('a booking nudge is wanted again after a cancellation, but not once the window has closed', () => {
    const cancelled = [meeting(3, 'cancelled')];
    expect(wanted('booking:pair-1:3:mentor-1', { meetings: cancelled })).toBe(true);
    expect(
      wanted('booking:pair-1:3:mentor-1', {
        meetings: cancelled,
        now: new Date('2027-04-14T23:00:00.000Z'),
      }),
    ).toBe(false);
  });

  it('a preparation prompt is not wanted for a meeting no longer planned at that time', () => {
    expect(wanted(PREP)).toBe(true);
    const moved = meeting(3, 'planned', { plannedAt: '2027-04-08T14:00:00.000Z' });
    expect(wanted(PREP, { meetings: [moved] })).toBe(false);
    expect(wanted(PREP, { meetings: [{ ...planned, status: 'cancelled' }] })).toBe(false);
    expect(wanted(PREP, { meetings: [] })).toBe(false);
    expect(wanted(PREP, { now: new Date('2027-04-06T14:00:00.000Z') })).toBe(false);
  });

  it('a reflection prompt is wanted for the meeting at that time, planned or already held', () => {
    expect(wanted(REFLECTION, { meetings: [{ ...planned, status: 'held' }] })).toBe(true);
    expect(wanted(REFLECTION, { meetings: [{ ...planned, status: 'cancelled' }] })).toBe(false);
    const moved = meeting(3, 'planned', { plannedAt: '2027-04-08T14:00:00.000Z' });
    expect(wanted(REFLECTION, { meetings: [moved] })).toBe(false);
  });

  it('an action reminder is not wanted once the action is done or gone', () => {
    expect(wanted('action:a-1:before')).toBe(true);
    const done = action('a-1', '2027-03-29', { doneAt: '2027-03-26T10:00:00.000Z' });
    expect(wanted('action:a-1:before', { actions: [done] })).toBe(false);
    expect(wanted('action:a-1:due', { actions: [] })).toBe(false);
  });

  it('a window-close is not wanted once that window’s meeting is held', () => {
    expect(wanted('window-close:pair-1:3')).toBe(true);
    expect(wanted('window-close:pair-1:3', { meetings: [{ ...planned, status: 'held' }] })).toBe(
      false,
    );
  });

  it('a window that closed while the pair was paused is not marked missed after resuming', () => {
    const detail = { resumedAt: '2027-04-20T10:00:00.000Z' };
    expect(wanted('window-close:pair-1:3', { detail })).toBe(false);
    expect(wanted('window-close:pair-1:4', { detail })).toBe(true);
  });

  it('a fit check is wanted once a meeting has been held', () => {
    const held = meeting(1, 'held', { plannedAt: '2027-02-03T13:00:00.000Z' });
    const fit = jobsForPair(facts({ meetings: [held] })).find((j) => j.kind === 'fit-check')!;
    const base = { pair: pairIn('active'), actions: [] };
    expect(isJobStillWanted(fit, { ...base, meetings: [held] })).toBe(true);
    expect(isJobStillWanted(fit, { ...base, meetings: [{ ...held, status: 'missed' }] })).toBe(
      false,
    );
  });

  it.each<PairState>(['proposed', 'introduced', 'paused', 'completed', 'ended_early'])(
    'nothing but the introduction is wanted when the pair is %s',
    (state) => {
      for (const id of [
        'booking:pair-1:4:mentor-1',
        PREP,
        REFLECTION,
        'window-close:pair-1:3',
        'action:a-1:due',
      ]) {
        expect([id, wanted(id, { pair: pairIn(state) })]).toEqual([id, false]);
      }
    },
  );

  it('an introduction is wanted until the pair is under way, and never once it has ended', () => {
    const intro = jobsForPair(facts({ pair: pairIn('proposed') }))[0]!;
    const check = (state: PairState) =>
      isJobStillWanted(intro, { pair: pairIn(state), meetings: [], actions: [] });
    expect(check('proposed')).toBe(true);
    expect(check('introduced')).toBe(true);
    expect(check('ended_early')).toBe(false);
    expect(check('paused')).toBe(false);
  });

  it('a final review is still wanted once the pair has completed, where each partner chooses', () => {
    expect(wanted('final-review:pair-1:mentor-1', { pair: pairIn('completed') })).toBe(true);
    expect(wanted('final-review:pair-1:mentor-1', { pair: pairIn('ended_early') })).toBe(false);
  });

  it('a job for someone who is no longer a partner, or another pair, is not wanted', () => {
    const other = { ...pairIn('active'), menteeId: 'mentee-2' };
    expect(wanted('booking:pair-1:4:mentee-1', { pair: other })).toBe(false);
    expect(
      wanted('booking:pair-1:4:mentor-1', { pair: { ...pairIn('active'), id: 'pair-9' } }),
    ).toBe(false);
  });
});
