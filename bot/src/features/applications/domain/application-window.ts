import { DateTime } from 'luxon';
import {
  type ApplicationSettings,
  type ApplicationWindowView,
  WINDOW_STATE_WORDS,
  type WindowState,
} from '../../../contracts/applications';
import type { FieldProblem } from '../../../contracts/field-problem';

/**
 * The application window: local date-times read in the cohort's time zone. A local time that
 * does not exist there (the hour skipped when the clocks go forward) is refused with words; a
 * local time that happens twice (the hour repeated when they go back) means the first of the two.
 * Opening is inclusive, closing exclusive: at 17:00 on a window closing at 17:00 it is closed.
 */

export interface ApplicationWindow {
  timeZone: string;
  opensAt: DateTime;
  closesAt: DateTime;
}

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

/** The instant a local date-time stands for in `timeZone`, or undefined when it never happens. */
export function instantInZone(local: string, timeZone: string): DateTime | undefined {
  const at = DateTime.fromFormat(local, LOCAL_FORMAT, { zone: timeZone });
  if (!at.isValid) return undefined;
  // Luxon moves a skipped local time forward; a time that moved did not exist on that day.
  if (at.toFormat(LOCAL_FORMAT) !== local) return undefined;
  // Of two instants with this local time luxon gives the later; take the earlier (summer time).
  const hourBefore = at.minus({ hours: 1 });
  if (hourBefore.toFormat(LOCAL_FORMAT) === local) return hourBefore;
  return at;
}

/** The window for settings in a zone, or the fields whose local time does not exist there. */
export function windowOf(
  settings: Pick<ApplicationSettings, 'opensAt' | 'closesAt'>,
  timeZone: string,
): { window: ApplicationWindow } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const opensAt = instantInZone(settings.opensAt, timeZone);
  const closesAt = instantInZone(settings.closesAt, timeZone);
  const missing = (field: string) =>
    problems.push({
      field,
      message: `does not exist in ${timeZone}: the clocks go forward then; choose a time an hour later`,
    });
  if (!opensAt) missing('opensAt');
  if (!closesAt) missing('closesAt');
  if (!opensAt || !closesAt) return { problems };
  if (closesAt <= opensAt) {
    return {
      problems: [{ field: 'closesAt', message: 'must be after the opening date and time' }],
    };
  }
  return { window: { timeZone, opensAt, closesAt } };
}

export function windowState(window: ApplicationWindow | undefined, now: Date): WindowState {
  if (!window) return 'not-set';
  const at = now.getTime();
  if (at < window.opensAt.toMillis()) return 'upcoming';
  if (at < window.closesAt.toMillis()) return 'open';
  return 'closed';
}

/** "Friday 15 January 2027 at 17:00 (Europe/London)": in the cohort's zone, en-GB. */
export function whenInWords(at: DateTime, timeZone: string): string {
  const local = at.setZone(timeZone).setLocale('en-GB');
  return `${local.toFormat('cccc d LLLL yyyy')} at ${local.toFormat('HH:mm')} (${timeZone})`;
}

export function windowView(window: ApplicationWindow, now: Date): ApplicationWindowView {
  const state = windowState(window, now);
  return {
    state,
    stateWords: WINDOW_STATE_WORDS[state],
    timeZone: window.timeZone,
    opensAt: window.opensAt.toUTC().toISO()!,
    closesAt: window.closesAt.toUTC().toISO()!,
    opensWords: whenInWords(window.opensAt, window.timeZone),
    closesWords: whenInWords(window.closesAt, window.timeZone),
  };
}

/** Why an application cannot be sent now (with the date in words), or undefined when it can. */
export function submitRefusal(
  window: ApplicationWindow | undefined,
  now: Date,
): { code: string; message: string } | undefined {
  const state = windowState(window, now);
  if (state === 'open') return undefined;
  if (state === 'not-set' || !window) {
    return {
      code: 'applications_not_open',
      message: 'This cohort is not taking applications yet; no dates have been set',
    };
  }
  if (state === 'upcoming') {
    return {
      code: 'applications_not_open',
      message: `Applications open on ${whenInWords(window.opensAt, window.timeZone)}; your draft is saved until then`,
    };
  }
  return {
    code: 'applications_closed',
    message: `Applications closed on ${whenInWords(window.closesAt, window.timeZone)}. Ask to hear about the next cohort instead`,
  };
}
