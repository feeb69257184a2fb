import { CHANGED_BY_PARTS } from '../../../contracts/cohorts';
import type { Cadence } from '../../../contracts/cohorts';
import { RESPONDENT_ROLES } from '../../../contracts/evaluation';
import {
  CHOICE_COLUMNS,
  EARLY_END_GROUPS,
  MEETING_BANDS,
  SESSION_EVENT_TYPES,
  type MeetingBand,
  type MeetingsHeld,
  type PairParticipation,
  type ParticipationResults,
  type PartnerChoice,
  type SessionAttendance,
  type SessionEventType,
  type SessionRecord,
} from '../../../contracts/evaluation-participation';
import type { Figure } from '../../../contracts/evaluation-results';
import { earlyEndGroup } from './participation-reasons';
import { publishTable } from './published-table';
import { checkMinGroupSize } from './suppression';

/**
 * The participation measures a programme reports (docs/evaluation.md, "Participation
 * measures"), from facts the journey and the calendar hold: meetings held against planned,
 * attendance at programme sessions, pairs ending early (reasons grouped), the continue-or-finish
 * choice, and actions agreed and completed. Pure. Every count goes through the first slice's
 * suppression before it leaves: tables through `publishTable` (primary and secondary
 * suppression), single figures shown only when they cover at least `minGroupSize` pairs. Counts
 * of pairs are held to the same threshold as counts of people (a pair is two people, so this is
 * the stricter reading).
 */

export interface ParticipationInput {
  /** The evaluation plan's threshold. */
  minGroupSize: number;
  cadence: Pick<Cadence, 'plannedMeetings' | 'minimumMeetings'>;
  pairs: readonly PairParticipation[];
  /** One entry per partner of a pair that reached the final review. */
  choices: readonly PartnerChoice[];
  /** The cohort's events; only programme sessions (`SESSION_EVENT_TYPES`) are counted. */
  sessions: readonly SessionRecord[];
}

function count(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0`);
}

/** A pair's band: every planned meeting held, the minimum, some, or none. */
export function meetingBand(
  held: number,
  cadence: Pick<Cadence, 'plannedMeetings' | 'minimumMeetings'>,
): MeetingBand {
  if (held >= cadence.plannedMeetings) return 'met_plan';
  if (held >= cadence.minimumMeetings) return 'met_minimum';
  return held > 0 ? 'below_minimum' : 'none';
}

function heldBy(pair: PairParticipation): number {
  return pair.meetings.filter((m) => m.status === 'held').length;
}

/** Meetings held against planned: pairs per band (a published table) and the totals. */
export function meetingsHeld(
  pairs: readonly PairParticipation[],
  cadence: Pick<Cadence, 'plannedMeetings' | 'minimumMeetings'>,
  minGroupSize: number,
): MeetingsHeld {
  checkMinGroupSize(minGroupSize);
  count(cadence.plannedMeetings, 'plannedMeetings');
  count(cadence.minimumMeetings, 'minimumMeetings');
  const perBand = MEETING_BANDS.map(
    (band) => pairs.filter((p) => meetingBand(heldBy(p), cadence) === band).length,
  );
  const held = pairs.reduce((sum, p) => sum + heldBy(p), 0);
  const total: MeetingsHeld['total'] =
    pairs.length < minGroupSize
      ? { shown: false }
      : { shown: true, pairs: pairs.length, planned: pairs.length * cadence.plannedMeetings, held };
  return {
    plannedPerPair: cadence.plannedMeetings,
    minimumPerPair: cadence.minimumMeetings,
    pairsByBand: publishTable(
      { rows: ['pairs'], columns: [...MEETING_BANDS], counts: [perBand] },
      minGroupSize,
    ),
    total,
  };
}

function isSession(type: string): type is SessionEventType {
  return (SESSION_EVENT_TYPES as readonly string[]).includes(type);
}

/** Attendance per programme session and overall (the table's totals); null with none. */
export function sessionAttendance(
  records: readonly SessionRecord[],
  minGroupSize: number,
): SessionAttendance | null {
  checkMinGroupSize(minGroupSize);
  const sessions = records.filter((r) => isSession(r.type));
  if (sessions.length === 0) return null;
  for (const s of sessions) {
    count(s.invited, 'invited');
    count(s.attended, 'attended');
    if (s.attended > s.invited)
      throw new RangeError('a session cannot have more attending than invited');
  }
  const counts = sessions.map((s) => [s.attended, s.invited - s.attended, s.invited]);
  // The overall row adds up places, not people: someone at three sessions counts three times.
  // Each session counts a person once, so the overall row covers at least as many people as its
  // largest session; it is hidden unless that session alone reaches the threshold.
  const overall = [0, 1, 2].map((c) => Math.max(...counts.map((row) => row[c]!)) < minGroupSize);
  const alsoHide = [...sessions.map(() => [false, false, false]), overall];
  return {
    sessions: sessions.map((s) => ({ eventId: s.eventId, type: s.type as SessionEventType })),
    table: publishTable(
      {
        rows: sessions.map((s) => s.eventId),
        columns: ['attended', 'did_not_attend'],
        counts: counts.map(([attended, missed]) => [attended!, missed!]),
      },
      minGroupSize,
      alsoHide,
    ),
  };
}

/** Pairs ending early: who ended it by the broad group of their reason (never the words). */
export function earlyEndings(pairs: readonly PairParticipation[], minGroupSize: number) {
  const counts = CHANGED_BY_PARTS.map((part) =>
    EARLY_END_GROUPS.map(
      (group) =>
        pairs.filter(
          (p) => p.ending && p.ending.byPart === part && earlyEndGroup(p.ending.reason) === group,
        ).length,
    ),
  );
  return publishTable(
    { rows: [...CHANGED_BY_PARTS], columns: [...EARLY_END_GROUPS], counts },
    minGroupSize,
  );
}

/** The continue-or-finish choice: partners by side and choice (or not answered). */
export function continueOrFinish(choices: readonly PartnerChoice[], minGroupSize: number) {
  const counts = RESPONDENT_ROLES.map((role) =>
    CHOICE_COLUMNS.map(
      (column) =>
        choices.filter((c) => c.role === role && (c.choice ?? 'not_answered') === column).length,
    ),
  );
  return publishTable(
    { rows: [...RESPONDENT_ROLES], columns: [...CHOICE_COLUMNS], counts },
    minGroupSize,
  );
}

/** Actions agreed and completed over all pairs: shown when the pairs reach the threshold. */
export function actionCounts(
  pairs: readonly PairParticipation[],
  minGroupSize: number,
): Figure<{ pairs: number; agreed: number; completed: number }> {
  checkMinGroupSize(minGroupSize);
  if (pairs.length < minGroupSize) return { shown: false };
  const actions = pairs.flatMap((p) => p.actions);
  return {
    shown: true,
    pairs: pairs.length,
    agreed: actions.length,
    completed: actions.filter((a) => a.done).length,
  };
}

/** Every participation measure of a cohort, each suppressed as it is built. */
export function participationResults(input: ParticipationInput): ParticipationResults {
  const k = input.minGroupSize;
  checkMinGroupSize(k);
  return {
    minGroupSize: k,
    meetings: meetingsHeld(input.pairs, input.cadence, k),
    attendance: sessionAttendance(input.sessions, k),
    earlyEndings: earlyEndings(input.pairs, k),
    continueOrFinish: continueOrFinish(input.choices, k),
    actions: actionCounts(input.pairs, k),
  };
}
