import { createCohort, newCohortSchema } from '../src/features/cohorts/domain/cohort';
import { newId } from '../src/features/cohorts/domain/ids';
import type { Pair } from '../src/features/cohorts/domain/pair';
import type { Participant } from '../src/features/cohorts/domain/participant';
import { emailKey, userKey } from '../src/features/cohorts/store/membership-repository';
import { createRepositories } from '../src/app/repositories';
import { eachLimited } from '../src/platform/storage/batch';
import type { TableStore } from '../src/platform/storage/table-store';

/** One person of the load cohort: who they are to the API and to the pair they are in. */
export interface LoadPerson {
  userId: string;
  name: string;
  participantId: string;
  pairId: string;
}

export interface LoadCohort {
  cohortId: string;
  people: LoadPerson[];
  pairIds: string[];
}

/**
 * A realistic cohort for `npm run bench:api`, written straight into storage: `pairs` active
 * reverse pairs (2 × pairs participants), each person's membership rows (by user and by email)
 * naming their pair. The bench then adds one goal per pair through the API.
 */
export async function seedLoadCohort(store: TableStore, pairs: number): Promise<LoadCohort> {
  const repos = createRepositories(store);
  const now = new Date().toISOString();
  const cohort = createCohort(
    newCohortSchema.parse({
      name: `API load cohort of ${pairs} pairs`,
      startDate: '2027-03-01',
      endDate: '2027-08-31',
    }),
    newId(),
    'bench',
    new Date(),
  );
  await repos.cohorts.create(cohort);

  const participants: Participant[] = [];
  const pairRows: Pair[] = [];
  const people: LoadPerson[] = [];
  for (let n = 0; n < pairs; n++) {
    const pairId = newId();
    const two = (['mentor', 'mentee'] as const).map((role, i) => {
      const index = 2 * n + i;
      const userId = `a0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
      const participant: Participant = {
        id: newId(),
        cohortId: cohort.id,
        displayName: `Person ${index}`,
        email: `person.${index}@trust.nhs.uk`,
        userId,
        role,
        createdAt: now,
      };
      participants.push(participant);
      people.push({ userId, name: participant.displayName, participantId: participant.id, pairId });
      return participant;
    });
    pairRows.push({
      id: pairId,
      cohortId: cohort.id,
      mentorId: two[0]!.id,
      menteeId: two[1]!.id,
      arrangement: 'reverse',
      state: 'active',
      createdAt: now,
      updatedAt: now,
    });
  }
  await repos.participants.createMany(cohort.id, participants);
  await repos.pairs.createMany(cohort.id, pairRows);

  const pairOf = new Map(people.map((p) => [p.participantId, p.pairId]));
  const memberships = participants.flatMap((p) => {
    const membership = {
      cohortId: cohort.id,
      participantId: p.id,
      role: p.role,
      displayName: p.displayName,
      pairId: pairOf.get(p.id),
    };
    return [
      { key: emailKey(p.email), membership },
      { key: userKey(p.userId!), membership },
    ];
  });
  const slices: (typeof memberships)[] = [];
  for (let i = 0; i < memberships.length; i += 200) slices.push(memberships.slice(i, i + 200));
  await eachLimited(slices, 2, (slice) => repos.memberships.put(slice));
  return { cohortId: cohort.id, people, pairIds: pairRows.map((p) => p.id) };
}
