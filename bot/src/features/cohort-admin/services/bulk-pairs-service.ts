import { changesBetween } from '../../../contracts/audit';
import type { AuditRecord } from '../../../contracts/audit';
import type { NewParticipant } from '../../../contracts/people';
import { AppError } from '../../../platform/errors';
import { eachLimited } from '../../../platform/storage/batch';
import type { Actor, Arrangement, Cohort, Pair, Participant } from '../../cohorts';
import { newId, normaliseEmail } from '../../cohorts';
import { heldPeople, pairingProblems } from '../domain/pair-rules';
import type { AdminDeps } from '../ports';
import { by, membershipRows, refuseIfNotOpen } from './shared';

/** How many audit entries and index rows are written at once (they are in many partitions). */
const WRITES_IN_FLIGHT = 16;

/** Someone to pair: found on the roster by email (or verified id), or added to it. */
export interface PersonToPlace extends Pick<NewParticipant, 'displayName' | 'email' | 'role'> {
  organisation?: string;
  /** Their Entra object id from their own verified sign-in (never from a form). */
  verifiedUserId?: string;
}

export interface PairToPlace {
  /** The mentor, or partner A of a reciprocal pair. */
  mentor: PersonToPlace;
  /** The mentee, or partner B. */
  mentee: PersonToPlace;
  arrangement: Arrangement;
}

export interface PlacedPair {
  pairId: string;
  mentorParticipantId: string;
  menteeParticipantId: string;
}

const pairKey = (mentorId: string, menteeId: string, arrangement: Arrangement) =>
  `${mentorId}|${menteeId}|${arrangement}`;

/**
 * Many pairs of one cohort made at once (a published matching run): the roster and the pairs are
 * read once, everyone is found or added, every pair is checked by the same rules as one made by
 * hand (all before anything is written), and then the new participants and pairs are inserted
 * in transactions of up to 100 (one partition each), the index rows and audit entries written
 * with bounded concurrency, and the introductions scheduled together.
 *
 * Safe to repeat after a crash at any point: someone already on the roster (same email, or the
 * same verified id) and a running pair of the same two people and arrangement are reused, so a
 * second call makes only what the first did not, and schedules the introductions again (a job
 * already scheduled is left as it is).
 */
export class BulkPairsService {
  constructor(private readonly deps: AdminDeps) {}

  async placePairs(
    cohort: Cohort,
    requests: readonly PairToPlace[],
    actor: Actor,
  ): Promise<PlacedPair[]> {
    refuseIfNotOpen(cohort);
    if (requests.length === 0) return [];
    const { stores } = this.deps;
    const [roster, existingPairs] = await Promise.all([
      stores.participants.listByCohort(cohort.id),
      stores.pairs.listByCohort(cohort.id),
    ]);
    const at = this.deps.now().toISOString();

    const byEmail = new Map(roster.filter((p) => p.email !== '').map((p) => [p.email, p]));
    const byUser = new Map(roster.flatMap((p) => (p.userId ? [[p.userId, p] as const] : [])));
    const added: Participant[] = [];
    const personFor = (person: PersonToPlace): Participant => {
      const email = normaliseEmail(person.email);
      const userId = person.verifiedUserId?.toLowerCase();
      const found = (email && byEmail.get(email)) || (userId && byUser.get(userId));
      if (found) return found;
      const made: Participant = {
        id: newId(),
        cohortId: cohort.id,
        displayName: person.displayName,
        email,
        ...(userId ? { userId } : {}),
        role: person.role,
        organisation: person.organisation?.trim() || undefined,
        createdAt: at,
      };
      if (email) byEmail.set(email, made);
      if (userId) byUser.set(userId, made);
      added.push(made);
      return made;
    };

    const running = new Map(
      existingPairs
        .filter((p) => p.state !== 'ended_early')
        .map((p) => [pairKey(p.mentorId, p.menteeId, p.arrangement ?? 'reverse'), p]),
    );
    const held = heldPeople(existingPairs);
    const made: Pair[] = [];
    const placed: { pair: Pair; mentor: Participant; mentee: Participant }[] = [];
    for (const request of requests) {
      const mentor = personFor(request.mentor);
      const mentee = personFor(request.mentee);
      let pair = running.get(pairKey(mentor.id, mentee.id, request.arrangement));
      if (!pair) {
        const problems = pairingProblems(cohort, mentor, mentee, request.arrangement, held);
        if (problems.length > 0) throw AppError.invalidFields(problems);
        pair = {
          id: newId(),
          cohortId: cohort.id,
          mentorId: mentor.id,
          menteeId: mentee.id,
          arrangement: request.arrangement,
          state: 'proposed',
          createdAt: at,
          updatedAt: at,
        };
        made.push(pair);
        held.add(mentor.id).add(mentee.id);
      }
      placed.push({ pair, mentor, mentee });
    }

    // People first, then pairs: a crash between them leaves people a retry finds by email.
    await stores.participants.createMany(cohort.id, added);
    await stores.pairs.createMany(cohort.id, made);
    // The index that lets each person find their cohort and pair (again for pairs found again).
    await stores.memberships.put(
      placed.flatMap(({ pair, mentor, mentee }) => [
        ...membershipRows(mentor, pair.id),
        ...membershipRows(mentee, pair.id),
      ]),
    );
    await this.deps.journey.scheduleIntroductionsOf(
      cohort,
      placed.map((p) => p.pair),
    );
    const names = new Map(
      placed.flatMap(({ mentor, mentee }) => [
        [mentor.id, mentor.displayName] as const,
        [mentee.id, mentee.displayName] as const,
      ]),
    );
    await eachLimited(this.auditOf(cohort, actor, added, made, names), WRITES_IN_FLIGHT, (entry) =>
      this.deps.audit.record(entry),
    );
    return placed.map(({ pair }) => ({
      pairId: pair.id,
      mentorParticipantId: pair.mentorId,
      menteeParticipantId: pair.menteeId,
    }));
  }

  /** The same entries as adding each person and making each pair by hand. */
  private auditOf(
    cohort: Cohort,
    actor: Actor,
    added: readonly Participant[],
    made: readonly Pair[],
    names: ReadonlyMap<string, string>,
  ): AuditRecord[] {
    const people: AuditRecord[] = added.map((person) => ({
      ...by(actor),
      action: 'participant.added',
      target: 'participant',
      targetId: person.id,
      targetLabel: person.displayName,
      cohortId: cohort.id,
      changes: changesBetween(undefined, person, [
        'displayName',
        'email',
        'jobTitle',
        'organisation',
        'band',
        'role',
      ]),
      reason: null,
    }));
    const pairs: AuditRecord[] = made.map((pair) => {
      const mentor = names.get(pair.mentorId) ?? 'someone';
      const mentee = names.get(pair.menteeId) ?? 'someone';
      return {
        ...by(actor),
        action: 'pair.created',
        target: 'pair',
        targetId: pair.id,
        targetLabel: `${mentor} / ${mentee}`,
        cohortId: cohort.id,
        changes: [
          { field: 'mentor', before: null, after: mentor },
          { field: 'mentee', before: null, after: mentee },
          { field: 'arrangement', before: null, after: pair.arrangement },
        ],
        reason: null,
      };
    });
    return [...people, ...pairs];
  }
}
