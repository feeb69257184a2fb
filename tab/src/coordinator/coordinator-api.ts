import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import type {
  CohortLinks,
  CohortParticipant,
  CohortSummary,
  LinkUndone,
  PairHealth,
  PairHealthRow,
  RosterImported,
  RosterProblem,
} from '../../../bot/src/contracts/cohorts';
import { saveFile } from '../shared/save-file';
import { describeFailure } from '../shared/use-form-submit';

/**
 * The coordinator's calls for one cohort. Every answer holds states, counts, dates and
 * roster details only: the API never gives goals, reflections or preparation here.
 */

// The wire shapes are the contract's; views that read them import them from here too.
export type { CohortParticipant, PairHealth, PairHealthRow, RosterProblem };

export type RosterOutcome =
  | { ok: true; participants: number; pairs: number }
  | {
      ok: false;
      /** The problems the answer lists (at least the first one). */
      problems: RosterProblem[];
      /** How many problems the service found in all. */
      total: number;
    };

/** The order pairs are shown in, and the order of the counts: those needing attention first. */
export const HEALTH_ORDER: readonly PairHealth[] = [
  'at_risk',
  'needs_check_in',
  'not_started',
  'starting',
  'on_track',
  'paused',
  'completed',
  'ended',
];

const cohortPath = (cohortId: string) => `/api/cohorts/${encodeURIComponent(cohortId)}`;

export function getCohort(client: ApiClient, cohortId: string): Promise<CohortSummary> {
  return client.request<CohortSummary>(cohortPath(cohortId));
}

export async function getHealth(client: ApiClient, cohortId: string): Promise<PairHealthRow[]> {
  const answer = await client.request<{ pairs: PairHealthRow[] }>(`${cohortPath(cohortId)}/health`);
  return answer.pairs;
}

export async function getParticipants(
  client: ApiClient,
  cohortId: string,
): Promise<CohortParticipant[]> {
  const answer = await client.request<{ participants: CohortParticipant[] }>(
    `${cohortPath(cohortId)}/participants`,
  );
  return answer.participants;
}

/** Who is linked to which Teams account, how and when, and every link and undo. */
export function getLinks(client: ApiClient, cohortId: string): Promise<CohortLinks> {
  return client.request<CohortLinks>(`${cohortPath(cohortId)}/links`);
}

/** Undoes a participant's link; 412 (ApiRequestError) when it changed since `etag` was read. */
export function undoLink(
  client: ApiClient,
  cohortId: string,
  participantId: string,
  etag: string,
): Promise<LinkUndone> {
  return client.request<LinkUndone>(
    `${cohortPath(cohortId)}/participants/${encodeURIComponent(participantId)}/link`,
    { method: 'DELETE', ifMatch: etag },
  );
}

/** The health table as CSV text, exactly as the service writes it. */
export function getHealthCsv(client: ApiClient, cohortId: string): Promise<string> {
  return client.requestText(`${cohortPath(cohortId)}/health.csv`);
}

function isProblem(value: unknown): value is RosterProblem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<RosterProblem>;
  return typeof p.line === 'number' && typeof p.message === 'string';
}

/**
 * The problems of an `invalid_roster` answer. The API lists them all in `details.problems`;
 * the shared client keeps only `details.fields`, so unless it passes the details on, the first
 * problem is read back from the message ("… 3 problems to fix, starting with line 4, column
 * email: email is not a valid email address").
 */
export function rosterProblemsFrom(error: ApiRequestError): {
  problems: RosterProblem[];
  total: number;
} {
  const carried = error as unknown as {
    details?: { problems?: unknown };
    problems?: unknown;
  };
  const listed = carried.details?.problems ?? carried.problems;
  if (Array.isArray(listed)) {
    const problems = listed.filter(isProblem).map((p) => ({ ...p, column: p.column ?? '' }));
    if (problems.length > 0) return { problems, total: problems.length };
  }
  const match =
    /(\d+) problems? to fix, starting with (?:line (\d+)(?:, column (.+?))?: )?([\s\S]+)$/.exec(
      error.message,
    );
  if (!match) return { problems: [{ line: 0, column: '', message: error.message }], total: 1 };
  const [, total, line, column, message] = match;
  return {
    problems: [{ line: Number(line ?? 0), column: column ?? '', message: (message ?? '').trim() }],
    total: Number(total),
  };
}

/** Imports participants and pairs from CSV text; all or nothing. Other failures are thrown. */
export async function importRoster(
  client: ApiClient,
  cohortId: string,
  csv: string,
): Promise<RosterOutcome> {
  try {
    const answer = await client.request<RosterImported>(`${cohortPath(cohortId)}/roster`, {
      method: 'POST',
      rawBody: { contentType: 'text/csv; charset=utf-8', text: csv },
    });
    return { ok: true, ...answer.imported };
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'invalid_roster') {
      return { ok: false, ...rosterProblemsFrom(error) };
    }
    throw error;
  }
}

/**
 * One problem in words, naming the row (the header is row 1, as in a spreadsheet) and the
 * column: "Row 4, email: is not a valid email address".
 */
export function describeRosterProblem(problem: RosterProblem): string {
  const column = problem.column.trim();
  let message = problem.message.trim();
  // The service starts many messages with the column's name; it is already said before the colon.
  if (column && message.toLowerCase().startsWith(`${column.toLowerCase()} `)) {
    message = message.slice(column.length + 1);
  }
  if (problem.line <= 0) return message.charAt(0).toUpperCase() + message.slice(1);
  const row = problem.line === 1 ? 'Row 1 (the header)' : `Row ${problem.line}`;
  return column ? `${row}, ${column}: ${message}` : `${row}: ${message}`;
}

/** A file name people recognise: "pair-health-cohort-3-2027-05-01.csv". */
export function healthCsvFilename(cohortName: string, today: Date = new Date()): string {
  const slug =
    cohortName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cohort';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `pair-health-${slug}-${date}.csv`;
}

/**
 * Saves text as a file through the browser. A byte order mark goes first so spreadsheet apps
 * read names with accents correctly.
 */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8') {
  saveFile(text.startsWith('\uFEFF') ? text : `\uFEFF${text}`, filename, type);
}

/** Reads a CSV and saves it as `filename`; says what happened, for the status line. */
export async function downloadCsv(
  read: () => Promise<string>,
  filename: string,
  /** What it is, for the failure: 'the table'. */
  what: string,
): Promise<{ ok: boolean; text: string }> {
  try {
    downloadText(await read(), filename);
    return { ok: true, text: `Downloaded ${filename}.` };
  } catch (error) {
    return { ok: false, text: `We couldn't export ${what}. ${describeFailure(error)}` };
  }
}

const dateTimeAsDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A UTC date-time as a date in the viewer's own time zone: '9 March 2027'. */
export function formatLocalDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeAsDate.format(date);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
