import type { Server } from 'restify';
import { type RoleGrants, newRoleGrantSchema } from '../../../contracts/roles';
import { invalidBody } from '../../../platform/errors';
import { readJson } from '../../../platform/http/request-body';
import { type HttpEnv, adminRoute } from '../../../platform/http/route';
import type { RoleService } from '../services/role-service';

export interface RoleRouteDeps {
  http: HttpEnv;
  roles: Pick<RoleService, 'list' | 'grant' | 'remove'>;
}

/** Staff roles: programme admins grant and remove them; nobody else may read or change them. */
export function registerRoleRoutes(server: Server, deps: RoleRouteDeps): void {
  const { http, roles } = deps;

  server.get(
    '/api/roles',
    adminRoute(http, async () => {
      const body: RoleGrants = { grants: await roles.list() };
      return { body };
    }),
  );

  server.post(
    '/api/roles',
    adminRoute(http, async ({ req, caller, log }) => {
      const parsed = newRoleGrantSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const grant = await roles.grant(parsed.data, caller);
      log.info({ role: grant.role, cohortId: grant.cohortId }, 'role granted');
      return { status: 201, body: grant };
    }),
  );

  server.del(
    '/api/roles/:grantId',
    adminRoute(http, async ({ params, caller, log }) => {
      const removed = await roles.remove(params.grantId ?? '', caller);
      log.info({ role: removed.role, cohortId: removed.cohortId }, 'role removed');
      return { body: removed };
    }),
  );
}
