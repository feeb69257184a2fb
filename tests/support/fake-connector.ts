import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP fake of the Bot Connector (the Teams service URL). The bot's replies and
 * proactive messages arrive here, so tests assert what a person would actually receive.
 */

export interface ReceivedActivity {
  conversationId: string;
  replyToId?: string;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
}

export interface FakeConnector {
  serviceUrl: string;
  received: ReceivedActivity[];
  /** Resolves when `count` activities have arrived in total (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  clear(): void;
  stop(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const received: ReceivedActivity[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method === 'POST' && match) {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        received.push({
          conversationId: decodeURIComponent(match[1]!),
          replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
          activity,
        });
        for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${nextId++}` }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} activities, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    clear() {
      received.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text a person would read in an activity: its text plus every TextBlock in its cards. */
export function visibleText(activity: ReceivedActivity['activity']): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
      if (typeof o.title === 'string') parts.push(o.title);
      if (typeof o.value === 'string' && o.type !== 'imBack') parts.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(activity.attachments?.map((a) => a.content));
  return parts.join('\n');
}
