import { type Cohort, type NewCohort, createCohort } from '../domain/cohort';
import { newId } from '../domain/ids';
import type { Pair } from '../domain/pair';
import type { Participant } from '../domain/participant';
import { type RosterProblem, parseRoster } from '../domain/roster-import';
import { emailKey, userKey, type Membership } from '../store/membership-repository';
import type { Repositories } from '../../../app/repositories';

export type ImportOutcome =
  { ok: true; participants: number; pairs: number } | { ok: false; problems: RosterProblem[] };

/** Creates cohorts and brings their participants and pairs in from a CSV roster. */
export class RosterService {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: () => Date = () => new Date(),
    /** Called with the pairs an import created, so their introductions get scheduled. */
    private readonly onPairsCreated?: (cohortId: string, pairIds: string[]) => Promise<void>,
  ) {}

  async createCohort(input: NewCohort, createdBy: string, isDemo = false): Promise<Cohort> {
    const cohort = createCohort(input, newId(), createdBy, this.clock(), isDemo);
    await this.repos.cohorts.create(cohort);
    return cohort;
  }

  /**
   * Validates the whole file first; writes nothing unless every row is valid.
   * Participants and pairs are written in cohort-partition transactions, then the
   * membership index that lets each person find their cohort and pair.
   */
  async importRoster(cohortId: string, csvText: string): Promise<ImportOutcome> {
    const [existingPeople, existingPairs] = await Promise.all([
      this.repos.participants.listByCohort(cohortId),
      this.repos.pairs.listByCohort(cohortId),
    ]);
    const pairedIds = new Set(existingPairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const result = parseRoster(
      csvText,
      existingPeople.map((p) => ({ email: p.email, paired: pairedIds.has(p.id) })),
    );
    if (!result.ok) return result;

    const now = this.clock().toISOString();
    const participants: Participant[] = result.people.map((p) => ({
      id: newId(),
      cohortId,
      displayName: p.displayName,
      email: p.email,
      userId: p.userId,
      role: p.role,
      organisation: p.organisation,
      jobTitle: p.jobTitle,
      createdAt: now,
    }));
    const byEmail = new Map(participants.map((p) => [p.email, p]));
    const pairs: Pair[] = result.pairs.map((p) => ({
      id: newId(),
      cohortId,
      mentorId: byEmail.get(p.mentorEmail)!.id,
      menteeId: byEmail.get(p.menteeEmail)!.id,
      arrangement: p.arrangement,
      state: 'proposed',
      createdAt: now,
      updatedAt: now,
    }));
    const pairOf = new Map<string, string>();
    for (const pair of pairs) {
      pairOf.set(pair.mentorId, pair.id);
      pairOf.set(pair.menteeId, pair.id);
    }

    await this.repos.participants.createMany(cohortId, participants);
    await this.repos.pairs.createMany(cohortId, pairs);
    await this.repos.memberships.put(
      participants.flatMap((p) => {
        const membership: Membership = {
          cohortId,
          participantId: p.id,
          role: p.role,
          displayName: p.displayName,
          pairId: pairOf.get(p.id),
        };
        const entries = [{ key: emailKey(p.email), membership }];
        if (p.userId) entries.push({ key: userKey(p.userId), membership });
        return entries;
      }),
    );
    if (this.onPairsCreated && pairs.length > 0) {
      await this.onPairsCreated(
        cohortId,
        pairs.map((p) => p.id),
      );
    }
    return { ok: true, participants: participants.length, pairs: pairs.length };
  }
}
