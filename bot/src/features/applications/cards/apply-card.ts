import {
  AVAILABILITY_SLOT_WORDS,
  type ApplicationDraft,
  type ApplicationFormOptions,
  SENSITIVE_CATEGORIES,
  type SensitiveAnswers,
} from '../../../contracts/applications';
import type { CardJson } from '../../../platform/teams/cards/render';
import { heading } from '../../../platform/teams/cards/render';
import { type Errors, type Values, applyCard, execute, para, warning } from './apply-card-kit';
import { ARRANGEMENT_WORDS, MODE_WORDS, ROLE_WORDS, stepInputs } from './apply-card-inputs';
import {
  APPLY_STEPS,
  APPLY_STEP_TITLES,
  type ApplyStep,
  nextStep,
  previousStep,
} from './apply-card-steps';

/** One step of the chat application form (see docs/cards.md, "Apply"). */
export interface ApplyCardData {
  cohortId: string;
  cohortName: string;
  step: ApplyStep;
  /** The saved draft's version: sent back so a change made meanwhile (the tab) is never overwritten. */
  etag?: string;
  form: ApplicationFormOptions;
  /** "Friday 29 January 2027 at 17:00 (Europe/London)". */
  closesWords?: string;
  /** The inputs' values: what the person typed, or else what was saved. */
  values: Values;
  /** Problems per input id, each shown right below its input. */
  errors?: Errors;
  /** Lines above the form (a problem of the whole form, or news such as a change elsewhere). */
  notices?: string[];
  /** For the review step: the saved answers. */
  answers?: ApplicationDraft;
  sensitive?: SensitiveAnswers;
}

function reviewBody(d: ApplyCardData): object[] {
  const a = d.answers ?? {};
  const join = (l?: readonly string[]) => (l && l.length > 0 ? l.join('; ') : 'None chosen');
  const fact = (title: string, value: string | undefined) => ({
    title,
    value: value && value !== '' ? value : 'Not answered yet',
  });
  const answered = SENSITIVE_CATEGORIES.filter((c) => d.sensitive?.[c] !== undefined);
  return [
    para('Here is what you will send. Use Back to change anything.'),
    {
      type: 'FactSet',
      facts: [
        fact('Role', a.role && ROLE_WORDS[a.role]),
        fact('Arrangement', a.arrangement && ARRANGEMENT_WORDS[a.arrangement]),
        fact('Band', a.band),
        fact('Organisation', a.organisation),
        fact('Directorate', a.directorate),
        fact(
          'Line manager',
          a.lineManager
            ? [a.lineManager.name, a.lineManager.email].filter(Boolean).join(', ')
            : undefined,
        ),
        fact('Can share', join(a.perspectivesShared)),
        fact('Wants to learn', join(a.perspectivesWanted)),
        fact(
          'Meeting',
          a.meetingMode && [MODE_WORDS[a.meetingMode], a.location].filter(Boolean).join(', '),
        ),
        fact(
          'Free on',
          a.availability && a.availability.map((s) => AVAILABILITY_SLOT_WORDS[s]).join('; '),
        ),
        fact('Anything else', a.notes || 'Nothing'),
        fact('Consent', a.consent === true ? 'Given' : undefined),
        fact(
          'Optional questions',
          answered.length > 0 ? `${answered.length} answered, kept apart` : 'None answered',
        ),
      ],
    },
  ];
}

/** One step of the form: its inputs (values and problems beside them), Back and Next. */
export function buildApplyCard(d: ApplyCardData): CardJson {
  const number = APPLY_STEPS.indexOf(d.step) + 1;
  const base = { cohortId: d.cohortId, step: d.step, ...(d.etag ? { etag: d.etag } : {}) };
  const back = previousStep(d.step);
  const actions: object[] = [];
  if (back) actions.push(execute('Back', 'apply.step', { ...base, to: back }));
  if (d.step === 'review') {
    actions.push(execute('Send my application', 'apply.submit', base, { style: 'positive' }));
  } else {
    actions.push(
      execute(
        'Save and next',
        'apply.step',
        { ...base, to: nextStep(d.step) },
        { style: 'positive' },
      ),
    );
  }
  return applyCard(
    [
      heading(`Apply to ${d.cohortName}`),
      para(`Step ${number} of ${APPLY_STEPS.length}: ${APPLY_STEP_TITLES[d.step]}`, {
        weight: 'Bolder',
        spacing: 'None',
      }),
      ...(d.closesWords
        ? [
            para(`Applications close on ${d.closesWords}. Each step is saved as your draft.`, {
              isSubtle: true,
              spacing: 'None',
            }),
          ]
        : []),
      ...(d.notices ?? []).map((n) => warning(n)),
      ...(d.step === 'review' ? reviewBody(d) : stepInputs(d)),
    ],
    actions,
  );
}
