import { reminderStaleAfter } from '../../bot/src/features/announcements/domain/announcement-drafts';
import { isPastItsMoment as announcementPast } from '../../bot/src/features/announcements/domain/announcement';
import { isPastItsMoment } from '../../bot/src/features/journey/domain/job-moments';
import { jobsForPair } from '../../bot/src/features/journey/domain/journey-schedule';

describe('a reminder past its moment', () => {
  const job = (staleAfter?: string): { payload: Record<string, string> } => ({
    payload: staleAfter === undefined ? {} : { staleAfter },
  });

  it('is stale from its staleAfter instant on, and a job without one never is', () => {
    const at = '2027-03-12T09:00:00.000Z';
    expect(isPastItsMoment(job(at), new Date('2027-03-12T08:59:59Z'))).toBe(false);
    expect(isPastItsMoment(job(at), new Date(at))).toBe(true);
    expect(isPastItsMoment(job(), new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('says "tomorrow" only before the event’s own day, and "in an hour" only before it starts', () => {
    const event = { start: '2027-07-17T12:00:00Z' }; // 13:00 in London (summer time)
    expect(reminderStaleAfter(event, 'day').toISOString()).toBe('2027-07-16T23:00:00.000Z');
    expect(reminderStaleAfter(event, 'hour').toISOString()).toBe('2027-07-17T12:00:00.000Z');
    expect(
      announcementPast(
        { staleAfter: '2027-07-16T23:00:00.000Z' },
        new Date('2027-07-17T06:00:00Z'),
      ),
    ).toBe(true);
    expect(announcementPast({}, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('action reminders carry their moment', () => {
  it('"coming up" is stale once "due today" is due; "due today" from the next day', () => {
    const jobs = jobsForPair({
      pair: {
        id: 'p1',
        cohortId: 'c1',
        mentorId: 'm1',
        menteeId: 'e1',
        arrangement: 'reverse',
        state: 'active',
        createdAt: '2027-03-01T00:00:00Z',
        updatedAt: '2027-03-01T00:00:00Z',
      } as never,
      cohort: {
        cadence: { plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60, windowWeeks: 4 },
      } as never,
      timeZone: 'Europe/London',
      meetings: [],
      actions: [
        {
          id: 'a1',
          pairId: 'p1',
          meetingId: 'x',
          text: 'Share the rota',
          ownerId: 'm1',
          dueDate: '2027-03-12',
          createdBy: 'm1',
          createdAt: '2027-03-01T10:00:00Z',
        },
      ],
      now: new Date('2027-03-01T10:00:00Z'),
    });
    const byId = new Map(jobs.map((j) => [j.id, j.payload]));
    expect(byId.get('action:a1:before')).toMatchObject({
      moment: '2027-03-10T09:00:00.000Z',
      staleAfter: '2027-03-12T09:00:00.000Z',
    });
    expect(byId.get('action:a1:due')).toMatchObject({
      moment: '2027-03-12T09:00:00.000Z',
      staleAfter: '2027-03-13T00:00:00.000Z',
    });
  });
});
