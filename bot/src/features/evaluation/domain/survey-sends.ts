import { DateTime } from 'luxon';
import type { PairState } from '../../../contracts/cohorts';
import {
  type EvaluationPlan,
  type ResponseState,
  SURVEY_KINDS,
  type SurveyKind,
} from '../../../contracts/evaluation';
import { type CohortDates, type SurveyWindow, surveyWindows } from './survey-window';

/**
 * When surveys are sent (docs/evaluation.md, "When surveys are sent"), pure: the invitation
 * when a person's window opens, ONE reminder if they have not sent it, nothing once sent or
 * closed. The daily sweep asks `surveySendsDue` what is due before its next run and schedules
 * it; each send asks `sendDecision` again at its moment, since answers and pairs change.
 */

export const SURVEY_JOB_KINDS = ['survey-sweep', 'survey-invite', 'survey-reminder'] as const;
export type SurveyJobKind = (typeof SURVEY_JOB_KINDS)[number];
export type SurveySendKind = 'invite' | 'reminder';

export function isSurveyJobKind(kind: unknown): kind is SurveyJobKind {
  return typeof kind === 'string' && (SURVEY_JOB_KINDS as readonly string[]).includes(kind);
}

/** Deterministic ids, so scheduling twice is harmless and each goes once per person. */
export const surveyJobId = (
  send: SurveySendKind,
  cohortId: string,
  survey: SurveyKind,
  participantId: string,
) => `survey-${send}:${cohortId}:${survey}:${participantId}`;

/** One sweep per cohort and local day (a sweep started by new pairs carries its minute). */
export const sweepJobId = (cohortId: string, day: string) => `survey-sweep:${cohortId}:${day}`;

/** What the rule needs of a pair. */
export interface PairFacts {
  id: string;
  mentorId: string;
  menteeId: string;
  state: PairState;
  createdAt: string;
  updatedAt: string;
}

export interface SendDue {
  id: string;
  send: SurveySendKind;
  survey: SurveyKind;
  pairId: string;
  participantId: string;
  /** The earliest it may go (delivery then waits for working hours and a free day). */
  dueAt: DateTime;
  /** When its survey closes (a pair that stops sooner only brings the final's closing forward). */
  closesAt: DateTime;
}

/**
 * The one reminder: three days before closing, but never before half-way through the window
 * (a 14-day survey reminds on day 11; a 4-day survey after two days).
 */
export function reminderAt(window: SurveyWindow): DateTime {
  const threeBefore = window.closesAt.minus({ days: 3 });
  const halfway = window.opensAt.plus({
    milliseconds: window.closesAt.diff(window.opensAt).toMillis() / 2,
  });
  return threeBefore > halfway ? threeBefore : halfway;
}

const STOPPED: readonly PairState[] = ['completed', 'ended_early'];

/**
 * The windows a person in this pair is asked in: none for a pair that stopped before its
 * baseline opened (it never ran, so no "before" and no "after"); otherwise the baseline and
 * pulse only if they opened before it stopped, and the final (which opens when it stops).
 */
export function askedWindows(
  plan: EvaluationPlan,
  cohort: CohortDates,
  pair: PairFacts,
): Partial<Record<SurveyKind, SurveyWindow>> {
  const windows = surveyWindows(plan, cohort, pair);
  if (!STOPPED.includes(pair.state)) return windows;
  const stoppedAt = DateTime.fromISO(pair.updatedAt, { zone: cohort.timeZone });
  const baseline = windows.baseline;
  if (!baseline || stoppedAt < baseline.opensAt) return {};
  const asked: Partial<Record<SurveyKind, SurveyWindow>> = { baseline };
  if (windows.pulse && windows.pulse.opensAt <= stoppedAt) asked.pulse = windows.pulse;
  if (windows.final) asked.final = windows.final;
  return asked;
}

/** The moment a send is for, in its window. */
export function sendMoment(send: SurveySendKind, window: SurveyWindow): DateTime {
  return send === 'invite' ? window.opensAt : reminderAt(window);
}

export type SendDecision =
  | { kind: 'send' }
  /** Not yet: its moment is still to come. */
  | { kind: 'wait'; until: DateTime }
  /** Never: closed, sent, or not asked of this person. */
  | { kind: 'none' };

/** Whether one invitation or reminder should go now. */
export function sendDecision(
  send: SurveySendKind,
  window: SurveyWindow | undefined,
  response: ResponseState | undefined,
  now: DateTime,
): SendDecision {
  if (!window || response === 'submitted' || now >= window.closesAt) return { kind: 'none' };
  const moment = sendMoment(send, window);
  return now < moment ? { kind: 'wait', until: moment } : { kind: 'send' };
}

export interface DueInput {
  cohortId: string;
  plan: EvaluationPlan;
  cohort: CohortDates;
  pairs: readonly PairFacts[];
  /** Each survey's saved answers' states by participant id. */
  responses: Record<SurveyKind, ReadonlyMap<string, ResponseState>>;
  now: DateTime;
  /** The next sweep: sends whose moment falls before it are scheduled now. */
  until: DateTime;
}

/** Everything to schedule now: each send whose moment is before `until` and still wanted. */
export function surveySendsDue(input: DueInput): SendDue[] {
  const { plan, cohort, now, until } = input;
  const due = new Map<string, SendDue>();
  for (const pair of input.pairs) {
    const windows = askedWindows(plan, cohort, pair);
    for (const participantId of [pair.mentorId, pair.menteeId]) {
      for (const survey of SURVEY_KINDS) {
        const window = windows[survey];
        if (!window) continue;
        const state = input.responses[survey].get(participantId);
        const { closesAt } = window;
        for (const send of ['invite', 'reminder'] as const) {
          const decision = sendDecision(send, window, state, now);
          if (decision.kind === 'none') continue;
          if (decision.kind === 'wait' && decision.until >= until) continue;
          const id = surveyJobId(send, input.cohortId, survey, participantId);
          const dueAt = decision.kind === 'wait' ? decision.until : now;
          const found = { id, send, survey, pairId: pair.id, participantId, dueAt, closesAt };
          if (!due.has(id)) due.set(id, found);
        }
      }
    }
  }
  return [...due.values()];
}

/** The last moment any survey of the cohort can close: sweeping stops after it. */
export function lastClosing(
  plan: EvaluationPlan,
  cohort: CohortDates,
  pairs: readonly PairFacts[],
): DateTime {
  const end = DateTime.fromISO(cohort.endDate, { zone: cohort.timeZone }).startOf('day');
  let last = end.plus({ days: plan.surveys.final.openDays }).toMillis();
  for (const pair of pairs) {
    for (const window of Object.values(askedWindows(plan, cohort, pair))) {
      last = Math.max(last, window.closesAt.toMillis());
    }
  }
  return DateTime.fromMillis(last, { zone: cohort.timeZone });
}

/** The next sweep: the start of the next local day in the cohort's zone. */
export function nextSweepAt(now: DateTime): DateTime {
  return now.plus({ days: 1 }).startOf('day');
}
