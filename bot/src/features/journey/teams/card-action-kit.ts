import { JOURNEY_LIMITS } from '../../../contracts/journey';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type { CardJson } from '../../../platform/teams/cards/render';
import { cardWordsFor } from '../../../platform/teams/card-errors';
import type { ActionResult, Actor, CardData, Notice } from '../../../platform/teams/turn-routes';
import type { FieldErrors } from '../domain/journey-inputs';
import { isRefusal } from '../services/journey-refusals';
import { type PairContext, sides } from '../services/pair-context';
import * as views from './journey-views';

/** One click on a journey card, for one of the clicker's pairs. */
export interface Handling {
  ctx: PairContext;
  participantId: string;
  actor: Actor;
  data: CardData;
  now: Date;
}

/** How one verb is handled, and which card is its latest when the click raced a change. */
export interface VerbRoute {
  handle(h: Handling): Promise<ActionResult>;
  /** The current version of the card this verb belongs to (shown after a lost race). */
  latest(h: Handling): CardJson;
}

export function message(title: string, ...lines: string[]): CardJson {
  return buildConfirmationCard({ title, lines });
}

export const done = (card: CardJson, notices: Notice[] = []): ActionResult => ({ card, notices });

export function str(data: CardData, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The most of one typed input a re-rendered card carries (the longest journey text). */
const TYPED_MAX = JOURNEY_LIMITS.reviewText;

/**
 * The submitted inputs, as strings, for re-rendering a card with what the person typed; an
 * input far over every limit is cut, so a card never carries a whole flood back.
 */
export function valuesOf(data: CardData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[key] = String(value).slice(0, TYPED_MAX);
    }
  }
  return values;
}

export function form(data: CardData, errors: FieldErrors) {
  return { errors, values: valuesOf(data) };
}

/** A notice for the partner, when they can be reached in Teams (else none). */
export function toPartner(ctx: PairContext, participantId: string, card: CardJson): Notice[] {
  const { partner } = sides(ctx, participantId)!;
  return partner.userId ? [{ userId: partner.userId, card }] : [];
}

/** Most verbs' latest card: the next meeting, or the window that needs one. */
export function nextMeetingLatest({ ctx, participantId, actor, now }: Handling): CardJson {
  return views.nextMeetingCard(ctx, participantId, actor.timeZone, now);
}

/**
 * Runs a change; when the journey refuses it (an AppError such as "This pairing is not meeting
 * just now"), the card shows `otherwise`'s card, or the refusal's words under `title`.
 */
export async function unlessRefused(
  otherwise: string | (() => CardJson),
  act: () => Promise<ActionResult>,
): Promise<ActionResult> {
  try {
    return await act();
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (typeof otherwise !== 'string') return done(otherwise());
    return done(message(otherwise, ...(cardWordsFor(error)?.lines ?? [error.message])));
  }
}
