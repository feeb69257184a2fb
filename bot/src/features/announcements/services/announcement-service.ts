import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { buildAnnouncementCard } from '../cards/announcement-card';
import { buildDeliveryReportCard } from '../cards/delivery-report-card';
import { buildEventCard } from '../../calendar/cards/event-card';
import { asAttachment } from '../../../platform/teams/cards/render';
import {
  type Announcement,
  type AnnouncementInput,
  type AudienceMember,
  FINAL_STATUSES,
  MAX_CARD_BYTES,
  type Recipient,
  announcementId,
  deliveryCounts,
  isAbandoned,
  resolveAudience,
  unconfirmedAfterCrash,
} from '../domain/announcement';
import type { ProgrammeEvent } from '../../calendar/domain/programme-event';
import { isInvited } from '../../calendar/domain/programme-event';
import { type FanoutMessage, type FanoutQueue, MAX_MESSAGE_CHARS } from '../fanout/fanout-queue';
import type { TeamsDelivery } from '../fanout/teams-delivery';
import type { Logger } from '../../../platform/logger';
import { eachLimited } from '../../../platform/storage/batch';
import { REMINDER_PREFIX } from '../store/announcement-repository';
import { ConflictError } from '../../../platform/storage/errors';
import type { Repositories } from '../../../app/repositories';
import type { Versioned } from '../../../platform/storage/versioned';
import { cohortHealth } from '../../journey/services/cohort-health';
import { placesLeft } from '../../calendar/services/event-rsvp';

/**
 * People per queue message. A worker spreads one message's people over its lanes (and keeps the
 * message invisible while it works), so messages can be large: fewer queue operations per person.
 */
export const RECIPIENTS_PER_MESSAGE = 50;

/** How long one instance may take to expand an audience and queue it before another takes over. */
const EXPANSION_LEASE_MS = 5 * 60_000;

/**
 * The stored announcement while its audience is being expanded into recipients: the lease of the
 * instance doing it. Kept in the stored row only; a send is not finished while it is set.
 */
type Expanding = Announcement & { expandingUntil?: string };

export type Refusal = { ok: false; fields: { field: string; message: string }[] };

export interface Sender {
  userId: string;
  name: string;
}

/**
 * Announcements from creation to the coordinator's summary: checks, audience expansion into
 * one recipient row each, queueing for the fan-out workers, cancel, resend to the unconfirmed,
 * acknowledgements and the delivery report. Event invitations and reminders ride the same path.
 */
export class AnnouncementService {
  constructor(
    private readonly repos: Repositories,
    private readonly queue: FanoutQueue,
    private readonly delivery: TeamsDelivery,
    private readonly now: () => Date,
    private readonly log: Logger,
    private readonly options: {
      publicUrl?: string;
      /** Waits for a slot under Teams' rate for sends outside the fan-out (summary, channel). */
      pace?: () => Promise<void>;
    } = {},
  ) {}

  /** Validated input → a stored announcement, started now or marked due for later. */
  async create(
    cohortId: string,
    input: AnnouncementInput,
    from: Sender,
  ): Promise<{ ok: true; announcement: Announcement } | Refusal> {
    const cohort = await this.repos.cohorts.get(cohortId);
    if (!cohort) return refuse('cohortId', 'no cohort has that id');
    const now = this.now();
    const announcement: Announcement = {
      id: announcementId(now, randomBytes(4).toString('hex')),
      cohortId,
      kind: 'announcement',
      title: input.title,
      text: input.text,
      link: input.linkUrl
        ? { url: input.linkUrl, label: input.linkLabel?.trim() || 'Open link' }
        : undefined,
      audience: {
        kind: input.audience,
        participantIds: input.audience === 'people' ? input.participantIds : undefined,
      },
      alsoInChannel: input.alsoInChannel,
      sendAt: input.sendAt ? new Date(input.sendAt).toISOString() : now.toISOString(),
      status: 'scheduled',
      createdBy: from.userId,
      createdByName: from.name,
      createdAt: now.toISOString(),
      round: 1,
    };
    const size = cardBytes(this.announcementCard(announcement, cohort.value.name, false));
    if (size > MAX_CARD_BYTES) {
      return refuse(
        'text',
        `makes a card of ${Math.round(size / 1000)} KB, over Teams' limit of ${Math.round(MAX_CARD_BYTES / 1000)} KB; shorten it`,
      );
    }
    const audience = await this.audienceOf(announcement);
    if (audience.length === 0) {
      return refuse(
        input.audience === 'people' ? 'participantIds' : 'audience',
        'has nobody in it; choose another audience',
      );
    }
    await this.repos.announcements.create(announcement);
    await this.repos.announcements.markDue(announcement);
    if (Date.parse(announcement.sendAt) <= now.getTime())
      await this.start(cohortId, announcement.id);
    return { ok: true, announcement };
  }

  /** An event's invitation to everyone it is for, and its reminders a day and an hour before. */
  async inviteToEvent(event: ProgrammeEvent, from: Sender): Promise<Announcement> {
    const now = this.now();
    const invitation: Announcement = {
      id: announcementId(now, randomBytes(4).toString('hex')),
      cohortId: event.cohortId,
      kind: 'event-invitation',
      title: event.title,
      text: event.description,
      eventId: event.id,
      audience: {
        kind:
          event.audience === 'mentors'
            ? 'mentors'
            : event.audience === 'mentees'
              ? 'mentees'
              : 'cohort',
      },
      alsoInChannel: false,
      sendAt: now.toISOString(),
      status: 'scheduled',
      createdBy: from.userId,
      createdByName: from.name,
      createdAt: now.toISOString(),
      round: 1,
    };
    await this.repos.announcements.create(invitation);
    await this.repos.announcements.markDue(invitation);
    await this.scheduleReminders(event, from);
    await this.start(event.cohortId, invitation.id);
    return invitation;
  }

  /** A day and an hour before the start, to those who said yes (at that time). */
  async scheduleReminders(event: ProgrammeEvent, from: Sender): Promise<void> {
    const now = this.now();
    for (const [which, hours] of [
      ['day', 24],
      ['hour', 1],
    ] as const) {
      const sendAt = new Date(Date.parse(event.start) - hours * 3600_000);
      const id = `${REMINDER_PREFIX}${which}-${event.id}`;
      const current = await this.repos.announcements.get(event.cohortId, id);
      if (current && current.value.status !== 'scheduled') continue;
      if (sendAt.getTime() <= now.getTime()) {
        // Moved so that this reminder's time has passed: the old one must not go after all.
        if (current) await this.cancel(event.cohortId, id);
        continue;
      }
      const reminder: Announcement = {
        id,
        cohortId: event.cohortId,
        kind: 'event-reminder',
        title: event.title,
        text: which,
        eventId: event.id,
        audience: { kind: 'people' },
        alsoInChannel: false,
        sendAt: sendAt.toISOString(),
        status: 'scheduled',
        createdBy: from.userId,
        createdByName: from.name,
        createdAt: now.toISOString(),
        round: 1,
      };
      if (current) {
        if (current.value.sendAt !== reminder.sendAt) {
          await this.repos.announcements.clearDue(current.value);
          await this.repos.announcements.replace(
            { ...current.value, sendAt: reminder.sendAt },
            current.etag,
          );
        }
      } else {
        await this.repos.announcements.create(reminder);
      }
      await this.repos.announcements.markDue(reminder);
    }
  }

  /**
   * Expands the audience into recipient rows and queues them. Safe to call more than once and
   * on several instances at once (the sweep calls it while the send is due): one instance claims
   * the expansion with an ETag-guarded write and a lease; the others leave it alone, and take it
   * over only if the lease runs out with the send still marked due (the instance died midway).
   * Existing recipient rows are never touched, and a recipient is sent to only by the worker
   * that moves its row from queued to sending.
   */
  async start(cohortId: string, id: string): Promise<void> {
    const current = await this.repos.announcements.get(cohortId, id);
    if (!current) return;
    const a: Expanding = current.value;
    if (a.status === 'cancelled' || a.status === 'sent') {
      await this.repos.announcements.clearDue(a);
      return;
    }
    const now = this.now();
    if (a.status === 'scheduled' && Date.parse(a.sendAt) > now.getTime()) return;
    const expandingUntil = new Date(now.getTime() + EXPANSION_LEASE_MS).toISOString();
    let audience: AudienceMember[];
    let claimed: Announcement;
    if (a.status === 'scheduled') {
      audience = await this.audienceOf(a);
      const next: Expanding = {
        ...a,
        status: 'sending',
        startedAt: now.toISOString(),
        recipientCount: audience.length,
        expandingUntil,
      };
      if (!(await this.tryReplaceAnnouncement(next, current.etag))) return; // another has it
      claimed = next;
    } else {
      // Sending already: expanded (its due row is just late going), being expanded, or the
      // instance expanding it died (its lease has run out).
      if (!a.expandingUntil) {
        await this.repos.announcements.clearDue(a);
        return;
      }
      if (Date.parse(a.expandingUntil) > now.getTime()) return;
      const next: Expanding = { ...a, expandingUntil };
      if (!(await this.tryReplaceAnnouncement(next, current.etag))) return;
      claimed = next;
      audience = await this.audienceOf(a);
      this.log.info({ id }, 'taking over an expansion whose instance stopped');
    }
    await this.repos.announcements.markActive(a);
    const at = this.now().toISOString();
    await this.repos.announcements.addRecipients(
      a.id,
      audience.map((m): Recipient => ({
        announcementId: a.id,
        participantId: m.participantId,
        userId: m.userId,
        displayName: m.displayName,
        status: 'queued',
        attempts: 0,
        round: claimed.round,
        updatedAt: at,
      })),
    );
    await this.enqueueQueued(claimed);
    await this.endExpansion(cohortId, id);
    await this.repos.announcements.clearDue(a);
    if (a.alsoInChannel) await this.postInChannel(claimed);
  }

  private async tryReplaceAnnouncement(next: Announcement, etag: string): Promise<boolean> {
    try {
      await this.repos.announcements.replace(next, etag);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  /** Every recipient has a row and a queue message: the send may now finish when drained. */
  private async endExpansion(cohortId: string, id: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.repos.announcements.get(cohortId, id);
      const value: Expanding | undefined = current?.value;
      if (!current || !value?.expandingUntil) return;
      const { expandingUntil: _done, ...rest } = value;
      if (await this.tryReplaceAnnouncement(rest, current.etag)) return;
    }
  }

  /**
   * Queue messages of up to RECIPIENTS_PER_MESSAGE people each, several sent at once. Each
   * carries its rows as read here, so the worker need not read them again before its intent.
   */
  private async enqueueQueued(a: Announcement): Promise<void> {
    const queued = await this.repos.announcements.listRecipients(a.id, 'queued');
    const messages: FanoutMessage[] = [];
    let current: FanoutMessage | undefined;
    let chars = 0;
    for (const r of queued) {
      const entry = { etag: r.etag, value: r.value };
      const size = JSON.stringify(entry).length + r.value.participantId.length * 2 + 8;
      if (
        !current ||
        current.participantIds.length >= RECIPIENTS_PER_MESSAGE ||
        chars + size > MAX_MESSAGE_CHARS
      ) {
        current = { cohortId: a.cohortId, announcementId: a.id, participantIds: [], rows: {} };
        messages.push(current);
        chars = 200;
      }
      current.participantIds.push(r.value.participantId);
      current.rows![r.value.participantId] = entry;
      chars += size;
    }
    await eachLimited(messages, 16, (message) => this.queue.send(message));
  }

  /** Stops a send: nobody still queued gets it; those already sent keep it. */
  async cancel(cohortId: string, id: string): Promise<Announcement | undefined> {
    for (;;) {
      const current = await this.repos.announcements.get(cohortId, id);
      if (!current) return undefined;
      if (current.value.status === 'sent' || current.value.status === 'cancelled')
        return current.value;
      try {
        const saved = await this.repos.announcements.replace(
          { ...current.value, status: 'cancelled', cancelledAt: this.now().toISOString() },
          current.etag,
        );
        await this.repos.announcements.clearDue(current.value);
        // The fan-out marks the queued as cancelled as it meets them; the sweep finishes it.
        if (current.value.status === 'scheduled')
          await this.repos.announcements.clearActive(current.value);
        return saved.value;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  /** Queues again everyone whose delivery is unconfirmed, in a new round. */
  async resendUnconfirmed(cohortId: string, id: string): Promise<number> {
    const current = await this.repos.announcements.get(cohortId, id);
    if (!current || current.value.status === 'cancelled') return 0;
    const round = current.value.round + 1;
    // People only: a channel post that may or may not have landed is never posted again.
    const unconfirmed = (await this.repos.announcements.listRecipients(id, 'unconfirmed')).filter(
      (r) => !isChannelRow(r.value),
    );
    if (unconfirmed.length === 0) return 0;
    await this.repos.announcements.replace(
      { ...current.value, status: 'sending', round, completedAt: undefined },
      current.etag,
    );
    await this.repos.announcements.markActive(current.value);
    let queued = 0;
    for (const r of unconfirmed) {
      try {
        await this.repos.announcements.replaceRecipient(
          {
            ...r.value,
            status: 'queued',
            attempts: 0,
            round,
            reason: undefined,
            notBefore: undefined,
            updatedAt: this.now().toISOString(),
          },
          r.etag,
        );
        queued += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    await this.enqueueQueued({ ...current.value, round });
    return queued;
  }

  /** "Got it": recorded once, the first time. */
  async acknowledge(
    cohortId: string,
    id: string,
    participantId: string,
  ): Promise<Announcement | undefined> {
    const announcement = await this.repos.announcements.get(cohortId, id);
    if (!announcement) return undefined;
    for (;;) {
      const r = await this.repos.announcements.getRecipient(id, participantId);
      if (!r) return undefined;
      if (r.value.acknowledgedAt) return announcement.value;
      try {
        await this.repos.announcements.replaceRecipient(
          { ...r.value, acknowledgedAt: this.now().toISOString() },
          r.etag,
        );
        return announcement.value;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  /** The delivery report as stored now (see `reportOf`). */
  async report(cohortId: string, id: string) {
    const announcement = await this.repos.announcements.get(cohortId, id);
    if (!announcement) return undefined;
    const rows = (await this.repos.announcements.listRecipients(id)).map((r) => r.value);
    return reportOf(announcement.value, rows);
  }

  /**
   * Rows whose sender died (their lease has run out while `sending`) become unconfirmed. Reads
   * only the rows being sent, so it is cheap while a large send is under way.
   */
  async releaseAbandoned(id: string): Promise<number> {
    const now = this.now();
    let released = 0;
    for (const r of await this.repos.announcements.listRecipients(id, 'sending')) {
      if (isAbandoned(r.value, now) && (await this.markUnconfirmed(r, now))) released += 1;
    }
    return released;
  }

  /** An abandoned row becomes unconfirmed (ETag-guarded); false if someone moved it first. */
  private async markUnconfirmed(r: Versioned<Recipient>, now: Date): Promise<boolean> {
    try {
      await this.repos.announcements.replaceRecipient(unconfirmedAfterCrash(r.value, now), r.etag);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return false;
    }
  }

  /**
   * Finishes sends that have drained: rows whose sender died become unconfirmed; when nobody
   * is queued or sending, the announcement is marked sent (one instance wins) and the
   * coordinator gets the summary in chat.
   */
  async finishIfDrained(cohortId: string, id: string): Promise<boolean> {
    const current = await this.repos.announcements.get(cohortId, id);
    if (!current) return true;
    const expanding: Expanding = current.value;
    // Not everyone has a row yet: finishing now would leave the rest out.
    if (expanding.status === 'sending' && expanding.expandingUntil) return false;
    const rows = await this.repos.announcements.listRecipients(id);
    const now = this.now();
    let open = 0;
    // Every row as it stands after this pass: the coordinator's summary is counted from it.
    const settled: Recipient[] = [];
    for (const r of rows) {
      if (isAbandoned(r.value, now)) {
        const next = unconfirmedAfterCrash(r.value, now);
        if (await this.markUnconfirmed(r, now)) settled.push(next);
        else open += 1;
        continue;
      }
      if (!FINAL_STATUSES.has(r.value.status)) {
        if (current.value.status === 'cancelled' && r.value.status === 'queued') {
          const next: Recipient = { ...r.value, status: 'cancelled', updatedAt: now.toISOString() };
          try {
            await this.repos.announcements.replaceRecipient(next, r.etag);
            settled.push(next);
            continue;
          } catch (error) {
            if (!(error instanceof ConflictError)) throw error;
          }
        }
        open += 1;
      } else {
        settled.push(r.value);
      }
    }
    if (open > 0) return false;
    // Sending → sent, or a cancelled send's end noted: one ETag-guarded write, so of the instances
    // finding it drained only the winner tells the coordinator.
    const finishing =
      current.value.status === 'sending' ||
      (current.value.status === 'cancelled' && !current.value.completedAt);
    if (!finishing) {
      await this.repos.announcements.clearActive(current.value);
      return true;
    }
    let finished: Announcement;
    try {
      finished = (
        await this.repos.announcements.replace(
          {
            ...current.value,
            status: current.value.status === 'sending' ? 'sent' : 'cancelled',
            completedAt: now.toISOString(),
          },
          current.etag,
        )
      ).value;
    } catch (error) {
      if (error instanceof ConflictError) return false; // another instance finished it
      throw error;
    }
    await this.repos.announcements.clearActive(current.value);
    if (finished.kind === 'announcement') await this.tellCoordinator(reportOf(finished, settled));
    return true;
  }

  private async tellCoordinator(report: ReturnType<typeof reportOf>): Promise<void> {
    const a = report.announcement;
    const card = buildDeliveryReportCard({
      cohortId: a.cohortId,
      announcementId: a.id,
      title: a.title,
      status: a.status,
      counts: report.counts,
      reportUrl: this.reportUrl(a),
      channelPost: report.channelPost,
    });
    await this.options.pace?.();
    const outcome = await this.delivery.sendToUser(
      a.createdBy,
      MessageFactory.attachment(asAttachment(card)),
    );
    if (outcome.kind !== 'sent') this.log.warn({ outcome, id: a.id }, 'delivery summary not sent');
  }

  reportUrl(a: Pick<Announcement, 'cohortId'>): string | undefined {
    return this.options.publicUrl
      ? `${this.options.publicUrl}/tab/index.html?cohort=${encodeURIComponent(a.cohortId)}`
      : undefined;
  }

  /** The message one recipient gets (events are shown in the person's own time zone). */
  async activityFor(
    a: Announcement,
    recipient: Recipient,
    timeZone: string | undefined,
  ): Promise<Partial<Activity> | undefined> {
    const cohort = await this.repos.cohorts.get(a.cohortId);
    const cohortName = cohort?.value.name ?? 'your programme';
    if (a.kind === 'announcement') {
      const card = this.announcementCard(a, cohortName, false);
      return { ...MessageFactory.attachment(asAttachment(card)), summary: a.title };
    }
    const calendar = await this.repos.events.calendar(a.cohortId);
    const event = calendar.events.find((e) => e.value.id === a.eventId)?.value;
    if (!event) return undefined;
    const mine = calendar.rsvps.find(
      (r) => r.eventId === event.id && r.participantId === recipient.participantId,
    );
    const card = buildEventCard({
      event,
      cohortName,
      timeZone: timeZone ?? 'Europe/London',
      myResponse: mine?.response,
      placesLeft: placesLeft(event, calendar.rsvps),
      reminder: a.kind === 'event-reminder' ? (a.text === 'hour' ? 'hour' : 'day') : undefined,
    });
    return { ...MessageFactory.attachment(asAttachment(card)), summary: event.title };
  }

  /** The card as people get it; `forChannel` leaves out "Got it" (a channel has no one reader). */
  announcementCard(a: Announcement, cohortName: string, acknowledged: boolean, forChannel = false) {
    return buildAnnouncementCard({
      cohortId: a.cohortId,
      announcementId: a.id,
      title: a.title,
      text: a.text,
      link: a.link,
      fromName: a.createdByName,
      cohortName,
      acknowledged,
      forChannel,
    });
  }

  /** Everyone the announcement is for, as of now. */
  async audienceOf(a: Pick<Announcement, 'cohortId' | 'audience' | 'kind' | 'eventId'>) {
    const [people, pairs] = await Promise.all([
      this.repos.participants.listByCohort(a.cohortId),
      this.repos.pairs.listByCohort(a.cohortId),
    ]);
    const roles = new Map<string, Set<'mentor' | 'mentee'>>();
    const add = (id: string, role: 'mentor' | 'mentee') =>
      roles.set(id, (roles.get(id) ?? new Set()).add(role));
    for (const pair of pairs) {
      if (pair.state === 'ended_early') continue;
      add(pair.mentorId, 'mentor');
      add(pair.menteeId, 'mentee');
      if (pair.arrangement === 'reciprocal') {
        add(pair.mentorId, 'mentee');
        add(pair.menteeId, 'mentor');
      }
    }
    let needy = new Set<string>();
    if (a.audience.kind === 'needs_check_in') {
      const health = await cohortHealth(this.repos, a.cohortId);
      const flagged = new Set(
        health
          .filter((h) => h.health === 'needs_check_in' || h.health === 'at_risk')
          .map((h) => h.pairId),
      );
      needy = new Set(
        pairs.filter((p) => flagged.has(p.id)).flatMap((p) => [p.mentorId, p.menteeId]),
      );
    }
    const members: AudienceMember[] = people.map((p) => {
      const own = roles.get(p.id);
      const fallback: ('mentor' | 'mentee')[] =
        p.role === 'either' ? ['mentor', 'mentee'] : [p.role];
      return {
        participantId: p.id,
        userId: p.userId,
        displayName: p.displayName,
        roles: own ? [...own] : fallback,
        pairNeedsCheckIn: needy.has(p.id),
      };
    });
    if (a.kind === 'event-reminder' && a.eventId) {
      const calendar = await this.repos.events.calendar(a.cohortId);
      const yes = new Set(
        calendar.rsvps
          .filter((r) => r.eventId === a.eventId && r.response === 'yes')
          .map((r) => r.participantId),
      );
      return members.filter((m) => yes.has(m.participantId));
    }
    if (a.kind === 'event-invitation' && a.eventId) {
      const event = await this.repos.events.get(a.cohortId, a.eventId);
      if (!event) return [];
      return members.filter((m) =>
        isInvited(event.value, m.roles.length === 2 ? 'either' : (m.roles[0] ?? 'either')),
      );
    }
    return resolveAudience(a.audience, members);
  }

  /** The programme channel gets the announcement too, once (intent recorded before the post). */
  private async postInChannel(a: Announcement): Promise<void> {
    const cohort = await this.repos.cohorts.get(a.cohortId);
    const channel = cohort?.value.channel;
    if (!cohort || !channel) {
      this.log.warn({ id: a.id }, 'no programme channel linked; channel post skipped');
      return;
    }
    const marker = channelMarker(a.id);
    const existing = await this.repos.announcements.getRecipient(a.id, marker);
    if (existing) return; // already posted, or posting: never twice
    const added = await this.repos.announcements.addRecipients(a.id, [
      {
        announcementId: a.id,
        participantId: marker,
        displayName: 'Programme channel',
        status: 'sending',
        attempts: 1,
        round: a.round,
        sendingUntil: new Date(this.now().getTime() + 60_000).toISOString(),
        updatedAt: this.now().toISOString(),
      },
    ]);
    if (added === 0) return;
    const card = this.announcementCard(a, cohort.value.name, false, true);
    await this.options.pace?.();
    const outcome = await this.delivery.sendToChannel(
      channel,
      MessageFactory.attachment(asAttachment(card)),
    );
    const row = await this.repos.announcements.getRecipient(a.id, marker);
    if (!row) return;
    await this.repos.announcements.replaceRecipient(
      {
        ...row.value,
        status: outcome.kind === 'sent' ? 'sent' : 'failed',
        reason: outcome.kind === 'sent' ? undefined : outcome.detail,
        sendingUntil: undefined,
        updatedAt: this.now().toISOString(),
      },
      row.etag,
    );
  }
}

/**
 * The delivery report: people only (counts and rows), with the programme channel's post kept
 * apart, so every view (tab, API, CSV, chat summary) counts the same people.
 */
function reportOf(announcement: Announcement, rows: Recipient[]) {
  const recipients = rows.filter((r) => !isChannelRow(r));
  const channel = rows.find(isChannelRow);
  return {
    announcement,
    counts: deliveryCounts(recipients),
    recipients,
    channelPost: channel ? { status: channel.status, reason: channel.reason ?? null } : null,
  };
}

/** The recipient row that stands for the programme channel's post. */
function channelMarker(announcementId: string): string {
  return `channel-${announcementId}`;
}

function isChannelRow(r: Pick<Recipient, 'participantId'>): boolean {
  return r.participantId.startsWith('channel-');
}

function refuse(field: string, message: string): Refusal {
  return { ok: false, fields: [{ field, message }] };
}

function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
