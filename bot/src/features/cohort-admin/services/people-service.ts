import { changesBetween } from '../../../contracts/audit';
import type {
  NewParticipant,
  ParticipantChange,
  PersonChanged,
  PairOutcome,
} from '../../../contracts/people';
import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Actor, Cohort, Participant } from '../../cohorts';
import { newId, normaliseEmail } from '../../cohorts';
import type { AdminDeps } from '../ports';
import type { PairAdminService } from './pair-admin-service';
import { by, membershipKeys, membershipRows, refuseIfArchived, refuseIfNotOpen } from './shared';

const DETAIL_FIELDS = ['displayName', 'email', 'jobTitle', 'organisation', 'band'] as const;

const blankToUndefined = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/**
 * The programme team's people: add a participant, correct their details, remove them, move
 * them to another cohort. Removing or moving someone ends the pair they were in (their partner
 * is told kindly and can be paired again); every change is guarded by the row's ETag and audited.
 */
export class PeopleService {
  constructor(
    private readonly deps: AdminDeps,
    private readonly pairs: Pick<PairAdminService, 'endForLeaving'>,
  ) {}

  /**
   * Adds someone to the cohort. `verifiedUserId` is their Entra object id when the programme
   * already knows it from their own verified sign-in (an applicant matched at publish), so their
   * Teams messages reach them without a first sign-in; never taken from a form.
   */
  async add(
    cohort: Cohort,
    input: NewParticipant,
    actor: Actor,
    verifiedUserId?: string,
  ): Promise<Versioned<Participant>> {
    refuseIfArchived(cohort);
    const { stores } = this.deps;
    const email = normaliseEmail(input.email);
    await this.refuseTakenEmail(cohort.id, email);
    const person: Participant = {
      id: newId(),
      cohortId: cohort.id,
      displayName: input.displayName,
      email,
      ...(verifiedUserId ? { userId: verifiedUserId.toLowerCase() } : {}),
      role: input.role,
      jobTitle: blankToUndefined(input.jobTitle),
      organisation: blankToUndefined(input.organisation),
      band: blankToUndefined(input.band),
      createdAt: this.deps.now().toISOString(),
    };
    const saved = await stores.participants.create(person);
    await stores.memberships.put(membershipRows(person, undefined));
    await this.deps.audit.record({
      ...by(actor),
      action: 'participant.added',
      target: 'participant',
      targetId: person.id,
      targetLabel: person.displayName,
      cohortId: cohort.id,
      changes: changesBetween(undefined, person, [...DETAIL_FIELDS, 'role']),
      reason: null,
    });
    return saved;
  }

  async edit(
    cohort: Cohort,
    participantId: string,
    etag: string,
    input: ParticipantChange,
    actor: Actor,
  ): Promise<Versioned<Participant>> {
    refuseIfArchived(cohort);
    const { stores } = this.deps;
    const current = await this.current(cohort.id, participantId, etag);
    const email = normaliseEmail(input.email);
    if (email !== current.value.email) await this.refuseTakenEmail(cohort.id, email);
    const next: Participant = {
      ...current.value,
      displayName: input.displayName,
      email,
      jobTitle: blankToUndefined(input.jobTitle),
      organisation: blankToUndefined(input.organisation),
      band: blankToUndefined(input.band),
    };
    const saved = await stores.participants.update(next, etag);
    // The index that finds them: by their new email (the old one no longer finds them).
    const pairId = await this.pairIdOf(cohort.id, participantId);
    if (email !== current.value.email) {
      await stores.memberships.remove(membershipKeys(current.value)[0]!, cohort.id);
    }
    await stores.memberships.put(membershipRows(next, pairId));
    const changes = changesBetween(current.value, next, DETAIL_FIELDS);
    if (changes.length > 0) {
      await this.deps.audit.record({
        ...by(actor),
        action: 'participant.updated',
        target: 'participant',
        targetId: participantId,
        targetLabel: next.displayName,
        cohortId: cohort.id,
        changes,
        reason: null,
      });
    }
    return saved;
  }

  async remove(
    cohort: Cohort,
    participantId: string,
    etag: string,
    reason: string | undefined,
    actor: Actor,
  ): Promise<PersonChanged> {
    refuseIfArchived(cohort);
    const current = await this.current(cohort.id, participantId, etag);
    const person = current.value;
    const pair = await this.pairs.endForLeaving(
      cohort,
      person,
      `${person.displayName} was removed from the cohort`,
      actor,
    );
    await this.deps.stores.participants.remove(person, etag);
    for (const key of membershipKeys(person))
      await this.deps.stores.memberships.remove(key, cohort.id);
    await this.deps.audit.record({
      ...by(actor),
      action: 'participant.removed',
      target: 'participant',
      targetId: person.id,
      targetLabel: person.displayName,
      cohortId: cohort.id,
      changes: [{ field: 'participant', before: person.displayName, after: null }],
      reason: reason?.trim() || null,
    });
    return {
      participantId: person.id,
      displayName: person.displayName,
      pair,
      message: `${person.displayName} was removed from ${cohort.name}.${pairWords(pair)}`,
    };
  }

  async move(
    from: Cohort,
    to: Cohort,
    participantId: string,
    etag: string,
    reason: string | undefined,
    actor: Actor,
  ): Promise<PersonChanged & { newParticipantId: string }> {
    refuseIfArchived(from);
    refuseIfNotOpen(to);
    if (from.id === to.id) {
      throw AppError.invalidFields([{ field: 'toCohortId', message: 'is the cohort they are in' }]);
    }
    const current = await this.current(from.id, participantId, etag);
    const person = current.value;
    await this.refuseTakenEmail(to.id, person.email, 'toCohortId');
    const pair = await this.pairs.endForLeaving(
      from,
      person,
      `${person.displayName} moved to another cohort`,
      actor,
    );
    const moved: Participant = { ...person, id: newId(), cohortId: to.id };
    await this.deps.stores.participants.create(moved);
    await this.deps.stores.memberships.put(membershipRows(moved, undefined));
    await this.deps.stores.participants.remove(person, etag);
    for (const key of membershipKeys(person))
      await this.deps.stores.memberships.remove(key, from.id);
    await this.deps.audit.record({
      ...by(actor),
      action: 'participant.moved',
      target: 'participant',
      targetId: person.id,
      targetLabel: person.displayName,
      cohortId: from.id,
      changes: [{ field: 'cohort', before: from.name, after: to.name }],
      reason: reason?.trim() || null,
    });
    return {
      participantId: person.id,
      newParticipantId: moved.id,
      displayName: person.displayName,
      pair,
      message: `${person.displayName} moved from ${from.name} to ${to.name}, not paired yet.${pairWords(pair)}`,
    };
  }

  /** The participant at `etag`; 404 when gone, 412 with the latest when changed since. */
  private async current(
    cohortId: string,
    participantId: string,
    etag: string,
  ): Promise<Versioned<Participant>> {
    const current = await this.deps.stores.participants.get(cohortId, participantId);
    if (!current) throw AppError.notFound('No participant in this cohort has that id');
    if (current.etag !== etag) {
      throw new ConflictError(
        `${current.value.displayName}'s details changed since you read them; nothing was changed`,
        current,
      );
    }
    return current;
  }

  private async refuseTakenEmail(cohortId: string, email: string, field = 'email') {
    const people = await this.deps.stores.participants.listByCohort(cohortId);
    const taken = people.find((p) => p.email === email);
    if (taken) {
      throw AppError.invalidFields([
        { field, message: `${email} is already in that cohort (${taken.displayName})` },
      ]);
    }
  }

  private async pairIdOf(cohortId: string, participantId: string): Promise<string | undefined> {
    const pairs = await this.deps.stores.pairs.listByCohort(cohortId);
    return pairs
      .filter((p) => p.state !== 'ended_early')
      .find((p) => p.mentorId === participantId || p.menteeId === participantId)?.id;
  }
}

function pairWords(pair: PairOutcome | null): string {
  if (!pair) return '';
  const partner = pair.partnerName ?? 'Their partner';
  return pair.partnerTold
    ? ` Their pair has ended; ${partner} was told kindly in Teams and can be paired again.`
    : ` Their pair has ended; ${partner} can be paired again (they could not be told in Teams yet, as the app is not installed for them).`;
}
