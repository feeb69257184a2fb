import { DateTime } from 'luxon';
import { AUDIENCE_WORDS } from '../../../contracts/announcements';
import { buildComposerCard } from '../cards/announcement-composer-card';
import { buildPreviewCard } from '../cards/announcement-preview-card';
import { buildDeliveryReportCard } from '../cards/delivery-report-card';
import { type ComposerFields, parseComposer } from '../domain/announcement-composer';
import { fieldProblemsOf } from '../../../platform/errors';
import type { Logger } from '../../../platform/logger';
import type { CardJson } from '../../../platform/teams/cards/render';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbHandler,
  CardVerbTable,
} from '../../../platform/teams/turn-routes';
import type { AnnouncementService } from '../services/announcement-service';
import { ANNOUNCEMENT_VERBS, type AnnouncementVerb, COORDINATOR_VERBS } from './announcement-verbs';
import { note, str } from './card-data';

/** What the announcement cards' actions use: the feature's services, never its storage. */
export interface AnnouncementActionDeps {
  announcements: Pick<
    AnnouncementService,
    | 'composerChoices'
    | 'preview'
    | 'create'
    | 'cancel'
    | 'resendUnconfirmed'
    | 'reportCounts'
    | 'reportUrl'
    | 'requireCoordinator'
    | 'acknowledgeBy'
    | 'cardFor'
  >;
  now: () => Date;
  log: Logger;
}

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

function fieldsOf(data: CardData): ComposerFields {
  const fields: ComposerFields = {};
  for (const key of COMPOSER_KEYS) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      fields[key] = String(value);
  }
  return fields;
}

/** Where a service refusal's field is shown on the composer card. */
const CARD_FIELD: Record<string, string> = { participantIds: 'people', sendAt: 'sendDate' };

/** The preview's words for what the service refused. */
const PREVIEW_WORDS: Record<string, string> = {
  cohortId: 'Choose the cohort',
  audience: 'Nobody is in this audience yet; choose another',
};

const card = (c: CardJson): ActionResult => ({ card: c, notices: [] });

/**
 * The announcement cards' actions. Composing, sending, cancelling and resending are for
 * coordinators only, checked on every action by the same check as the announcement routes
 * (`AnnouncementService.requireCoordinator`); "Got it" is for those it was sent to
 * (`AnnouncementService.acknowledgeBy`). A refusal is thrown, and the activity handler shows its
 * card words.
 */
export class AnnouncementActions {
  /** One handler per announcement verb. */
  readonly verbs: CardVerbTable<AnnouncementVerb>;

  constructor(private readonly deps: AnnouncementActionDeps) {
    this.verbs = announcementCardVerbs(this);
  }

  /** Runs `handler` for coordinators; anyone else is refused (`forbidden`). */
  coordinatorOnly(handler: CardVerbHandler): CardVerbHandler {
    return async (actor, data) => {
      await this.deps.announcements.requireCoordinator(
        actor.userId,
        str(data, 'cohortId') || undefined,
      );
      return handler(actor, data);
    };
  }

  /** The composer, empty or with what the coordinator typed and what to fix. */
  async composer(
    actor: Actor,
    fields: ComposerFields = {},
    errors: Record<string, string> = {},
  ): Promise<CardJson> {
    const choices = await this.deps.announcements.composerChoices(actor.userId, fields.cohortId);
    return buildComposerCard({ ...choices, timeZone: actor.timeZone, values: fields, errors });
  }

  async compose(actor: Actor): Promise<ActionResult> {
    return card(await this.composer(actor));
  }

  async edit(actor: Actor, data: CardData): Promise<ActionResult> {
    return card(await this.composer(actor, fieldsOf(data)));
  }

  async preview(actor: Actor, data: CardData): Promise<ActionResult> {
    const fields = fieldsOf(data);
    const now = this.deps.now();
    const parsed = parseComposer(fields, actor.timeZone, now);
    if (!parsed.ok) return card(await this.composer(actor, fields, parsed.errors));
    let preview;
    try {
      preview = await this.deps.announcements.preview(parsed.cohortId, parsed.input, {
        userId: actor.userId,
        name: 'you',
      });
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (problems.length === 0) throw error;
      const errors: Record<string, string> = {};
      for (const p of problems) errors[p.field] = PREVIEW_WORDS[p.field] ?? p.message;
      return card(await this.composer(actor, fields, errors));
    }
    const whenWords = parsed.input.sendAt
      ? `on ${DateTime.fromISO(parsed.input.sendAt, { zone: actor.timeZone })
          .setLocale('en-GB')
          .toFormat("cccc d LLLL 'at' HH:mm")}`
      : 'now';
    const draft: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) draft[k] = v;
    return card(
      buildPreviewCard({
        announcementCard: preview.card,
        audienceWords: AUDIENCE_WORDS[parsed.input.audience],
        recipientCount: preview.recipientCount,
        reciprocalCount: preview.reciprocalCount,
        whenWords,
        alsoInChannel: parsed.input.alsoInChannel,
        draft,
      }),
    );
  }

  async send(actor: Actor, data: CardData): Promise<ActionResult> {
    const fields = fieldsOf(data);
    const parsed = parseComposer(fields, actor.timeZone, this.deps.now());
    if (!parsed.ok) return card(await this.composer(actor, fields, parsed.errors));
    const name = actor.name?.trim() || 'Your programme team';
    let created;
    try {
      created = await this.deps.announcements.create(parsed.cohortId, parsed.input, {
        userId: actor.userId,
        name,
      });
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (problems.length === 0) throw error;
      const errors: Record<string, string> = {};
      for (const f of problems) {
        errors[CARD_FIELD[f.field] ?? f.field] = `This ${f.message}`.replace(
          /^This (no|makes)/,
          (m) => m.slice(5),
        );
      }
      return card(await this.composer(actor, fields, errors));
    }
    this.deps.log.info({ id: created.id }, 'announcement created from chat');
    return this.report(created.cohortId, created.id);
  }

  async cancel(data: CardData): Promise<ActionResult> {
    const cancelled = await this.deps.announcements.cancel(
      str(data, 'cohortId'),
      str(data, 'announcementId'),
    );
    if (!cancelled) return note('That announcement no longer exists');
    return this.report(cancelled.cohortId, cancelled.id);
  }

  async resend(data: CardData): Promise<ActionResult> {
    await this.deps.announcements.resendUnconfirmed(
      str(data, 'cohortId'),
      str(data, 'announcementId'),
    );
    return this.report(str(data, 'cohortId'), str(data, 'announcementId'));
  }

  async report(cohortId: string, id: string): Promise<ActionResult> {
    const report = await this.deps.announcements.reportCounts(cohortId, id);
    if (!report) return note('That announcement no longer exists');
    return card(
      buildDeliveryReportCard({
        cohortId,
        announcementId: id,
        title: report.announcement.title,
        status: report.announcement.status,
        counts: report.counts,
        reportUrl: this.deps.announcements.reportUrl(report.announcement),
        channelPost: report.channelPost,
      }),
    );
  }

  /** "Got it", from the person the announcement was sent to. */
  async acknowledge(actor: Actor, data: CardData): Promise<ActionResult> {
    const announcement = await this.deps.announcements.acknowledgeBy(
      actor,
      str(data, 'cohortId'),
      str(data, 'announcementId'),
    );
    return card(await this.deps.announcements.cardFor(announcement, true));
  }
}

/** The announcement cards' verb table: every verb has exactly one handler. */
export function announcementCardVerbs(
  actions: AnnouncementActions,
): CardVerbTable<AnnouncementVerb> {
  const handlers: CardVerbTable<AnnouncementVerb> = {
    'announcement.compose': (actor) => actions.compose(actor),
    'announcement.preview': (actor, data) => actions.preview(actor, data),
    'announcement.edit': (actor, data) => actions.edit(actor, data),
    'announcement.send': (actor, data) => actions.send(actor, data),
    'announcement.ack': (actor, data) => actions.acknowledge(actor, data),
    'announcement.report': (_actor, data) =>
      actions.report(str(data, 'cohortId'), str(data, 'announcementId')),
    'announcement.cancel': (_actor, data) => actions.cancel(data),
    'announcement.resend': (_actor, data) => actions.resend(data),
  };
  const table = {} as CardVerbTable<AnnouncementVerb>;
  for (const verb of ANNOUNCEMENT_VERBS) {
    table[verb] = COORDINATOR_VERBS.has(verb)
      ? actions.coordinatorOnly(handlers[verb])
      : handlers[verb];
  }
  return table;
}
