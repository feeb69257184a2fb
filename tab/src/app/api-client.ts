import type {
  ActionChange,
  ActionChanged,
  DevToken,
  DevUser,
  Goal,
  GoalInput,
  Me,
  NewAction,
  PairAction,
  PairSpace,
} from './api-types';
import type { FieldProblem } from '../../../bot/src/contracts/field-problem';

/** One field the API refused, with words for people: `{ field: 'text', message: 'is required' }`. */
export type { FieldProblem };

/** A failed API call: the HTTP status, the API's stable error code and a message for people. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 400 invalid_body: which fields were refused and why. */
    readonly fields: FieldProblem[] = [],
    /** For 412: the latest version the service holds, `{ value, etag }`. */
    readonly current?: { value: unknown; etag: string },
    /** The API's `error.details` as sent (e.g. every problem of a refused roster file). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type TokenProvider = () => Promise<string>;

export interface ApiClientOptions {
  /** Gives the bearer token for each call (Teams SSO or a development token). */
  getToken: TokenProvider;
  /** Where the API lives; the tab is served by the same service, so this defaults to ''. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

/** How a view module calls a route of its own: path under the service, method, body, If-Match. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: string;
  /** Sent as-is with this content type instead of JSON (for CSV uploads). */
  rawBody?: { contentType: string; text: string };
}

export interface ApiClient {
  /**
   * Any API call, signed like the rest; view modules (calendar, coordinator) build their own
   * typed calls on it. Fails with ApiRequestError.
   */
  request<T>(path: string, request?: ApiRequest): Promise<T>;
  /** Fetches a text resource (CSV, iCalendar) with the bearer token, for a download. */
  requestText(path: string): Promise<string>;
  /** Fetches a binary resource (a PDF) with the bearer token, for a download. */
  requestBlob(path: string): Promise<Blob>;
  getMe(): Promise<Me>;
  getPair(pairId: string): Promise<PairSpace>;
  addGoal(pairId: string, goal: GoalInput): Promise<Goal>;
  /** Fails with 412 (and `current`) when the goal changed since `etag` was read. */
  updateGoal(pairId: string, goalId: string, etag: string, goal: GoalInput): Promise<Goal>;
  addAction(pairId: string, action: NewAction): Promise<PairAction>;
  /** Fails with 412 (and `current`) when the action changed since `etag` was read. */
  changeAction(
    pairId: string,
    actionId: string,
    etag: string,
    change: ActionChange,
  ): Promise<ActionChanged>;
}

/** Calls made before anyone is signed in, so they carry no bearer token. Development only. */
export interface DevAuthClient {
  listUsers(): Promise<DevUser[]>;
  createToken(user: { userId: string; name: string; email?: string }): Promise<DevToken>;
}

const NETWORK_MESSAGE =
  "We couldn't reach the Reverse mentoring service. Check your connection and try again.";

/** Words for when the API gives no message of its own. */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your sign-in has expired. Sign in again.';
  if (status === 403) return "You don't have access to this.";
  if (status === 404) return "We couldn't find what you were looking for.";
  if (status === 409 || status === 412)
    return 'Someone else changed this at the same time. Reload to see the latest.';
  if (status === 429) return 'The service is busy. Wait a moment and try again.';
  return 'Something went wrong on our side. Try again in a minute.';
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  let code = `http_${response.status}`;
  let message = fallbackMessage(response.status);
  let fields: FieldProblem[] = [];
  let current: { value: unknown; etag: string } | undefined;
  let details: unknown;
  try {
    const body = (await response.json()) as {
      error?: {
        code?: unknown;
        message?: unknown;
        details?: { fields?: unknown };
        current?: { value?: unknown; etag?: unknown };
      };
    };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string' && body.error.message.trim() !== '') {
      message = body.error.message;
    }
    details = body.error?.details;
    const listed = body.error?.details?.fields;
    if (Array.isArray(listed)) {
      fields = listed.filter(
        (f): f is FieldProblem =>
          typeof f === 'object' &&
          f !== null &&
          typeof (f as FieldProblem).field === 'string' &&
          typeof (f as FieldProblem).message === 'string',
      );
    }
    const latest = body.error?.current;
    if (latest && typeof latest.etag === 'string' && latest.value !== undefined) {
      current = { value: latest.value, etag: latest.etag };
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the fallback words.
  }
  return new ApiRequestError(response.status, code, message, fields, current, details);
}

interface RequestOptions extends ApiRequest {
  token?: string;
  /** Read the answer as text rather than JSON. */
  asText?: boolean;
  /** Read the answer as a Blob (binary files). */
  asBlob?: boolean;
}

async function send<T>(
  fetchImpl: typeof fetch,
  url: string,
  { method = 'GET', body, rawBody, token, ifMatch, asText, asBlob }: RequestOptions,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: asText || asBlob ? '*/*' : 'application/json',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (ifMatch) headers['If-Match'] = ifMatch;
  let payload: string | undefined;
  if (rawBody) {
    headers['Content-Type'] = rawBody.contentType;
    payload = rawBody.text;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetchImpl(url, { method, headers, body: payload });
  } catch {
    throw new ApiRequestError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) throw await errorFrom(response);
  if (asText) return (await response.text()) as T;
  if (asBlob) return (await response.blob()) as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const defaultFetch: typeof fetch = (input, init) => fetch(input, init);

/** The tab's one client for the API: every call carries `Authorization: Bearer <token>`. */
export function createApiClient({
  getToken,
  baseUrl = '',
  fetchImpl = defaultFetch,
}: ApiClientOptions): ApiClient {
  async function call<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    let token: string;
    try {
      token = await getToken();
    } catch (error) {
      if (error instanceof ApiRequestError) throw error;
      throw new ApiRequestError(
        401,
        'sign_in_failed',
        "We couldn't sign you in. Close the tab, open it again, and if it keeps happening contact your programme team.",
      );
    }
    return send<T>(fetchImpl, `${baseUrl}${path}`, { ...options, token });
  }

  const pairPath = (pairId: string) => `/api/pairs/${encodeURIComponent(pairId)}`;

  return {
    request: (path, request) => call(path, request),
    requestText: (path) => call<string>(path, { asText: true }),
    requestBlob: (path) => call<Blob>(path, { asBlob: true }),
    getMe: () => call<Me>('/api/me'),
    getPair: (pairId) => call<PairSpace>(pairPath(pairId)),
    addGoal: (pairId, goal) =>
      call<Goal>(`${pairPath(pairId)}/goals`, { method: 'POST', body: goal }),
    updateGoal: (pairId, goalId, etag, goal) =>
      call<Goal>(`${pairPath(pairId)}/goals/${encodeURIComponent(goalId)}`, {
        method: 'PUT',
        body: goal,
        ifMatch: etag,
      }),
    addAction: (pairId, action) =>
      call<PairAction>(`${pairPath(pairId)}/actions`, { method: 'POST', body: action }),
    changeAction: (pairId, actionId, etag, change) =>
      call<ActionChanged>(`${pairPath(pairId)}/actions/${encodeURIComponent(actionId)}`, {
        method: 'PATCH',
        body: change,
        ifMatch: etag,
      }),
  };
}

/** Sign-in as a demo person; the service answers 404 to these outside local development. */
export function createDevAuthClient(baseUrl = '', fetchImpl = defaultFetch): DevAuthClient {
  return {
    listUsers: async () =>
      (await send<{ users: DevUser[] }>(fetchImpl, `${baseUrl}/api/dev/users`, {})).users,
    createToken: (user) =>
      send<DevToken>(fetchImpl, `${baseUrl}/api/dev/token`, { method: 'POST', body: user }),
  };
}
