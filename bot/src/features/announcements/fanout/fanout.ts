import type { AnnouncementRepository } from '../store/announcement-repository';
import type { FanoutQueue } from './queue/fanout-queue';
import type { FanoutWorker } from './send/fanout-worker';
import type { SharedRate } from './send/shared-rate';
import type { FanoutSweep } from './sweep';

/** Pause while the work left waits for its backoff. */
const DRAIN_WAIT_MS = 200;

/**
 * The fan-out as the rest of the service sees it:
 *
 *   prepare (audience → recipient rows) → queue (messages of people) → send (paced, one worker
 *   per instance) → aggregate (completion, the coordinator's summary, the report)
 *
 * with the sweep as its clock (due sends to prepare, drained sends to aggregate). Start and stop
 * it with the service; `pace` gives other proactive sends their slot under the same rate.
 */
export class Fanout {
  private running = false;

  constructor(
    private readonly worker: FanoutWorker,
    private readonly sweeper: FanoutSweep,
    private readonly rate: SharedRate,
    private readonly queue: FanoutQueue,
    private readonly repo: Pick<AnnouncementRepository, 'active'>,
  ) {}

  start(): void {
    if (this.running || !this.worker.start()) return;
    this.running = true;
    this.sweeper.start();
  }

  /** Stops taking messages and waits for sends in flight to be recorded (SIGTERM). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.sweeper.stop();
    await this.worker.stop();
    await this.sweeper.settled();
    await this.rate.leave();
  }

  /** A slot under Teams' rate for a send outside the fan-out. */
  pace(): Promise<void> {
    return this.worker.pace();
  }

  /** One sweep now (tests and the dev clock): due sends start, drained ones finish. */
  sweep(): Promise<void> {
    return this.sweeper.sweep();
  }

  /** Drains the queue in the calling process until nothing is left (tests and the dev clock). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await this.sweep();
      const messages = await this.queue.receive(32, this.worker.visibilitySeconds);
      if (messages.length === 0) {
        await this.sweep();
        if ((await this.repo.active()).length === 0) return;
        if ((await this.queue.approximateCount()) === 0) {
          // Work waits for its backoff: wait a little and look again.
          await new Promise((resolve) => setTimeout(resolve, DRAIN_WAIT_MS));
        }
        continue;
      }
      await Promise.all(messages.map((m) => this.worker.processMessage(m)));
    }
  }

  get currentRate(): number {
    return this.rate.currentRate;
  }
}
