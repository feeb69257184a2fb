import type { ApiClient } from '../app/api-client';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { AuditAction, AuditTrail } from '../../../bot/src/contracts/audit';
import type { CohortAggregate } from '../../../bot/src/contracts/cohort-summary';
import type { NewRoleGrant, RoleGrantView, RoleGrants } from '../../../bot/src/contracts/roles';

/** The programme admin's calls (roles, audit trail) and a sponsor's figures. */

/** Every cohort, read fresh (one may have been created since home was loaded). */
export function listCohorts(client: ApiClient): Promise<CohortSummary[]> {
  return client
    .request<{ cohorts: CohortSummary[] }>('/api/cohorts')
    .then((answer) => answer.cohorts);
}

export function listRoles(client: ApiClient): Promise<RoleGrantView[]> {
  return client.request<RoleGrants>('/api/roles').then((answer) => answer.grants);
}

export function grantRole(client: ApiClient, grant: NewRoleGrant): Promise<RoleGrantView> {
  return client.request<RoleGrantView>('/api/roles', { method: 'POST', body: grant });
}

export function removeRole(client: ApiClient, grantId: string): Promise<RoleGrantView> {
  return client.request<RoleGrantView>(`/api/roles/${encodeURIComponent(grantId)}`, {
    method: 'DELETE',
  });
}

function auditQuery(cohortId?: string, before?: string, action?: AuditAction): string {
  const query = new URLSearchParams();
  if (cohortId) query.set('cohortId', cohortId);
  if (action) query.set('action', action);
  if (before) query.set('before', before);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function auditPage(
  client: ApiClient,
  cohortId?: string,
  before?: string,
): Promise<AuditTrail> {
  return client.request<AuditTrail>(`/api/audit${auditQuery(cohortId, before)}`);
}

/** The trail as CSV; `action` narrows it (e.g. `personal_data.viewed` for a data protection officer). */
export function auditCsv(
  client: ApiClient,
  cohortId?: string,
  action?: AuditAction,
): Promise<string> {
  return client.requestText(`/api/audit.csv${auditQuery(cohortId, undefined, action)}`);
}

export function cohortFigures(client: ApiClient, cohortId: string): Promise<CohortAggregate> {
  return client.request<CohortAggregate>(`/api/cohorts/${encodeURIComponent(cohortId)}/summary`);
}
