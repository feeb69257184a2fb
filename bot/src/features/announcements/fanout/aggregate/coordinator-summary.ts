import type { Announcement } from '../../domain/announcement';
import type { DeliveryReport } from '../../domain/delivery-report';
import { buildDeliveryReportCard } from '../../cards/delivery-report-card';
import { cardActivity } from '../../cards/teams-activity';
import type { Logger } from '../../../../platform/logger';
import type { TeamsDelivery } from '../../teams/teams-delivery';

/**
 * Aggregate, last step: the coordinator who sent the announcement gets its delivery report in
 * chat once the send has finished, with a link to the full report in the tab.
 */
export class CoordinatorSummary {
  constructor(
    private readonly delivery: Pick<TeamsDelivery, 'sendToUser'>,
    private readonly log: Logger,
    private readonly options: {
      publicUrl?: string;
      /** Waits for a slot under Teams' rate (shared with the fan-out). */
      pace?: () => Promise<void>;
    } = {},
  ) {}

  /** The tab's page with the cohort's announcements, when the service knows its address. */
  reportUrl(a: Pick<Announcement, 'cohortId'>): string | undefined {
    return this.options.publicUrl
      ? `${this.options.publicUrl}/tab/index.html?cohort=${encodeURIComponent(a.cohortId)}`
      : undefined;
  }

  async tell(report: DeliveryReport): Promise<void> {
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
    const outcome = await this.delivery.sendToUser(a.createdBy, cardActivity(card));
    if (outcome.kind !== 'sent') this.log.warn({ outcome, id: a.id }, 'delivery summary not sent');
  }
}
