import { isProgrammeTeam, mayRunCohort } from '../../../contracts/roles';
import { randomBytes } from 'node:crypto';
import type { CreateAnnouncementBody } from '../../../contracts/announcements';
import {
  type Announcement,
  MAX_CARD_BYTES,
  type Recipient,
  announcementId,
  openCallKey,
  sendTimeProblem,
} from '../domain/announcement';
import { type BroadcastEvent, type Sender, draftAnnouncement } from '../domain/announcement-drafts';
import { type DeliveryReport, isChannelRow } from '../domain/delivery-report';
import { cardForAnnouncement } from '../cards/announcement-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import type { EmailHint } from '../../../platform/vouched-email';
import type { AnnouncementRepository } from '../store/announcement-repository';
import type { CohortRef, AnnouncementPorts } from '../ports';
import type { AudienceResolver } from '../fanout/prepare/audience';
import type { AudienceExpansion } from '../fanout/prepare/expansion';
import type { FanoutEnqueuer } from '../fanout/queue/enqueue';
import type { Completion } from '../fanout/aggregate/completion';
import type { CoordinatorSummary } from '../fanout/aggregate/coordinator-summary';
import { cancelSend } from './cancel-send';
import type { EventBroadcasts } from './event-broadcasts';

/** How many announcements the cohort's list shows. */
const LIST_LIMIT = 50;
/** People offered in the chat composer's "Chosen people". */
const COMPOSER_PEOPLE = 200;

/** The stages of the fan-out this service starts and reads. */
export interface FanoutStages {
  audience: AudienceResolver;
  expansion: AudienceExpansion;
  enqueuer: FanoutEnqueuer;
  completion: Completion;
  summary: CoordinatorSummary;
}

/**
 * Announcements from creation to the report: checks, start (through the fan-out's prepare
 * stage), cancel, resend to the unconfirmed, acknowledgements and the delivery report. Every
 * refusal is an AppError whose fields say what to fix.
 */
export class AnnouncementService {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly ports: Pick<AnnouncementPorts, 'cohorts' | 'participants' | 'identity'>,
    private readonly fanout: FanoutStages,
    private readonly broadcasts: EventBroadcasts,
    private readonly now: () => Date,
  ) {}

  /**
   * Who may compose, send, cancel, resend and follow announcements, send an event's invitations
   * and link the programme channel: coordinators. Anyone else is refused as `forbidden`. Every
   * announcement route and every coordinator card verb and command asks here.
   */
  async requireCoordinator(userId: string, cohortId?: string): Promise<void> {
    const access = userId ? await this.ports.identity.accessOf(userId) : undefined;
    if (!access || !isProgrammeTeam(access)) throw AppError.forbidden(COORDINATORS_ONLY);
    // Another cohort's announcements are not this coordinator's to see: it does not exist.
    if (cohortId && !mayRunCohort(access, cohortId))
      throw AppError.notFound('No cohort has that id');
  }

  /** The cohort, or a 404: every route starts here. */
  async requireCohort(cohortId: string): Promise<CohortRef> {
    const cohort = await this.ports.cohorts.get(cohortId);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    return cohort.value;
  }

  /** The cohort's most recent announcements, newest first. */
  async list(cohortId: string, limit = LIST_LIMIT): Promise<Announcement[]> {
    const cohort = await this.requireCohort(cohortId);
    return this.repo.recent(cohort.id, limit);
  }

  /** The cohort's most recent announcements (no check that the cohort exists). */
  recent(cohortId: string, limit: number): Promise<Announcement[]> {
    return this.repo.recent(cohortId, limit);
  }

  async get(cohortId: string, id: string): Promise<Announcement | undefined> {
    return (await this.repo.get(cohortId, id))?.value;
  }

  /** One person's delivery of an announcement, as stored. */
  async recipientOf(id: string, participantId: string): Promise<Recipient | undefined> {
    return (await this.repo.getRecipient(id, participantId))?.value;
  }

  /**
   * Checked input → a stored announcement, started now or marked due for later. Refused (an
   * AppError naming the field) when the cohort is unknown, the time has passed, the card is too
   * large for Teams or the audience is empty.
   */
  async create(
    cohortId: string,
    input: CreateAnnouncementBody,
    from: Sender,
  ): Promise<Announcement> {
    const cohort = await this.ports.cohorts.get(cohortId);
    if (!cohort) throw refusal('cohortId', 'no cohort has that id');
    const now = this.now();
    const late = sendTimeProblem(input.sendAt, now);
    if (late) throw refusal('sendAt', late);
    const id = announcementId(now, randomBytes(4).toString('hex'));
    const announcement = draftAnnouncement(id, cohortId, input, from, now);
    const openCall = input.audience === 'applications_open';
    if (openCall) {
      // Beyond the cohort: only the lists of cohorts the sender runs, fixed now.
      announcement.audience.cohortIds = await this.cohortsRunBy(from.userId);
      if (input.alsoInChannel && !cohort.value.channel) {
        throw refusal('alsoInChannel', 'no programme channel is linked to this cohort yet');
      }
    }
    const size = cardBytes(cardForAnnouncement(announcement, cohort.value.name, false));
    if (size > MAX_CARD_BYTES) {
      throw refusal(
        'text',
        `makes a card of ${Math.round(size / 1000)} KB, over Teams' limit of ${Math.round(MAX_CARD_BYTES / 1000)} KB; shorten it`,
      );
    }
    const audience = await this.fanout.audience.audienceOf(announcement);
    if (openCall && audience.length === 0 && !input.alsoInChannel) {
      throw refusal('lists', 'has nobody on it yet; choose another list or the programme channel');
    }
    if (audience.length === 0 && !openCall) {
      throw refusal(
        input.audience === 'people' ? 'participantIds' : 'audience',
        'has nobody in it; choose another audience',
      );
    }
    await this.repo.create(announcement);
    await this.repo.markDue(announcement);
    if (Date.parse(announcement.sendAt) <= now.getTime())
      await this.fanout.expansion.start(cohortId, announcement.id);
    return announcement;
  }

  /**
   * What a draft would be (the chat composer's preview): the card people would get and how many
   * would get it. Nothing is stored. Refused like `create` when the cohort is unknown or the
   * audience is empty.
   */
  async preview(
    cohortId: string,
    input: CreateAnnouncementBody,
    from: Sender,
  ): Promise<{ card: CardJson; recipientCount: number; reciprocalCount: number }> {
    const cohort = await this.ports.cohorts.get(cohortId);
    if (!cohort) throw refusal('cohortId', 'no cohort has that id');
    const draft = draftAnnouncement('preview', cohortId, input, from, this.now());
    const audience = await this.fanout.audience.audienceOf(draft);
    if (audience.length === 0)
      throw refusal('audience', 'has nobody in it; choose another audience');
    // Mentors and mentees: a reciprocal partner is in both, and the preview says so.
    const byPart = input.audience === 'mentors' || input.audience === 'mentees';
    return {
      card: cardForAnnouncement(draft, cohort.value.name, false),
      recipientCount: audience.length,
      reciprocalCount: byPart ? audience.filter((m) => m.reciprocal).length : 0,
    };
  }

  /** The ids of the cohorts this person runs (every cohort for a programme admin). */
  private async cohortsRunBy(userId: string): Promise<string[]> {
    const access = await this.ports.identity.accessOf(userId);
    return (await this.ports.cohorts.list())
      .filter((c) => mayRunCohort(access, c.id))
      .map((c) => c.id);
  }

  /** The cohorts to choose from, and the first people of the chosen one (the chat composer). */
  async composerChoices(userId: string, cohortId?: string) {
    const access = await this.ports.identity.accessOf(userId);
    const cohorts = (await this.ports.cohorts.list()).filter((c) => mayRunCohort(access, c.id));
    const chosen = cohortId || cohorts[0]?.id || '';
    const people = chosen ? await this.ports.participants.listByCohort(chosen) : [];
    return {
      cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
      people: people.slice(0, COMPOSER_PEOPLE).map((p) => ({ id: p.id, name: p.displayName })),
    };
  }

  /** Stops a send: nobody still queued gets it; those already sent keep it. */
  cancel(cohortId: string, id: string): Promise<Announcement | undefined> {
    return cancelSend(this.repo, cohortId, id, this.now);
  }

  /** An event's invitation (sent now) and its reminders; a 404 when the event does not exist. */
  inviteToEvent(cohortId: string, eventId: string, from: Sender): Promise<Announcement> {
    return this.broadcasts.inviteToEvent(cohortId, eventId, from);
  }

  /** An event's reminders, a day and an hour before (moved or called off with the event). */
  scheduleReminders(event: BroadcastEvent, from: Sender): Promise<void> {
    return this.broadcasts.scheduleReminders(event, from);
  }

  /** Queues again everyone whose delivery is unconfirmed, in a new round. */
  async resendUnconfirmed(cohortId: string, id: string): Promise<number> {
    const current = await this.repo.get(cohortId, id);
    if (!current || current.value.status === 'cancelled') return 0;
    const round = current.value.round + 1;
    // People only: a channel post that may or may not have landed is never posted again.
    const unconfirmed = (await this.repo.listRecipients(id, 'unconfirmed')).filter(
      (r) => !isChannelRow(r.value),
    );
    if (unconfirmed.length === 0) return 0;
    await this.repo.replace(
      { ...current.value, status: 'sending', round, completedAt: undefined },
      current.etag,
    );
    await this.repo.markActive(current.value);
    let queued = 0;
    for (const r of unconfirmed) {
      try {
        await this.repo.replaceRecipient(
          {
            ...r.value,
            status: 'queued',
            attempts: 0,
            round,
            reason: undefined,
            notBefore: undefined,
            updatedAt: this.now().toISOString(),
          },
          r,
        );
        queued += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    await this.fanout.enqueuer.enqueueQueued(current.value);
    return queued;
  }

  /**
   * "Got it" from a person (as Teams names them): only someone the announcement was sent to, a
   * participant of its cohort with a delivery row; anyone else is refused as `not_found`, in
   * words that do not say whether it exists. Recorded once, the first time.
   */
  async acknowledgeBy(
    person: { userId: string; email?: EmailHint },
    cohortId: string,
    id: string,
  ): Promise<Announcement> {
    const memberships = person.userId
      ? await this.ports.identity.membershipsOf(person.userId, person.email)
      : [];
    const membership = memberships.find((m) => m.cohortId === cohortId);
    const acknowledged =
      (membership && (await this.acknowledge(cohortId, id, membership.participantId))) ||
      // "Applications are open" reached people beyond the cohort, each by their object id.
      (person.userId
        ? await this.acknowledge(cohortId, id, openCallKey(person.userId))
        : undefined);
    if (!acknowledged) throw AppError.notFound('This announcement was not sent to you');
    return acknowledged;
  }

  /** "Got it": recorded once, the first time. */
  private async acknowledge(
    cohortId: string,
    id: string,
    participantId: string,
  ): Promise<Announcement | undefined> {
    const announcement = await this.repo.get(cohortId, id);
    if (!announcement) return undefined;
    for (;;) {
      const r = await this.repo.getRecipient(id, participantId);
      if (!r) return undefined;
      if (r.value.acknowledgedAt) return announcement.value;
      try {
        await this.repo.replaceRecipient(
          { ...r.value, acknowledgedAt: this.now().toISOString() },
          r,
        );
        return announcement.value;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  /** The card as one person has it (after "Got it": with the thank-you line). */
  async cardFor(a: Announcement, acknowledged: boolean): Promise<CardJson> {
    const cohort = await this.ports.cohorts.get(a.cohortId);
    return cardForAnnouncement(a, cohort?.value.name ?? '', acknowledged);
  }

  /** The delivery report as stored now. */
  report(cohortId: string, id: string): Promise<DeliveryReport | undefined> {
    return this.fanout.completion.report(cohortId, id);
  }

  /** Just the counts (and the channel post), from the delivery counters. */
  reportCounts(cohortId: string, id: string): Promise<DeliveryReport | undefined> {
    return this.fanout.completion.reportCounts(cohortId, id);
  }

  /**
   * Finishes the send if it has drained (the sweep does this on its own, on every instance);
   * true once it is finished.
   */
  finishIfDrained(cohortId: string, id: string): Promise<boolean> {
    return this.fanout.completion.finishIfDrained(cohortId, id);
  }

  /** Where the full report is (the tab), when the service knows its address. */
  reportUrl(a: Pick<Announcement, 'cohortId'>): string | undefined {
    return this.fanout.summary.reportUrl(a);
  }
}

const COORDINATORS_ONLY =
  'Only the programme team can do that: announcements and invitations are sent by coordinators.';

function refusal(field: string, message: string): AppError {
  return AppError.invalidFields([{ field, message }]);
}

function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
