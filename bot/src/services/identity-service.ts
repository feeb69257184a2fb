import type { StaffRole } from '../domain/roles';
import { type Membership, emailKey, userKey } from '../store/membership-repository';
import type { Repositories } from '../store/repositories';

export interface Person {
  userId: string;
  email?: string;
}

export interface Standing {
  roles: StaffRole[];
  memberships: Membership[];
}

/**
 * Works out what a signed-in person is: their staff roles and the cohorts they take part in.
 * A participant imported by email is linked to their Entra object id the first time they sign in,
 * so later look-ups (including the bot's, which knows only the object id) take one query.
 */
export class IdentityService {
  constructor(private readonly repos: Repositories) {}

  async standingOf(person: Person): Promise<Standing> {
    const [roles, byUser, byEmail] = await Promise.all([
      this.repos.roles.rolesOf(person.userId),
      this.repos.memberships.listFor(userKey(person.userId)),
      person.email ? this.repos.memberships.listFor(emailKey(person.email)) : Promise.resolve([]),
    ]);
    const known = new Set(byUser.map((m) => m.cohortId));
    const unlinked = byEmail.filter((m) => !known.has(m.cohortId));
    if (unlinked.length > 0) {
      await this.repos.memberships.put(
        unlinked.map((membership) => ({ key: userKey(person.userId), membership })),
      );
    }
    return { roles, memberships: [...byUser, ...unlinked] };
  }

  async isCoordinator(userId: string): Promise<boolean> {
    return (await this.repos.roles.rolesOf(userId)).includes('coordinator');
  }

  /** Grants the coordinator role to the ids configured in COORDINATOR_IDS. */
  async grantConfiguredCoordinators(ids: readonly string[], now: Date): Promise<void> {
    for (const userId of ids) {
      await this.repos.roles.grant({
        userId,
        role: 'coordinator',
        grantedBy: 'configuration',
        grantedAt: now.toISOString(),
      });
    }
  }
}
