import type { Server } from 'restify';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../../contracts/audit';
import { AppError } from '../../../platform/errors';
import { toCsv } from '../../../platform/http/csv-export';
import { type HttpEnv, adminRoute } from '../../../platform/http/route';
import type { AuditService } from '../services/audit-service';

export interface AuditRouteDeps {
  http: HttpEnv;
  audit: Pick<AuditService, 'page' | 'all'>;
}

interface TrailFilter {
  cohortId?: string;
  before?: string;
  /** One kind of entry only, e.g. `personal_data.viewed` for a data protection officer. */
  action?: AuditAction;
}

function query(req: { url?: string }): TrailFilter {
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const action = q.get('action') || undefined;
  if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) {
    throw AppError.invalidFields([{ field: 'action', message: 'is not an action of the trail' }]);
  }
  return {
    cohortId: q.get('cohortId') || undefined,
    before: q.get('before') || undefined,
    action: action as AuditAction | undefined,
  };
}

/** The audit trail: programme admins only (coordinators and everyone else get 403). */
export function registerAuditRoutes(server: Server, deps: AuditRouteDeps): void {
  const { http, audit } = deps;

  server.get(
    '/api/audit',
    adminRoute(http, async ({ req }) => ({ body: await audit.page(query(req)) })),
  );

  server.get(
    '/api/audit.csv',
    adminRoute(http, async ({ req }) => {
      const filter = query(req);
      const entries = await audit.all(filter.cohortId, filter.action);
      const name =
        filter.action === 'personal_data.viewed' ? 'personal-data-access' : 'audit-trail';
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="${name}.csv"` },
        text: { contentType: 'text/csv; charset=utf-8', content: auditCsv(entries) },
      };
    }),
  );
}

function auditCsv(entries: AuditEntry[]): string {
  return toCsv(
    ['When (UTC)', 'Who', 'Who (object id)', 'Action', 'What', 'Cohort', 'Changes', 'Reason'],
    entries.map((e) => [
      e.at,
      e.actorName,
      e.actorId,
      e.actionText,
      e.targetLabel,
      e.cohortId ?? '',
      e.changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; '),
      e.reason ?? '',
    ]),
  );
}
