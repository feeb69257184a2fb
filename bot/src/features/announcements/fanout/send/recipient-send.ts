import type { Activity } from 'botbuilder';
import type { Announcement, AttemptOutcome, Recipient } from '../../domain/announcement';
import {
  FINAL_STATUSES,
  afterAttempt,
  isAbandoned,
  unconfirmedAfterCrash,
} from '../../domain/announcement';
import type { RecipientMessages } from '../../cards/recipient-message';
import { ConflictError } from '../../../../platform/storage/errors';
import { BoundedMap } from '../../../../platform/bounded-map';
import type { Versioned } from '../../../../platform/storage/versioned';
import type { AnnouncementRepository } from '../../store/announcement-repository';
import type { AnnouncementPorts } from '../../ports';
import type { SharedRate } from './shared-rate';
import type { TeamsDelivery } from '../../teams/teams-delivery';

/** Done with a person, or to try again at `retryAt` (with the row as we left it, if we know). */
export type Step = { done: true } | { done: false; retryAt: number; row?: Versioned<Recipient> };

const DONE: Step = { done: true };

/** How long an announcement read is reused by every lane of this instance. */
const CACHE_MS = 1000;
const CACHE_MAX = 100;
/** How long the last reading is kept for `knownCancelled` once nobody re-reads it. */
const CACHE_KEPT_MS = 10 * 60 * 1000;

interface CachedAnnouncement {
  value?: Announcement;
  /** An announcement's card is the same for everyone: built once per cache period. */
  activity?: Partial<Activity>;
}

export interface RecipientSendOptions {
  maxAttempts: number;
  /** How long a `sending` row is this worker's before it counts as abandoned. */
  leaseMs: number;
}

/**
 * Send, for one person: the row goes queued → sending (intent, ETag-guarded so one worker wins)
 * → an outcome, with the slot under Teams' rate taken just before the send.
 */
export class RecipientSender {
  /** Bounded by size and age (issue 18); an entry is re-read after CACHE_MS. */
  private readonly cache = new BoundedMap<
    string,
    { at: number; entry: Promise<CachedAnnouncement>; value?: Announcement }
  >({ maxEntries: CACHE_MAX, maxAgeMs: CACHE_KEPT_MS });

  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly conversations: AnnouncementPorts['conversations'],
    private readonly delivery: Pick<TeamsDelivery, 'sendToUser'>,
    private readonly messages: RecipientMessages,
    private readonly rate: Pick<SharedRate, 'take' | 'pause'>,
    private readonly now: () => Date,
    private readonly options: RecipientSendOptions,
  ) {}

  /** The announcement, read at most once a second per instance however many lanes ask. */
  private announcement(cohortId: string, id: string): Promise<CachedAnnouncement> {
    const key = `${cohortId}|${id}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.entry;
    const slot: { at: number; entry: Promise<CachedAnnouncement>; value?: Announcement } = {
      at: Date.now(),
      value: cached?.value,
      entry: this.repo.get(cohortId, id).then(
        (found): CachedAnnouncement => {
          slot.value = found?.value;
          return { value: found?.value };
        },
        (error: unknown) => {
          this.cache.delete(key);
          throw error;
        },
      ),
    };
    this.cache.set(key, slot);
    return slot.entry;
  }

  /** Whether the announcement was cancelled, as last read (no storage call: for the send path). */
  private knownCancelled(cohortId: string, id: string): boolean {
    return this.cache.get(`${cohortId}|${id}`)?.value?.status === 'cancelled';
  }

  private async activityFor(
    cached: CachedAnnouncement,
    recipient: Recipient,
    timeZone: string | undefined,
  ): Promise<Partial<Activity> | undefined> {
    const a = cached.value!;
    if (a.kind !== 'announcement') {
      return this.messages.activityFor(a, recipient, timeZone); // per person (RSVP, zone)
    }
    cached.activity ??= await this.messages.activityFor(a, recipient, timeZone);
    return cached.activity;
  }

  /**
   * One person: the row queued → sending (intent) → its outcome. `known` is the row as the queue
   * message carried it: the intent is written over it unread, and only if it has changed since
   * is it read and looked at afresh.
   */
  async processRecipient(
    cohortId: string,
    announcementId: string,
    participantId: string,
    known?: Versioned<Recipient>,
  ): Promise<Step> {
    const cached = await this.announcement(cohortId, announcementId);
    const announcement = cached.value;
    const row = known ?? (await this.repo.getRecipient(announcementId, participantId));
    if (!announcement || !row) return DONE;
    const afresh = () => this.processRecipient(cohortId, announcementId, participantId);
    const r = row.value;
    const now = this.now();
    if (FINAL_STATUSES.has(r.status)) return known ? afresh() : DONE;
    if (r.status === 'sending') {
      // Another worker holds it, or held it and died: the sweep decides, never a blind resend.
      if (isAbandoned(r, now) && !(await this.markUnconfirmed(row)) && known) return afresh();
      return DONE;
    }
    if (announcement.status === 'cancelled') {
      const moved = await this.tryReplace(row, {
        ...r,
        status: 'cancelled',
        updatedAt: now.toISOString(),
      });
      return !moved && known ? afresh() : DONE;
    }
    if (r.notBefore && Date.parse(r.notBefore) > now.getTime()) {
      return {
        done: false,
        retryAt: Date.now() + (Date.parse(r.notBefore) - now.getTime()),
        row,
      };
    }

    // Everything the send needs is read first; then the intent; then the slot and the send at
    // once, with no storage call between them (its latency would bunch sends over the limit).
    let outcome: AttemptOutcome | undefined;
    let send: (() => Promise<AttemptOutcome>) | undefined;
    if (!r.userId) {
      outcome = { kind: 'no-conversation', detail: 'not linked to Teams yet' };
    } else {
      const userId = r.userId;
      const stored = await this.conversations.getPersonal(userId);
      const activity = await this.activityFor(cached, r, stored?.timeZone);
      if (!stored) outcome = { kind: 'no-conversation', detail: 'no stored conversation' };
      else if (!activity) outcome = { kind: 'fatal', detail: 'the event no longer exists' };
      else send = () => this.delivery.sendToUser(userId, activity, stored);
    }

    // Intent: only the worker whose write lands may send.
    const started = this.now();
    const intent: Recipient = {
      ...r,
      status: 'sending',
      attempts: r.attempts + 1,
      sendingUntil: new Date(started.getTime() + this.options.leaseMs).toISOString(),
      updatedAt: started.toISOString(),
    };
    const claimed = await this.tryReplace(row, intent);
    if (!claimed) return known ? afresh() : DONE; // changed since the message was written
    if (send) {
      await this.rate.take();
      if (this.knownCancelled(cohortId, announcementId)) {
        // Cancelled while we waited for the slot: not sent, and now never will be.
        await this.recordOutcome(claimed, {
          ...r,
          status: 'cancelled',
          sendingUntil: undefined,
          updatedAt: this.now().toISOString(),
        });
        return DONE;
      }
      outcome = await send();
    }
    if (!outcome) return DONE;

    if (outcome.kind === 'retry' && outcome.retryAfterMs) this.rate.pause(outcome.retryAfterMs);
    const next = afterAttempt(claimed.value, outcome, this.options.maxAttempts, this.now());
    const recorded = await this.recordOutcome(claimed, next);
    if (next.status === 'queued' && next.notBefore) {
      return {
        done: false,
        retryAt: Date.now() + Math.max(0, Date.parse(next.notBefore) - this.now().getTime()),
        row: recorded,
      };
    }
    return DONE;
  }

  /** The outcome replaces our intent; if the sweep had given up on us, the truth still wins. */
  private async recordOutcome(
    claimed: Versioned<Recipient>,
    next: Recipient,
  ): Promise<Versioned<Recipient> | undefined> {
    try {
      return await this.repo.replaceRecipient(next, claimed);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = await this.repo.getRecipient(next.announcementId, next.participantId);
      if (latest && latest.value.status === 'unconfirmed') {
        return this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      } else if (latest && latest.value.acknowledgedAt && !next.acknowledgedAt) {
        // "Got it" landed before our outcome did: keep both.
        return this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      }
      return undefined;
    }
  }

  private async markUnconfirmed(row: Versioned<Recipient>) {
    return this.tryReplace(row, unconfirmedAfterCrash(row.value, this.now()));
  }

  private async tryReplace(
    row: Versioned<Recipient>,
    next: Recipient,
  ): Promise<Versioned<Recipient> | undefined> {
    try {
      return await this.repo.replaceRecipient(next, row);
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }
}
