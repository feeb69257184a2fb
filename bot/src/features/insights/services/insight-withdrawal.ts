import type { Insight } from '../domain/insight';
import { insightWithdrawnCard } from '../cards/withdrawn-card';
import type { InsightDeps } from '../ports';
import { auditAuthor } from './insight-audit';

/**
 * An author withdraws their consent to an insight or testimonial (issue 17, item 4): it is
 * deleted at once under the ETag the author read (a change made meanwhile is a 412, never lost
 * silently), so it leaves the programme team's queue and the sponsors' board in the same moment.
 * The trail records that an author of its broad group withdrew it, never the words or a name;
 * the other author of a pair's insight is told it was withdrawn, never by whom (they may guess,
 * but the product does not say).
 */
export async function withdrawInsight(
  deps: Pick<InsightDeps, 'store' | 'participants' | 'send' | 'audit'>,
  insight: Insight,
  etag: string,
  by: string,
  conflict: () => Promise<Error>,
): Promise<void> {
  if (!(await deps.store.remove(insight.cohortId, insight.id, etag))) throw await conflict();
  const group = insight.authorGroups[insight.authorIds.indexOf(by)] ?? 'junior_colleague';
  await auditAuthor(deps.audit, 'insight.author_withdrew', insight, group, undefined);
  const card = insightWithdrawnCard({ kind: insight.kind, title: insight.title });
  await Promise.all(
    insight.authorIds
      .filter((id) => id !== by)
      .map(async (participantId) => {
        const person = await deps.participants.get(insight.cohortId, participantId);
        if (person?.value.userId) await deps.send(person.value.userId, card);
      }),
  );
}
