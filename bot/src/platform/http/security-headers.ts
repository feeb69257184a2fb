import type { Request, Response, Next } from 'restify';

/**
 * The headers every answer of the service carries, whatever it is (JSON, CSV, ICS, an error,
 * a redirect), set once for each request before any route runs (`server.pre` in app/server.ts):
 * no MIME sniffing, no referrer, and a Content-Security-Policy that lets the answer load nothing
 * and be framed by nobody. The tab's own pages replace that policy with theirs
 * (`TAB_CSP` in tab-static.ts), which Teams may frame.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': API_CSP,
};

/** A `server.pre` handler: gives the response the base headers before anything else runs. */
export function securityHeaders(_req: Request, res: Response, next: Next): void {
  for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
  next();
}
