import {
  type AnnounceCommandDeps,
  announcementCommands,
  announcementCardVerbs,
} from '../features/announcements';
import type { AnnouncementActions } from '../features/announcements';
import { type ApplyDeps, applyCardVerbs, applyCommands } from '../features/applications/index';
import { type SurveyCardDeps, surveyCardVerbs, surveyCommands } from '../features/evaluation/index';
import { type CalendarCardDeps, calendarCardVerbs } from '../features/calendar/index';
import { type ReviewCardDeps, reviewCardVerbs } from '../features/applications/index';
import { buildHelpCard, buildWelcomeCard } from '../features/help/index';
import { type MyDataCommandDeps, myDataCommand } from '../features/data-rights/index';
import {
  type CardActionDeps,
  type JourneyCommandDeps,
  journeyCardVerbs,
  journeyCommands,
} from '../features/journey/index';
import type { BotRoutes } from '../platform/teams/activity-handler';
import type { CardJson } from '../platform/teams/cards/render';
import {
  type CardVerbHandler,
  type CommandRoute,
  mergeCardVerbs,
  mergeCommands,
} from '../platform/teams/turn-routes';

/** What the features' card verbs and commands are built from. */
export interface BotFeatureDeps {
  journey: CardActionDeps & JourneyCommandDeps;
  calendar: CalendarCardDeps;
  announcementActions: AnnouncementActions;
  announce: AnnounceCommandDeps;
  review: ReviewCardDeps;
  apply: ApplyDeps;
  survey: SurveyCardDeps;
  myData: MyDataCommandDeps;
}

/** Every card verb, one table: a verb claimed twice stops the service at start. */
export function botCardVerbs(deps: BotFeatureDeps): ReadonlyMap<string, CardVerbHandler> {
  return mergeCardVerbs(
    journeyCardVerbs(deps.journey),
    calendarCardVerbs(deps.calendar),
    announcementCardVerbs(deps.announcementActions),
    reviewCardVerbs(deps.review),
    applyCardVerbs(deps.apply),
    surveyCardVerbs(deps.survey),
  );
}

/**
 * Every text command, in the order help lists them. The help card and the manifest's command
 * list are built from (and tested against) this one list.
 */
export function botCommands(deps: BotFeatureDeps): readonly CommandRoute[] {
  const help: CommandRoute = {
    command: 'help',
    description: 'What I can do and how to reach your programme team',
    run: async () => ({ cards: [helpCard(commands)] }),
  };
  const commands = mergeCommands(
    [help],
    journeyCommands(deps.journey),
    applyCommands(deps.apply),
    surveyCommands(deps.survey),
    announcementCommands(deps.announce),
    [myDataCommand(deps.myData)],
  );
  return commands;
}

/** The commands a person is shown: in help and in the manifest's command list. */
export function listedCommands(commands: readonly CommandRoute[]) {
  return commands
    .filter((c) => !c.hidden)
    .map(({ command, description }) => ({ command, description }));
}

function helpCard(commands: readonly CommandRoute[]): CardJson {
  return buildHelpCard({ commands: listedCommands(commands) });
}

/** The activity handler's routes: the merged tables and the cards no feature owns alone. */
export function botRoutes(
  deps: BotFeatureDeps,
  platform: Pick<BotRoutes, 'sender' | 'conversations' | 'now' | 'log' | 'onInstalled'>,
  options: { publicUrl?: string } = {},
): BotRoutes {
  const commands = botCommands(deps);
  return {
    ...platform,
    cardVerbs: botCardVerbs(deps),
    commands,
    welcomeCard: (input) => buildWelcomeCard({ ...input, publicUrl: options.publicUrl }),
    helpCard: () => helpCard(commands),
  };
}

/** Stands in for every dependency when only the tables' shape is read: calling it is a bug. */
function unwired(path: string): unknown {
  const fail = () => {
    throw new Error(`${path} is not wired: the command catalogue only reads the table`);
  };
  return new Proxy(fail, { get: (_target, key) => unwired(`${path}.${String(key)}`) });
}

/**
 * The commands as help and the manifest list them, read from the same table the bot routes by
 * (built over dependencies that are never called).
 */
export function commandCatalogue(): { command: string; description: string }[] {
  return listedCommands(botCommands(unwired('deps') as BotFeatureDeps));
}
