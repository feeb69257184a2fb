import {
  instantInZone,
  submitRefusal,
  whenInWords,
  windowOf,
  windowState,
  windowView,
} from '../../bot/src/features/applications/domain/application-window';

/**
 * The application window is set in local date-times of the cohort's time zone (issue 15, item 1):
 * read in that zone across daylight saving changes, refused when the local time never happens,
 * open from its opening minute and closed from its closing minute, with the dates in words.
 */

const LONDON = 'Europe/London';

describe('local date-times in the cohort’s zone', () => {
  it('reads winter and summer times with the right offset', () => {
    expect(instantInZone('2027-01-15T17:00', LONDON)!.toUTC().toISO()).toBe(
      '2027-01-15T17:00:00.000Z',
    );
    expect(instantInZone('2027-06-15T17:00', LONDON)!.toUTC().toISO()).toBe(
      '2027-06-15T16:00:00.000Z',
    );
    expect(instantInZone('2027-06-15T17:00', 'America/New_York')!.toUTC().toISO()).toBe(
      '2027-06-15T21:00:00.000Z',
    );
  });

  it('refuses a time skipped when the clocks go forward (01:30 on 28 March 2027 in London)', () => {
    expect(instantInZone('2027-03-28T01:30', LONDON)).toBeUndefined();
    expect(instantInZone('2027-03-28T00:59', LONDON)!.toUTC().toISO()).toBe(
      '2027-03-28T00:59:00.000Z',
    );
    expect(instantInZone('2027-03-28T02:00', LONDON)!.toUTC().toISO()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    const result = windowOf({ opensAt: '2027-03-28T01:30', closesAt: '2027-04-30T17:00' }, LONDON);
    expect(result).toEqual({
      problems: [
        { field: 'opensAt', message: expect.stringMatching(/does not exist in Europe\/London/) },
      ],
    });
  });

  it('takes the first of a time repeated when the clocks go back (01:30 on 31 October 2027)', () => {
    expect(instantInZone('2027-10-31T01:30', LONDON)!.toUTC().toISO()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
    expect(instantInZone('2027-10-31T02:30', LONDON)!.toUTC().toISO()).toBe(
      '2027-10-31T02:30:00.000Z',
    );
  });

  it('refuses a closing time not after the opening once read in the zone', () => {
    expect(windowOf({ opensAt: '2027-05-01T09:00', closesAt: '2027-05-01T09:00' }, LONDON)).toEqual(
      {
        problems: [{ field: 'closesAt', message: 'must be after the opening date and time' }],
      },
    );
  });
});

describe('open, closed and the words', () => {
  // A window that closes across the spring change: 17:00 London on Monday 29 March 2027 (BST).
  const resolved = windowOf({ opensAt: '2027-03-01T09:00', closesAt: '2027-03-29T17:00' }, LONDON);
  const window = 'window' in resolved ? resolved.window : undefined;

  it('is upcoming before the opening minute, open from it, and closed from the closing minute', () => {
    expect(window).toBeDefined();
    expect(windowState(window, new Date('2027-03-01T08:59:59Z'))).toBe('upcoming');
    expect(windowState(window, new Date('2027-03-01T09:00:00Z'))).toBe('open');
    // 16:00 UTC is 17:00 in London after the clocks went forward: closed.
    expect(windowState(window, new Date('2027-03-29T15:59:59Z'))).toBe('open');
    expect(windowState(window, new Date('2027-03-29T16:00:00Z'))).toBe('closed');
    expect(windowState(undefined, new Date())).toBe('not-set');
  });

  it('says the dates in words in the cohort’s zone', () => {
    const view = windowView(window!, new Date('2027-03-10T12:00:00Z'));
    expect(view).toMatchObject({
      state: 'open',
      stateWords: 'Open for applications',
      opensAt: '2027-03-01T09:00:00.000Z',
      closesAt: '2027-03-29T16:00:00.000Z',
      opensWords: 'Monday 1 March 2027 at 09:00 (Europe/London)',
      closesWords: 'Monday 29 March 2027 at 17:00 (Europe/London)',
    });
  });

  it('refuses a late application with the closing date, and an early one with the opening date', () => {
    expect(submitRefusal(window, new Date('2027-03-10T12:00:00Z'))).toBeUndefined();
    expect(submitRefusal(window, new Date('2027-03-29T16:00:00Z'))).toEqual({
      code: 'applications_closed',
      message: expect.stringContaining('closed on Monday 29 March 2027 at 17:00 (Europe/London)'),
    });
    expect(submitRefusal(window, new Date('2027-02-01T12:00:00Z'))).toEqual({
      code: 'applications_not_open',
      message: expect.stringContaining('open on Monday 1 March 2027 at 09:00 (Europe/London)'),
    });
    expect(submitRefusal(undefined, new Date())?.code).toBe('applications_not_open');
  });

  it('writes times in another zone in that zone', () => {
    const at = instantInZone('2027-07-01T09:30', 'Asia/Kolkata')!;
    expect(whenInWords(at, 'Asia/Kolkata')).toBe('Thursday 1 July 2027 at 09:30 (Asia/Kolkata)');
  });
});
