import type { Request } from 'restify';
import { AppError } from '../errors';
import { storedEtagOf } from './etag';

/**
 * Reads a request body ourselves (rather than restify's bodyParser) so that authentication
 * runs first and every failure answers in our JSON error shape.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw AppError.tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw AppError.tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function mediaType(req: Request): string {
  return String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/** Reads a JSON body: 415 when it is not JSON, 400 when it does not parse. */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const type = mediaType(req);
  const raw = await readBody(req, maxBytes);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw AppError.coded(
      'unsupported_media_type',
      'unsupported_media_type',
      'Send the body as application/json',
    );
  }
  if (raw.length === 0)
    throw AppError.coded('invalid', 'malformed_json', 'The request body is empty');
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw AppError.coded(
      'invalid',
      'malformed_json',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads a text body such as CSV, accepting text/csv or text/plain, as its bytes: the caller
 * decodes them (`decodeText` in contracts/text-encoding.ts works out UTF-8 or Windows-1252), since
 * decoding as UTF-8 here would turn another encoding's accents into U+FFFD.
 */
export async function readTextBytes(
  req: Request,
  maxBytes: number,
  accepted: string[],
): Promise<Uint8Array> {
  const type = mediaType(req);
  const raw = await readBody(req, maxBytes);
  if (!accepted.includes(type)) {
    throw AppError.coded(
      'unsupported_media_type',
      'unsupported_media_type',
      `Send the body as ${accepted.join(' or ')}`,
    );
  }
  return raw;
}

/**
 * The stored version a conditional write names. `If-Match` must be exactly one ETag as the API
 * handed it out (platform/http/etag.ts): without one the write is refused with 428; `*`, a weak
 * or malformed tag or a list names no version and is refused with 412. Either way nothing is read
 * or saved; a well-formed but stale tag is refused by storage, with the latest version.
 */
export function ifMatch(req: Request): string {
  const value = req.headers['if-match'];
  if (typeof value !== 'string' || value.trim() === '') {
    throw AppError.coded(
      'precondition_required',
      'precondition_required',
      'Send If-Match with the ETag you last read',
    );
  }
  const stored = storedEtagOf(value.trim());
  if (stored === undefined) {
    throw AppError.coded(
      'stale',
      'precondition_failed',
      'If-Match must be the ETag you last read, exactly as it was given (not *, a weak ETag or a list); nothing was saved',
    );
  }
  return stored;
}
