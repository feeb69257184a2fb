import type { Logger } from '../../../platform/logger';
import { ConflictError } from '../../../platform/storage/errors';
import type {
  ActionResult,
  Actor,
  CardData,
  CardVerbTable,
} from '../../../platform/teams/turn-routes';
import { JOURNEY_VERBS, type JourneyVerb } from '../cards/journey-verbs';
import type { JourneyService } from '../services/journey-service';
import { type Handling, type VerbRoute, done, str } from './card-action-kit';
import { type ContractActionDeps, contractActions } from './contract-actions';
import { type MeetingActionDeps, meetingActions } from './meeting-actions';
import { type PairActionDeps, pairActions } from './pair-actions';

export type { ActionResult, Actor, Notice } from '../../../platform/teams/turn-routes';

/** What the journey's card handlers use. */
export interface CardActionDeps extends ContractActionDeps, MeetingActionDeps, PairActionDeps {
  journey: ContractActionDeps['journey'] &
    PairActionDeps['journey'] &
    Pick<JourneyService, 'requirePair' | 'load'>;
  now: () => Date;
  log: Logger;
}

/**
 * The journey's card verbs, one handler each (a verb without one does not compile). Each
 * handler validates the submission; an invalid one re-renders the same card with messages
 * beside the fields and the person's text kept, and nothing is saved. Who may click is the
 * pair's API check (`JourneyService.requirePair`): anyone but its partners is refused with its
 * `not_found` (shown in the card's words by the activity handler); a click that raced someone else's change (usually the partner's)
 * gets the current version of its card back.
 */
export function journeyCardVerbs(deps: CardActionDeps): CardVerbTable<JourneyVerb> {
  const routes: Record<JourneyVerb, VerbRoute> = {
    ...contractActions(deps),
    ...meetingActions(deps),
    ...pairActions(deps),
  };
  const table = {} as CardVerbTable<JourneyVerb>;
  for (const verb of JOURNEY_VERBS) {
    table[verb] = (actor, data) => act(deps, verb, routes[verb], actor, data);
  }
  return table;
}

async function act(
  deps: CardActionDeps,
  verb: JourneyVerb,
  route: VerbRoute,
  actor: Actor,
  data: CardData,
): Promise<ActionResult> {
  const pairId = str(data, 'pairId');
  const mine = await deps.journey.requirePair(actor, pairId);
  const h: Handling = { ...mine, actor, data, now: deps.now() };
  try {
    return await route.handle(h);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Someone (usually the partner) changed the same thing a moment ago: show the latest.
    deps.log.info({ verb, pairId }, 'card action raced another change; showing the latest');
    const latest = await deps.journey.load(mine.ctx.cohort.id, pairId);
    return done(route.latest({ ...h, ctx: latest }));
  }
}
