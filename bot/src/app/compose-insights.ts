import type { Server } from 'restify';
import type { AuditLog } from '../contracts/audit';
import { type IdentityService, newId } from '../features/cohorts/index';
import { createInsights, registerInsightRoutes } from '../features/insights/index';
import type { HttpEnv } from '../platform/http/route';
import { cardMessage } from '../platform/teams/activity-handler';
import type { ProactiveSender } from '../platform/teams/proactive-sender';
import type { TableStore } from '../platform/storage/table-store';
import type { Repositories } from './repositories';

/**
 * Insights and testimonials (issue 16 item 7): the authors' consent, the programme team's
 * moderation and the sponsors' board, over the cohorts' stores and the signed-in person's
 * memberships; authors are told in their chat with the bot when theirs is published.
 */
export function composeInsights(deps: {
  store: TableStore;
  repos: Repositories;
  identity: Pick<IdentityService, 'membershipsOf'>;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  audit: AuditLog;
  now: () => Date;
}): { register: (server: Server, http: HttpEnv) => void } {
  const insights = createInsights(deps.store, {
    cohorts: deps.repos.cohorts,
    pairs: deps.repos.pairs,
    participants: deps.repos.participants,
    membershipsOf: (userId) => deps.identity.membershipsOf(userId),
    send: async (userId, card) =>
      (await deps.sender.sendToUser(userId, cardMessage(card))).status === 'sent',
    audit: deps.audit,
    newId,
    now: deps.now,
  });
  return { register: (server, http) => registerInsightRoutes(server, { http, insights }) };
}
