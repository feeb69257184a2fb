import type { TokenProvider } from './api-client';
import { loadDevSession } from './dev-session';
import type { DevSession } from './dev-session';

/**
 * The tab's bearer token for its own API, and the one file that knows how it is obtained.
 *
 * - Inside Teams: Teams single sign-on through TeamsFx's `TeamsUserCredential`, which calls
 *   teams-js `authentication.getAuthToken` (Teams caches and refreshes the token; no popup).
 *   TeamsFx is loaded with `import()` only here, so the initial bundle and the browser path
 *   never carry it.
 * - Outside Teams (local development): the token the dev sign-in got from `/api/dev/token`.
 *
 * Moving to MSAL nested app authentication or the Teams SDK client changes this file only
 * (see docs/operations.md, "Microsoft SDKs the product rests on").
 */

/** What TeamsFx's `TeamsUserCredential` is built with. */
export interface SsoSettings {
  /** The Entra app's client id (ENTRA_CLIENT_ID, the manifest's webApplicationInfo.id). */
  clientId: string;
  /** Where a consent popup would start. This module never calls `login()`, so it is never opened. */
  initiateLoginEndpoint: string;
}

/** What the tab uses of `TeamsUserCredential` (a test injects its own class). */
export interface SsoCredential {
  getToken(scopes: string | string[]): Promise<{ token: string } | null>;
}
export type SsoCredentialClass = new (settings: SsoSettings) => SsoCredential;

/**
 * No scopes: TeamsFx answers with the Teams SSO token itself, whose audience is this app
 * (api://<domain>/<client id>), which is what the service verifies. No Graph scopes are asked.
 */
export const API_SCOPES: readonly string[] = [];

/** The service writes ENTRA_CLIENT_ID into this meta tag of the tab's pages (tab-static.ts). */
export const CLIENT_ID_META = 'entra-client-id';

export const NOT_SET_UP_MESSAGE =
  'Teams sign-in is not set up on this service (ENTRA_CLIENT_ID). Ask your administrator.';

export const loadTeamsUserCredential = async (): Promise<SsoCredentialClass> =>
  (await import('@microsoft/teamsfx')).TeamsUserCredential;

/** Reads the settings the service put into the page; null when it has no Entra app. */
export function ssoSettingsFrom(doc: Document, origin: string): SsoSettings | null {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${CLIENT_ID_META}"]`);
  const clientId = meta?.content.trim() ?? '';
  if (clientId === '') return null;
  return { clientId, initiateLoginEndpoint: `${origin}/tab/index.html` };
}

/** Inside Teams, with the settings of this page. */
export function teamsSignIn(): SignIn {
  return { in: 'teams', settings: ssoSettingsFrom(document, window.location.origin) };
}

/** How this page signs in: Teams SSO inside Teams, the dev session in a plain browser. */
export type SignIn =
  | { in: 'teams'; settings: SsoSettings | null }
  | { in: 'dev'; session: DevSession; stillSignedIn?: () => boolean };

export interface TokenSourceOptions {
  /** Gives TeamsFx's `TeamsUserCredential`; tests inject their own. */
  loadCredential?: () => Promise<SsoCredentialClass>;
}

/** The token provider the API client calls before each request. */
export function tokenProviderFor(signIn: SignIn, options: TokenSourceOptions = {}): TokenProvider {
  if (signIn.in === 'dev') return devToken(signIn.session, signIn.stillSignedIn);
  return teamsSsoToken(signIn.settings, options.loadCredential ?? loadTeamsUserCredential);
}

function devToken(
  session: DevSession,
  stillSignedIn = (): boolean => loadDevSession() !== null,
): TokenProvider {
  return async () => {
    if (!stillSignedIn()) throw new Error('expired');
    return session.token;
  };
}

function teamsSsoToken(
  settings: SsoSettings | null,
  loadCredential: () => Promise<SsoCredentialClass>,
): TokenProvider {
  let credential: Promise<SsoCredential> | undefined;
  const credentialOnce = (settings: SsoSettings): Promise<SsoCredential> => {
    credential ??= loadCredential()
      .then((Credential) => new Credential(settings))
      .catch((error: unknown) => {
        credential = undefined; // A failed chunk load is tried afresh on the next call.
        throw error;
      });
    return credential;
  };
  return async () => {
    if (!settings) throw new Error(NOT_SET_UP_MESSAGE);
    const answer = await (await credentialOnce(settings)).getToken([...API_SCOPES]);
    if (!answer?.token) throw new Error('Teams gave no sign-in token.');
    return answer.token;
  };
}
