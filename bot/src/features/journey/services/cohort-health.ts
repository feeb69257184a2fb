import type { PairHealthRow } from '../../../contracts/cohorts';
import { progress } from '../domain/meeting-plan';
import { HEALTH_WORDS, lastContact, pairHealth } from '../domain/pair-health';
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
 * queries) and each pair's space; never returns goals, reflections or preparation.
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
    rows.push({
      pairId: pair.id,
      mentor: names.get(pair.mentorId) ?? '',
      mentee: names.get(pair.menteeId) ?? '',
      arrangement: pair.arrangement,
      state: pair.state,
      health,
      healthText: HEALTH_WORDS[health],
      held: counts.held,
      planned: cohort.value.cadence.plannedMeetings,
      minimumMet: counts.minimumMet,
      lastContact: lastContact(meetings) ?? null,
      askedForCoordinator: space.fitChecks.filter((f) => f.value.wantsCoordinator).length,
    });
  });
  return rows.sort((a, b) => a.mentor.localeCompare(b.mentor));
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
