import {
  ANNOUNCEMENT_LIMITS,
  type AnnouncementAudience as AudienceKind,
  type AnnouncementStatus,
  type OpenCallList,
  type BroadcastKind,
  type DeliveryCounts,
  type RecipientStatus,
} from '../../../contracts/announcements';

/**
 * Announcements a coordinator sends to a cohort, and the invitations and reminders for
 * programme events, which travel the same way. Pure rules: who receives one, what a valid
 * one looks like, how a recipient's delivery moves from queued to a final state. The limits,
 * enums and the request body live in the contract (contracts/announcements.ts).
 */

export type { AnnouncementStatus, AudienceKind, BroadcastKind, DeliveryCounts, RecipientStatus };

export interface Audience {
  kind: AudienceKind;
  /** Participant ids, for `people` only. */
  participantIds?: string[];
  /** For `applications_open`: the lists chosen. */
  lists?: OpenCallList[];
  /**
   * For `applications_open`: the cohorts whose lists it covers, those the sender ran when it was
   * made (authorised then; kept so a later send reaches no cohort they were not given).
   */
  cohortIds?: string[];
}

/**
 * A recipient of "applications are open" is one person, whichever cohorts and lists they are on:
 * their row is keyed by their Entra object id, so nobody is sent it twice.
 */
export function openCallKey(userId: string): string {
  return `user-${userId.replace(/[^A-Za-z0-9-]/g, '_')}`;
}

export interface Announcement {
  id: string;
  cohortId: string;
  kind: BroadcastKind;
  title: string;
  /** Markdown subset Teams renders in an Adaptive Card TextBlock. */
  text: string;
  link?: { url: string; label: string };
  /** For event invitations and reminders. */
  eventId?: string;
  audience: Audience;
  alsoInChannel: boolean;
  /** UTC ISO instant when sending starts. */
  sendAt: string;
  /**
   * For an event's reminder: from this instant its words are wrong ("this is tomorrow" on the
   * day itself, "starts in an hour" once it has started), so it is skipped, never sent late.
   */
  staleAfter?: string;
  status: AnnouncementStatus;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  /** Set when the audience is expanded into recipients. */
  recipientCount?: number;
  startedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  /** Counts each "resend to unconfirmed"; recipients carry the round they were queued in. */
  round: number;
}

/**
 * The stored announcement while its audience is being expanded into recipients: the lease of the
 * instance doing it. Kept in the stored row only; a send is not finished while it is set.
 */
export type Expanding = Announcement & { expandingUntil?: string };

/** True once a send's moment has passed (see `staleAfter`); a send without one never goes stale. */
export function isPastItsMoment(a: Pick<Announcement, 'staleAfter'>, now: Date): boolean {
  if (a.staleAfter === undefined) return false;
  const at = Date.parse(a.staleAfter);
  return !Number.isNaN(at) && now.getTime() >= at;
}

export const FINAL_STATUSES: ReadonlySet<RecipientStatus> = new Set([
  'sent',
  'blocked',
  'failed',
  'unconfirmed',
  'cancelled',
]);

export interface Recipient {
  announcementId: string;
  participantId: string;
  /** Entra object id, to find the person's conversation. */
  userId?: string;
  displayName: string;
  status: RecipientStatus;
  /** Send attempts made in the current round. */
  attempts: number;
  round: number;
  reason?: string;
  /** While `sending`: the worker's lease; past it, the outcome is unknown (unconfirmed). */
  sendingUntil?: string;
  /** While `queued` after a failure: not before this instant. */
  notBefore?: string;
  sentAt?: string;
  activityId?: string;
  conversationId?: string;
  acknowledgedAt?: string;
  updatedAt: string;
}

/** Teams refuses bot messages much above 28 KB; we keep a margin under it. */
export const MAX_CARD_BYTES = 27_000;
const DAY_MS = 24 * 3600_000;

/** A send time more than a minute in the past is refused; "now" is fine. */
export function sendTimeProblem(sendAt: string | undefined, now: Date): string | undefined {
  if (!sendAt) return undefined;
  const at = Date.parse(sendAt);
  if (at < now.getTime() - 60_000) return 'is in the past; choose a later time or send now';
  if (at > now.getTime() + ANNOUNCEMENT_LIMITS.sendAheadDays * DAY_MS)
    return 'must be within a year';
  return undefined;
}

/** What the audience resolver knows about each person in the cohort. */
export interface AudienceMember {
  participantId: string;
  userId?: string;
  displayName: string;
  /** Mentor, mentee, or both (reciprocal pairs). */
  roles: ('mentor' | 'mentee')[];
  /** In a reciprocal pair that has not ended: counted among mentors and among mentees. */
  reciprocal?: boolean;
  /** Whether their pair needs a check-in or is at risk (from pair health). */
  pairNeedsCheckIn: boolean;
}

/**
 * The people "applications are open" reaches: everyone on the lists, each once (by their Entra
 * object id; someone not linked to Teams yet is kept by their participant id, to be reported),
 * in a stable order.
 */
export function openCallAudience(found: AudienceMember[]): AudienceMember[] {
  const byKey = new Map<string, AudienceMember>();
  for (const m of found) {
    const key = m.userId ? openCallKey(m.userId) : m.participantId;
    if (!byKey.has(key)) byKey.set(key, { ...m, participantId: key });
  }
  return [...byKey.values()].sort((a, b) => a.participantId.localeCompare(b.participantId));
}

/** The people an audience names, each once, in a stable order. */
export function resolveAudience(audience: Audience, members: AudienceMember[]): AudienceMember[] {
  const chosen = new Set(audience.participantIds ?? []);
  const picked = members.filter((m) => {
    switch (audience.kind) {
      case 'cohort':
        return true;
      case 'mentors':
        return m.roles.includes('mentor');
      case 'mentees':
        return m.roles.includes('mentee');
      case 'needs_check_in':
        return m.pairNeedsCheckIn;
      case 'people':
        return chosen.has(m.participantId);
      case 'applications_open':
        return false; // beyond the cohort: resolved by the fan-out from the chosen lists
    }
  });
  const seen = new Set<string>();
  return picked
    .filter((m) => (seen.has(m.participantId) ? false : (seen.add(m.participantId), true)))
    .sort((a, b) => a.participantId.localeCompare(b.participantId));
}

export function deliveryCounts(
  recipients: Pick<Recipient, 'status' | 'acknowledgedAt'>[],
): DeliveryCounts {
  const counts: DeliveryCounts = {
    total: recipients.length,
    queued: 0,
    sending: 0,
    sent: 0,
    blocked: 0,
    failed: 0,
    unconfirmed: 0,
    cancelled: 0,
    acknowledged: 0,
  };
  for (const r of recipients) {
    counts[r.status] += 1;
    if (r.acknowledgedAt) counts.acknowledged += 1;
  }
  return counts;
}

/** What one send attempt came to, in the fan-out's words. */
export type AttemptOutcome =
  | { kind: 'sent'; activityId?: string; conversationId?: string }
  | { kind: 'blocked'; detail: string }
  | { kind: 'no-conversation'; detail: string }
  | { kind: 'retry'; detail: string; retryAfterMs?: number }
  | { kind: 'fatal'; detail: string };

/**
 * Exponential backoff with full jitter (1 s, 2 s, 4 s … capped at 60 s), never sooner than
 * the service's Retry-After.
 */
export function backoffMs(attempt: number, retryAfterMs = 0, random = Math.random): number {
  const ceiling = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.max(retryAfterMs, Math.round(ceiling * random()));
}

/** The recipient after an attempt's outcome: a final state, or queued again for later. */
export function afterAttempt(
  recipient: Recipient,
  outcome: AttemptOutcome,
  maxAttempts: number,
  now: Date,
  random = Math.random,
): Recipient {
  const base = { ...recipient, sendingUntil: undefined, updatedAt: now.toISOString() };
  switch (outcome.kind) {
    case 'sent':
      return {
        ...base,
        status: 'sent',
        reason: undefined,
        notBefore: undefined,
        sentAt: now.toISOString(),
        activityId: outcome.activityId,
        conversationId: outcome.conversationId ?? recipient.conversationId,
      };
    case 'blocked':
      return { ...base, status: 'blocked', reason: 'Blocked or removed the app in Teams' };
    case 'no-conversation':
      return {
        ...base,
        status: 'failed',
        reason: 'Has never opened the app in Teams, so there is no chat to post in',
      };
    case 'fatal':
      return { ...base, status: 'failed', reason: outcome.detail };
    case 'retry': {
      if (recipient.attempts >= maxAttempts) {
        return {
          ...base,
          status: 'failed',
          reason: `Gave up after ${recipient.attempts} attempts: ${outcome.detail}`,
        };
      }
      const wait = backoffMs(recipient.attempts, outcome.retryAfterMs, random);
      return {
        ...base,
        status: 'queued',
        reason: outcome.detail,
        notBefore: new Date(now.getTime() + wait).toISOString(),
      };
    }
  }
}

/**
 * A recipient whose send was in flight when its process died: it may or may not have arrived,
 * so it is reported, never resent on its own.
 */
export function unconfirmedAfterCrash(recipient: Recipient, now: Date): Recipient {
  return {
    ...recipient,
    status: 'unconfirmed',
    reason: 'The server sending this stopped before Teams answered; it may or may not have arrived',
    sendingUntil: undefined,
    updatedAt: now.toISOString(),
  };
}

/** A `sending` row whose lease has passed: the process died between intent and outcome. */
export function isAbandoned(recipient: Recipient, now: Date): boolean {
  return (
    recipient.status === 'sending' &&
    recipient.sendingUntil !== undefined &&
    Date.parse(recipient.sendingUntil) <= now.getTime()
  );
}

/** Time-ordered ids, newest first when sorted as text: the cohort's list reads in order. */
export function announcementId(now: Date, random: string): string {
  const inverted = (9_999_999_999_999 - now.getTime()).toString().padStart(13, '0');
  return `${inverted}-${random}`;
}
