import type { Me, Membership } from '../../../contracts/cohorts';
import { cohortView, partnerView } from '../domain/views';
import type { CohortService } from './cohort-service';
import type { IdentityService } from './identity-service';
import type { VouchedEmail } from '../../../platform/vouched-email';
import { mayRunCohort, rolesHeld } from '../../../contracts/roles';

/** The signed-in person as the token says. */
export interface SignedIn {
  userId: string;
  name: string;
  /** preferred_username: shown, never used to link. */
  username?: string;
  /** The verified email claim: may link the person the first time (IdentityService decides). */
  email?: VouchedEmail;
  tenantId: string;
}

export interface MeDeps {
  identity: Pick<IdentityService, 'standingOf'>;
  cohorts: Pick<CohortService, 'find' | 'list' | 'pairOf'>;
}

/** Who the caller is, their roles, cohorts and pair (linking them by the policy the first time). */
export class MeService {
  constructor(private readonly deps: MeDeps) {}

  async me(caller: SignedIn): Promise<Me> {
    const { identity, cohorts } = this.deps;
    const standing = await identity.standingOf({ userId: caller.userId, email: caller.email });
    const { access } = standing;
    const staff = rolesHeld(access).length > 0;
    const [memberships, allCohorts] = await Promise.all([
      Promise.all(
        standing.memberships.map(async (m): Promise<Membership | undefined> => {
          const [cohort, mine] = await Promise.all([
            cohorts.find(m.cohortId),
            m.pairId
              ? cohorts.pairOf(m.cohortId, m.pairId, m.participantId)
              : Promise.resolve(undefined),
          ]);
          if (!cohort) return undefined;
          return {
            cohort: cohortView(cohort.value),
            participantId: m.participantId,
            role: m.role,
            pair: mine
              ? {
                  id: mine.pair.id,
                  arrangement: mine.pair.arrangement,
                  state: mine.pair.state,
                  myRole: mine.pair.mentorId === m.participantId ? 'mentor' : 'mentee',
                  partner: mine.partner ? partnerView(mine.partner) : null,
                }
              : null,
          };
        }),
      ),
      staff ? cohorts.list() : Promise.resolve([]),
    ]);
    return {
      user: {
        id: caller.userId,
        name: caller.name,
        email: caller.email?.address ?? caller.username ?? null,
        tenantId: caller.tenantId,
      },
      roles: rolesHeld(access),
      access,
      memberships: memberships.filter((m) => m !== undefined),
      // Archived cohorts are hidden from the list (GET /api/cohorts?archived=include has them).
      coordinatedCohorts: allCohorts
        .filter((c) => mayRunCohort(access, c.id) && c.status !== 'archived')
        .map(cohortView),
      sponsoredCohorts: allCohorts.filter((c) => access.sponsorOf.includes(c.id)).map(cohortView),
    };
  }
}
