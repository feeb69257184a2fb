import type { CommandRoute } from '../../../platform/teams/turn-routes';
import { PERSONAL_CHAT_ONLY } from '../cards/apply-card-status';
import { type ApplyDeps, applyList } from './apply-verbs';
import { applicantOf } from './apply-views';

/**
 * "apply": the cohorts open for applications (closing dates in words), each with "Apply"; when
 * none is open, says so and offers "tell me about the next cohort". Only in the person's own
 * chat with the bot: typed in a channel or group chat, the answer is a kind pointer there.
 */
export function applyCommands(deps: ApplyDeps): CommandRoute[] {
  return [
    {
      command: 'apply',
      description: 'Apply to join a cohort, or hear about the next one',
      async run({ actor, scope }) {
        if (scope !== 'personal') return { text: PERSONAL_CHAT_ONLY };
        const me = await applicantOf({ ...actor, scope });
        return { cards: [await applyList(deps, me)] };
      },
    },
  ];
}
