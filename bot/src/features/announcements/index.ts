/**
 * Announcements: a coordinator's message to a cohort (and the calendar's invitations and
 * reminders), sent to each person through the fan-out, with a delivery report. What app/ and
 * the other features use of it; everything else stays inside.
 */
import type { CommandRoute } from '../../platform/teams/turn-routes';
import { type AnnounceCommandDeps, announceCommand } from './teams/announce-command';

export {
  type AnnouncementFeature,
  type AnnouncementFeatureDeps,
  createAnnouncements,
} from './announcements-feature';
export type * from './ports';
export type { BroadcastEvent, Sender } from './domain/announcement-drafts';
export type { Announcement, Recipient } from './domain/announcement';
export { AnnouncementRepository } from './store/announcement-repository';
export { FANOUT_QUEUE, FanoutQueue } from './fanout/queue/fanout-queue';
export { TeamsDelivery } from './teams/teams-delivery';
export type { FanoutWorkerOptions } from './fanout/send/fanout-worker';
export type { Fanout } from './fanout/fanout';
export type { AnnouncementService } from './services/announcement-service';
export type { ProgrammeChannels } from './services/programme-channel';
export { type AnnouncementRouteDeps, registerAnnouncementRoutes } from './http/announcement-routes';
export {
  type AnnouncementActionDeps,
  AnnouncementActions,
  announcementCardVerbs,
} from './teams/announcement-actions';
export { ANNOUNCEMENT_VERBS, type AnnouncementVerb } from './teams/announcement-verbs';
export { type AnnounceCommandDeps, announceCommand } from './teams/announce-command';

/** The feature's text commands (just "announce", hidden from help). */
export function announcementCommands(deps: AnnounceCommandDeps): CommandRoute[] {
  return [announceCommand(deps)];
}
