import type { StaffRole } from '../domain/roles';
import { ConflictError } from '../../../platform/storage/errors';
import {
  type Membership,
  type MembershipRepository,
  emailKey,
  userKey,
} from '../store/membership-repository';
import type { ParticipantRepository } from '../store/participant-repository';
import type { RoleRepository } from '../store/role-repository';

export interface Person {
  userId: string;
  email?: string;
}

/** The records identity reads and links. */
export interface IdentityStores {
  roles: Pick<RoleRepository, 'rolesOf' | 'grant'>;
  memberships: Pick<MembershipRepository, 'listFor' | 'put'>;
  participants: Pick<ParticipantRepository, 'get' | 'update'>;
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
  constructor(private readonly repos: IdentityStores) {}

  async standingOf(person: Person): Promise<Standing> {
    const [roles, byUser, byEmail] = await Promise.all([
      this.repos.roles.rolesOf(person.userId),
      this.repos.memberships.listFor(userKey(person.userId)),
      person.email ? this.repos.memberships.listFor(emailKey(person.email)) : Promise.resolve([]),
    ]);
    const known = new Set(byUser.map((m) => m.cohortId));
    const candidates = byEmail.filter((m) => !known.has(m.cohortId));
    const linked = candidates.length > 0 ? await this.link(person.userId, candidates) : [];
    return { roles, memberships: [...byUser, ...linked] };
  }

  /**
   * Claims memberships found by email for this object id. An email is only a first-time hint:
   * a participant already linked to another object id is never taken over (emails and UPNs
   * can be reused or renamed), and of two sign-ins racing for one row, the ETag lets one win.
   */
  private async link(userId: string, memberships: Membership[]): Promise<Membership[]> {
    const claimed: Membership[] = [];
    const me = userId.toLowerCase();
    for (const m of memberships) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const participant = await this.repos.participants.get(m.cohortId, m.participantId);
        if (!participant) break;
        const owner = participant.value.userId?.toLowerCase();
        if (owner && owner !== me) break; // someone else's: not ours to take
        if (owner === me) {
          claimed.push(m);
          break;
        }
        try {
          await this.repos.participants.update({ ...participant.value, userId }, participant.etag);
          claimed.push(m);
          break;
        } catch (error) {
          // Changed at the same moment (maybe claimed by another sign-in): read it again.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    }
    if (claimed.length > 0) {
      await this.repos.memberships.put(
        claimed.map((membership) => ({ key: userKey(userId), membership })),
      );
    }
    return claimed;
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
    for (const userId of ids) await this.grantCoordinator(userId, 'configuration', now);
  }

  /** Makes someone a coordinator (`grantedBy` says why: configuration, the demo seed). */
  async grantCoordinator(userId: string, grantedBy: string, now: Date): Promise<void> {
    await this.repos.roles.grant({
      userId,
      role: 'coordinator',
      grantedBy,
      grantedAt: now.toISOString(),
    });
  }
}
