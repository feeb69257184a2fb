import type { Announcement } from '../../domain/announcement';
import { channelMarker } from '../../domain/delivery-report';
import { cardForAnnouncement } from '../../cards/announcement-card';
import { cardActivity } from '../../cards/teams-activity';
import type { Logger } from '../../../../platform/logger';
import type { AnnouncementRepository } from '../../store/announcement-repository';
import type { AnnouncementPorts } from '../../ports';
import type { TeamsDelivery } from '../../teams/teams-delivery';

/** How long the channel post's intent holds before the sweep counts it unconfirmed. */
const CHANNEL_LEASE_MS = 60_000;

/**
 * Send, for the programme channel: the announcement is posted there once, beside the personal
 * messages. The intent is recorded (a recipient row standing for the channel) before the post,
 * so a crash can leave it unconfirmed but never posted twice.
 */
export class ChannelPoster {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly cohorts: AnnouncementPorts['cohorts'],
    private readonly delivery: Pick<TeamsDelivery, 'sendToChannel'>,
    private readonly now: () => Date,
    private readonly log: Logger,
    /** Waits for a slot under Teams' rate (shared with the fan-out). */
    private readonly pace?: () => Promise<void>,
  ) {}

  async post(a: Announcement): Promise<void> {
    const cohort = await this.cohorts.get(a.cohortId);
    const channel = cohort?.value.channel;
    if (!cohort || !channel) {
      this.log.warn({ id: a.id }, 'no programme channel linked; channel post skipped');
      return;
    }
    const marker = channelMarker(a.id);
    const existing = await this.repo.getRecipient(a.id, marker);
    if (existing) return; // already posted, or posting: never twice
    const added = await this.repo.addRecipients(a.id, [
      {
        announcementId: a.id,
        participantId: marker,
        displayName: 'Programme channel',
        status: 'sending',
        attempts: 1,
        round: a.round,
        sendingUntil: new Date(this.now().getTime() + CHANNEL_LEASE_MS).toISOString(),
        updatedAt: this.now().toISOString(),
      },
    ]);
    if (added === 0) return;
    const card = cardForAnnouncement(a, cohort.value.name, false, true);
    await this.pace?.();
    const outcome = await this.delivery.sendToChannel(channel, cardActivity(card));
    const row = await this.repo.getRecipient(a.id, marker);
    if (!row) return;
    await this.repo.replaceRecipient(
      {
        ...row.value,
        status: outcome.kind === 'sent' ? 'sent' : 'failed',
        reason: outcome.kind === 'sent' ? undefined : outcome.detail,
        sendingUntil: undefined,
        updatedAt: this.now().toISOString(),
      },
      row,
    );
  }
}
