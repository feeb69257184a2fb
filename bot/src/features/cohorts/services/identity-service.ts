import { type StaffAccess, accessFrom } from '../domain/roles';
import { mayRunCohort } from '../../../contracts/staff-access';
import { ConflictError } from '../../../platform/storage/errors';
import type { VouchedEmail, EmailHint } from '../../../platform/vouched-email';
import { emailMayLink, mayClaim } from '../domain/linking';
import { newId } from '../domain/ids';
import type { LinkRepository } from '../store/link-repository';
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
  /** An email vouched for by the token or the Teams roster; never `preferred_username`. */
  email?: VouchedEmail;
}

/** The records identity reads and links. */
export interface IdentityStores {
  roles: Pick<RoleRepository, 'grantsOf' | 'grant' | 'remove'>;
  memberships: Pick<MembershipRepository, 'listFor' | 'put'>;
  participants: Pick<ParticipantRepository, 'get' | 'update'>;
  links: Pick<LinkRepository, 'record'>;
}

export interface IdentityOptions {
  /** The programme's Entra tenant (ENTRA_TENANT_ID; the dev tenant in dev): emails link only here. */
  programmeTenantId: string;
  now: () => Date;
  /** A person whose data was erased is never linked or found again (their tombstone). */
  erased?: {
    isErased(userId: string): Promise<boolean>;
    refusal(): Error;
  };
}

export interface Standing {
  access: StaffAccess;
  memberships: Membership[];
}

/**
 * Works out what a signed-in person is: their staff roles and the cohorts they take part in.
 * A participant is found by object id; one imported without it is linked to the person's object
 * id the first time they sign in, by the linking policy (domain/linking.ts), and the link is
 * recorded. From then on every look-up (the bot's too, which knows only the object id) is one query.
 */
export class IdentityService {
  constructor(
    private readonly repos: IdentityStores,
    private readonly options: IdentityOptions,
  ) {}

  async standingOf(person: Person): Promise<Standing> {
    const erased = this.options.erased;
    if (erased && (await erased.isErased(person.userId))) throw erased.refusal();
    const email =
      person.email && emailMayLink(person.email, this.options.programmeTenantId)
        ? person.email
        : undefined;
    const [access, byUser, byEmail] = await Promise.all([
      this.claimAndReadAccess(person.userId, email),
      this.repos.memberships.listFor(userKey(person.userId)),
      email ? this.repos.memberships.listFor(emailKey(email.address)) : Promise.resolve([]),
    ]);
    const known = new Set(byUser.map((m) => m.cohortId));
    const candidates = byEmail.filter((m) => !known.has(m.cohortId));
    const linked =
      email && candidates.length > 0 ? await this.link(person.userId, email, candidates) : [];
    return { access, memberships: [...byUser, ...linked] };
  }

  /**
   * Claims memberships found by a vouched email for this object id. An email is only a
   * first-time hint: a participant with an object id (from the roster or an earlier link) is
   * never taken over, and of two sign-ins racing for one row, the ETag lets one win.
   */
  private async link(
    userId: string,
    email: VouchedEmail,
    memberships: Membership[],
  ): Promise<Membership[]> {
    const claimed: Membership[] = [];
    const me = userId.toLowerCase();
    for (const m of memberships) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const participant = await this.repos.participants.get(m.cohortId, m.participantId);
        if (!participant) break;
        const claim = mayClaim(participant.value, me);
        if (claim === 'taken') break; // someone else's: not ours to take
        if (claim === 'mine') {
          claimed.push(m);
          break;
        }
        try {
          await this.repos.participants.update(
            { ...participant.value, userId: me },
            participant.etag,
          );
        } catch (error) {
          // Changed at the same moment (maybe claimed by another sign-in): read it again.
          if (!(error instanceof ConflictError)) throw error;
          continue;
        }
        claimed.push(m);
        await this.repos.links.record({
          id: newId(),
          cohortId: m.cohortId,
          participantId: m.participantId,
          displayName: participant.value.displayName,
          action: 'linked',
          via: email.via,
          userId: me,
          email: email.address,
          by: me,
          at: this.options.now().toISOString(),
        });
        break;
      }
    }
    if (claimed.length > 0) {
      await this.repos.memberships.put(
        claimed.map((membership) => ({ key: userKey(userId), membership })),
      );
    }
    return claimed;
  }

  /** The memberships of a Teams user, found by object id; a vouched email links them the first time. */
  async membershipsOf(userId: string, emailIfKnown?: EmailHint) {
    if (await this.options.erased?.isErased(userId)) return [];
    const byUser = await this.repos.memberships.listFor(userKey(userId));
    if (byUser.length > 0 || !emailIfKnown) return byUser;
    const email = await emailIfKnown();
    if (!email) return byUser;
    return (await this.standingOf({ userId, email })).memberships;
  }

  /**
   * What a person's staff roles open. Grants given to their email wait there until the email is
   * vouched for (the same policy that links a participant): then they move to the object id.
   */
  private async claimAndReadAccess(userId: string, email?: VouchedEmail): Promise<StaffAccess> {
    const [mine, waiting] = await Promise.all([
      this.repos.roles.grantsOf({ userId }),
      email ? this.repos.roles.grantsOf({ email: email.address }) : Promise.resolve([]),
    ]);
    for (const grant of waiting) {
      await this.repos.roles.grant({ ...grant, grantee: { userId: userId.toLowerCase() } });
      await this.repos.roles.remove(grant);
    }
    return accessFrom([...mine, ...waiting]);
  }

  /** What the object id's staff roles open (the bot knows only the object id). */
  async accessOf(userId: string): Promise<StaffAccess> {
    return accessFrom(await this.repos.roles.grantsOf({ userId }));
  }

  /** May run this cohort: a programme admin, or one of its coordinators. */
  async runsCohort(userId: string, cohortId: string): Promise<boolean> {
    return mayRunCohort(await this.accessOf(userId), cohortId);
  }

  /** Makes the ids configured in COORDINATOR_IDS programme admins (the first admins). */
  async grantConfiguredAdmins(ids: readonly string[], now: Date): Promise<void> {
    for (const userId of ids) await this.grantProgrammeAdmin(userId, 'configuration', now);
  }

  /** Gives someone a cohort role (the demo seed's sponsor; people are given roles in the tab). */
  async grantCohortRole(
    userId: string,
    role: 'coordinator' | 'sponsor',
    cohortId: string,
    grantedBy: string,
    now: Date,
  ): Promise<void> {
    await this.repos.roles.grant({
      role,
      cohortId,
      grantee: { userId },
      grantedBy,
      grantedAt: now.toISOString(),
    });
  }

  /** Makes someone a programme admin (`grantedBy` says why: configuration, the demo seed). */
  async grantProgrammeAdmin(userId: string, grantedBy: string, now: Date): Promise<void> {
    await this.repos.roles.grant({
      role: 'programme_admin',
      grantee: { userId },
      grantedBy,
      grantedAt: now.toISOString(),
    });
  }
}
