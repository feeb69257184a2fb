/**
 * The ETags of the HTTP API. Storage guards each row with its own ETag, which Azure Tables writes
 * in weak syntax (`W/"datetime'…'"`), and accepts `*` as "any version". The API never hands those
 * out or takes them in: it hands out a strong, opaque entity-tag that encodes the stored one, and
 * `If-Match` must be exactly such a tag (RFC 9110 compares If-Match strongly). `*`, weak tags,
 * lists and anything malformed name no version, so they are refused before storage is asked.
 */

/** An entity-tag as storage hands it out: quoted, optionally weak; never `*`. */
const STORED = /^(W\/)?"[\x21\x23-\x7e]*"$/;
/** A strong entity-tag whose content is base64url, as `httpEtag` writes it. */
const HANDED_OUT = /^"([A-Za-z0-9_-]{1,1024})"$/;

/** The ETag the API hands out (header and `etag` fields) for a stored version. */
export function httpEtag(stored: string): string {
  return `"${Buffer.from(stored, 'utf8').toString('base64url')}"`;
}

/**
 * The stored version an `If-Match` value names, or undefined when it is not exactly one ETag as
 * `httpEtag` hands them out (so `*`, `W/"…"`, lists and garbage name nothing).
 */
export function storedEtagOf(value: string): string | undefined {
  const content = HANDED_OUT.exec(value)?.[1];
  if (content === undefined) return undefined;
  const stored = Buffer.from(content, 'base64url').toString('utf8');
  // Only the one spelling httpEtag writes, and only what storage itself could have given.
  if (httpEtag(stored) !== value || !STORED.test(stored)) return undefined;
  return stored;
}

/** A `{ value, etag }` version (e.g. the latest one a 412 carries) with its ETag as handed out. */
export function versionForHttp(current: unknown): unknown {
  if (typeof current !== 'object' || current === null) return current;
  const etag = (current as { etag?: unknown }).etag;
  return typeof etag === 'string' ? { ...current, etag: httpEtag(etag) } : current;
}
