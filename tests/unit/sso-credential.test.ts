import {
  API_SCOPES,
  NOT_SET_UP_MESSAGE,
  loadTeamsUserCredential,
  ssoSettingsFrom,
  tokenProviderFor,
} from '../../tab/src/app/sso-credential';
import type {
  SsoCredential,
  SsoCredentialClass,
  SsoSettings,
} from '../../tab/src/app/sso-credential';
import type { DevSession } from '../../tab/src/app/dev-session';

/**
 * The tab's one token module (issue 13, item 14): inside Teams it signs in with TeamsFx's
 * TeamsUserCredential (here an injected stand-in class), built with the service's client id and
 * asked for the Teams SSO token itself (no scopes); in a plain browser it uses the dev token and
 * never loads TeamsFx.
 */

const SETTINGS: SsoSettings = {
  clientId: '11111111-2222-4333-8444-555555555555',
  initiateLoginEndpoint: 'https://mentoring.example/tab/index.html',
};
const SESSION: DevSession = {
  token: 'dev-token-for-amara',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'amara', name: 'Amara Okafor' },
};

/** A stand-in for TeamsUserCredential that records how it was built and asked. */
function fakeCredential(token: string | null = 'teams-sso-token') {
  const built: SsoSettings[] = [];
  const asked: (string | string[])[] = [];
  const Credential: SsoCredentialClass = class implements SsoCredential {
    constructor(settings: SsoSettings) {
      built.push(settings);
    }
    getToken(scopes: string | string[]): Promise<{ token: string } | null> {
      asked.push(scopes);
      return Promise.resolve(token === null ? null : { token });
    }
  };
  let loads = 0;
  const loadCredential = () => {
    loads += 1;
    return Promise.resolve(Credential);
  };
  return { built, asked, loadCredential, loads: () => loads };
}

function pageWith(clientId: string | undefined): Document {
  const meta = clientId === undefined ? null : { content: clientId };
  return {
    querySelector: (selector: string) =>
      selector === 'meta[name="entra-client-id"]' ? meta : null,
  } as unknown as Document;
}

describe('inside Teams: TeamsFx TeamsUserCredential', () => {
  it('builds the credential with the client id and asks for the SSO token (no scopes)', async () => {
    const fake = fakeCredential();
    const getToken = tokenProviderFor(
      { in: 'teams', settings: SETTINGS },
      { loadCredential: fake.loadCredential },
    );

    await expect(getToken()).resolves.toBe('teams-sso-token');
    await expect(getToken()).resolves.toBe('teams-sso-token');

    expect(fake.built).toEqual([SETTINGS]);
    expect(fake.asked).toEqual([[], []]);
    expect(API_SCOPES).toEqual([]);
    expect(fake.loads()).toBe(1);
  });

  it('loads TeamsFx only when a token is first asked for', async () => {
    const fake = fakeCredential();
    const getToken = tokenProviderFor(
      { in: 'teams', settings: SETTINGS },
      { loadCredential: fake.loadCredential },
    );
    expect(fake.loads()).toBe(0);
    await getToken();
    expect(fake.loads()).toBe(1);
  });

  it('says Teams sign-in is not set up when the service has no client id', async () => {
    const fake = fakeCredential();
    const getToken = tokenProviderFor(
      { in: 'teams', settings: null },
      { loadCredential: fake.loadCredential },
    );
    await expect(getToken()).rejects.toThrow(NOT_SET_UP_MESSAGE);
    expect(fake.loads()).toBe(0);
  });

  it('refuses an empty answer from Teams', async () => {
    const fake = fakeCredential(null);
    const getToken = tokenProviderFor(
      { in: 'teams', settings: SETTINGS },
      { loadCredential: fake.loadCredential },
    );
    await expect(getToken()).rejects.toThrow('Teams gave no sign-in token.');
  });

  it('tries to load TeamsFx again after a failed load', async () => {
    const fake = fakeCredential();
    let attempts = 0;
    const getToken = tokenProviderFor(
      { in: 'teams', settings: SETTINGS },
      {
        loadCredential: () => {
          attempts += 1;
          return attempts === 1 ? Promise.reject(new Error('chunk failed')) : fake.loadCredential();
        },
      },
    );
    await expect(getToken()).rejects.toThrow('chunk failed');
    await expect(getToken()).resolves.toBe('teams-sso-token');
    expect(attempts).toBe(2);
  });
});

describe('in a plain browser: the dev sign-in', () => {
  it('gives the dev token and never loads TeamsFx', async () => {
    const fake = fakeCredential();
    const getToken = tokenProviderFor(
      { in: 'dev', session: SESSION, stillSignedIn: () => true },
      { loadCredential: fake.loadCredential },
    );
    await expect(getToken()).resolves.toBe('dev-token-for-amara');
    expect(fake.loads()).toBe(0);
  });

  it('fails once the dev session has ended', async () => {
    const getToken = tokenProviderFor({ in: 'dev', session: SESSION, stillSignedIn: () => false });
    await expect(getToken()).rejects.toThrow('expired');
  });
});

describe('the settings the service writes into the page', () => {
  it('reads the client id and points the login endpoint at the tab', () => {
    expect(ssoSettingsFrom(pageWith(SETTINGS.clientId), 'https://mentoring.example')).toEqual(
      SETTINGS,
    );
  });

  it('has none when the service has no Entra app', () => {
    expect(ssoSettingsFrom(pageWith(''), 'https://mentoring.example')).toBeNull();
    expect(ssoSettingsFrom(pageWith(undefined), 'https://mentoring.example')).toBeNull();
  });
});

describe('the default credential', () => {
  it('is TeamsFx’s TeamsUserCredential', async () => {
    const teamsfx = await import('@microsoft/teamsfx');
    await expect(loadTeamsUserCredential()).resolves.toBe(teamsfx.TeamsUserCredential);
  });
});
