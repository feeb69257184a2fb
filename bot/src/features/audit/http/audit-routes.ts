import type { Server } from 'restify';
import type { AuditEntry } from '../../../contracts/audit';
import { toCsv } from '../../../platform/http/csv-export';
import { type HttpEnv, adminRoute } from '../../../platform/http/route';
import type { AuditService } from '../services/audit-service';

export interface AuditRouteDeps {
  http: HttpEnv;
  audit: Pick<AuditService, 'page' | 'all'>;
}

function query(req: { url?: string }): { cohortId?: string; before?: string } {
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return { cohortId: q.get('cohortId') || undefined, before: q.get('before') || undefined };
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
      const entries = await audit.all(query(req).cohortId);
      return {
        body: null,
        headers: { 'Content-Disposition': 'attachment; filename="audit-trail.csv"' },
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
