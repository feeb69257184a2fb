import { PAIR_STATE_WORDS } from '../../../bot/src/contracts/pair-words';
import { STAFF_ROLE_WORDS } from '../../../bot/src/contracts/staff-access';
import type {
  Arrangement,
  Cadence,
  CohortSummary,
  PairState,
  ParticipantRole,
} from '../app/api-types';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** '2027-03-01' → '1 March 2027'. Cohort dates are calendar dates, so they are read as UTC. */
export function formatDate(isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

export function formatDateRange(cohort: Pick<CohortSummary, 'startDate' | 'endDate'>): string {
  return `${formatDate(cohort.startDate)} to ${formatDate(cohort.endDate)}`;
}

/** 60 → '1 hour', 90 → '1 hour 30 minutes', 45 → '45 minutes'. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 1 ? '1 hour' : `${hours} hours`;
  const m = rest === 1 ? '1 minute' : `${rest} minutes`;
  if (hours === 0) return m;
  return rest === 0 ? h : `${h} ${m}`;
}

/** 'Monthly, 6 meetings; at least 3 of 1 hour'. */
export function formatCadence(cadence: Cadence): string {
  const frequency = cadence.frequency === 'fortnightly' ? 'Fortnightly' : 'Monthly';
  const planned = `${cadence.plannedMeetings} meeting${cadence.plannedMeetings === 1 ? '' : 's'}`;
  return `${frequency}, ${planned}; at least ${cadence.minimumMeetings} of ${formatMinutes(
    cadence.minimumMinutes,
  )}`;
}

/** How the person takes part, in words: 'You are the reverse mentor'. */
export function describeMyPart(myRole: ParticipantRole, arrangement: Arrangement): string {
  if (arrangement === 'reciprocal') {
    return 'You and your partner mentor each other (reciprocal mentoring)';
  }
  return myRole === 'mentor'
    ? 'You are the reverse mentor'
    : 'You are the mentee in a reverse mentoring pair';
}

/** How the partner relates to the person: 'Your mentee', 'Your reverse mentor'. */
export function describePartner(partnerRole: ParticipantRole, arrangement: Arrangement): string {
  if (arrangement === 'reciprocal') return 'Your reciprocal mentoring partner';
  return partnerRole === 'mentor' ? 'Your reverse mentor' : 'Your mentee';
}

/** A role before matching: 'You have joined as a reverse mentor'. */
export function describeRole(role: ParticipantRole): string {
  return role === 'mentor' ? 'You have joined as a reverse mentor' : 'You have joined as a mentee';
}

/** A pair's state in the contract's words, the same on every screen and card. */
export function describePairState(state: PairState): string {
  return PAIR_STATE_WORDS[state] ?? state;
}

export function roleName(role: string): string {
  return (
    (STAFF_ROLE_WORDS as Record<string, string>)[role] ??
    role.charAt(0).toUpperCase() + role.slice(1)
  );
}
