import type { Logger } from '../../platform/logger';
import type { WorkerRegistry } from '../../platform/teams/worker-registry';
import { RecipientMessages } from './cards/recipient-message';
import { Completion } from './fanout/aggregate/completion';
import { CoordinatorSummary } from './fanout/aggregate/coordinator-summary';
import { Fanout } from './fanout/fanout';
import { AudienceResolver } from './fanout/prepare/audience';
import { AudienceExpansion } from './fanout/prepare/expansion';
import { FanoutEnqueuer } from './fanout/queue/enqueue';
import type { FanoutQueue } from './fanout/queue/fanout-queue';
import { ChannelPoster } from './fanout/send/channel-post';
import { FanoutWorker, type FanoutWorkerOptions } from './fanout/send/fanout-worker';
import { RecipientSender } from './fanout/send/recipient-send';
import { SharedRate } from './fanout/send/shared-rate';
import type { TeamsDelivery } from './teams/teams-delivery';
import { FanoutSweep } from './fanout/sweep';
import type { AnnouncementPorts } from './ports';
import { AnnouncementService } from './services/announcement-service';
import { EventBroadcasts } from './services/event-broadcasts';
import { ProgrammeChannels } from './services/programme-channel';
import type { AnnouncementRepository } from './store/announcement-repository';
import { AnnouncementActions } from './teams/announcement-actions';

/** A `sending` row is this worker's for this long unless told otherwise. */
const DEFAULT_LEASE_MS = 30_000;

export interface AnnouncementFeatureDeps {
  repo: AnnouncementRepository;
  queue: FanoutQueue;
  delivery: TeamsDelivery;
  /** The heartbeats through which instances share Teams' rate. */
  registry: WorkerRegistry;
  ports: AnnouncementPorts;
  now: () => Date;
  log: Logger;
  /** The service's public address, for the report link in the coordinator's summary. */
  publicUrl?: string;
  fanout: FanoutWorkerOptions;
}

/** The feature, built: its services, its card actions and its fan-out. */
export interface AnnouncementFeature {
  service: AnnouncementService;
  channels: ProgrammeChannels;
  actions: AnnouncementActions;
  fanout: Fanout;
}

/**
 * Builds the announcements feature. The fan-out's stages are made in pipeline order, each
 * handed only the stages after it: prepare → queue → send → aggregate, with the sweep driving
 * them and the services on top.
 */
export function createAnnouncements(deps: AnnouncementFeatureDeps): AnnouncementFeature {
  const { repo, queue, delivery, ports, now, log } = deps;
  // Summaries and channel posts take their slot under the fan-out's rate.
  const pace = () => fanout.pace();

  // aggregate
  const summary = new CoordinatorSummary(delivery, log, { publicUrl: deps.publicUrl, pace });
  const completion = new Completion(repo, summary, now);
  // send
  const rate: SharedRate = new SharedRate(deps.registry, log, deps.fanout.ratePerSecond, () =>
    worker.stats(),
  );
  const sender = new RecipientSender(
    repo,
    ports.conversations,
    delivery,
    new RecipientMessages(ports),
    rate,
    now,
    { maxAttempts: deps.fanout.maxAttempts, leaseMs: deps.fanout.leaseMs ?? DEFAULT_LEASE_MS },
  );
  const worker: FanoutWorker = new FanoutWorker(queue, sender, rate, log, deps.fanout);
  const channel = new ChannelPoster(repo, ports.cohorts, delivery, now, log, pace);
  // queue
  const enqueuer = new FanoutEnqueuer(repo, queue);
  // prepare
  const audience = new AudienceResolver(ports);
  const expansion = new AudienceExpansion(repo, audience, enqueuer, channel, now, log);

  const sweep = new FanoutSweep(repo, queue, expansion, completion, worker, now, log);
  const fanout: Fanout = new Fanout(worker, sweep, rate, queue, repo);

  const service = new AnnouncementService(
    repo,
    ports,
    { audience, expansion, enqueuer, completion, summary },
    new EventBroadcasts(repo, ports.events, expansion, now),
    now,
  );
  const actions = new AnnouncementActions({ announcements: service, now, log });
  return { service, channels: new ProgrammeChannels(ports), actions, fanout };
}
