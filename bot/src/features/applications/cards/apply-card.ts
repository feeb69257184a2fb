import {
  APPLICATION_ARRANGEMENTS,
  APPLICATION_CONSENT,
  APPLICATION_LIMITS,
  APPLICATION_ROLES,
  AVAILABILITY_SLOTS,
  AVAILABILITY_SLOT_WORDS,
  type ApplicationDraft,
  type ApplicationFormOptions,
  MEETING_MODES,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_WORDS,
  SENSITIVE_CONSENT_TEXT,
  SENSITIVE_INTRO,
  SENSITIVE_OPTIONS,
  SENSITIVE_OPTION_WORDS,
  type SensitiveAnswers,
} from '../../../contracts/applications';
import type { CardJson } from '../../../platform/teams/cards/render';
import { heading } from '../../../platform/teams/cards/render';
import {
  type Errors,
  type Values,
  applyCard,
  choices,
  execute,
  input,
  para,
  warning,
} from './apply-card-kit';
import {
  APPLY_STEPS,
  APPLY_STEP_TITLES,
  type ApplyStep,
  consentInputOf,
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

const ROLE_WORDS = { mentor: 'Mentor', mentee: 'Mentee', either: 'Either' };
const ARRANGEMENT_WORDS = {
  reverse: 'Reverse (the more junior person mentors)',
  reciprocal: 'Reciprocal (each mentors the other)',
  either: 'Either',
};
const MODE_WORDS = { online: 'Online (Teams)', 'in-person': 'In person', either: 'Either' };

const words = <T extends string>(list: readonly T[], w: Record<T, string>) =>
  choices(list.map((value) => ({ title: w[value], value })));

function stepBody(d: ApplyCardData): object[] {
  const v = d.values;
  const e = d.errors ?? {};
  const T = APPLICATION_LIMITS.textMax;
  switch (d.step) {
    case 'about':
      return [
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'role',
            label: 'Would you like to be a mentor, a mentee or either?',
            style: 'expanded',
            choices: words(APPLICATION_ROLES, ROLE_WORDS),
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'arrangement',
            label: 'Which arrangement?',
            style: 'expanded',
            choices: words(APPLICATION_ARRANGEMENTS, ARRANGEMENT_WORDS),
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'band',
            label: 'Your band or grade',
            style: 'compact',
            placeholder: 'Choose your band',
            choices: choices(d.form.ladder.map((b) => ({ title: b, value: b }))),
          },
          v,
          e,
        ),
        ...input(
          { type: 'Input.Text', id: 'organisation', label: 'Your organisation', maxLength: T },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.Text',
            id: 'directorate',
            label: 'Your directorate or department',
            maxLength: T,
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.Text',
            id: 'managerName',
            label: 'Your line manager’s name',
            maxLength: T,
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.Text',
            id: 'managerEmail',
            label: 'Your line manager’s email',
            style: 'Email',
            maxLength: APPLICATION_LIMITS.emailMax,
          },
          v,
          e,
        ),
        para(
          'We ask your line manager only whether you can be released for the meetings and sessions. They see nothing else.',
          { isSubtle: true },
        ),
      ];
    case 'perspectives': {
      const list = choices(d.form.perspectives.map((p, i) => ({ title: p, value: String(i) })));
      return [
        para(
          'Voluntary and self-declared: choose only what you are happy to share. Leave both empty if you prefer.',
        ),
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'shared',
            label: 'Perspectives you can share',
            isMultiSelect: true,
            style: 'expanded',
            choices: list,
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'wanted',
            label: 'Perspectives you want to learn about',
            isMultiSelect: true,
            style: 'expanded',
            choices: list,
          },
          v,
          e,
        ),
      ];
    }
    case 'meeting':
      return [
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'meetingMode',
            label: 'How can you meet?',
            style: 'expanded',
            choices: words(MEETING_MODES, MODE_WORDS),
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.Text',
            id: 'location',
            label: 'Where (needed if you meet in person)',
            maxLength: T,
          },
          v,
          e,
        ),
        ...input(
          {
            type: 'Input.ChoiceSet',
            id: 'availability',
            label: 'When are you usually free?',
            isMultiSelect: true,
            style: 'expanded',
            choices: words(AVAILABILITY_SLOTS, AVAILABILITY_SLOT_WORDS),
          },
          v,
          e,
        ),
      ];
    case 'notes':
      return [
        ...input(
          {
            type: 'Input.Text',
            id: 'notes',
            label: 'Anything the programme team should know (optional)',
            isMultiline: true,
            maxLength: APPLICATION_LIMITS.notesMax,
          },
          v,
          e,
        ),
        ...APPLICATION_CONSENT.sections.flatMap((s) => [
          para(s.heading, { weight: 'Bolder', spacing: 'Medium' }),
          para(s.text, { spacing: 'None' }),
        ]),
        ...input(
          {
            type: 'Input.Toggle',
            id: 'consent',
            label: 'Your consent',
            title: APPLICATION_CONSENT.agreement,
            valueOn: 'true',
            valueOff: 'false',
          },
          v,
          e,
        ),
      ];
    case 'sensitive':
      return [
        para(SENSITIVE_INTRO),
        para('This card is only ever in your own chat with me. Nobody else sees these answers.', {
          isSubtle: true,
        }),
        ...SENSITIVE_CATEGORIES.flatMap((c) => [
          ...input(
            {
              type: 'Input.ChoiceSet',
              id: c,
              label: SENSITIVE_CATEGORY_WORDS[c],
              style: 'compact',
              placeholder: 'No answer',
              choices: choices(
                SENSITIVE_OPTIONS[c].map((o) => ({
                  title: SENSITIVE_OPTION_WORDS[o] ?? o,
                  value: o,
                })),
              ),
            },
            v,
            e,
          ),
          ...input(
            {
              type: 'Input.Toggle',
              id: consentInputOf(c),
              label: `Consent for: ${SENSITIVE_CATEGORY_WORDS[c]}`,
              title: SENSITIVE_CONSENT_TEXT[c],
              valueOn: 'true',
              valueOff: 'false',
              wrap: true,
            },
            v,
            e,
          ),
        ]),
      ];
    case 'review':
      return reviewBody(d);
  }
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
      ...stepBody(d),
    ],
    actions,
  );
}
