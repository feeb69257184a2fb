import { DateTime } from 'luxon';
import { nextStep } from '../../bot/src/features/journey/domain/next-step';
import type { Meeting, Reflection } from '../../bot/src/features/journey/domain/pair-space';

/** My pair's "what to do now": reflect, prepare, book, or wait, from the pair's records. */

const ME = 'participant-me';
const NOW = new Date('2027-03-10T09:00:00Z');
const ZONE = 'Europe/London';

function meeting(number: number, change: Partial<Meeting> = {}): Meeting {
  // Windows start at local midnight in the cohort's zone (London: BST from 28 March 2027).
  const first = DateTime.fromISO('2027-03-01', { zone: ZONE });
  const start = first
    .plus({ months: number - 1 })
    .toUTC()
    .toISO()!;
  const end = first.plus({ months: number }).toUTC().toISO()!;
  return {
    id: `m${number}`,
    pairId: 'p1',
    number,
    windowStart: start,
    windowEnd: end,
    status: 'unplanned',
    updatedAt: start,
    ...change,
  };
}

function reflection(meetingId: string, authorId = ME): Reflection {
  return {
    id: `r-${meetingId}-${authorId}`,
    pairId: 'p1',
    meetingId,
    authorId,
    learned: 'x',
    doDifferently: '',
    sharedWithPartner: false,
    createdAt: NOW.toISOString(),
  };
}

const step = (meetings: Meeting[], reflections: Reflection[] = [], state = 'active' as const) =>
  nextStep({ state, participantId: ME, meetings, reflections, now: NOW, timeZone: ZONE });

describe('the next step My pair leads with', () => {
  it('books the first meeting of the plan by the last day of its window, in the cohort’s zone', () => {
    expect(step([meeting(1), meeting(2)])).toEqual({
      kind: 'book',
      meetingId: 'm1',
      meetingNumber: 1,
      at: null,
      byDate: '2027-03-31',
    });
  });

  it('prepares for a booked meeting ahead', () => {
    const booked = meeting(1, { status: 'planned', plannedAt: '2027-03-20T10:00:00Z' });
    expect(step([booked, meeting(2)])).toMatchObject({
      kind: 'prepare',
      meetingId: 'm1',
      at: '2027-03-20T10:00:00Z',
    });
  });

  it('asks for a reflection on the latest held meeting first, until this partner has written one', () => {
    const held = meeting(1, { status: 'held', plannedAt: '2027-03-05T10:00:00Z' });
    const booked = meeting(2, { status: 'planned', plannedAt: '2027-04-05T10:00:00Z' });
    expect(step([held, booked])).toMatchObject({ kind: 'reflect', meetingId: 'm1' });
    // The partner's reflection is theirs: it does not count for me.
    expect(step([held, booked], [reflection('m1', 'partner')])).toMatchObject({
      kind: 'reflect',
    });
    expect(step([held, booked], [reflection('m1')])).toMatchObject({
      kind: 'prepare',
      meetingId: 'm2',
    });
  });

  it('skips windows that have closed and books the next open one', () => {
    const past = meeting(0, { number: 1, windowEnd: '2027-03-01T00:00:00Z', id: 'old' });
    expect(step([past, meeting(2)])).toMatchObject({ kind: 'book', meetingNumber: 2 });
  });

  it('waits while the pair is not meeting, and is done when it has ended or the plan is over', () => {
    expect(step([meeting(1)], [], 'introduced' as never).kind).toBe('wait');
    expect(step([meeting(1)], [], 'paused' as never).kind).toBe('wait');
    expect(step([meeting(1)], [], 'completed' as never).kind).toBe('done');
    expect(step([])).toMatchObject({ kind: 'done', meetingId: null });
  });
});
