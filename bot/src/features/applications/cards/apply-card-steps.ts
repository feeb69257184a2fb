import {
  type ApplicationDraft,
  type ApplicationFormOptions,
  SENSITIVE_CATEGORIES,
  type SensitiveAnswers,
  type SensitiveCategory,
} from '../../../contracts/applications';
import type { FieldProblem } from '../../../contracts/field-problem';

/**
 * The chat form's steps and inputs, and the one mapping between a card's inputs and the
 * contract: what a step's inputs send as the draft body (`applicationDraftSchema`) or the
 * special-category answers (`sensitiveAnswersSchema`), the saved answers as the inputs' values,
 * and each field problem of the contract as the input it is shown beside. Pure.
 */

export const APPLY_STEPS = [
  'about',
  'perspectives',
  'meeting',
  'notes',
  'sensitive',
  'review',
] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

export const APPLY_STEP_TITLES: Record<ApplyStep, string> = {
  about: 'About you',
  perspectives: 'Perspectives',
  meeting: 'Meeting and availability',
  notes: 'Anything else, and your consent',
  sensitive: 'Optional questions about you',
  review: 'Check and send',
};

export const consentInputOf = (c: SensitiveCategory) => `${c}Consent`;

/** The inputs of each step, by card input id. */
export const STEP_INPUTS: Record<ApplyStep, readonly string[]> = {
  about: [
    'role',
    'arrangement',
    'band',
    'organisation',
    'directorate',
    'managerName',
    'managerEmail',
  ],
  perspectives: ['shared', 'wanted'],
  meeting: ['meetingMode', 'location', 'availability'],
  notes: ['notes', 'consent'],
  sensitive: SENSITIVE_CATEGORIES.flatMap((c) => [c, consentInputOf(c)]),
  review: [],
};

export function isApplyStep(value: unknown): value is ApplyStep {
  return typeof value === 'string' && (APPLY_STEPS as readonly string[]).includes(value);
}

/** The most of one typed input a re-rendered card carries back. */
const TYPED_MAX = 4000;

/** A string the card sent for `key`, or '' (every value a card sends is untrusted). */
export function typed(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  const s =
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return s.slice(0, TYPED_MAX);
}

/** What the person typed or chose on a step, kept when the card comes back with problems. */
export function typedValues(
  step: ApplyStep,
  data: Record<string, unknown>,
): Record<string, string> {
  return Object.fromEntries(STEP_INPUTS[step].map((id) => [id, typed(data, id)]));
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A multi-select's perspectives are sent as their positions in the cohort's list. */
function perspectivesOf(value: string, options: ApplicationFormOptions): string[] {
  return list(value).map((i) => (/^\d+$/.test(i) ? (options.perspectives[Number(i)] ?? i) : i));
}

const toggle = (value: string): unknown =>
  value === 'true' ? true : value === 'false' || value === '' ? false : value;

/**
 * The draft body a step's inputs send. A text left empty keeps what was saved (a draft's text,
 * when given, is never empty); a perspective list may be emptied.
 */
export function draftBodyOf(
  step: ApplyStep,
  data: Record<string, unknown>,
  options: ApplicationFormOptions,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const given = (field: string, id = field) => {
    const value = typed(data, id).trim();
    if (value !== '') body[field] = value;
  };
  switch (step) {
    case 'about': {
      for (const f of ['role', 'arrangement', 'band', 'organisation', 'directorate']) given(f);
      const name = typed(data, 'managerName').trim();
      const email = typed(data, 'managerEmail').trim();
      if (name || email) {
        body.lineManager = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
      }
      break;
    }
    case 'perspectives':
      body.perspectivesShared = perspectivesOf(typed(data, 'shared'), options);
      body.perspectivesWanted = perspectivesOf(typed(data, 'wanted'), options);
      break;
    case 'meeting': {
      given('meetingMode');
      given('location');
      const slots = list(typed(data, 'availability'));
      if (slots.length > 0) body.availability = slots;
      break;
    }
    case 'notes':
      body.notes = typed(data, 'notes');
      body.consent = toggle(typed(data, 'consent'));
      break;
    default:
      break;
  }
  return body;
}

/** The special-category answers the sensitive step sends: a category left blank is none. */
export function sensitiveBodyOf(data: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const c of SENSITIVE_CATEGORIES) {
    const value = typed(data, c).trim();
    if (value !== '') body[c] = { value, consent: toggle(typed(data, consentInputOf(c))) };
  }
  return body;
}

/** The saved answers as the inputs' values (multi-selects as comma-separated values). */
export function savedValues(
  answers: ApplicationDraft,
  sensitive: SensitiveAnswers,
  options: ApplicationFormOptions,
): Record<string, string> {
  const positions = (chosen: readonly string[] | undefined) =>
    (chosen ?? [])
      .map((p) => options.perspectives.indexOf(p))
      .filter((i) => i >= 0)
      .join(',');
  const values: Record<string, string> = {
    role: answers.role ?? '',
    arrangement: answers.arrangement ?? '',
    band: answers.band ?? '',
    organisation: answers.organisation ?? '',
    directorate: answers.directorate ?? '',
    managerName: answers.lineManager?.name ?? '',
    managerEmail: answers.lineManager?.email ?? '',
    shared: positions(answers.perspectivesShared),
    wanted: positions(answers.perspectivesWanted),
    meetingMode: answers.meetingMode ?? '',
    location: answers.location ?? '',
    availability: (answers.availability ?? []).join(','),
    notes: answers.notes ?? '',
    consent: answers.consent === true ? 'true' : 'false',
  };
  for (const c of SENSITIVE_CATEGORIES) {
    values[c] = sensitive[c]?.value ?? '';
    values[consentInputOf(c)] = sensitive[c]?.consent === true ? 'true' : 'false';
  }
  return values;
}

const FIELD_INPUT: Record<string, string> = {
  lineManager: 'managerName',
  'lineManager.name': 'managerName',
  'lineManager.email': 'managerEmail',
  perspectivesShared: 'shared',
  perspectivesWanted: 'wanted',
};

/** The card input a contract field problem belongs beside ('' for the whole form). */
export function inputOfField(field: string): string {
  if (FIELD_INPUT[field]) return FIELD_INPUT[field];
  const [head, second] = field.split('.');
  if ((SENSITIVE_CATEGORIES as readonly string[]).includes(head!)) {
    return second === 'consent' ? consentInputOf(head as SensitiveCategory) : head!;
  }
  if (head && FIELD_INPUT[head]) return FIELD_INPUT[head];
  return APPLY_STEPS.some((s) => STEP_INPUTS[s].includes(head ?? '')) ? head! : '';
}

/** The step an input is on, or undefined for the whole form. */
export function stepOfInput(input: string): ApplyStep | undefined {
  return APPLY_STEPS.find((s) => STEP_INPUTS[s].includes(input));
}

/** Field problems as messages per input (the first per input); others as general lines. */
export function errorsByInput(problems: readonly FieldProblem[]): {
  errors: Record<string, string>;
  general: string[];
} {
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const p of problems) {
    const input = inputOfField(p.field);
    if (!input) general.push(p.message);
    else errors[input] ??= p.message;
  }
  return { errors, general };
}

export function nextStep(step: ApplyStep): ApplyStep {
  return APPLY_STEPS[Math.min(APPLY_STEPS.indexOf(step) + 1, APPLY_STEPS.length - 1)]!;
}

export function previousStep(step: ApplyStep): ApplyStep | undefined {
  const i = APPLY_STEPS.indexOf(step);
  return i > 0 ? APPLY_STEPS[i - 1] : undefined;
}
