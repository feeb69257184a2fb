import type { Activity } from 'botbuilder';
import { createCohort, newCohortSchema } from '../../bot/src/features/cohorts/domain/cohort';
import { newId } from '../../bot/src/features/cohorts/domain/ids';
import type { Participant } from '../../bot/src/features/cohorts/domain/participant';
import { eachLimited } from '../../bot/src/platform/storage/batch';
import { emailKey, userKey } from '../../bot/src/features/cohorts/store/membership-repository';
import { createRepositories } from '../../bot/src/app/repositories';
import type { TableStore } from '../../bot/src/platform/storage/table-store';
import { conversationFromActivity } from '../../bot/src/platform/teams/conversation-tracker';
import { type TeamsUser, installActivity } from './activities';

/**
 * A large cohort written straight into storage, for fan-out benchmarks and tests: the cohort,
 * its participants (transactions of 100), their membership index rows and, for each person, the
 * conversation reference the bot would have stored when they installed it, pointing at the given
 * connector. No bot installs and no roster import, so 10,000 people take seconds, not minutes,
 * and the send path the fan-out takes is the real one.
 */

export interface FanoutPerson extends TeamsUser {
  participantId: string;
}

export interface FanoutCohort {
  cohortId: string;
  people: FanoutPerson[];
}

/** Person n of a seeded cohort; `idPrefix` (8 hex digits) keeps cohorts' people apart. */
export function fanoutPerson(n: number, idPrefix = 'f0000000'): TeamsUser {
  return {
    aadObjectId: `${idPrefix}-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `Person ${n}`,
  };
}

export async function seedFanoutCohort(
  store: TableStore,
  options: {
    people: number;
    /** The connector's service URL that the stored references point at. */
    serviceUrl: string;
    createdBy: string;
    /** 8 hex digits that make these people's object ids unique to this cohort. */
    idPrefix?: string;
    name?: string;
    /** Storage requests in flight at once while writing. */
    parallel?: number;
  },
): Promise<FanoutCohort> {
  const repos = createRepositories(store);
  const now = new Date();
  const parallel = options.parallel ?? 32;
  const cohort = createCohort(
    newCohortSchema.parse({
      name: options.name ?? `Fan-out cohort of ${options.people}`,
      startDate: '2027-03-01',
      endDate: '2027-08-31',
    }),
    newId(),
    options.createdBy,
    now,
  );
  await repos.cohorts.create(cohort);

  const people: FanoutPerson[] = [];
  const participants: Participant[] = [];
  for (let i = 1; i <= options.people; i++) {
    const user = fanoutPerson(i, options.idPrefix);
    const participant: Participant = {
      id: newId(),
      cohortId: cohort.id,
      displayName: user.name,
      email: `person.${i}.${cohort.id.slice(0, 6)}@trust.nhs.uk`,
      userId: user.aadObjectId,
      role: i % 2 ? 'mentor' : 'mentee',
      createdAt: now.toISOString(),
    };
    participants.push(participant);
    people.push({ ...user, participantId: participant.id });
  }
  await repos.participants.createMany(cohort.id, participants);

  const memberships = participants.flatMap((p) => {
    const membership = {
      cohortId: cohort.id,
      participantId: p.id,
      role: p.role,
      displayName: p.displayName,
    };
    return [
      { key: emailKey(p.email), membership },
      { key: userKey(p.userId!), membership },
    ];
  });
  // The repository writes 16 at a time; larger slices keep more requests in flight.
  const slices: (typeof memberships)[] = [];
  for (let i = 0; i < memberships.length; i += 200) slices.push(memberships.slice(i, i + 200));
  await eachLimited(slices, Math.max(1, Math.floor(parallel / 16)), (slice) =>
    repos.memberships.put(slice),
  );

  await eachLimited(people, parallel, async (person) => {
    const stored = conversationFromActivity(
      installActivity(options.serviceUrl, person) as unknown as Activity,
      now,
    );
    if (stored) await repos.conversations.save(stored);
  });
  return { cohortId: cohort.id, people };
}
