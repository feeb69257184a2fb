import type { StaffRole } from '../domain/roles';
import { ConflictError } from '../store/errors';
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
    if (unlinked.length > 0) await this.link(person.userId, unlinked);
    return { roles, memberships: [...byUser, ...unlinked] };
  }

  /** Records the object id against memberships found by email, and on the participant rows. */
  private async link(userId: string, memberships: Membership[]): Promise<void> {
    await this.repos.memberships.put(
      memberships.map((membership) => ({ key: userKey(userId), membership })),
    );
    for (const m of memberships) {
      const participant = await this.repos.participants.get(m.cohortId, m.participantId);
      if (participant && !participant.value.userId) {
        try {
          await this.repos.participants.update({ ...participant.value, userId }, participant.etag);
        } catch (error) {
          // Someone else linked or changed the row at the same moment: theirs stands.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    }
  }

  /** The memberships of a Teams user, found by object id; the email links them the first time. */
  async membershipsOf(userId: string, emailIfKnown?: () => Promise<string | undefined>) {
    const byUser = await this.repos.memberships.listFor(userKey(userId));
    if (byUser.length > 0 || !emailIfKnown) return byUser;
    const email = await emailIfKnown();
    if (!email) return byUser;
    return (await this.standingOf({ userId, email })).memberships;
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
