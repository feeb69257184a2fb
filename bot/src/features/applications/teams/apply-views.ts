import { type MyApplication, type OpenCohort } from '../../../contracts/applications';
import { AppError } from '../../../platform/errors';
import { httpEtag, storedEtagOf } from '../../../platform/http/etag';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { Actor } from '../../../platform/teams/turn-routes';
import { buildApplyCard } from '../cards/apply-card';
import type { Errors, Values } from '../cards/apply-card-kit';
import { type ApplyStep, savedValues } from '../cards/apply-card-steps';
import {
  type OtherCohort,
  buildApplyClosedCard,
  buildApplyListCard,
  buildApplyStatusCard,
} from '../cards/apply-card-status';
import type { Applicant } from '../ports';

/**
 * Who applies, and which card shows their application: the Teams side of the same rules the
 * routes keep. The applicant is always the person who clicked or typed (their Entra object id
 * from the authenticated activity, lower-case as the API's token gives it), never anyone a card
 * names; applying happens only in their personal chat with the bot.
 */

export class NotPersonalChat extends Error {}

export async function applicantOf(actor: Actor): Promise<Applicant> {
  if (actor.scope !== 'personal') throw new NotPersonalChat();
  const userId = actor.userId.trim().toLowerCase();
  if (!userId) {
    throw AppError.unauthorized(
      'I could not tell who you are. Please message me from Microsoft Teams with your work account.',
    );
  }
  const email = await actor.email?.();
  return {
    userId,
    name: actor.name?.trim() || 'Name not given by Teams',
    ...(email ? { email: email.address } : {}),
  };
}

/** The form can be filled in: a draft (or a withdrawn one) while the window is not closed. */
const editable = (view: MyApplication) => view.status === 'draft' || view.status === 'withdrawn';

/** The closing-date refusal, with the date in words. */
export function closedCard(view: MyApplication, message?: string): CardJson {
  return buildApplyClosedCard({
    cohortId: view.cohortId,
    cohortName: view.cohortName,
    message:
      message ??
      `Applications closed on ${view.window?.closesWords ?? 'the closing date'}. Ask to hear about the next cohort instead`,
  });
}

export function statusCard(view: MyApplication, title?: string): CardJson {
  return buildApplyStatusCard({
    cohortId: view.cohortId,
    cohortName: view.cohortName,
    status: view.status,
    open: view.window?.state === 'open',
    ...(title ? { title } : {}),
  });
}

/** A step of the form from the saved application, with typed values and problems when given. */
export function stepCard(
  view: MyApplication,
  step: ApplyStep,
  extra: { values?: Values; errors?: Errors; notices?: string[] } = {},
): CardJson {
  return buildApplyCard({
    cohortId: view.cohortId,
    cohortName: view.cohortName,
    step,
    ...(view.etag ? { etag: httpEtag(view.etag) } : {}),
    form: view.form,
    ...(view.window ? { closesWords: view.window.closesWords } : {}),
    values: { ...savedValues(view.answers, view.sensitive.answers, view.form), ...extra.values },
    errors: extra.errors ?? {},
    notices: extra.notices ?? [],
    answers: view.answers,
    sensitive: view.sensitive.answers,
  });
}

/** The card for the application as it stands: the form, the closed refusal, or its status. */
export function currentCard(view: MyApplication, step: ApplyStep = 'about'): CardJson {
  if (!editable(view)) return statusCard(view);
  if (view.window?.state === 'closed') return closedCard(view);
  if (view.status === 'withdrawn' && view.window?.state !== 'open') return statusCard(view);
  return stepCard(view, step);
}

export function listCard(open: OpenCohort[], others: OtherCohort[]): CardJson {
  return buildApplyListCard(open, others);
}

/**
 * The stored version a card names (it carries the ETag as the API hands it out), undefined when
 * it names none; anything else is refused before storage is asked, as a stale card.
 */
export function cardEtag(value: string): string | undefined {
  if (value === '') return undefined;
  const stored = storedEtagOf(value);
  if (stored === undefined) {
    throw AppError.coded('stale', 'conflict', 'This card names no version of your application');
  }
  return stored;
}
