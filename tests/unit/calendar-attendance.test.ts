import { attendanceInputSchema } from '../../bot/src/contracts/calendar-attendance';
import { problemsOf } from '../../bot/src/contracts/field-problem';
import {
  type StoredRegister,
  invitedPeople,
  markProblems,
  marksFor,
  registerView,
  sessionRecordsOf,
} from '../../bot/src/features/calendar/domain/attendance';
import type { ProgrammeEvent } from '../../bot/src/features/calendar/domain/programme-event';

/** The attendance register's pure rules: who is on it, what a save stores, what is counted. */

const roster = [
  { id: 'p3', displayName: 'Cat', role: 'mentee' as const },
  { id: 'p1', displayName: 'Ann', role: 'mentor' as const },
  { id: 'p2', displayName: 'Ben', role: 'either' as const },
];

const event = (over: Partial<ProgrammeEvent> = {}): ProgrammeEvent => ({
  id: 'e1',
  cohortId: 'c1',
  type: 'peer_support',
  title: 'Peer support',
  description: '',
  audience: 'everyone',
  start: '2027-04-10T10:00:00.000Z',
  end: '2027-04-10T11:00:00.000Z',
  location: '',
  createdBy: 'u',
  updatedAt: '2027-04-01T10:00:00.000Z',
  ...over,
});

const register = (eventId: string, marks: (boolean | null)[]): { value: StoredRegister } => ({
  value: {
    eventId,
    marks: marks.map((attended, i) => ({ participantId: `p${i}`, attended })),
    recordedAt: '2027-04-10T12:00:00.000Z',
    recordedBy: 'u',
    recordedByName: 'Priya',
  },
});

describe('the attendance register', () => {
  it('lists the event’s audience by name (a reciprocal partner is on both sides)', () => {
    expect(invitedPeople(event(), roster).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(invitedPeople(event({ audience: 'mentors' }), roster).map((p) => p.id)).toEqual([
      'p1',
      'p2',
    ]);
  });

  it('stores a mark for everyone invited, those not sent as not recorded', () => {
    const invited = invitedPeople(event(), roster);
    expect(marksFor(invited, [{ participantId: 'p3', attended: true }])).toEqual([
      { participantId: 'p1', attended: null },
      { participantId: 'p2', attended: null },
      { participantId: 'p3', attended: true },
    ]);
    expect(
      markProblems(
        [
          { participantId: 'p1', attended: true },
          { participantId: 'p3', attended: false },
        ],
        invitedPeople(event({ audience: 'mentors' }), roster),
      ),
    ).toEqual([{ field: 'marks.1.participantId', message: 'is not invited to this session' }]);
  });

  it('can be saved from the session’s start on', () => {
    const before = registerView(event(), [], undefined, new Date('2027-04-10T09:59:59Z'), null);
    const at = registerView(event(), [], undefined, new Date('2027-04-10T10:00:00Z'), null);
    expect([before.canRecord, at.canRecord]).toEqual([false, true]);
  });

  it('refuses a person marked twice, beside the second mark', () => {
    const parsed = attendanceInputSchema.safeParse({
      marks: [
        { participantId: 'p1', attended: true },
        { participantId: 'p1', attended: false },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(problemsOf(parsed.error!)).toEqual([
      { field: 'marks.1.participantId', message: 'is marked twice' },
    ]);
  });
});

describe('the sessions the participation measures count', () => {
  it('counts each programme session with a register: invited on it, attended marked so', () => {
    const records = sessionRecordsOf({
      events: [
        { value: event({ id: 'peer' }) },
        { value: event({ id: 'set', type: 'action_learning_set' }) },
        { value: event({ id: 'unrecorded' }) },
        { value: event({ id: 'training', type: 'mentor_training' }) },
      ],
      registers: [
        register('peer', [true, true, false, null]),
        register('set', [false, false]),
        register('training', [true]),
      ],
    });
    expect(records).toEqual([
      { eventId: 'peer', type: 'peer_support', invited: 4, attended: 2 },
      { eventId: 'set', type: 'action_learning_set', invited: 2, attended: 0 },
    ]);
  });
});
