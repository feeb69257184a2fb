import * as z from 'zod';

/**
 * Special-category answers (UK GDPR art. 9): ethnicity, disability, sexual orientation, religion
 * or belief. Each is optional and carries its own consent; they are stored apart from the
 * application (their own table), shown only to the person who gave them, used only for matching
 * (as opaque tokens, never as values) and reported only in aggregates of at least five people.
 * Pure (zod only): the tab's form and the chat card check with this schema.
 */

export const SENSITIVE_CATEGORIES = [
  'ethnicity',
  'disability',
  'sexualOrientation',
  'religion',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';

export const SENSITIVE_OPTIONS = {
  ethnicity: ['asian', 'black', 'mixed', 'white', 'other', PREFER_NOT_TO_SAY],
  disability: ['yes', 'no', PREFER_NOT_TO_SAY],
  sexualOrientation: ['bisexual', 'gay-or-lesbian', 'heterosexual', 'other', PREFER_NOT_TO_SAY],
  religion: [
    'no-religion',
    'buddhist',
    'christian',
    'hindu',
    'jewish',
    'muslim',
    'sikh',
    'other',
    PREFER_NOT_TO_SAY,
  ],
} as const satisfies Record<SensitiveCategory, readonly string[]>;

export const SENSITIVE_OPTION_WORDS: Record<string, string> = {
  asian: 'Asian or Asian British',
  black: 'Black, Black British, Caribbean or African',
  mixed: 'Mixed or multiple ethnic groups',
  white: 'White',
  other: 'Another answer',
  yes: 'Yes',
  no: 'No',
  bisexual: 'Bisexual',
  'gay-or-lesbian': 'Gay or lesbian',
  heterosexual: 'Heterosexual or straight',
  'no-religion': 'No religion',
  buddhist: 'Buddhist',
  christian: 'Christian',
  hindu: 'Hindu',
  jewish: 'Jewish',
  muslim: 'Muslim',
  sikh: 'Sikh',
  [PREFER_NOT_TO_SAY]: 'Prefer not to say',
};

export const SENSITIVE_CATEGORY_WORDS: Record<SensitiveCategory, string> = {
  ethnicity: 'Ethnicity',
  disability: 'Disability or long-term condition',
  sexualOrientation: 'Sexual orientation',
  religion: 'Religion or belief',
};

/** The consent each answer needs, in plain words, shown beside its question. */
export const SENSITIVE_CONSENT_TEXT: Record<SensitiveCategory, string> = {
  ethnicity:
    'I agree that the programme team may use my ethnicity only to match me with someone whose experience differs from mine. My partner and other participants will never see it. Reports use it only in groups of five people or more.',
  disability:
    'I agree that the programme team may use whether I am disabled only to match me with someone whose experience differs from mine. My partner and other participants will never see it. Reports use it only in groups of five people or more.',
  sexualOrientation:
    'I agree that the programme team may use my sexual orientation only to match me with someone whose experience differs from mine. My partner and other participants will never see it. Reports use it only in groups of five people or more.',
  religion:
    'I agree that the programme team may use my religion or belief only to match me with someone whose experience differs from mine. My partner and other participants will never see it. Reports use it only in groups of five people or more.',
};

/** Said once above the questions. */
export const SENSITIVE_INTRO =
  'These questions are optional. Answer only what you are comfortable sharing. Each answer needs its own consent; you can change or delete your answers at any time, and they are deleted when the programme ends.';

const answer = <T extends readonly [string, ...string[]]>(options: T) =>
  z
    .object({
      value: z.enum(options, { message: `must be one of: ${options.join(', ')}` }),
      consent: z.literal(true, {
        message: 'tick the consent for this answer, or leave the answer out',
      }),
    })
    .strict();

/** `PUT /api/cohorts/{cohortId}/applications/mine/sensitive`: the whole set (missing = none). */
export const sensitiveAnswersSchema = z
  .object({
    ethnicity: answer(SENSITIVE_OPTIONS.ethnicity).optional(),
    disability: answer(SENSITIVE_OPTIONS.disability).optional(),
    sexualOrientation: answer(SENSITIVE_OPTIONS.sexualOrientation).optional(),
    religion: answer(SENSITIVE_OPTIONS.religion).optional(),
  })
  .strict();

export type SensitiveAnswers = z.infer<typeof sensitiveAnswersSchema>;

/** What the author reads back (only ever the author). */
export interface MySensitiveAnswers {
  cohortId: string;
  answers: SensitiveAnswers;
  /** ISO instant of the last change, absent when nothing is stored. */
  updatedAt?: string;
}
