import { type MyApplication, sensitiveAnswersSchema } from '../../../contracts/applications';
import { problemsOf } from '../../../contracts/field-problem';
import { AppError, fieldProblemsOf } from '../../../platform/errors';
import type { CardJson } from '../../../platform/teams/cards/render';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbTable,
} from '../../../platform/teams/turn-routes';
import {
  APPLY_STEP_TITLES,
  type ApplyStep,
  draftBodyOf,
  errorsByInput,
  isApplyStep,
  sensitiveBodyOf,
  stepOfInput,
  typed,
  typedValues,
} from '../cards/apply-card-steps';
import { buildInterestCard, buildPersonalOnlyCard } from '../cards/apply-card-status';
import type { Applicant } from '../ports';
import type { ApplicationService } from '../services/application-service';
import type { ApplicationSettingsService } from '../services/application-settings-service';
import type { SensitiveService } from '../services/sensitive-service';
import {
  NotPersonalChat,
  applicantOf,
  cardEtag,
  closedCard,
  currentCard,
  listCard,
  statusCard,
  stepCard,
} from './apply-views';

/** The apply card's verbs (docs/cards.md, "Apply"). */
export const APPLY_VERBS = [
  'apply.list',
  'apply.open',
  'apply.step',
  'apply.submit',
  'apply.withdraw',
  'apply.interest',
] as const;
export type ApplyVerb = (typeof APPLY_VERBS)[number];

/** What the apply verbs and command use: the same service methods as the routes. */
export interface ApplyDeps {
  applications: Pick<
    ApplicationService,
    'mine' | 'openFor' | 'saveDraft' | 'submit' | 'withdraw' | 'setInterest'
  >;
  settings: Pick<ApplicationSettingsService, 'notOpen'>;
  sensitive: Pick<SensitiveService, 'save'>;
}

const STALE =
  'Your application was changed somewhere else a moment ago (perhaps in the tab). Here is the latest; nothing from this card was saved.';

const card = (json: CardJson): ActionResult => ({ card: json, notices: [] });

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : '');
const isStale = (error: unknown) =>
  error instanceof AppError &&
  (error.reason === 'stale' || error.reason === 'precondition_required');
const CLOSED_CODES = ['applications_closed', 'cohort_closed'];

/** The open cohorts, or when none, those to hear about next. */
export async function applyList(deps: ApplyDeps, me: Applicant): Promise<CardJson> {
  const { cohorts } = await deps.applications.openFor(me);
  const others = cohorts.length === 0 ? await deps.settings.notOpen() : [];
  return listCard(cohorts, others);
}

/**
 * Saves one step: the draft (the same service and contract as `PUT …/applications/mine/draft`,
 * guarded by the ETag the card carries) or the special-category answers (as
 * `PUT …/mine/sensitive`). Returns the saved application, or the card to show instead.
 */
async function saveStep(
  deps: ApplyDeps,
  me: Applicant,
  view: MyApplication,
  step: ApplyStep,
  data: CardData,
): Promise<MyApplication | CardJson> {
  const { cohortId } = view;
  if (step === 'review') return view;
  if (step === 'sensitive') {
    const parsed = sensitiveAnswersSchema.safeParse(sensitiveBodyOf(data));
    if (!parsed.success) {
      const { errors, general } = errorsByInput(problemsOf(parsed.error));
      return stepCard(view, step, { values: typedValues(step, data), errors, notices: general });
    }
    await deps.sensitive.save(cohortId, me.userId, parsed.data);
    return deps.applications.mine(cohortId, me);
  }
  try {
    const etag = cardEtag(typed(data, 'etag'));
    return await deps.applications.saveDraft(
      cohortId,
      me,
      etag,
      draftBodyOf(step, data, view.form),
    );
  } catch (error) {
    const problems = fieldProblemsOf(error);
    if (problems.length > 0) {
      const { errors, general } = errorsByInput(problems);
      return stepCard(view, step, { values: typedValues(step, data), errors, notices: general });
    }
    if (isStale(error)) {
      return stepCard(await deps.applications.mine(cohortId, me), step, { notices: [STALE] });
    }
    if (CLOSED_CODES.includes(codeOf(error))) return closedCard(view, (error as Error).message);
    if (codeOf(error) === 'application_not_editable') {
      return statusCard(await deps.applications.mine(cohortId, me));
    }
    throw error;
  }
}

async function submit(deps: ApplyDeps, me: Applicant, data: CardData): Promise<CardJson> {
  const cohortId = typed(data, 'cohortId');
  const view = await deps.applications.mine(cohortId, me);
  if (view.status !== 'draft' && view.status !== 'withdrawn') return statusCard(view);
  try {
    const etag = cardEtag(typed(data, 'etag'));
    const sent = await deps.applications.submit(cohortId, me, etag, {});
    return statusCard(sent, 'Application sent');
  } catch (error) {
    const problems = fieldProblemsOf(error);
    if (problems.length > 0) {
      const { errors, general } = errorsByInput(problems);
      const steps = [...new Set(Object.keys(errors).map(stepOfInput))].filter(
        (s): s is ApplyStep => s !== undefined,
      );
      const first = steps[0] ?? 'review';
      const others = steps.slice(1).map((s) => APPLY_STEP_TITLES[s]);
      const notices = [
        'Before you can send it, please answer or change the questions marked ⚠ below.',
        ...(others.length > 0 ? [`Also check: ${others.join('; ')}.`] : []),
        ...general,
      ];
      return stepCard(view, first, { errors, notices });
    }
    if (isStale(error)) {
      return stepCard(await deps.applications.mine(cohortId, me), 'review', { notices: [STALE] });
    }
    if (CLOSED_CODES.includes(codeOf(error))) return closedCard(view, (error as Error).message);
    if (codeOf(error) === 'applications_not_open') {
      return stepCard(view, 'review', { notices: [(error as Error).message] });
    }
    throw error;
  }
}

/**
 * The apply verbs. Each acts for the person who clicked (their object id from the
 * authenticated activity; any id a card sends besides the cohort's is ignored) and only in their
 * personal chat: in a channel or group chat the answer is a kind "let's do this in private".
 * Refusals the service throws (no such cohort, nothing to withdraw) are shown in their card words.
 */
export function applyCardVerbs(deps: ApplyDeps): CardVerbTable<ApplyVerb> {
  const privately =
    (handler: (me: Applicant, data: CardData) => Promise<CardJson>) =>
    async (actor: Actor, data: CardData): Promise<ActionResult> => {
      let me: Applicant;
      try {
        me = await applicantOf(actor);
      } catch (error) {
        if (error instanceof NotPersonalChat) return card(buildPersonalOnlyCard());
        throw error;
      }
      return card(await handler(me, data));
    };
  return {
    'apply.list': privately((me) => applyList(deps, me)),
    'apply.open': privately(async (me, data) => {
      const view = await deps.applications.mine(typed(data, 'cohortId'), me);
      return currentCard(view, isApplyStep(data.step) ? data.step : 'about');
    }),
    'apply.step': privately(async (me, data) => {
      const view = await deps.applications.mine(typed(data, 'cohortId'), me);
      const step = isApplyStep(data.step) ? data.step : undefined;
      const editable = view.status === 'draft' || view.status === 'withdrawn';
      if (!step || !editable || view.window?.state === 'closed') return currentCard(view);
      const saved = await saveStep(deps, me, view, step, data);
      if ('type' in saved && saved.type === 'AdaptiveCard') return saved;
      return stepCard(saved as MyApplication, isApplyStep(data.to) ? data.to : step);
    }),
    'apply.submit': privately((me, data) => submit(deps, me, data)),
    'apply.withdraw': privately(async (me, data) => {
      const view = await deps.applications.withdraw(typed(data, 'cohortId'), me);
      return statusCard(view, 'Application withdrawn');
    }),
    'apply.interest': privately(async (me, data) => {
      await deps.applications.setInterest(typed(data, 'cohortId'), me, true);
      return buildInterestCard();
    }),
  };
}
