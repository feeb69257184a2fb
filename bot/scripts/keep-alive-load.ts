import http from 'node:http';

/** One request of a load run. `after` sees each answer (e.g. to keep a goal's latest ETag). */
export interface LoadRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  after?(status: number, body: string): void;
}

export interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  /** Answers that were not 2xx, and requests that failed outright. */
  failed: number;
  requests: number;
}

function send(agent: http.Agent, url: URL, request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          request.after?.(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * `amount` calls of `once`, `connections` at a time, each timed from its start to its end; a
 * call that answers false or throws counts as failed. The bare storage read and the API rows
 * are measured by this one loop.
 */
export async function timedRuns(
  connections: number,
  amount: number,
  once: () => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  let failed = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (started < amount) {
        started++;
        const at = performance.now();
        try {
          if (!(await once())) failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return {
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies.at(-1)!,
    perSecond: latencies.length / seconds,
    failed,
    requests: latencies.length,
  };
}

/**
 * `amount` requests, `connections` at a time, each connection kept alive and used in turn, as
 * the service sees traffic from App Service's front ends. The connections are opened (one
 * untimed request each) before the clock starts: a load generator opening hundreds of sockets
 * at once delays its own first requests by seconds, whatever the server (docs/operations.md,
 * "Under load"), and that is the generator, not the service.
 */
export async function keepAliveLoad(
  base: string,
  connections: number,
  amount: number,
  next: () => LoadRequest,
): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  try {
    await Promise.all(Array.from({ length: connections }, () => send(agent, url, next())));
    return await timedRuns(connections, amount, async () => {
      const status = await send(agent, url, next());
      return status >= 200 && status <= 299;
    });
  } finally {
    agent.destroy();
  }
}
