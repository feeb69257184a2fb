import {
  type ApplicationDraft,
  type ApplicationFormOptions,
  applicationFormSchema,
} from '../../../bot/src/contracts/applications';
import { type FieldProblem, problemsOf } from '../../../bot/src/contracts/field-problem';

/**
 * The application form as typed, its steps, and the checks: the contract's own schema
 * (`applicationFormSchema`), with each problem put beside its field.
 */

export interface ApplyValues {
  role: string;
  arrangement: string;
  band: string;
  organisation: string;
  directorate: string;
  lineManagerName: string;
  lineManagerEmail: string;
  perspectivesShared: string[];
  perspectivesWanted: string[];
  meetingMode: string;
  location: string;
  availability: string[];
  notes: string;
  consent: boolean;
}

export type ApplyField = keyof ApplyValues;

export const STEPS = ['about', 'perspectives', 'meeting', 'optional', 'send'] as const;
export type ApplyStep = (typeof STEPS)[number];

export const STEP_TITLES: Record<ApplyStep, string> = {
  about: 'About you',
  perspectives: 'Perspectives',
  meeting: 'Meeting',
  optional: 'Optional questions',
  send: 'Check and send',
};

/** The fields each step asks, in the order they appear. */
export const STEP_FIELDS: Record<ApplyStep, readonly ApplyField[]> = {
  about: [
    'role',
    'arrangement',
    'band',
    'organisation',
    'directorate',
    'lineManagerName',
    'lineManagerEmail',
  ],
  perspectives: ['perspectivesShared', 'perspectivesWanted'],
  meeting: ['meetingMode', 'location', 'availability'],
  optional: [],
  send: ['notes', 'consent'],
};

export const FIELD_ORDER: ApplyField[] = STEPS.flatMap((s) => [...STEP_FIELDS[s]]);

export function valuesFrom(answers: ApplicationDraft): ApplyValues {
  return {
    role: answers.role ?? '',
    arrangement: answers.arrangement ?? '',
    band: answers.band ?? '',
    organisation: answers.organisation ?? '',
    directorate: answers.directorate ?? '',
    lineManagerName: answers.lineManager?.name ?? '',
    lineManagerEmail: answers.lineManager?.email ?? '',
    perspectivesShared: [...(answers.perspectivesShared ?? [])],
    perspectivesWanted: [...(answers.perspectivesWanted ?? [])],
    meetingMode: answers.meetingMode ?? '',
    location: answers.location ?? '',
    availability: [...(answers.availability ?? [])],
    notes: answers.notes ?? '',
    consent: answers.consent ?? false,
  };
}

/**
 * What is sent as the draft: every field given so far (an empty text is not an answer yet). The
 * perspectives (where none is an answer) are sent once people have reached their step.
 */
export function draftOf(values: ApplyValues, reached: ApplyStep = 'send'): Record<string, unknown> {
  const draft: Record<string, unknown> = {};
  const textFields = [
    'role',
    'arrangement',
    'band',
    'organisation',
    'directorate',
    'meetingMode',
    'location',
    'notes',
  ] as const;
  for (const field of textFields) {
    if (values[field].trim() !== '') draft[field] = values[field];
  }
  const name = values.lineManagerName.trim();
  const email = values.lineManagerEmail.trim();
  if (name || email) {
    draft.lineManager = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }
  if (STEPS.indexOf(reached) >= STEPS.indexOf('perspectives')) {
    draft.perspectivesShared = values.perspectivesShared;
    draft.perspectivesWanted = values.perspectivesWanted;
  }
  if (values.availability.length > 0) draft.availability = values.availability;
  draft.consent = values.consent;
  return draft;
}

/** The form's field an API or schema path belongs to (`lineManager.email` → lineManagerEmail). */
export function fieldOf(path: string): ApplyField | undefined {
  if (path === 'lineManager' || path === 'lineManager.name') return 'lineManagerName';
  if (path === 'lineManager.email') return 'lineManagerEmail';
  const head = path.split('.')[0] as ApplyField;
  return FIELD_ORDER.includes(head) ? head : undefined;
}

/** Sentence-cases a contract message: 'is required' → 'This is required.' */
export function sentence(message: string): string {
  const m = message.trim();
  if (/^(is|must)\b/.test(m)) return `This ${m}.`;
  const upper = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(upper) ? upper : `${upper}.`;
}

export interface PlacedProblems {
  errors: Partial<Record<ApplyField, string>>;
  unplaced: string[];
}

/** Problems by field (the first for each); those of no field of this form, in words. */
export function placeProblems(problems: readonly FieldProblem[]): PlacedProblems {
  const errors: Partial<Record<ApplyField, string>> = {};
  const unplaced: string[] = [];
  for (const p of problems) {
    const field = fieldOf(p.field);
    if (!field) unplaced.push(`${p.field}: ${p.message}`);
    else errors[field] ??= sentence(p.message);
  }
  return { errors, unplaced };
}

/**
 * The contract's check of the whole application, kept to the fields of the steps given: a step
 * is complete when none of its fields has a problem.
 */
export function checkSteps(
  values: ApplyValues,
  options: ApplicationFormOptions,
  steps: readonly ApplyStep[],
): Partial<Record<ApplyField, string>> {
  const fields = new Set(steps.flatMap((s) => STEP_FIELDS[s]));
  const parsed = applicationFormSchema(options).safeParse(draftOf(values));
  if (parsed.success) return {};
  const { errors } = placeProblems(problemsOf(parsed.error));
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => fields.has(field as ApplyField)),
  );
}

/** Where to carry on with a saved draft: the first step with something missing, or the last. */
export function resumeStep(answers: ApplicationDraft, options: ApplicationFormOptions): ApplyStep {
  const values = valuesFrom(answers);
  const incomplete = (step: ApplyStep) => Object.keys(checkSteps(values, options, [step])).length;
  if (incomplete('about')) return 'about';
  if (answers.perspectivesShared === undefined) return 'perspectives';
  if (incomplete('meeting')) return 'meeting';
  return 'send';
}
