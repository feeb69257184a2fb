import { randomUUID } from 'node:crypto';
import type {
  AuditAction,
  AuditEntry,
  AuditLog,
  AuditRecord,
  AuditTrail,
} from '../../../contracts/audit';
import { AUDIT_ACTION_WORDS } from '../../../contracts/audit';
import { AppError } from '../../../platform/errors';
import type { Logger } from '../../../platform/logger';
import { isTrailCursor } from '../domain/trail-order';
import type { AuditRepository, TrailQuery } from '../store/audit-repository';

/** The most entries one page of the trail holds; the CSV reads every page. */
export const TRAIL_PAGE = 200;

/**
 * The audit trail: every feature records the programme team's actions on people, pairs, roles
 * and cohorts here (through the `AuditLog` port); programme admins read it. An entry is written
 * after the action it records succeeded, and a failure to write it fails the request, so an
 * action is never left unrecorded without the caller hearing of it.
 */
export class AuditService implements AuditLog {
  constructor(
    private readonly repo: Pick<AuditRepository, 'append' | 'page'>,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    const full: AuditEntry = {
      ...entry,
      id: randomUUID(),
      at: this.now().toISOString(),
      actionText: AUDIT_ACTION_WORDS[entry.action],
    };
    await this.repo.append(full);
    this.log.info(
      { audit: full.action, target: full.target, targetId: full.targetId, cohortId: full.cohortId },
      'audit recorded',
    );
  }

  /** One page of the trail, newest first. */
  async page(query: Partial<TrailQuery>): Promise<AuditTrail> {
    if (query.before !== undefined && !isTrailCursor(query.before)) {
      throw AppError.invalidFields([
        { field: 'before', message: 'is not a page of this trail: start again' },
      ]);
    }
    return this.repo.page({ ...query, limit: query.limit ?? TRAIL_PAGE });
  }

  /** Every entry (for the CSV), newest first. */
  async all(cohortId?: string, action?: AuditAction): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    let before: string | undefined;
    do {
      const page = await this.repo.page({ cohortId, action, before, limit: 1000 });
      entries.push(...page.entries);
      before = page.next ?? undefined;
    } while (before);
    return entries;
  }
}
