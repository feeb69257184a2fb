/** Shapes of the tab API's responses, as the tab reads them. */

import type {
  Arrangement,
  Cadence,
  CadenceFrequency,
  CohortSummary,
  Me,
  Membership,
  PairRole,
  PairState,
  PairSummary,
  Partner,
  ProgrammeRole,
} from '../../../bot/src/contracts/cohorts';
import type { DevToken, DevUser } from '../../../bot/src/contracts/dev';

// Cohorts and people: defined once in the bot's contract (bot/src/contracts/cohorts.ts).
export type {
  Arrangement,
  Cadence,
  CadenceFrequency,
  CohortSummary,
  Me,
  Membership,
  PairRole,
  PairState,
  PairSummary,
  Partner,
  ProgrammeRole,
};
export type { DevToken, DevUser };
/** A participant's part in the programme (the contract's `ProgrammeRole`). */
export type ParticipantRole = ProgrammeRole;

/**
 * The pair space's shapes are the journey contract's (one definition for the bot and the tab);
 * the API client names them here.
 */
export type {
  ActionChange,
  ActionChanged,
  GoalInput,
  NewAction,
  PairAction,
  PairGoal as Goal,
  PairSpace,
} from '../../../bot/src/contracts/journey';
