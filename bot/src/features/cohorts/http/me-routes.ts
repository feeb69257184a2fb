import type { Server } from 'restify';
import type { AppContext } from '../../../app/app-context';
import { partnerOf } from '../domain/pair';
import { authedRoute } from '../../../platform/http/route';
import { cohortView, partnerView } from './views';

/** GET /api/me: who the caller is, their roles, cohorts and pair. */
export function registerMeRoutes(server: Server, ctx: AppContext): void {
  server.get(
    '/api/me',
    authedRoute(ctx.http, async ({ caller }) => {
      const standing = await ctx.identity.standingOf({
        userId: caller.userId,
        email: caller.email,
      });
      const isCoordinator = standing.roles.includes('coordinator');
      const [memberships, coordinatedCohorts] = await Promise.all([
        Promise.all(
          standing.memberships.map(async (m) => {
            const [cohort, pair] = await Promise.all([
              ctx.repos.cohorts.get(m.cohortId),
              m.pairId ? ctx.repos.pairs.get(m.cohortId, m.pairId) : Promise.resolve(undefined),
            ]);
            if (!cohort) return undefined;
            let pairView = null;
            const partnerId = pair ? partnerOf(pair.value, m.participantId) : undefined;
            if (pair && partnerId) {
              const partner = await ctx.repos.participants.get(m.cohortId, partnerId);
              pairView = {
                id: pair.value.id,
                arrangement: pair.value.arrangement,
                state: pair.value.state,
                myRole: pair.value.mentorId === m.participantId ? 'mentor' : 'mentee',
                partner: partner ? partnerView(partner.value) : null,
              };
            }
            return {
              cohort: cohortView(cohort.value),
              participantId: m.participantId,
              role: m.role,
              pair: pairView,
            };
          }),
        ),
        isCoordinator ? ctx.repos.cohorts.list() : Promise.resolve([]),
      ]);
      return {
        body: {
          user: {
            id: caller.userId,
            name: caller.name,
            email: caller.email ?? null,
            tenantId: caller.tenantId,
          },
          roles: standing.roles,
          memberships: memberships.filter((m) => m !== undefined),
          coordinatedCohorts: coordinatedCohorts.map(cohortView),
        },
      };
    }),
  );
}
