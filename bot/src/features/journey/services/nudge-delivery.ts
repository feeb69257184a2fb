import { MessageFactory } from 'botbuilder';
import type { Logger } from '../../../platform/logger';
import type { HandlerResult } from '../../../platform/storage/jobs/scheduler';
import { asAttachment, type CardJson } from '../../../platform/teams/cards/render';
import type { ProactiveSender } from '../../../platform/teams/proactive-sender';
import {
  localDay,
  nextSendTime,
  nextWorkingDayStart,
  resolveTimeZone,
} from '../domain/send-window';
import type { PairContext } from '../services/pair-context';
import type { DailySendLedger } from '../store/daily-send-ledger';

const DAY_MS = 24 * 3600 * 1000;

/** Where a person can be reached in Teams, and their time zone (Teams tells it on each turn). */
export interface PersonalChats {
  getPersonal(userId: string): Promise<{ timeZone?: string } | undefined>;
}

/** Where a try that could not reach someone is noted, so coordinators see since when (reach). */
export interface UnreachableLog {
  noteUnreachable(cohortId: string, participantId: string, at: Date): Promise<void>;
}

export interface NudgeDeliveryDeps {
  ledger: Pick<DailySendLedger, 'claim' | 'outcome'>;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  chats: PersonalChats;
  unreachable?: UnreachableLog;
  now: () => Date;
  log: Logger;
}

/**
 * Sends journey messages kindly: in each person's own working hours, at most one message per
 * person per day (everything due together goes as one), and never the same one twice.
 */
export class NudgeDelivery {
  constructor(private readonly deps: NudgeDeliveryDeps) {}

  /** The person's own time zone, else the pair's. */
  async timeZoneOf(ctx: PairContext, participantId: string): Promise<string> {
    const person = participantId === ctx.mentor.id ? ctx.mentor : ctx.mentee;
    if (!person.userId) return ctx.timeZone;
    const conversation = await this.deps.chats.getPersonal(person.userId);
    return resolveTimeZone(conversation?.timeZone ?? ctx.timeZone);
  }

  /**
   * Sends the cards as one message, at a kind time, once a day at most. Returns 'done' when
   * sent, or when to try again: someone not reachable yet is tried daily until the purpose
   * lapses. Paused reminders hold the message back unless `evenWhenPaused`.
   */
  async deliver(
    ctx: PairContext,
    participantId: string,
    jobIds: string[],
    cards: CardJson[],
    evenWhenPaused: boolean,
  ): Promise<HandlerResult> {
    const { ledger, sender, log } = this.deps;
    const now = this.deps.now();
    const person = participantId === ctx.mentor.id ? ctx.mentor : ctx.mentee;
    const retryTomorrow = { retryAt: new Date(now.getTime() + DAY_MS) };
    // Not reachable yet: tried again daily, and noted so the coordinator sees since when.
    const later = async () => {
      await this.deps.unreachable
        ?.noteUnreachable(ctx.cohort.id, participantId, now)
        .catch((error: unknown) => log.warn({ err: error }, 'could not note an unreachable try'));
      return retryTomorrow;
    };
    if (!person.userId) return later(); // not signed in to Teams with the app yet
    const conversation = await this.deps.chats.getPersonal(person.userId);
    if (!conversation) return later(); // the app is not installed for them yet
    const zone = resolveTimeZone(conversation.timeZone ?? ctx.timeZone);

    const pausedUntil = ctx.status.remindersPausedUntil[participantId];
    if (pausedUntil && pausedUntil > now.toISOString() && !evenWhenPaused) {
      return { retryAt: nextSendTime(new Date(pausedUntil), zone) };
    }
    // The cohort's working hours (09:00–17:00, Monday to Friday unless the cohort says else).
    const hours = ctx.cohort.workingHours;
    const policy = hours
      ? { startHour: hours.startHour, endHour: hours.endHour, workingDays: hours.days }
      : undefined;
    const slot = nextSendTime(now, zone, policy);
    if (slot.getTime() > now.getTime()) return { retryAt: slot };
    const day = localDay(now, zone);
    const claim = await ledger.claim(person.userId, day, jobIds, now);
    if (claim.kind === 'day-taken') return { retryAt: nextWorkingDayStart(now, zone, policy) };
    if (claim.kind === 'already-sent') return 'done';
    if (claim.kind === 'unconfirmed') {
      log.warn(
        { jobs: jobIds, userId: person.userId },
        'nudge unconfirmed: a send was under way when its process stopped; not sent again',
      );
      return 'done';
    }

    const attachments = cards.map(asAttachment);
    const activity =
      attachments.length === 1
        ? MessageFactory.attachment(attachments[0]!)
        : MessageFactory.list(attachments);
    // The outcome follows the intent: only a send Teams refused may go again.
    const record = (status: 'sent' | 'retry') =>
      ledger.outcome(person.userId!, day, jobIds, claim.etag, status, this.deps.now());
    let outcome;
    try {
      outcome = await sender.sendToUser(person.userId, activity);
    } catch (error) {
      // Thrown before anything reached Teams (the sender catches send errors itself).
      await record('retry').catch(() => undefined);
      throw error;
    }
    switch (outcome.status) {
      case 'sent':
        await record('sent');
        log.info({ jobs: jobIds, userId: person.userId }, 'nudge sent');
        return 'done';
      case 'no-conversation':
        await record('retry');
        return later();
      case 'blocked':
        await record('sent');
        log.warn({ jobs: jobIds }, 'the person has blocked the app');
        return 'skipped';
      case 'failed':
        await record(outcome.retryable ? 'retry' : 'sent');
        if (outcome.retryable) throw new Error(`send failed: ${outcome.detail}`);
        return 'skipped';
    }
  }

  /** A card for the coordinator, in their working hours (no daily limit: alerts are rare). */
  async alert(coordinator: string, card: CardJson): Promise<HandlerResult> {
    const now = this.deps.now();
    const conversation = await this.deps.chats.getPersonal(coordinator);
    if (!conversation) return { retryAt: new Date(now.getTime() + DAY_MS) };
    const slot = nextSendTime(now, conversation.timeZone);
    if (slot.getTime() > now.getTime()) return { retryAt: slot };
    const outcome = await this.deps.sender.sendToUser(
      coordinator,
      MessageFactory.attachment(asAttachment(card)),
    );
    if (outcome.status === 'sent') return 'done';
    if (outcome.status === 'failed' && outcome.retryable)
      throw new Error(`alert failed: ${outcome.detail}`);
    if (outcome.status === 'no-conversation') return { retryAt: new Date(now.getTime() + DAY_MS) };
    return 'skipped';
  }
}
