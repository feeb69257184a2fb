import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { Recipient } from '../../domain/announcement';
import type { ResolvedStorage } from '../../../../platform/storage/table-store';
import { StorageUnavailableError, isUnavailable } from '../../../../platform/storage/errors';

/** One unit of fan-out work: a batch of people for one announcement. */
export interface FanoutMessage {
  cohortId: string;
  announcementId: string;
  participantIds: string[];
  /**
   * The recipient rows as they were queued, with their ETags, by participant id. A worker writes
   * its intent straight over such a row (If-Match that ETag) instead of reading it first; if the
   * row has changed since, the write is refused and the worker reads it and decides afresh.
   */
  rows?: Record<string, { etag: string; value: Recipient }>;
}

/** Keeps a message well inside the queue's 64 KiB, whatever the names in it. */
export const MAX_MESSAGE_CHARS = 40_000;

export interface ReceivedFanoutMessage {
  message: FanoutMessage;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
}

/** The queue's name; a storage account may hold other apps' queues beside it. */
export const FANOUT_QUEUE = 'announcements';

/**
 * The announcements queue in Azure Storage Queues (Azurite locally). Every service instance
 * takes messages from it, so a large send is shared; a message taken but not finished comes
 * back after its visibility timeout, so a crashed instance's work is picked up by another.
 */
export class FanoutQueue {
  private readonly client: QueueClient;
  private ensured = false;

  constructor(storage: ResolvedStorage, name = FANOUT_QUEUE) {
    this.client = queueServiceFor(storage).getQueueClient(name);
  }

  async ensure(): Promise<void> {
    if (this.ensured) return;
    await guard(() => this.client.createIfNotExists());
    this.ensured = true;
  }

  async send(message: FanoutMessage, delaySeconds = 0): Promise<void> {
    await this.ensure();
    await guard(() =>
      this.client.sendMessage(JSON.stringify(message), {
        visibilityTimeout: Math.max(0, Math.min(Math.ceil(delaySeconds), 7 * 24 * 3600)),
      }),
    );
  }

  async receive(max: number, visibilitySeconds: number): Promise<ReceivedFanoutMessage[]> {
    await this.ensure();
    const response = await guard(() =>
      this.client.receiveMessages({
        numberOfMessages: Math.max(1, Math.min(32, max)),
        visibilityTimeout: visibilitySeconds,
      }),
    );
    const received: ReceivedFanoutMessage[] = [];
    for (const item of response.receivedMessageItems) {
      let message: FanoutMessage;
      try {
        message = JSON.parse(item.messageText) as FanoutMessage;
      } catch {
        // Not ours or damaged: drop it rather than let it come back for ever.
        await this.delete(item.messageId, item.popReceipt);
        continue;
      }
      received.push({
        message,
        messageId: item.messageId,
        popReceipt: item.popReceipt,
        dequeueCount: item.dequeueCount,
      });
    }
    return received;
  }

  /**
   * Keeps a message invisible for another `visibilitySeconds` while it is being worked on, so a
   * short visibility timeout (a crashed instance's work comes back soon) does not hand a live
   * instance's message to another. Returns the new pop receipt, or undefined when the message
   * is no longer ours (it was deleted, or its visibility ran out and another instance took it).
   */
  async extend(
    messageId: string,
    popReceipt: string,
    visibilitySeconds: number,
  ): Promise<string | undefined> {
    try {
      const response = await this.client.updateMessage(
        messageId,
        popReceipt,
        undefined,
        visibilitySeconds,
      );
      return response.popReceipt;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 400) return undefined;
      if (isUnavailable(error)) throw new StorageUnavailableError(error);
      throw error;
    }
  }

  async delete(messageId: string, popReceipt: string): Promise<void> {
    try {
      await this.client.deleteMessage(messageId, popReceipt);
    } catch (error) {
      // Already gone (its visibility ran out and another instance took it): nothing to do.
      if ((error as { statusCode?: number }).statusCode === 404) return;
      if (isUnavailable(error)) throw new StorageUnavailableError(error);
      throw error;
    }
  }

  /** Roughly how many messages wait; good enough to know when a send has drained. */
  async approximateCount(): Promise<number> {
    await this.ensure();
    const properties = await guard(() => this.client.getProperties());
    return properties.approximateMessagesCount ?? 0;
  }

  async clear(): Promise<void> {
    await this.ensure();
    await guard(() => this.client.clearMessages());
  }
}

function queueServiceFor(storage: ResolvedStorage): QueueServiceClient {
  const options = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 } };
  if (storage.kind === 'connection-string') {
    return QueueServiceClient.fromConnectionString(storage.connectionString, options);
  }
  // The queue endpoint of the same account: https://<account>.queue.core.windows.net
  const url = storage.accountUrl.replace('.table.', '.queue.');
  return new QueueServiceClient(url, storage.credential, options);
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) throw new StorageUnavailableError(error);
    throw error;
  }
}
