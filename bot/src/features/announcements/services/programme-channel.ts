import type { LinkChannelBody } from '../../../contracts/announcements';
import { AppError } from '../../../platform/errors';
import type { AnnouncementPorts, ProgrammeChannel } from '../ports';

/**
 * The programme's shared channel, where announcements may be posted too. It is linked from the
 * channel tab's set-up page by a coordinator who has the bot in their own chat: the channel is
 * reached through the same Teams service and tenant as that chat.
 */
export class ProgrammeChannels {
  constructor(private readonly ports: Pick<AnnouncementPorts, 'cohorts' | 'conversations'>) {}

  async link(
    cohortId: string,
    body: LinkChannelBody,
    coordinatorUserId: string,
  ): Promise<{ cohortId: string; channel: ProgrammeChannel }> {
    const cohort = await this.ports.cohorts.get(cohortId);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const own = await this.ports.conversations.getPersonal(coordinatorUserId);
    if (!own) {
      throw AppError.coded(
        'conflict',
        'bot_not_installed',
        'Open the Reverse mentoring bot in Teams once, then set up the channel again',
      );
    }
    const channel: ProgrammeChannel = {
      channelId: body.channelId,
      teamId: body.teamId,
      channelName: body.channelName,
      tenantId: own.tenantId,
      serviceUrl: own.serviceUrl,
    };
    await this.ports.cohorts.update({ ...cohort.value, channel }, cohort.etag);
    return { cohortId: cohort.value.id, channel };
  }
}
