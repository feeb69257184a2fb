import type { DevToken, DevUser, Me } from './api-types';

/** A failed API call: the HTTP status, the API's stable error code and a message for people. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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

export interface ApiClient {
  getMe(): Promise<Me>;
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
  if (status === 409)
    return 'Someone else changed this at the same time. Reload to see the latest.';
  if (status === 429) return 'The service is busy. Wait a moment and try again.';
  return 'Something went wrong on our side. Try again in a minute.';
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  let code = `http_${response.status}`;
  let message = fallbackMessage(response.status);
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string' && body.error.message.trim() !== '') {
      message = body.error.message;
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the fallback words.
  }
  return new ApiRequestError(response.status, code, message);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string;
}

async function send<T>(
  fetchImpl: typeof fetch,
  url: string,
  { method = 'GET', body, token }: RequestOptions,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'network', NETWORK_MESSAGE);
  }
  if (!response.ok) throw await errorFrom(response);
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

  return {
    getMe: () => call<Me>('/api/me'),
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
