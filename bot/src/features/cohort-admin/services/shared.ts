import type { Actor, Cohort, Membership, Pair, Participant } from '../../cohorts';
import { emailKey, userKey } from '../../cohorts';
import { AppError } from '../../../platform/errors';
import { cohortStatus } from '../domain/pair-rules';
import type { AuditRecord } from '../../../contracts/audit';

/** The membership index rows that let a participant find their cohort and pair. */
export function membershipRows(
  p: Participant,
  pairId: string | undefined,
): { key: string; membership: Membership }[] {
  const membership: Membership = {
    cohortId: p.cohortId,
    participantId: p.id,
    role: p.role,
    displayName: p.displayName,
    pairId,
  };
  const rows = [{ key: emailKey(p.email), membership }];
  if (p.userId) rows.push({ key: userKey(p.userId), membership });
  return rows;
}

/** The membership keys a participant is found by. */
export function membershipKeys(p: Participant): string[] {
  return [emailKey(p.email), ...(p.userId ? [userKey(p.userId)] : [])];
}

/** An archived cohort is read-only. */
export function refuseIfArchived(cohort: Cohort): void {
  if (cohortStatus(cohort) === 'archived') {
    throw AppError.coded(
      'conflict',
      'cohort_archived',
      `${cohort.name} is archived: it is read-only`,
    );
  }
}

/** A closed (or archived) cohort takes no new pairs and no pair changes. */
export function refuseIfNotOpen(cohort: Cohort): void {
  refuseIfArchived(cohort);
  if (cohortStatus(cohort) !== 'open') {
    throw AppError.coded(
      'conflict',
      'cohort_closed',
      `${cohort.name} is closed: its pairs have finished`,
    );
  }
}

/** "Ada Lovelace / Ben Okri": how a pair is named in the audit trail. */
export function pairLabel(pair: Pair, names: Map<string, string>): string {
  return `${names.get(pair.mentorId) ?? 'someone removed'} / ${names.get(pair.menteeId) ?? 'someone removed'}`;
}

/** The start of an audit entry for this actor. */
export function by(actor: Actor): Pick<AuditRecord, 'actorId' | 'actorName'> {
  return { actorId: actor.userId, actorName: actor.name };
}
