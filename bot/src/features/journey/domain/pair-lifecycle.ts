import { DateTime } from 'luxon';
import { JOURNEY_LIMITS } from '../../../contracts/journey';
import type { Pair, PairState } from '../../cohorts';

/**
 * The pair state machine (docs/journey.md):
 *
 *   proposed ─introduce→ introduced ─contract-agreed→ active ⇄ paused (pause / resume)
 *   active ─complete→ completed
 *   any state before completed ─end-early→ ended_early
 *
 * Who paused or ended, and why, is for the coordinator only (PairChange, PairStatusDetail);
 * the partner is told only that the pairing is paused or has ended (partnerNotice).
 * Pure: `now` is a parameter. Authorisation (is `by` a partner or the coordinator?) is the
 * caller's job; this module only refuses what no one may do.
 */

export type PairEvent =
  | { type: 'introduce' }
  | { type: 'contract-agreed' }
  | { type: 'pause'; by: string; reason?: string; until?: string }
  | { type: 'resume'; by: string }
  | { type: 'complete' }
  | { type: 'end-early'; by: string; reason?: string };

export type PairEventType = PairEvent['type'];

export const PAIR_STATES: readonly PairState[] = [
  'proposed',
  'introduced',
  'active',
  'paused',
  'completed',
  'ended_early',
];

export const PAIR_EVENT_TYPES: readonly PairEventType[] = [
  'introduce',
  'contract-agreed',
  'pause',
  'resume',
  'complete',
  'end-early',
];

export interface PairTransition {
  from: PairState;
  event: PairEventType;
  to: PairState;
}

/** Every allowed transition; anything not listed is refused. */
export const PAIR_TRANSITIONS: readonly PairTransition[] = [
  { from: 'proposed', event: 'introduce', to: 'introduced' },
  { from: 'introduced', event: 'contract-agreed', to: 'active' },
  { from: 'active', event: 'pause', to: 'paused' },
  { from: 'paused', event: 'resume', to: 'active' },
  { from: 'active', event: 'complete', to: 'completed' },
  { from: 'proposed', event: 'end-early', to: 'ended_early' },
  { from: 'introduced', event: 'end-early', to: 'ended_early' },
  { from: 'active', event: 'end-early', to: 'ended_early' },
  { from: 'paused', event: 'end-early', to: 'ended_early' },
];

/** The longest pause or ending reason accepted, in characters (the journey contract's). */
export const REASON_MAX_LENGTH = JOURNEY_LIMITS.changeReason;

/** The `by` to use when the system acts on its own, e.g. resuming once a pause has ended. */
export const SYSTEM_ACTOR = 'system';

/** The state the event leads to from `state`, or undefined when it is not allowed. */
export function nextState(state: PairState, eventType: PairEventType): PairState | undefined {
  return PAIR_TRANSITIONS.find((t) => t.from === state && t.event === eventType)?.to;
}

export function canTransition(state: PairState, eventType: PairEventType): boolean {
  return nextState(state, eventType) !== undefined;
}

/**
 * Facts about the pair's state that Pair does not hold (proposed as optional Pair fields).
 * Coordinator-only: never show pausedBy, pauseReason, endedBy or endReason to a partner.
 */
export interface PairStatusDetail {
  introducedAt?: string;
  /** When both partners agreed the contract: the plan's windows start from this day. */
  activeSince?: string;
  pausedAt?: string;
  pausedBy?: string;
  pauseReason?: string;
  /** UTC ISO instant the pause ends on its own, if one was given. */
  pausedUntil?: string;
  /** The latest resume; windows that closed before it were (at least partly) paused. */
  resumedAt?: string;
  /** Who resumed last: a partner, the coordinator, or SYSTEM_ACTOR when a timed pause ended. */
  resumedBy?: string;
  completedAt?: string;
  endedAt?: string;
  endedBy?: string;
  endReason?: string;
}

/** One change of state, as the coordinator may see it. */
export interface PairChange {
  pairId: string;
  event: PairEventType;
  from: PairState;
  to: PairState;
  /** Who did it, for pause, resume and end-early. */
  by?: string;
  reason?: string;
  /** For a pause with an end: UTC ISO instant. */
  until?: string;
  /** UTC ISO instant. */
  at: string;
}

export type PairEventResult =
  | { ok: true; pair: Pair; change: PairChange; detail: PairStatusDetail }
  | { ok: false; reason: string };

const ENDED = 'This pairing has already ended.';
const COMPLETED = 'This pairing has already completed the programme.';

function refusal(state: PairState, eventType: PairEventType): string {
  if (state === 'completed') return COMPLETED;
  if (state === 'ended_early') return ENDED;
  switch (eventType) {
    case 'introduce':
      return 'This pairing has already been introduced.';
    case 'contract-agreed':
      return state === 'proposed'
        ? 'The pair must be introduced before the contract can be agreed.'
        : 'The contract has already been agreed.';
    case 'pause':
      return state === 'paused'
        ? 'This pairing is already paused.'
        : 'A pairing can only be paused once both partners have agreed the contract.';
    case 'resume':
      return 'This pairing is not paused.';
    case 'complete':
      return state === 'paused'
        ? 'A paused pairing must be resumed before it can be completed.'
        : 'A pairing can only be completed once both partners have agreed the contract.';
    case 'end-early':
      // Only completed and ended_early refuse end-early; handled above.
      return ENDED;
  }
}

function cleanReason(reason: string | undefined): string | undefined {
  const trimmed = reason?.trim();
  return trimmed ? trimmed : undefined;
}

function parseUntil(until: string): DateTime | undefined {
  const parsed = DateTime.fromISO(until.trim(), { zone: 'utc' });
  return parsed.isValid ? parsed : undefined;
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * Applies one event to a pair. `detail` is what is known so far (from storage); the result
 * carries the updated detail. Refusals are sentences for people.
 */
export function applyPairEvent(
  pair: Pair,
  event: PairEvent,
  now: Date,
  detail: PairStatusDetail = {},
): PairEventResult {
  const to = nextState(pair.state, event.type);
  if (to === undefined) return fail(refusal(pair.state, event.type));

  const at = now.toISOString();
  const change: PairChange = { pairId: pair.id, event: event.type, from: pair.state, to, at };
  let next: PairStatusDetail = { ...detail };

  switch (event.type) {
    case 'introduce':
      next.introducedAt = at;
      break;
    case 'contract-agreed':
      next.activeSince = at;
      break;
    case 'pause': {
      if (!event.by?.trim()) return fail('We could not tell who is pausing this pairing.');
      const reason = cleanReason(event.reason);
      if (reason && reason.length > REASON_MAX_LENGTH) {
        return fail(`Please keep the reason to ${REASON_MAX_LENGTH} characters or fewer.`);
      }
      let until: string | undefined;
      if (event.until !== undefined && event.until.trim() !== '') {
        const parsed = parseUntil(event.until);
        if (!parsed) return fail('The date the pause ends is not a date we recognise.');
        if (parsed.toMillis() <= now.getTime()) return fail('A pause must end in the future.');
        until = parsed.toUTC().toISO()!;
      }
      next = {
        ...next,
        pausedAt: at,
        pausedBy: event.by,
        pauseReason: reason,
        pausedUntil: until,
      };
      Object.assign(change, { by: event.by, reason, until });
      break;
    }
    case 'resume': {
      if (!event.by?.trim()) return fail('We could not tell who is resuming this pairing.');
      const partners = [pair.mentorId, pair.menteeId];
      // The partner who did not pause may not override the one who did; the person who paused,
      // the coordinator or the system (pause over) may resume.
      if (
        detail.pausedBy &&
        partners.includes(detail.pausedBy) &&
        partners.includes(event.by) &&
        event.by !== detail.pausedBy
      ) {
        return fail('Only the person who paused this pairing, or the coordinator, can resume it.');
      }
      next = {
        ...next,
        pausedAt: undefined,
        pausedBy: undefined,
        pauseReason: undefined,
        pausedUntil: undefined,
        resumedAt: at,
        resumedBy: event.by,
      };
      change.by = event.by;
      break;
    }
    case 'complete':
      next.completedAt = at;
      break;
    case 'end-early': {
      if (!event.by?.trim()) return fail('We could not tell who is ending this pairing.');
      const reason = cleanReason(event.reason);
      if (reason && reason.length > REASON_MAX_LENGTH) {
        return fail(`Please keep the reason to ${REASON_MAX_LENGTH} characters or fewer.`);
      }
      next = { ...next, endedAt: at, endedBy: event.by, endReason: reason };
      Object.assign(change, { by: event.by, reason });
      break;
    }
  }

  return {
    ok: true,
    pair: { ...pair, state: to, updatedAt: at },
    change: stripUndefined(change),
    detail: stripUndefined(next),
  };
}

/** True when a pause with an end date has reached it: time to resume with SYSTEM_ACTOR. */
export function pauseHasEnded(pair: Pair, detail: PairStatusDetail, now: Date): boolean {
  if (pair.state !== 'paused' || !detail.pausedUntil) return false;
  const until = Date.parse(detail.pausedUntil);
  return !Number.isNaN(until) && now.getTime() >= until;
}

/**
 * What a partner may be told about a change: only that the pairing is paused, active again or
 * has ended; never who or why. Undefined when there is nothing to tell.
 */
export function partnerNotice(change: PairChange): string | undefined {
  switch (change.to) {
    case 'paused':
      return 'This pairing is paused for now.';
    case 'active':
      return change.from === 'paused' ? 'This pairing has resumed.' : undefined;
    case 'ended_early':
      return 'This pairing has ended.';
    case 'completed':
      return 'This pairing has reached the end of the programme.';
    default:
      return undefined;
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
