import {
  datePattern,
  formatDayWords,
  formatIsoDate,
  parseLocalDate,
} from '../../tab/src/shared/local-dates';

/** Dates are read and typed in the person's Teams locale; the wire stays yyyy-mm-dd. */
describe('dates in the person’s locale', () => {
  it('writes and reads en-GB as dd/mm/yyyy, never mm/dd/yyyy', () => {
    expect(datePattern('en-GB').words).toBe('dd/mm/yyyy');
    expect(formatIsoDate('2027-03-07', 'en-GB')).toBe('07/03/2027');
    expect(parseLocalDate('07/03/2027', 'en-GB')).toBe('2027-03-07');
    expect(parseLocalDate('7/3/2027', 'en-GB')).toBe('2027-03-07');
  });

  it('follows other locales’ order and separator', () => {
    expect(datePattern('en-US').words).toBe('mm/dd/yyyy');
    expect(parseLocalDate('03/07/2027', 'en-US')).toBe('2027-03-07');
    expect(formatIsoDate('2027-03-07', 'de-DE')).toBe('07.03.2027');
    expect(parseLocalDate('07.03.2027', 'de-DE')).toBe('2027-03-07');
  });

  it('refuses what is no real date', () => {
    for (const typed of ['31/02/2027', '07/03/27', '07/13/2027', 'soon', '', '1/2/3/2027']) {
      expect(parseLocalDate(typed, 'en-GB')).toBeUndefined();
    }
  });

  it('says a day in words, with the year only when it is not this year', () => {
    const now = new Date('2027-01-15T12:00:00Z');
    expect(formatDayWords('2027-03-07', 'en-GB', now)).toBe('7 March');
    expect(formatDayWords('2028-03-07', 'en-GB', now)).toBe('7 March 2028');
  });
});
