import type { AdaptiveCardInvokeResponse, InvokeResponse } from 'botbuilder';
import { malformedIdFields } from '../../contracts/ids';
import { AppError } from '../errors';
import { cardWordsFor } from './card-errors';
import { buildConfirmationCard } from './cards/confirmation-card';
import type { CardJson } from './cards/render';
import { MESSAGES } from './messages';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbHandler,
  CommandReply,
  CommandRoute,
  CommandTurn,
} from './turn-routes';

/** How a card verb or a command is run, and what a refused or out-of-turn click gets back. */

/**
 * The card for a refusal: an AppError a service threw on purpose (not someone's pair, not
 * invited, not a coordinator…), in its reason's card words (`cardWordsFor`), which carry the
 * refusal's own message and nothing of what was refused. An outage (`unavailable`) and anything
 * else go to the adapter's turn-error policy.
 */
function refusalCard(error: unknown): CardJson | undefined {
  if (!(error instanceof AppError) || error.reason === 'unavailable') return undefined;
  const words = cardWordsFor(error);
  return words ? buildConfirmationCard(words) : undefined;
}

/**
 * What a click that cannot be acted on gets (an unknown verb, an invoke without its action, a
 * card whose ids are damaged): a short card saying so, in place of the clicked one.
 */
export function outOfTurnCard(): CardJson {
  return buildConfirmationCard({
    title: 'This card is out of date',
    lines: [MESSAGES.outOfTurn],
  });
}

/** An `adaptiveCard/action` invoke's value with the shape the library reads. */
export function isExecuteInvoke(value: unknown): boolean {
  const action = (value as { action?: unknown } | null | undefined)?.action;
  if (!action || typeof action !== 'object') return false;
  const { type, verb, data } = action as { type?: unknown; verb?: unknown; data?: unknown };
  const dataOk = data === undefined || (typeof data === 'object' && !Array.isArray(data));
  return type === 'Action.Execute' && typeof verb === 'string' && dataOk;
}

export function cardInvokeBody(json: CardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: json };
}

export function cardInvokeResponse(json: CardJson): InvokeResponse {
  return { status: 200, body: cardInvokeBody(json) };
}

/**
 * Runs a card verb; a refusal is answered with its card words in place of the clicked card.
 * A card whose `…Id` fields break the one id rule names nothing: it is answered before the
 * handler (and any storage call) runs.
 */
export async function runVerb(
  handler: CardVerbHandler,
  actor: Actor,
  data: CardData,
): Promise<ActionResult> {
  if (malformedIdFields(data).length > 0) return { card: outOfTurnCard(), notices: [] };
  try {
    return await handler(actor, data);
  } catch (error) {
    const refused = refusalCard(error);
    if (!refused) throw error;
    return { card: refused, notices: [] };
  }
}

/** Runs a command; a refusal is answered with its card words. */
export async function runCommand(route: CommandRoute, turn: CommandTurn): Promise<CommandReply> {
  try {
    return await route.run(turn);
  } catch (error) {
    const refused = refusalCard(error);
    if (!refused) throw error;
    return { cards: [refused] };
  }
}
