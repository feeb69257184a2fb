import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP fake of the one Microsoft Graph call the service makes to reach people: installing
 * the Teams app for a user (`POST /v1.0/users/{user}/teamwork/installedApps`). It checks what
 * real Graph checks first (the bearer token, the body's shape and the app's catalog id) and
 * answers what a test scripts per user: 201 installed, 409 already installed, 403 no permission,
 * 404 no such user, 429 with Retry-After, 5xx. Every request is recorded with its answer.
 */

export interface GraphAnswer {
  status: number;
  /** Seconds, for a 429 or 503. */
  retryAfter?: number;
}

export interface GraphRequest {
  method: string;
  path: string;
  /** The user in the path (object id or user principal name), decoded. */
  user?: string;
  authorization?: string;
  body?: unknown;
  status: number;
}

export interface FakeGraph {
  url: string;
  requests: GraphRequest[];
  /** Answers for a user's next requests, in order; after them, `defaultAnswer`. */
  script(user: string, ...answers: (number | GraphAnswer)[]): void;
  /** What users without a script get (201 unless changed). */
  defaultAnswer: GraphAnswer;
  /** Requests for one user that reached the check of the install itself. */
  installsFor(user: string): GraphRequest[];
  stop(): Promise<void>;
}

export interface FakeGraphOptions {
  /** The bearer token every request must carry. */
  token: string;
  /** The app's id in the organisation's catalog: the body must bind to it. */
  catalogId: string;
}

const INSTALL_PATH = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/;

function graphError(code: string, message: string) {
  return JSON.stringify({ error: { code, message } });
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const scripts = new Map<string, GraphAnswer[]>();
  const requests: GraphRequest[] = [];
  let url = '';
  const fake: FakeGraph = {
    url: '',
    requests,
    defaultAnswer: { status: 201 },
    script(user, ...answers) {
      const list = scripts.get(user.toLowerCase()) ?? [];
      list.push(...answers.map((a) => (typeof a === 'number' ? { status: a } : a)));
      scripts.set(user.toLowerCase(), list);
    },
    installsFor(user) {
      return requests.filter((r) => r.user?.toLowerCase() === user.toLowerCase());
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const record: GraphRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        status: 0,
      };
      const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
        record.status = status;
        requests.push(record);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      const match = INSTALL_PATH.exec(record.path);
      if (req.method !== 'POST' || !match) {
        answer(404, graphError('NotFound', 'Unknown path'));
        return;
      }
      record.user = decodeURIComponent(match[1]!);
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        answer(401, graphError('InvalidAuthenticationToken', 'Access token is missing or invalid'));
        return;
      }
      try {
        record.body = JSON.parse(text);
      } catch {
        answer(400, graphError('BadRequest', 'Body is not JSON'));
        return;
      }
      const bind = `${url}/v1.0/appCatalogs/teamsApps/${options.catalogId}`;
      const body = record.body as Record<string, unknown>;
      if (Object.keys(body).length !== 1 || body['teamsApp@odata.bind'] !== bind) {
        answer(400, graphError('BadRequest', `Expected only teamsApp@odata.bind = ${bind}`));
        return;
      }
      const next = scripts.get(record.user.toLowerCase())?.shift() ?? fake.defaultAnswer;
      const headers: Record<string, string> =
        next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {};
      const words: Record<number, [string, string]> = {
        403: ['Forbidden', 'Missing role permissions on the request'],
        404: ['NotFound', 'User not found'],
        409: ['Conflict', 'App is already installed'],
        429: ['TooManyRequests', 'Too many requests'],
      };
      const [code, message] = words[next.status] ?? ['ServiceUnavailable', 'Try again later'];
      answer(next.status, next.status < 300 ? '' : graphError(code, message), headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = url;
  return fake;
}
