import { type PairHealthRow, pairHealthWords } from '../../../contracts/cohorts';
import { progress } from '../domain/meeting-plan';
import { coordinatorRequests, lastContact, pairHealth, stateChange } from '../domain/pair-health';
import { cohortTimeZone, contractDueBy } from '../domain/working-days';
import type { Cohort, Pair, Participant } from '../../cohorts';
import { eachLimited } from '../../../platform/storage/batch';
import type { Versioned } from '../../../platform/storage/versioned';
import type { PairSpace } from '../store/pair-space-repository';

/** What the health of a cohort is read from: its pairs, its roster and each pair's space. */
export interface HealthStores {
  cohorts: { get(cohortId: string): Promise<Versioned<Cohort> | undefined> };
  pairs: { listByCohort(cohortId: string): Promise<Pair[]> };
  participants: { listByCohort(cohortId: string): Promise<Participant[]> };
  pairSpaces: { load(pairId: string): Promise<PairSpace> };
}

export type { PairHealthRow };

/**
 * The health of every pair in a cohort. Reads the cohort's pairs and roster (two partition
 * queries) and each pair's space; never returns goals, actions, reflections or preparation.
 * Who paused or ended a pair and their reason are the programme team's (the cards say so).
 */
export async function cohortHealth(
  repos: HealthStores,
  cohortId: string,
  now: Date,
): Promise<PairHealthRow[]> {
  const cohort = await repos.cohorts.get(cohortId);
  if (!cohort) return [];
  const [pairs, people] = await Promise.all([
    repos.pairs.listByCohort(cohortId),
    repos.participants.listByCohort(cohortId),
  ]);
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const rows: PairHealthRow[] = [];
  await eachLimited(pairs, 8, async (pair) => {
    const space = await repos.pairSpaces.load(pair.id);
    const meetings = space.meetings.map((m) => m.value);
    const missedInARow = space.status?.value.missedInARow ?? 0;
    const introducedAt = space.status?.value.introducedAt;
    const zone = cohortTimeZone(cohort.value, space.status?.value.timeZone);
    const contractOverdue =
      introducedAt !== undefined && contractDueBy(introducedAt, zone).getTime() <= now.getTime();
    const health = pairHealth({ state: pair.state, missedInARow, meetings, contractOverdue });
    const counts = progress(cohort.value.cadence, meetings);
    const partners = {
      pair,
      mentor: names.get(pair.mentorId) ?? '',
      mentee: names.get(pair.menteeId) ?? '',
    };
    const askedBy = coordinatorRequests(
      partners,
      space.fitChecks.map((f) => f.value),
    );
    rows.push({
      pairId: pair.id,
      mentor: partners.mentor,
      mentee: partners.mentee,
      arrangement: pair.arrangement,
      state: pair.state,
      health,
      healthText: pairHealthWords(pair.state, health),
      held: counts.held,
      planned: cohort.value.cadence.plannedMeetings,
      missedMonths: meetings.filter((m) => m.status === 'missed').length,
      minimumMet: counts.minimumMet,
      lastContact: lastContact(meetings) ?? null,
      askedForCoordinator: askedBy.length,
      askedBy,
      change: stateChange(partners, space.status?.value),
    });
  });
  // Pairs where someone asked for a word come first, then by mentor.
  return rows.sort(
    (a, b) =>
      Number(b.askedForCoordinator > 0) - Number(a.askedForCoordinator > 0) ||
      a.mentor.localeCompare(b.mentor),
  );
}

/** The coordinator's health table as a service, for routes and other features to be given. */
export class CohortHealthService {
  constructor(
    private readonly stores: HealthStores,
    private readonly now: () => Date,
  ) {}

  /** Every pair of the cohort with its health; empty when there is no such cohort. */
  cohortHealth(cohortId: string): Promise<PairHealthRow[]> {
    return cohortHealth(this.stores, cohortId, this.now());
  }
}
