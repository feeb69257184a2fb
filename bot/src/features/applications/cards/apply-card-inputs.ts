import {
  APPLICATION_ARRANGEMENTS,
  APPLICATION_CONSENT,
  APPLICATION_LIMITS,
  APPLICATION_ROLES,
  AVAILABILITY_SLOTS,
  AVAILABILITY_SLOT_WORDS,
  type ApplicationFormOptions,
  MEETING_MODES,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_WORDS,
  SENSITIVE_CONSENT_TEXT,
  SENSITIVE_INTRO,
  SENSITIVE_OPTIONS,
  SENSITIVE_OPTION_WORDS,
} from '../../../contracts/applications';
import { type Errors, type Values, choices, input, para } from './apply-card-kit';
import { type ApplyStep, consentInputOf } from './apply-card-steps';

/**
 * The inputs of each step of the chat application form, built from the cohort's ladder and
 * perspectives and the contract's enums, limits and consent words.
 */

export interface StepInputsData {
  step: ApplyStep;
  form: ApplicationFormOptions;
  values: Values;
  errors?: Errors;
}

export const ROLE_WORDS = { mentor: 'Mentor', mentee: 'Mentee', either: 'Either' };
export const ARRANGEMENT_WORDS = {
  reverse: 'Reverse (the more junior person mentors)',
  reciprocal: 'Reciprocal (each mentors the other)',
  either: 'Either',
};
export const MODE_WORDS = { online: 'Online (Teams)', 'in-person': 'In person', either: 'Either' };

const words = <T extends string>(list: readonly T[], w: Record<T, string>) =>
  choices(list.map((value) => ({ title: w[value], value })));

/** The inputs of one step (none for the review), with values and problems beside them. */
export function stepInputs(d: StepInputsData): object[] {
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
      return [];
  }
}
