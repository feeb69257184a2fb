import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import restify, { type Next, type Response, type Server } from 'restify';
import { sendJson } from './error-response';

/** Where the built tab lives: <repo>/tab/dist, four levels above bot/src/platform/http and bot/dist/platform/http alike. */
export const TAB_DIST = path.resolve(__dirname, '../../../../tab/dist');

/** Hosts that may frame the tab: Teams, Outlook and the Microsoft 365 app. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.teams.cloud.microsoft',
  'https://*.office.com',
  'https://*.cloud.microsoft',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

/** The tab's pages' policy: its own scripts, Teams' SDK and sign-in, framed only by Teams hosts. */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self' https://res.cdn.office.net",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self' https://login.microsoftonline.com https://res.cdn.office.net",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** The tab's files replace the service's closed policy (security-headers.ts) with the tab's own. */
function tabHeaders(res: { setHeader(name: string, value: string): void }): void {
  // nosniff is already on every answer (security-headers.ts); the tab replaces the rest.
  res.setHeader('Content-Security-Policy', TAB_CSP);
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/** What the tab's pages learn from the service when they are served. */
export interface TabSettings {
  /** ENTRA_CLIENT_ID, for the tab's Teams SSO credential; absent when the service has none. */
  entraClientId?: string;
}

/** The pages that carry settings; the build writes this empty meta tag into each of them. */
const PAGES = ['index.html', 'config.html'];
const CLIENT_ID_META = '<meta name="entra-client-id" content="" />';

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page as built, with the service's settings written in (read per request: dev rebuilds it). */
export async function renderTabPage(file: string, settings: TabSettings): Promise<string> {
  const html = await readFile(path.join(TAB_DIST, file), 'utf8');
  const clientId = escapeAttribute(settings.entraClientId ?? '');
  return html.replace(CLIENT_ID_META, `<meta name="entra-client-id" content="${clientId}" />`);
}

/** Serves the built React tab under /tab/. */
export function registerTab(server: Server, settings: TabSettings = {}): void {
  server.get('/tab', (_req, res, next) => {
    res.redirect(302, '/tab/index.html', next);
  });
  if (!existsSync(path.join(TAB_DIST, 'index.html'))) {
    // The same routes either way (the authorisation matrix lists them), answering that the tab
    // has not been built.
    const notBuilt = (_req: unknown, res: Response, next: Next) => {
      sendJson(res, 404, {
        error: {
          code: 'tab_not_built',
          message: 'The tab has not been built yet: run `npm run build`.',
        },
      });
      next(false);
    };
    for (const file of PAGES) server.get(`/tab/${file}`, notBuilt);
    server.get('/tab/*', notBuilt);
    return;
  }
  for (const file of PAGES) {
    server.get(`/tab/${file}`, async (_req, res) => {
      const html = await renderTabPage(file, settings);
      tabHeaders(res);
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.writeHead(200);
      res.end(html);
    });
  }
  server.get(
    '/tab/*',
    restify.plugins.serveStaticFiles(TAB_DIST, {
      maxAge: 0,
      setHeaders: (res: { setHeader(name: string, value: string): void }, filePath: string) => {
        tabHeaders(res);
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        } else {
          res.setHeader('Cache-Control', 'no-cache');
        }
      },
    }),
  );
}
