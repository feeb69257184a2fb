import { loadConfig } from '../../bot/src/app/config';
import { createLogger } from '../../bot/src/platform/logger';
import {
  GraphAppInstaller,
  LOCAL_GRAPH_TOKEN,
  graphTokenSource,
  retryAfterMs,
} from '../../bot/src/platform/teams/graph-app-installer';
import { type FakeGraph, startFakeGraph } from '../support/fake-graph';

const CATALOG_ID = '5d1e7c2a-4b3f-4e8a-9c6d-2f1a0b9e8d7c';
const USER = 'd5000000-0000-4000-8000-0000000000f1';
const log = createLogger('silent');

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph({ token: LOCAL_GRAPH_TOKEN, catalogId: CATALOG_ID });
});
afterAll(() => graph.stop());

function installer(options: { catalogId?: string; token?: string } = {}) {
  const tokens = { getToken: () => Promise.resolve(options.token ?? LOCAL_GRAPH_TOKEN) };
  return new GraphAppInstaller(
    { baseUrl: graph.url, catalogId: 'catalogId' in options ? options.catalogId : CATALOG_ID },
    tokens,
    log,
    { sleep: () => Promise.resolve() },
  );
}

describe('installing the app through Microsoft Graph', () => {
  it('is "no permission" without a catalog id or a token source, and calls nothing', async () => {
    const before = graph.requests.length;
    const unconfigured = installer({ catalogId: undefined });
    expect(unconfigured.available).toBe(false);
    expect(await unconfigured.install(USER)).toMatchObject({ kind: 'no_permission' });
    const noToken = new GraphAppInstaller(
      { baseUrl: graph.url, catalogId: CATALOG_ID },
      undefined,
      log,
    );
    expect(noToken.available).toBe(false);
    expect(await noToken.install(USER)).toMatchObject({ kind: 'no_permission' });
    expect(graph.requests.length).toBe(before);
  });

  it('treats a refused token (401) and a missing permission (403) as no permission', async () => {
    expect(await installer({ token: 'someone-elses-token' }).install(USER)).toMatchObject({
      kind: 'no_permission',
      detail: 'Graph answered 401',
    });
    graph.script(USER, 403);
    expect(await installer().install(USER)).toMatchObject({ kind: 'no_permission' });
  });

  it('gives up waiting on 429 after its attempts and says when to try again', async () => {
    graph.script(USER, ...[1, 2, 3].map(() => ({ status: 429, retryAfter: 7 })));
    expect(await installer().install(USER)).toEqual({
      kind: 'unavailable',
      detail: 'Graph answered 429',
      retryAfterMs: 7000,
    });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(
      10_000,
    );
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('sends the local token only to a Graph on this machine', () => {
    expect(graphTokenSource({ kind: 'local' }, 'http://127.0.0.1:9999')).toBeDefined();
    expect(graphTokenSource({ kind: 'local' }, 'https://graph.microsoft.com')).toBeUndefined();
  });

  it('is configured by GRAPH_BASE_URL, TEAMS_APP_CATALOG_ID and TEAMS_APP_ID', () => {
    expect(loadConfig({}).reach).toEqual({
      graphBaseUrl: 'https://graph.microsoft.com',
      catalogId: undefined,
      linkAppId: undefined,
    });
    const placeholder = '00000000-0000-0000-0000-000000000000';
    expect(loadConfig({ TEAMS_APP_ID: placeholder }).reach.linkAppId).toBeUndefined();
    expect(
      loadConfig({ TEAMS_APP_ID: USER, GRAPH_BASE_URL: 'https://graph.microsoft.us/' }).reach,
    ).toEqual({
      graphBaseUrl: 'https://graph.microsoft.us',
      catalogId: undefined,
      linkAppId: USER,
    });
    expect(loadConfig({ TEAMS_APP_ID: USER, TEAMS_APP_CATALOG_ID: CATALOG_ID }).reach).toEqual({
      graphBaseUrl: 'https://graph.microsoft.com',
      catalogId: CATALOG_ID,
      linkAppId: CATALOG_ID,
    });
  });
});
