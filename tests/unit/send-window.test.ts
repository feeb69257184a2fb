import {
  DEFAULT_POLICY,
  isValidTimeZone,
  localDay,
  nextSendTime,
  nextWorkingDayStart,
  resolveTimeZone,
} from '../../bot/src/features/journey/domain/send-window';

const at = (iso: string): Date => new Date(iso);

describe('respectful send times', () => {
  it('defaults to 09:00–17:00, Monday to Friday', () => {
    expect(DEFAULT_POLICY).toEqual({ startHour: 9, endHour: 17, workingDays: [1, 2, 3, 4, 5] });
  });

  it.each([
    // [case, earliest (UTC), zone, expected (UTC)]
    [
      'within working hours it goes at once',
      '2027-01-13T11:15:30.000Z',
      'Europe/London',
      '2027-01-13T11:15:30.000Z',
    ],
    [
      'early morning waits for 09:00 the same day',
      '2027-01-13T06:00:00.000Z',
      'Europe/London',
      '2027-01-13T09:00:00.000Z',
    ],
    [
      'exactly 09:00 goes at once',
      '2027-01-13T09:00:00.000Z',
      'Europe/London',
      '2027-01-13T09:00:00.000Z',
    ],
    ['16:59 goes at once', '2027-01-13T16:59:00.000Z', 'Europe/London', '2027-01-13T16:59:00.000Z'],
    [
      '17:00 waits for the next morning',
      '2027-01-13T17:00:00.000Z',
      'Europe/London',
      '2027-01-14T09:00:00.000Z',
    ],
    [
      'an evening waits for the next morning',
      '2027-01-13T21:30:00.000Z',
      'Europe/London',
      '2027-01-14T09:00:00.000Z',
    ],
    [
      'Saturday waits for Monday 09:00',
      '2027-01-16T12:00:00.000Z',
      'Europe/London',
      '2027-01-18T09:00:00.000Z',
    ],
    [
      'Sunday night waits for Monday 09:00',
      '2027-01-17T23:59:00.000Z',
      'Europe/London',
      '2027-01-18T09:00:00.000Z',
    ],
    [
      'Friday evening waits for Monday 09:00',
      '2027-01-15T18:00:00.000Z',
      'Europe/London',
      '2027-01-18T09:00:00.000Z',
    ],
    // UK clocks go forward on Sunday 28 March 2027: Monday 09:00 BST is 08:00Z.
    [
      'Friday evening before the clocks go forward in London',
      '2027-03-26T18:00:00.000Z',
      'Europe/London',
      '2027-03-29T08:00:00.000Z',
    ],
    // UK clocks go back on Sunday 31 October 2027: Monday 09:00 GMT is 09:00Z.
    [
      'Friday evening before the clocks go back in London',
      '2027-10-29T17:00:00.000Z',
      'Europe/London',
      '2027-11-01T09:00:00.000Z',
    ],
    // US clocks go forward on Sunday 14 March 2027: Friday 09:00 EST = 14:00Z, Monday 09:00 EDT = 13:00Z.
    [
      'Friday evening before the clocks go forward in New York',
      '2027-03-12T23:00:00.000Z',
      'America/New_York',
      '2027-03-15T13:00:00.000Z',
    ],
    [
      'a New York morning before 09:00 EST',
      '2027-03-12T13:59:00.000Z',
      'America/New_York',
      '2027-03-12T14:00:00.000Z',
    ],
    // Between the US and UK changes New York is four hours behind London, not five.
    [
      'New York in the week the two countries differ',
      '2027-03-22T12:00:00.000Z',
      'America/New_York',
      '2027-03-22T13:00:00.000Z',
    ],
    // US clocks go back on Sunday 7 November 2027: Monday 09:00 EST = 14:00Z.
    [
      'a New York weekend as the clocks go back',
      '2027-11-06T15:00:00.000Z',
      'America/New_York',
      '2027-11-08T14:00:00.000Z',
    ],
    // Kolkata is +05:30 all year.
    [
      'a Kolkata morning before 09:00 IST',
      '2027-03-26T03:00:00.000Z',
      'Asia/Kolkata',
      '2027-03-26T03:30:00.000Z',
    ],
    [
      'a Kolkata Friday evening',
      '2027-03-26T12:00:00.000Z',
      'Asia/Kolkata',
      '2027-03-29T03:30:00.000Z',
    ],
    // 23:00Z Sunday in London is 04:30 Monday in Kolkata: the local day decides.
    [
      'Sunday in London that is already Monday in Kolkata',
      '2027-01-17T23:00:00.000Z',
      'Asia/Kolkata',
      '2027-01-18T03:30:00.000Z',
    ],
    [
      'an unknown zone is treated as London',
      '2027-03-26T18:00:00.000Z',
      'Mars/Olympus_Mons',
      '2027-03-29T08:00:00.000Z',
    ],
  ])('%s', (_case, earliest, zone, expected) => {
    expect(nextSendTime(at(earliest), zone).toISOString()).toBe(expected);
  });

  it('a missing zone is treated as London', () => {
    expect(nextSendTime(at('2027-07-03T10:00:00Z'), undefined).toISOString()).toBe(
      '2027-07-05T08:00:00.000Z',
    );
  });

  it('follows a custom policy, such as a Sunday-to-Thursday week from 08:00 to 16:00', () => {
    const policy = { startHour: 8, endHour: 16, workingDays: [7, 1, 2, 3, 4] };
    // Friday 10:00 in Dubai (+04:00) waits for Sunday 08:00.
    expect(nextSendTime(at('2027-01-15T06:00:00Z'), 'Asia/Dubai', policy).toISOString()).toBe(
      '2027-01-17T04:00:00.000Z',
    );
  });

  it('a working day on which the clocks change still starts at 09:00 local', () => {
    const everyDay = { ...DEFAULT_POLICY, workingDays: [1, 2, 3, 4, 5, 6, 7] };
    // Sunday 28 March 2027: London goes from GMT to BST at 01:00.
    expect(nextSendTime(at('2027-03-28T00:30:00Z'), 'Europe/London', everyDay).toISOString()).toBe(
      '2027-03-28T08:00:00.000Z',
    );
    // Sunday 31 October 2027: back to GMT at 02:00 BST.
    expect(nextSendTime(at('2027-10-30T23:30:00Z'), 'Europe/London', everyDay).toISOString()).toBe(
      '2027-10-31T09:00:00.000Z',
    );
    const late = { ...everyDay, endHour: 24 };
    expect(nextSendTime(at('2027-03-28T22:59:00Z'), 'Europe/London', late).toISOString()).toBe(
      '2027-03-28T22:59:00.000Z',
    );
  });

  it('refuses a policy that could never send', () => {
    expect(() =>
      nextSendTime(at('2027-01-15T06:00:00Z'), 'Europe/London', {
        startHour: 9,
        endHour: 17,
        workingDays: [],
      }),
    ).toThrow(RangeError);
    expect(() =>
      nextSendTime(at('2027-01-15T06:00:00Z'), 'Europe/London', {
        startHour: 17,
        endHour: 9,
        workingDays: [1],
      }),
    ).toThrow(RangeError);
  });

  it('does not return the same Date object it was given', () => {
    const earliest = at('2027-01-13T11:00:00Z');
    expect(nextSendTime(earliest, 'Europe/London')).not.toBe(earliest);
  });
});

describe('local days', () => {
  it.each([
    ['2027-01-17T23:00:00.000Z', 'Europe/London', '2027-01-17'],
    ['2027-01-17T23:00:00.000Z', 'Asia/Kolkata', '2027-01-18'],
    ['2027-06-30T23:30:00.000Z', 'Europe/London', '2027-07-01'],
    ['2027-06-30T23:30:00.000Z', 'America/New_York', '2027-06-30'],
    ['2027-06-30T23:30:00.000Z', 'not a zone', '2027-07-01'],
  ])('%s is %s local day %s', (instant, zone, day) => {
    expect(localDay(at(instant), zone)).toBe(day);
  });

  it.each([
    [
      'Wednesday leads to Thursday',
      '2027-01-13T10:00:00Z',
      'Europe/London',
      '2027-01-14T09:00:00.000Z',
    ],
    ['Friday leads to Monday', '2027-01-15T08:00:00Z', 'Europe/London', '2027-01-18T09:00:00.000Z'],
    [
      'Saturday leads to Monday',
      '2027-01-16T08:00:00Z',
      'Europe/London',
      '2027-01-18T09:00:00.000Z',
    ],
    [
      'Friday before the clocks change leads to Monday in BST',
      '2027-03-26T10:00:00Z',
      'Europe/London',
      '2027-03-29T08:00:00.000Z',
    ],
    [
      'the local day, not the UTC day, counts',
      '2027-01-14T20:00:00Z',
      'Asia/Kolkata',
      '2027-01-18T03:30:00.000Z',
    ],
  ])('the next working day: %s', (_case, instant, zone, expected) => {
    expect(nextWorkingDayStart(at(instant), zone, DEFAULT_POLICY).toISOString()).toBe(expected);
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/London', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%p is valid: %p', (tz, valid) => {
    expect(isValidTimeZone(tz)).toBe(valid);
  });

  it('falls back to Europe/London when the zone is unknown', () => {
    expect(resolveTimeZone(undefined)).toBe('Europe/London');
    expect(resolveTimeZone('Nowhere/Special')).toBe('Europe/London');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });
});
