/**
 * The audit trail: who in the programme team did what to people, pairs, roles and cohorts, and
 * when. Other features record through the `AuditLog` port (contracts/audit.ts); programme admins
 * read the trail in the tab and as CSV.
 */
export { AuditService } from './services/audit-service';
export { AuditRepository } from './store/audit-repository';
export { type AuditRouteDeps, registerAuditRoutes } from './http/audit-routes';
