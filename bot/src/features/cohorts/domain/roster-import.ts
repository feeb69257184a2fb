import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  ARRANGEMENTS,
  PAIR_ROLES,
  REQUIRED_ROSTER_COLUMNS,
  ROSTER_COLUMNS,
  ROSTER_LIMITS,
  type RosterProblem,
} from '../../../contracts/cohorts';
import { cleanText, excerpt } from '../../../contracts/text';
import { REPLACEMENT_CHARACTER } from '../../../contracts/text-encoding';
import type { Arrangement } from './pair';
import type { ProgrammeRole } from './participant';
import { normaliseEmail } from './ids';

export { ROSTER_COLUMNS, type RosterProblem };

/**
 * Roster import: one CSV row per participant, optionally naming their partner.
 * Pure validation: it reads text and returns either every problem (line and column)
 * or the participants and pairs to create. Nothing is written by this module.
 */

export interface RosterPerson {
  line: number;
  email: string;
  displayName: string;
  role: ProgrammeRole;
  organisation?: string;
  jobTitle?: string;
  userId?: string;
}

export interface RosterPair {
  line: number;
  mentorEmail: string;
  menteeEmail: string;
  arrangement: Arrangement;
}

export interface ExistingCohortMember {
  email: string;
  paired: boolean;
}

export type RosterResult =
  | { ok: true; people: RosterPerson[]; pairs: RosterPair[] }
  | { ok: false; problems: RosterProblem[] };

const rowSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(ROSTER_LIMITS.email, 'is too long')
    .email('is not a valid email address'),
  display_name: cleanText(
    z
      .string()
      .trim()
      .min(1, 'is required')
      .max(ROSTER_LIMITS.displayName, `must be at most ${ROSTER_LIMITS.displayName} characters`),
  ),
  role: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(PAIR_ROLES, { message: 'must be mentor or mentee' })),
  organisation: cleanText(
    z
      .string()
      .trim()
      .max(ROSTER_LIMITS.organisation, `must be at most ${ROSTER_LIMITS.organisation} characters`),
  ).optional(),
  job_title: cleanText(
    z
      .string()
      .trim()
      .max(ROSTER_LIMITS.jobTitle, `must be at most ${ROSTER_LIMITS.jobTitle} characters`),
  ).optional(),
  entra_object_id: z
    .string()
    .trim()
    .regex(
      /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i,
      'must be an Entra object id (a GUID) or left empty',
    )
    .optional(),
  partner_email: z
    .string()
    .trim()
    .max(ROSTER_LIMITS.email, 'is too long')
    .refine(
      (v) => v === '' || z.string().email().safeParse(v).success,
      'is not a valid email address',
    )
    .optional(),
  arrangement: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['', ...ARRANGEMENTS], { message: 'must be reverse or reciprocal' }))
    .optional(),
});

/** Said of a field holding U+FFFD. */
export const LOST_CHARACTER = `contains "${REPLACEMENT_CHARACTER}" (U+FFFD), the mark of a character lost when the file was saved or converted in another encoding; correct it, save the file as UTF-8 and import again`;

const emptyToUndefined = (v: string | undefined): string | undefined =>
  v === undefined || v === '' ? undefined : v;

export function parseRoster(
  csvText: string,
  existing: readonly ExistingCohortMember[] = [],
): RosterResult {
  const problems: RosterProblem[] = [];
  let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[];
  let header: string[] = [];
  try {
    records = parse(csvText.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: false,
      relax_column_count: false,
    }) as typeof records;
  } catch (error) {
    const e = error as { message?: string; lines?: number; code?: string };
    return {
      ok: false,
      problems: [
        {
          line: e.lines ?? 0,
          column: '',
          message: `The file is not valid CSV: ${excerpt(e.message ?? 'unreadable', 160)}`,
        },
      ],
    };
  }

  for (const required of REQUIRED_ROSTER_COLUMNS) {
    if (!header.includes(required)) {
      problems.push({
        line: 1,
        column: required,
        message: `The header has no "${required}" column`,
      });
    }
  }
  for (const column of header) {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(column)) {
      const lost = column.includes(REPLACEMENT_CHARACTER) ? `, and ${LOST_CHARACTER}` : '';
      problems.push({
        line: 1,
        column: excerpt(column),
        message: `Unknown column "${excerpt(column)}"; expected ${ROSTER_COLUMNS.join(', ')}${lost}`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (records.length === 0) {
    return {
      ok: false,
      problems: [{ line: 0, column: '', message: 'The file has no participant rows' }],
    };
  }
  if (records.length > ROSTER_LIMITS.rows) {
    return {
      ok: false,
      problems: [
        {
          line: 0,
          column: '',
          message: `The file has ${records.length} rows; import at most ${ROSTER_LIMITS.rows} at a time`,
        },
      ],
    };
  }

  const people: RosterPerson[] = [];
  const partnerOf = new Map<string, { partner: string; arrangement?: Arrangement; line: number }>();
  const seen = new Map<string, number>();
  const existingByEmail = new Map(existing.map((m) => [normaliseEmail(m.email), m]));

  for (const { record, info } of records) {
    const rawLines = (info.raw ?? '').replace(/\r?\n$/, '').split('\n').length;
    const line = info.lines - rawLines + 1;
    // U+FFFD is what a decoder leaves for a character it lost: never stored, whoever sent it.
    const lost = Object.entries(record).filter(([, v]) => v.includes(REPLACEMENT_CHARACTER));
    for (const [column] of lost) {
      problems.push({ line, column, message: `${column} ${LOST_CHARACTER}` });
    }
    if (lost.length > 0) continue;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        problems.push({ line, column, message: `${column} ${issue.message}` });
      }
      continue;
    }
    const row = parsed.data;
    const email = normaliseEmail(row.email);
    const firstLine = seen.get(email);
    if (firstLine !== undefined) {
      problems.push({ line, column: 'email', message: `${email} is already on line ${firstLine}` });
      continue;
    }
    seen.set(email, line);
    if (existingByEmail.has(email)) {
      problems.push({
        line,
        column: 'email',
        message: `${email} is already a participant in this cohort`,
      });
      continue;
    }
    const partner = emptyToUndefined(row.partner_email);
    const arrangement = emptyToUndefined(row.arrangement) as Arrangement | undefined;
    if (arrangement && !partner) {
      problems.push({
        line,
        column: 'arrangement',
        message: 'arrangement needs a partner_email on the same row',
      });
    }
    if (partner) {
      const partnerEmail = normaliseEmail(partner);
      if (partnerEmail === email) {
        problems.push({
          line,
          column: 'partner_email',
          message: 'partner_email cannot be the person themselves',
        });
      } else {
        partnerOf.set(email, { partner: partnerEmail, arrangement, line });
      }
    }
    people.push({
      line,
      email,
      displayName: row.display_name,
      role: row.role,
      organisation: emptyToUndefined(row.organisation),
      jobTitle: emptyToUndefined(row.job_title),
      userId: emptyToUndefined(row.entra_object_id)?.toLowerCase(),
    });
  }

  const byEmail = new Map(people.map((p) => [p.email, p]));
  const pairs: RosterPair[] = [];
  const pairedIn = new Map<string, number>();
  for (const [email, { partner, arrangement, line }] of partnerOf) {
    const person = byEmail.get(email);
    if (!person) continue;
    const other = byEmail.get(partner);
    if (!other) {
      const inCohort = existingByEmail.get(partner);
      problems.push({
        line,
        column: 'partner_email',
        message: inCohort
          ? `${partner} is already in this cohort; pair new participants with people in the same file`
          : `${partner} is not a row in this file`,
      });
      continue;
    }
    const back = partnerOf.get(partner);
    if (back && back.partner !== email) {
      problems.push({
        line,
        column: 'partner_email',
        message: `${partner} names ${back.partner} as their partner on line ${back.line}; one pair per person per cohort`,
      });
      continue;
    }
    if (back && back.arrangement && arrangement && back.arrangement !== arrangement) {
      problems.push({
        line,
        column: 'arrangement',
        message: `arrangement differs from line ${back.line} (${back.arrangement}) for the same pair`,
      });
      continue;
    }
    // Each pair is listed once, from whichever row names it first.
    if (back && pairedIn.has(partner)) continue;
    for (const who of [email, partner]) {
      const already = pairedIn.get(who);
      if (already !== undefined) {
        problems.push({
          line,
          column: 'partner_email',
          message: `${who} is already paired on line ${already}; one pair per person per cohort`,
        });
      }
    }
    if (pairedIn.has(email) || pairedIn.has(partner)) continue;
    const kind: Arrangement = arrangement ?? back?.arrangement ?? 'reverse';
    let mentor = person;
    let mentee = other;
    if (person.role === 'mentee' && other.role === 'mentor') {
      mentor = other;
      mentee = person;
    } else if (kind === 'reverse' && person.role === other.role) {
      problems.push({
        line,
        column: 'role',
        message: `a reverse pair needs one mentor and one mentee; ${email} and ${partner} are both ${person.role}s`,
      });
      continue;
    }
    pairedIn.set(email, line);
    pairedIn.set(partner, line);
    pairs.push({ line, mentorEmail: mentor.email, menteeEmail: mentee.email, arrangement: kind });
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column.localeCompare(b.column));
    return { ok: false, problems };
  }
  return { ok: true, people, pairs };
}
