import type { OpenSurvey } from '../../../contracts/evaluation-api';
import {
  type Answer,
  EVALUATION_LIMITS,
  type SurveyItem,
  type SurveyKind,
} from '../../../contracts/evaluation';
import { finishCard } from '../../../platform/teams/cards/card-kit';
import { type CardJson, cardTemplate, heading } from '../../../platform/teams/cards/render';

/**
 * A survey in chat (issue 16, "Asking kindly"): the items of the person's side (scales as
 * choice sets, free text with its "may be quoted anonymously" tick), their saved answers or what
 * they just typed, each problem right below its input, the closing date in words. Built as plain
 * JSON (no template is expanded, so nothing anyone typed is ever evaluated) and finished like
 * every card (safe links, an Action.Submit fallback on each Action.Execute).
 */

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

export const SURVEY_WORDS: Record<SurveyKind, string> = {
  baseline: 'Starting survey',
  pulse: 'Mid-point check-in',
  final: 'Final survey',
};

export const SURVEYS_PERSONAL_ONLY =
  'Surveys are confidential, so I only show them in our one-to-one chat. Open a chat with me (search for Reverse mentoring in Teams chat) and say "surveys" there.';

const CONFIDENTIAL =
  'Your answers are confidential: your partner, other participants and the programme team never see them. Only figures about five or more people leave the survey.';

/** The input of an item's answer, and of its "may be quoted" tick. */
export const answerInputId = (itemId: string) => `answer.${itemId}`;
export const quoteInputId = (itemId: string) => `quote.${itemId}`;

const para = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** A warning line: a leading sign, so its meaning is not carried by colour alone. */
const warning = (text: string, id?: string) => ({
  type: 'TextBlock',
  ...(id ? { id } : {}),
  text: `⚠ ${text}`,
  color: 'Attention',
  wrap: true,
  spacing: 'None',
});

function surveyCard(body: object[], actions: object[]): CardJson {
  const card = cardTemplate(body, actions) as CardJson;
  finishCard(card);
  return card;
}

/** The saved answers as the inputs' values. */
export function savedValues(answers: readonly Answer[]): Values {
  const values: Values = {};
  for (const answer of answers) {
    if (answer.kind === 'scale') values[answerInputId(answer.itemId)] = String(answer.value);
    else {
      values[answerInputId(answer.itemId)] = answer.text;
      values[quoteInputId(answer.itemId)] = answer.mayQuote ? 'true' : 'false';
    }
  }
  return values;
}

function itemInputs(item: SurveyItem, values: Values, errors: Errors): object[] {
  const id = answerInputId(item.id);
  const value = values[id] ?? '';
  const below = (inputId: string) =>
    errors[inputId] ? [warning(errors[inputId]!, `${inputId}-error`)] : [];
  if (item.kind === 'scale') {
    const { min, max, minLabel, maxLabel } = item.scale;
    const choices = [];
    for (let point = min; point <= max; point += 1) {
      const words = point === min ? ` – ${minLabel}` : point === max ? ` – ${maxLabel}` : '';
      choices.push({ title: `${point}${words}`, value: String(point) });
    }
    return [
      {
        type: 'Input.ChoiceSet',
        id,
        label: item.text,
        style: 'expanded',
        choices,
        ...(value !== '' ? { value } : {}),
      },
      ...below(id),
    ];
  }
  const quote = quoteInputId(item.id);
  return [
    {
      type: 'Input.Text',
      id,
      label: item.text,
      isMultiline: true,
      maxLength: EVALUATION_LIMITS.answerText,
      ...(value !== '' ? { value } : {}),
    },
    ...below(id),
    ...(item.asksQuoteConsent
      ? [
          {
            type: 'Input.Toggle',
            id: quote,
            title: 'My answer may be quoted anonymously (no name, no role)',
            valueOn: 'true',
            valueOff: 'false',
            value: values[quote] === 'true' ? 'true' : 'false',
          },
          ...below(quote),
        ]
      : []),
  ];
}

export interface SurveyCardData {
  survey: OpenSurvey;
  /** The saved answers' ETag as the API hands it out; absent before the first save. */
  etag?: string;
  values: Values;
  errors?: Errors;
  notices?: string[];
}

/** One open survey as a card: its items, values and problems, "Save for later" and "Send". */
export function buildSurveyCard(d: SurveyCardData): CardJson {
  const { survey } = d;
  const errors = d.errors ?? {};
  const data = {
    cohortId: survey.cohortId,
    survey: survey.survey,
    planVersion: survey.planVersion,
    etag: d.etag ?? '',
  };
  const action = (title: string, verb: string, style?: 'positive') => ({
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
  });
  return surveyCard(
    [
      heading(`${SURVEY_WORDS[survey.survey]}: ${survey.cohortName}`),
      para(`Open until ${survey.closesOn}. Answer what you can; you can save and come back.`),
      para(CONFIDENTIAL, { isSubtle: true, size: 'Small' }),
      ...(d.notices ?? []).map((n) => warning(n)),
      ...survey.items.flatMap((item) => itemInputs(item, d.values, errors)),
    ],
    [action('Save for later', 'survey.save'), action('Send', 'survey.send', 'positive')],
  );
}

/** After sending (or when already sent): thanks, and none of the answers. */
export function buildSurveySentCard(
  d: { cohortName: string; survey: SurveyKind },
  message = 'Thank you: your answers were sent.',
): CardJson {
  return surveyCard(
    [
      heading(`${SURVEY_WORDS[d.survey]}: ${d.cohortName}`),
      para(message),
      para(CONFIDENTIAL, { isSubtle: true, size: 'Small' }),
    ],
    [],
  );
}

/** A survey that can no longer be answered (closed), with the date in words. */
export function buildSurveyClosedCard(d: { survey: string }, message: string): CardJson {
  const kind = d.survey as SurveyKind;
  const title = SURVEY_WORDS[kind] ?? 'Survey';
  return surveyCard([heading(`${title}: closed`), para(message)], []);
}

export function buildSurveysNoneCard(): CardJson {
  return surveyCard(
    [
      heading('No surveys open'),
      para('You have no survey to answer right now. I will send you one when it opens.'),
    ],
    [],
  );
}

export function buildSurveysPersonalOnlyCard(): CardJson {
  return surveyCard([heading('Let’s do this in private'), para(SURVEYS_PERSONAL_ONLY)], []);
}
