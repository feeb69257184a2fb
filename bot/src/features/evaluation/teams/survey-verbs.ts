import type { OpenSurvey, SaveSurveyAnswers } from '../../../contracts/evaluation-api';
import { saveSurveyAnswersSchema } from '../../../contracts/evaluation-api';
import type { ResponseState } from '../../../contracts/evaluation';
import { type FieldProblem, problemsOf } from '../../../contracts/field-problem';
import { AppError, fieldProblemsOf } from '../../../platform/errors';
import { httpEtag, storedEtagOf } from '../../../platform/http/etag';
import type { CardJson } from '../../../platform/teams/cards/render';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbTable,
  CommandRoute,
} from '../../../platform/teams/turn-routes';
import {
  type Errors,
  type Values,
  SURVEYS_PERSONAL_ONLY,
  answerInputId,
  buildSurveyCard,
  buildSurveyClosedCard,
  buildSurveySentCard,
  buildSurveysNoneCard,
  buildSurveysPersonalOnlyCard,
  quoteInputId,
  savedValues,
} from '../cards/survey-card';
import type { SurveyService } from '../services/survey-service';

/**
 * Surveys in personal chat (docs/cards.md, "Surveys"): the `surveys` command and the card's
 * verbs. Both act for the person who typed or clicked (their Entra object id from the
 * authenticated activity), only in their one-to-one chat, and go through the same contract
 * (`saveSurveyAnswersSchema`) and the same `SurveyService` as `PUT /api/me/surveys/…`.
 */

export const SURVEY_VERBS = ['survey.save', 'survey.send'] as const;
export type SurveyVerb = (typeof SURVEY_VERBS)[number];

export interface SurveyCardDeps {
  surveys: Pick<SurveyService, 'mine' | 'openSurvey' | 'save'>;
}

const STALE =
  'Your answers were saved somewhere else a moment ago (perhaps in the tab). Here are your latest saved answers; nothing from this card was saved.';
const ALREADY_SENT = 'You have already sent this survey; sent answers cannot be changed.';

const text = (data: CardData, key: string) => {
  const value = data[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};

/** The caller's id, lower-case as the API's token gives it; refused when Teams gave none. */
function callerOf(actor: Actor): string {
  const userId = actor.userId.trim().toLowerCase();
  if (!userId) {
    throw AppError.unauthorized(
      'I could not tell who you are. Please message me from Microsoft Teams with your work account.',
    );
  }
  return userId;
}

/** The card for one open survey, from what is saved (or what was typed). */
export function surveyCard(
  survey: OpenSurvey,
  extra: { values?: Values; errors?: Errors; notices?: string[] } = {},
): CardJson {
  const saved = survey.response;
  if (saved?.state === 'submitted') return buildSurveySentCard(survey, ALREADY_SENT);
  return buildSurveyCard({
    survey,
    ...(saved ? { etag: httpEtag(saved.etag) } : {}),
    values: { ...savedValues(saved?.answers ?? []), ...extra.values },
    errors: extra.errors ?? {},
    notices: extra.notices ?? [],
  });
}

/** What the card's inputs hold, by input id (kept when the card is shown again). */
function typedValues(survey: OpenSurvey, data: CardData): Values {
  const values: Values = {};
  for (const item of survey.items) {
    for (const id of [answerInputId(item.id), quoteInputId(item.id)]) {
      if (id in data) values[id] = text(data, id);
    }
  }
  return values;
}

/** The card's inputs as the route's body: only answered items, as the contract reads them. */
function bodyOf(survey: OpenSurvey, data: CardData, state: ResponseState): unknown {
  const answers: unknown[] = [];
  for (const item of survey.items) {
    const raw = text(data, answerInputId(item.id)).trim();
    if (raw === '') continue;
    if (item.kind === 'scale') {
      answers.push({ itemId: item.id, kind: 'scale', value: /^-?\d+$/.test(raw) ? +raw : raw });
    } else {
      const mayQuote = item.asksQuoteConsent && text(data, quoteInputId(item.id)) === 'true';
      answers.push({ itemId: item.id, kind: 'text', text: raw, mayQuote });
    }
  }
  const etag = text(data, 'etag');
  const planVersion = Number(text(data, 'planVersion'));
  return { planVersion, state, answers, ...(etag ? { etag } : {}) };
}

/** Each problem beside its input (`answers.<n>.…` names the n-th answer sent); the rest above. */
function errorsByInput(
  problems: FieldProblem[],
  body: unknown,
): { errors: Errors; general: string[] } {
  const answers = (body as { answers?: { itemId: string }[] }).answers ?? [];
  const errors: Errors = {};
  const general: string[] = [];
  for (const { field, message } of problems) {
    const [head, index, name] = field.split('.');
    const answer = head === 'answers' && index !== undefined ? answers[+index] : undefined;
    if (answer) {
      const id = name === 'mayQuote' ? quoteInputId(answer.itemId) : answerInputId(answer.itemId);
      errors[id] ??= message;
    } else if (field === 'answers') general.push(`Your answers: ${message}.`);
    else general.push(`${field}: ${message}.`);
  }
  return { errors, general };
}

async function save(
  deps: SurveyCardDeps,
  userId: string,
  data: CardData,
  state: ResponseState,
): Promise<CardJson> {
  const cohortId = text(data, 'cohortId');
  const kind = text(data, 'survey');
  let survey: OpenSurvey;
  try {
    survey = await deps.surveys.openSurvey(userId, cohortId, kind);
  } catch (error) {
    // Closed: the card says when, and keeps nothing; anything else is the usual refusal.
    if (error instanceof AppError && error.code === 'survey_closed') {
      return buildSurveyClosedCard({ survey: kind }, error.message);
    }
    throw error;
  }
  if (survey.response?.state === 'submitted') return surveyCard(survey);
  const values = typedValues(survey, data);
  const body = bodyOf(survey, data, state);
  const again = (problems: FieldProblem[]) => {
    const { errors, general } = errorsByInput(problems, body);
    const lead =
      state === 'submitted' ? ['Nothing was sent: please check the answers marked ⚠ below.'] : [];
    return surveyCard(survey, { values, errors, notices: [...lead, ...general] });
  };
  const parsed = saveSurveyAnswersSchema.safeParse(body);
  if (!parsed.success) return again(problemsOf(parsed.error));
  const { etag: given, ...rest } = parsed.data;
  const stored = given === undefined ? undefined : storedEtagOf(given);
  const input: SaveSurveyAnswers = stored === undefined ? rest : { ...rest, etag: stored };
  try {
    if (given !== undefined && stored === undefined) {
      throw AppError.coded('stale', 'conflict', 'This card names no version of your answers');
    }
    const saved = await deps.surveys.save(userId, cohortId, kind, input);
    if (saved.state === 'submitted') return buildSurveySentCard(survey);
    return surveyCard({ ...survey, response: saved }, { notices: ['Saved. You can come back.'] });
  } catch (error) {
    const problems = fieldProblemsOf(error);
    if (problems.length > 0) return again(problems);
    if (error instanceof AppError && error.reason === 'stale') {
      const latest = await deps.surveys.openSurvey(userId, cohortId, kind).catch(() => undefined);
      if (latest) return surveyCard(latest, { notices: [STALE] });
    }
    if (error instanceof AppError && error.code === 'survey_closed') {
      return buildSurveyClosedCard(survey, error.message);
    }
    if (error instanceof AppError && error.code === 'already_submitted') {
      return buildSurveySentCard(survey, ALREADY_SENT);
    }
    throw error;
  }
}

/** `survey.save` (part way) and `survey.send`; in a channel or group chat, a kind pointer. */
export function surveyCardVerbs(deps: SurveyCardDeps): CardVerbTable<SurveyVerb> {
  const privately =
    (state: ResponseState) =>
    async (actor: Actor, data: CardData): Promise<ActionResult> => {
      if (actor.scope !== 'personal') {
        return { card: buildSurveysPersonalOnlyCard(), notices: [] };
      }
      return { card: await save(deps, callerOf(actor), data, state), notices: [] };
    };
  return { 'survey.save': privately('partial'), 'survey.send': privately('submitted') };
}

/**
 * "surveys": the caller's open surveys, one card each. Typed (not in the manifest's command
 * list, which is at Teams' limit of ten), and only in the person's own chat with the bot.
 */
export function surveyCommands(deps: SurveyCardDeps): CommandRoute[] {
  return [
    {
      command: 'surveys',
      description: 'Answer the surveys open to you',
      hidden: true,
      async run({ actor, scope }) {
        if (scope !== 'personal') return { text: SURVEYS_PERSONAL_ONLY };
        const { surveys } = await deps.surveys.mine(callerOf(actor));
        if (surveys.length === 0) return { cards: [buildSurveysNoneCard()] };
        return { cards: surveys.map((s) => surveyCard(s)) };
      },
    },
  ];
}
