import { randomBytes } from 'node:crypto';
import { type Announcement, announcementId } from '../domain/announcement';
import {
  type BroadcastEvent,
  REMINDER_LEADS,
  type Sender,
  eventInvitation,
  eventReminder,
} from '../domain/announcement-drafts';
import { AppError } from '../../../platform/errors';
import { type AnnouncementRepository, REMINDER_PREFIX } from '../store/announcement-repository';
import type { AnnouncementPorts } from '../ports';
import type { AudienceExpansion } from '../fanout/prepare/expansion';
import { cancelSend } from './cancel-send';

const HOUR_MS = 3600_000;

/**
 * Programme events' invitations and reminders: they ride the announcements' fan-out, with the
 * calendar's card instead of an announcement's.
 */
export class EventBroadcasts {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly events: Pick<AnnouncementPorts['events'], 'get'>,
    private readonly expansion: Pick<AudienceExpansion, 'start'>,
    private readonly now: () => Date,
  ) {}

  /**
   * An event's invitation to everyone it is for, sent now, and its reminders a day and an hour
   * before. A 404 when the event does not exist.
   */
  async inviteToEvent(cohortId: string, eventId: string, from: Sender): Promise<Announcement> {
    const event = await this.events.get(cohortId, eventId);
    if (!event) throw AppError.notFound('No event has that id');
    const now = this.now();
    const invitation = eventInvitation(
      announcementId(now, randomBytes(4).toString('hex')),
      event.value,
      from,
      now,
    );
    await this.repo.create(invitation);
    await this.repo.markDue(invitation);
    await this.scheduleReminders(event.value, from);
    await this.expansion.start(event.value.cohortId, invitation.id);
    return invitation;
  }

  /** A day and an hour before the start, to those who said yes (at that time). */
  async scheduleReminders(event: BroadcastEvent, from: Sender): Promise<void> {
    const now = this.now();
    for (const [which, hours] of REMINDER_LEADS) {
      const sendAt = new Date(Date.parse(event.start) - hours * HOUR_MS);
      const id = `${REMINDER_PREFIX}${which}-${event.id}`;
      const current = await this.repo.get(event.cohortId, id);
      if (current && current.value.status !== 'scheduled') continue;
      if (sendAt.getTime() <= now.getTime()) {
        // Moved so that this reminder's time has passed: the old one must not go after all.
        if (current) await cancelSend(this.repo, event.cohortId, id, this.now);
        continue;
      }
      const reminder = eventReminder(id, event, which, sendAt, from, now);
      if (current) {
        if (
          current.value.sendAt !== reminder.sendAt ||
          current.value.staleAfter !== reminder.staleAfter
        ) {
          await this.repo.clearDue(current.value);
          await this.repo.replace(
            { ...current.value, sendAt: reminder.sendAt, staleAfter: reminder.staleAfter },
            current.etag,
          );
        }
      } else {
        await this.repo.create(reminder);
      }
      await this.repo.markDue(reminder);
    }
  }
}
