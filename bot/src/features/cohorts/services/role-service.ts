import type { AuditLog } from '../../../contracts/audit';
import { type NewRoleGrant, type RoleGrantView, STAFF_ROLE_WORDS } from '../../../contracts/roles';
import { AppError } from '../../../platform/errors';
import { type RoleGrant, grantId } from '../domain/roles';
import type { CohortRepository } from '../store/cohort-repository';
import type { RoleRepository } from '../store/role-repository';

export interface RoleStores {
  roles: Pick<RoleRepository, 'all' | 'grant' | 'remove'>;
  cohorts: Pick<CohortRepository, 'get' | 'list'>;
}

/** Who is acting: their object id and the name their sign-in gives. */
export interface Actor {
  userId: string;
  name: string;
}

/**
 * Staff roles, granted and removed by programme admins (the routes let nobody else in). Every
 * change is recorded in the audit trail. The last programme admin cannot be removed, so the
 * programme can never be left without someone able to grant roles.
 */
export class RoleService {
  constructor(
    private readonly stores: RoleStores,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<RoleGrantView[]> {
    const [grants, cohorts] = await Promise.all([
      this.stores.roles.all(),
      this.stores.cohorts.list(),
    ]);
    const names = new Map(cohorts.map((c) => [c.id, c.name]));
    return grants
      .map((g) => view(g, g.cohortId ? (names.get(g.cohortId) ?? null) : null))
      .sort(
        (a, b) =>
          (a.name ?? a.email ?? '').localeCompare(b.name ?? b.email ?? '') ||
          a.role.localeCompare(b.role),
      );
  }

  async grant(input: NewRoleGrant, actor: Actor): Promise<RoleGrantView> {
    const cohort = input.cohortId ? await this.stores.cohorts.get(input.cohortId) : undefined;
    if (input.cohortId && !cohort) {
      throw AppError.invalidFields([{ field: 'cohortId', message: 'no cohort has that id' }]);
    }
    const grant: RoleGrant = {
      role: input.role,
      cohortId: input.cohortId,
      grantee: input.userId ? { userId: input.userId } : { email: input.email ?? '' },
      name: input.name,
      grantedBy: actor.userId,
      grantedAt: this.now().toISOString(),
    };
    await this.stores.roles.grant(grant);
    const shown = view(grant, cohort?.value.name ?? null);
    await this.recordChange('role.granted', shown, actor);
    return shown;
  }

  async remove(id: string, actor: Actor): Promise<RoleGrantView> {
    const all = await this.stores.roles.all();
    const grant = all.find((g) => grantId(g) === id);
    if (!grant) throw AppError.notFound('No role grant has that id');
    if (grant.role === 'programme_admin') {
      const admins = all.filter((g) => g.role === 'programme_admin');
      if (admins.length <= 1) {
        throw AppError.coded(
          'conflict',
          'last_admin',
          'This is the last programme admin: grant the role to someone else first',
        );
      }
    }
    await this.stores.roles.remove(grant);
    const cohort = grant.cohortId ? await this.stores.cohorts.get(grant.cohortId) : undefined;
    const shown = view(grant, cohort?.value.name ?? null);
    await this.recordChange('role.removed', shown, actor);
    return shown;
  }

  /** One audit entry: the role, to whom, for which cohort, before → after. */
  private recordChange(
    action: 'role.granted' | 'role.removed',
    shown: RoleGrantView,
    actor: Actor,
  ): Promise<void> {
    const label = roleLabel(shown);
    return this.audit.record({
      action,
      actorId: actor.userId,
      actorName: actor.name,
      target: 'role',
      targetId: shown.id,
      targetLabel: `${shown.name ?? shown.email ?? shown.userId} — ${shown.roleText}`,
      cohortId: shown.cohortId,
      changes: [
        action === 'role.granted'
          ? { field: 'role', before: null, after: label }
          : { field: 'role', before: label, after: null },
      ],
      reason: null,
    });
  }
}

function roleLabel(g: RoleGrantView): string {
  return g.cohortName ? `${g.roleText} of ${g.cohortName}` : g.roleText;
}

function view(g: RoleGrant, cohortName: string | null): RoleGrantView {
  return {
    id: grantId(g),
    role: g.role,
    roleText: STAFF_ROLE_WORDS[g.role],
    cohortId: g.cohortId ?? null,
    cohortName,
    userId: g.grantee.userId ?? null,
    email: g.grantee.email ?? null,
    name: g.name ?? null,
    claimed: Boolean(g.grantee.userId),
    grantedBy: g.grantedBy,
    grantedAt: g.grantedAt,
  };
}
