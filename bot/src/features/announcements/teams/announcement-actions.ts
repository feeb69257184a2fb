import { DateTime } from 'luxon';
import { buildComposerCard } from '../cards/announcement-composer-card';
import { buildPreviewCard } from '../cards/announcement-preview-card';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import { buildDeliveryReportCard } from '../cards/delivery-report-card';
import { buildEventCard } from '../../calendar/cards/event-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { type AnnouncementVerb, isAnnouncementVerb } from '../../../platform/teams/verbs';
import { AUDIENCE_WORDS, type Announcement } from '../domain/announcement';
import { type ComposerFields, parseComposer } from '../domain/announcement-composer';
import type { RsvpResponse } from '../../calendar/domain/programme-event';
import type { Logger } from '../../../platform/logger';
import type { AnnouncementService } from '../services/announcement-service';
import { answerEvent, placesLeft } from '../../calendar/services/event-rsvp';
import type { IdentityService } from '../../cohorts/services/identity-service';
import type { Repositories } from '../../../app/repositories';
import type { ActionResult, Actor } from '../../journey/teams/card-actions';

type Data = Record<string, unknown>;

const COORDINATOR_VERBS: ReadonlySet<AnnouncementVerb> = new Set([
  'announcement.compose',
  'announcement.preview',
  'announcement.edit',
  'announcement.send',
  'announcement.report',
  'announcement.cancel',
  'announcement.resend',
]);

const COMPOSER_KEYS = [
  'cohortId',
  'title',
  'text',
  'linkUrl',
  'linkLabel',
  'audience',
  'people',
  'alsoInChannel',
  'sendDate',
  'sendTime',
] as const;

function fieldsOf(data: Data): ComposerFields {
  const fields: ComposerFields = {};
  for (const key of COMPOSER_KEYS) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      fields[key] = String(value);
  }
  return fields;
}

const str = (data: Data, key: string) =>
  typeof data[key] === 'string' ? (data[key] as string) : '';

const note = (title: string, ...lines: string[]): ActionResult => ({
  card: buildConfirmationCard({ title, lines }),
  notices: [],
});

/**
 * The announcement and event cards' actions. Composing, sending, cancelling and resending are
 * for coordinators only, checked on every action; "Got it" and RSVP are for the recipient.
 */
export class AnnouncementActions {
  constructor(
    private readonly repos: Repositories,
    private readonly identity: IdentityService,
    private readonly announcements: AnnouncementService,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  async handle(actor: Actor, verb: unknown, data: Data): Promise<ActionResult | undefined> {
    if (!isAnnouncementVerb(verb)) return undefined;
    if (COORDINATOR_VERBS.has(verb)) {
      if (!(await this.identity.isCoordinator(actor.userId))) {
        return note(
          'Only the programme team can do that',
          'Announcements are sent by coordinators.',
        );
      }
      return this.coordinatorAction(actor, verb, data);
    }
    if (verb === 'announcement.ack') return this.acknowledge(actor, data);
    return this.rsvp(actor, data);
  }

  /** The composer, empty or with what the coordinator typed and what to fix. */
  async composer(actor: Actor, fields: ComposerFields = {}, errors: Record<string, string> = {}) {
    const cohorts = await this.repos.cohorts.list();
    const cohortId = fields.cohortId || cohorts[0]?.id || '';
    const people = cohortId ? await this.repos.participants.listByCohort(cohortId) : [];
    return buildComposerCard({
      cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
      people: people.slice(0, 200).map((p) => ({ id: p.id, name: p.displayName })),
      timeZone: actor.timeZone,
      values: fields,
      errors,
    });
  }

  private async coordinatorAction(actor: Actor, verb: AnnouncementVerb, data: Data) {
    switch (verb) {
      case 'announcement.compose':
        return { card: await this.composer(actor), notices: [] };
      case 'announcement.edit':
        return { card: await this.composer(actor, fieldsOf(data)), notices: [] };
      case 'announcement.preview':
        return this.preview(actor, data);
      case 'announcement.send':
        return this.send(actor, data);
      case 'announcement.cancel': {
        const cancelled = await this.announcements.cancel(
          str(data, 'cohortId'),
          str(data, 'announcementId'),
        );
        if (!cancelled) return note('That announcement no longer exists');
        return this.report(cancelled.cohortId, cancelled.id);
      }
      case 'announcement.resend': {
        await this.announcements.resendUnconfirmed(
          str(data, 'cohortId'),
          str(data, 'announcementId'),
        );
        return this.report(str(data, 'cohortId'), str(data, 'announcementId'));
      }
      default:
        return this.report(str(data, 'cohortId'), str(data, 'announcementId'));
    }
  }

  private async preview(actor: Actor, data: Data): Promise<ActionResult> {
    const fields = fieldsOf(data);
    const parsed = parseComposer(fields, actor.timeZone, this.now());
    if (!parsed.ok) return { card: await this.composer(actor, fields, parsed.errors), notices: [] };
    const cohort = await this.repos.cohorts.get(parsed.cohortId);
    if (!cohort) {
      return {
        card: await this.composer(actor, fields, { cohortId: 'Choose the cohort' }),
        notices: [],
      };
    }
    const draft: Announcement = {
      id: 'preview',
      cohortId: parsed.cohortId,
      kind: 'announcement',
      title: parsed.input.title,
      text: parsed.input.text,
      link: parsed.input.linkUrl
        ? { url: parsed.input.linkUrl, label: parsed.input.linkLabel?.trim() || 'Open link' }
        : undefined,
      audience: { kind: parsed.input.audience, participantIds: parsed.input.participantIds },
      alsoInChannel: parsed.input.alsoInChannel,
      sendAt: parsed.input.sendAt ?? this.now().toISOString(),
      status: 'scheduled',
      createdBy: actor.userId,
      createdByName: 'you',
      createdAt: this.now().toISOString(),
      round: 1,
    };
    const audience = await this.announcements.audienceOf(draft);
    if (audience.length === 0) {
      return {
        card: await this.composer(actor, fields, {
          audience: 'Nobody is in this audience yet; choose another',
        }),
        notices: [],
      };
    }
    const whenWords = parsed.input.sendAt
      ? `on ${DateTime.fromISO(parsed.input.sendAt, { zone: actor.timeZone })
          .setLocale('en-GB')
          .toFormat("cccc d LLLL 'at' HH:mm")}`
      : 'now';
    const draftData: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) draftData[k] = v;
    return {
      card: buildPreviewCard({
        announcementCard: this.announcements.announcementCard(draft, cohort.value.name, false),
        audienceWords: AUDIENCE_WORDS[parsed.input.audience],
        recipientCount: audience.length,
        whenWords,
        alsoInChannel: parsed.input.alsoInChannel,
        draft: draftData,
      }),
      notices: [],
    };
  }

  private async send(actor: Actor, data: Data): Promise<ActionResult> {
    const fields = fieldsOf(data);
    const parsed = parseComposer(fields, actor.timeZone, this.now());
    if (!parsed.ok) return { card: await this.composer(actor, fields, parsed.errors), notices: [] };
    const name = actor.name?.trim() || 'Your programme team';
    const created = await this.announcements.create(parsed.cohortId, parsed.input, {
      userId: actor.userId,
      name,
    });
    if (!created.ok) {
      const errors: Record<string, string> = {};
      for (const f of created.fields) {
        const key = f.field === 'participantIds' ? 'people' : f.field;
        errors[key] = `This ${f.message}`.replace(/^This (no|makes)/, (m) => m.slice(5));
      }
      return { card: await this.composer(actor, fields, errors), notices: [] };
    }
    this.log.info({ id: created.announcement.id }, 'announcement created from chat');
    return this.report(created.announcement.cohortId, created.announcement.id);
  }

  private async report(cohortId: string, id: string): Promise<ActionResult> {
    const report = await this.announcements.report(cohortId, id);
    if (!report) return note('That announcement no longer exists');
    return {
      card: buildDeliveryReportCard({
        cohortId,
        announcementId: id,
        title: report.announcement.title,
        status: report.announcement.status,
        counts: report.counts,
        reportUrl: this.announcements.reportUrl(report.announcement),
        channelPost: report.channelPost,
      }),
      notices: [],
    };
  }

  private async participantIn(actor: Actor, cohortId: string) {
    const memberships = await this.identity.membershipsOf(actor.userId, actor.email);
    return memberships.find((m) => m.cohortId === cohortId);
  }

  private async acknowledge(actor: Actor, data: Data): Promise<ActionResult> {
    const cohortId = str(data, 'cohortId');
    const membership = await this.participantIn(actor, cohortId);
    if (!membership) return note('This announcement was not sent to you');
    const announcement = await this.announcements.acknowledge(
      cohortId,
      str(data, 'announcementId'),
      membership.participantId,
    );
    if (!announcement) return note('This announcement was not sent to you');
    const cohort = await this.repos.cohorts.get(cohortId);
    return {
      card: this.announcements.announcementCard(announcement, cohort?.value.name ?? '', true),
      notices: [],
    };
  }

  private async rsvp(actor: Actor, data: Data): Promise<ActionResult> {
    const cohortId = str(data, 'cohortId');
    const response = str(data, 'response') as RsvpResponse;
    if (!['yes', 'no', 'maybe'].includes(response)) return note('That answer is not one we know');
    const membership = await this.participantIn(actor, cohortId);
    if (!membership) return note('This invitation was not for you');
    const answered = await answerEvent(
      this.repos,
      cohortId,
      str(data, 'eventId'),
      membership.participantId,
      response,
      this.now(),
    );
    const cohort = await this.repos.cohorts.get(cohortId);
    if (!answered.ok && !answered.event) return note(answered.message);
    const event = answered.ok ? answered.event : answered.event!;
    const calendar = await this.repos.events.calendar(cohortId);
    const mine = calendar.rsvps.find(
      (r) => r.eventId === event.id && r.participantId === membership.participantId,
    );
    const card: CardJson = buildEventCard({
      event,
      cohortName: cohort?.value.name ?? '',
      timeZone: actor.timeZone,
      myResponse: mine?.response,
      placesLeft: placesLeft(event, calendar.rsvps),
      problem: answered.ok ? undefined : answered.message,
    });
    return { card, notices: [] };
  }
}
