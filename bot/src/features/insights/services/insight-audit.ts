import type { AuditAction, AuditChange, AuditLog } from '../../../contracts/audit';
import { AUTHOR_GROUP_WORDS, type AuthorGroup } from '../../../contracts/insights';
import type { Insight } from '../domain/insight';

/**
 * How insights reach the audit trail: every change, by whom and what changed, never the words
 * themselves and never an author's name (authors are recorded by their broad group).
 */

/** Who acts for the programme team, as the audit trail names them. */
export interface StaffActor {
  userId: string;
  name: string;
}

function changes(before: Insight | undefined, after: Insight): AuditChange[] {
  const found: AuditChange[] = [];
  if (before?.state !== after.state) {
    found.push({ field: 'state', before: before?.state ?? null, after: after.state });
  }
  // The words themselves stay out of the trail: only that they changed.
  if (before && (before.title !== after.title || before.text !== after.text)) {
    found.push({ field: 'text', before: 'earlier words', after: 'edited' });
  }
  if (after.theme && before?.theme !== after.theme) {
    found.push({ field: 'theme', before: before?.theme ?? null, after: after.theme });
  }
  return found;
}

const label = (insight: Insight) =>
  `${insight.kind === 'insight' ? 'Insight' : 'Testimonial'} ${insight.id.slice(0, 8)}`;

/** A change by the programme team, by name as for any of their actions. */
export function auditStaff(
  audit: AuditLog,
  action: AuditAction,
  actor: StaffActor,
  after: Insight,
  before: Insight,
): Promise<void> {
  return audit.record({
    action,
    actorId: actor.userId,
    actorName: actor.name,
    target: 'insight',
    targetId: after.id,
    targetLabel: label(after),
    cohortId: after.cohortId,
    changes: changes(before, after),
    reason: action === 'insight.returned' ? (after.returnNote ?? null) : null,
  });
}

/** An author's change, recorded by their broad group only: the trail names no author. */
export function auditAuthor(
  audit: AuditLog,
  action: AuditAction,
  after: Insight,
  group: AuthorGroup,
  before: Insight | undefined,
): Promise<void> {
  return audit.record({
    action,
    actorId: 'insight-author',
    actorName: `An author: ${AUTHOR_GROUP_WORDS[group]}`,
    target: 'insight',
    targetId: after.id,
    targetLabel: label(after),
    cohortId: after.cohortId,
    changes: changes(before, after),
    reason: null,
  });
}
