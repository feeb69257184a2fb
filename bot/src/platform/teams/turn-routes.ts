import type { CardJson } from './cards/render';
import type { EmailHint } from '../vouched-email';

/**
 * The bot's typed route tables: card verbs (Action.Execute and Action.Submit), text commands
 * and job kinds. Each feature exports its own table; app/ merges them once
 * (`mergeCardVerbs`, `mergeCommands`), the activity handler dispatches on them, and the help card
 * and the manifest's command list are built from the same commands. A feature declares its
 * verbs as a `const` list and its table as `Record<Verb, Handler>`, so a verb without a handler
 * does not compile, and adding one is one line in one place.
 */

/** Who clicked or typed, as Teams told us. */
export interface Actor {
  /** Entra object id ('' when Teams gave none). */
  userId: string;
  /** Display name Teams gave, when known. */
  name?: string;
  /** The person's own IANA time zone (Teams sends it on every activity). */
  timeZone: string;
  /** Reads the person's email from the Teams roster of the activity's tenant, to link them the first time. */
  email?: EmailHint;
  /** Where the click or message came from (a personal chat, a team's channel, a group chat). */
  scope?: TurnScope;
}

/** A message an action causes for someone else (the partner, or the coordinator). */
export interface Notice {
  /** Entra object id of the person to tell. */
  userId: string;
  card: CardJson;
}

export interface ActionResult {
  /** The card that replaces the one that was clicked. */
  card: CardJson;
  notices: Notice[];
}

/** A card's submitted data, as Teams sends it (every value is untrusted). */
export type CardData = Record<string, unknown>;

export type CardVerbHandler = (actor: Actor, data: CardData) => Promise<ActionResult>;

/** One feature's card verbs: every verb of `V` has exactly one handler. */
export type CardVerbTable<V extends string> = Record<V, CardVerbHandler>;

/** What a text command answers with: cards, or a plain sentence. */
export type CommandReply = { cards: CardJson[] } | { text: string };

/** Where the command was typed. */
export type TurnScope = 'personal' | 'team' | 'groupChat';

export interface CommandTurn {
  actor: Actor;
  scope: TurnScope;
}

export interface CommandRoute {
  /** What the person types, normalised (lower case, single spaces): `my pair`. */
  command: string;
  /** One line for the help card and the manifest's command list. */
  description: string;
  /** Not listed in help or the manifest (`announce` is for coordinators only). */
  hidden?: boolean;
  run(turn: CommandTurn): Promise<CommandReply>;
}

/** Merges the features' verb tables; a verb claimed twice is a wiring mistake, refused at start. */
export function mergeCardVerbs(
  ...tables: Record<string, CardVerbHandler>[]
): ReadonlyMap<string, CardVerbHandler> {
  const merged = new Map<string, CardVerbHandler>();
  for (const table of tables) {
    for (const [verb, handler] of Object.entries(table)) {
      if (merged.has(verb)) throw new Error(`Card verb ${verb} is handled twice`);
      merged.set(verb, handler);
    }
  }
  return merged;
}

/** Merges the features' commands in the order given (the order help lists them). */
export function mergeCommands(...lists: readonly CommandRoute[][]): readonly CommandRoute[] {
  const merged: CommandRoute[] = [];
  for (const route of lists.flat()) {
    if (merged.some((r) => r.command === route.command))
      throw new Error(`Command "${route.command}" is handled twice`);
    merged.push(route);
  }
  return merged;
}
