import type { Cohort } from '../../cohorts';
import type { Pair } from '../../cohorts';
import type { Participant } from '../../cohorts';
import { resolveTimeZone } from '../domain/send-window';
import { NotFoundError } from '../../../platform/storage/errors';
import type {
  PairSpace,
  PairSpaceRepository,
  PairStatusRecord,
} from '../store/pair-space-repository';
import type { Versioned } from '../../../platform/storage/versioned';

/** The records the journey reads and writes: the cohort's people and pairs, and each pair's space. */
export interface JourneyStores {
  cohorts: { get(cohortId: string): Promise<Versioned<Cohort> | undefined> };
  pairs: {
    get(cohortId: string, pairId: string): Promise<Versioned<Pair> | undefined>;
    update(pair: Pair, etag: string): Promise<Versioned<Pair>>;
  };
  participants: {
    get(cohortId: string, participantId: string): Promise<Versioned<Participant> | undefined>;
  };
  pairSpaces: PairSpaceRepository;
}

/** Everything needed to act on one pair, read once. */
export interface PairContext {
  cohort: Cohort;
  pair: Versioned<Pair>;
  mentor: Participant;
  mentee: Participant;
  space: PairSpace;
  status: PairStatusRecord;
  /** The pair's plan time zone. */
  timeZone: string;
}

/**
 * A pair's space without its two people's records: what a goal or an action changed from the
 * tab needs (two storage calls fewer on every such write, issue 18).
 */
export type PairSpaceContext = Omit<PairContext, 'mentor' | 'mentee'>;

export function emptyStatus(pairId: string, now: Date): PairStatusRecord {
  return { pairId, missedInARow: 0, remindersPausedUntil: {}, updatedAt: now.toISOString() };
}

export async function loadPairSpaceContext(
  repos: Omit<JourneyStores, 'participants'>,
  cohortId: string,
  pairId: string,
  now: Date,
): Promise<PairSpaceContext> {
  const [cohort, pair, space] = await Promise.all([
    repos.cohorts.get(cohortId),
    repos.pairs.get(cohortId, pairId),
    repos.pairSpaces.load(pairId),
  ]);
  if (!cohort || !pair) throw new NotFoundError('This pairing no longer exists');
  const status = space.status?.value ?? emptyStatus(pairId, now);
  return {
    cohort: cohort.value,
    pair,
    space,
    status,
    timeZone: resolveTimeZone(status.timeZone),
  };
}

export async function loadPairContext(
  repos: JourneyStores,
  cohortId: string,
  pairId: string,
  now: Date,
): Promise<PairContext> {
  const base = await loadPairSpaceContext(repos, cohortId, pairId, now);
  const [mentor, mentee] = await Promise.all([
    repos.participants.get(cohortId, base.pair.value.mentorId),
    repos.participants.get(cohortId, base.pair.value.menteeId),
  ]);
  if (!mentor || !mentee) throw new NotFoundError('A partner in this pairing no longer exists');
  return { ...base, mentor: mentor.value, mentee: mentee.value };
}

/** The caller's role in this pair and their partner's participant id, from the pair alone. */
export function roleInPair(
  ctx: PairSpaceContext,
  participantId: string,
): { myRole: 'mentor' | 'mentee'; partnerId: string } | undefined {
  const { mentorId, menteeId } = ctx.pair.value;
  if (participantId === mentorId) return { myRole: 'mentor', partnerId: menteeId };
  if (participantId === menteeId) return { myRole: 'mentee', partnerId: mentorId };
  return undefined;
}

/** The participant record of `participantId` in this pair, and their partner's. */
export function sides(
  ctx: PairContext,
  participantId: string,
): { me: Participant; partner: Participant; myRole: 'mentor' | 'mentee' } | undefined {
  if (participantId === ctx.mentor.id)
    return { me: ctx.mentor, partner: ctx.mentee, myRole: 'mentor' };
  if (participantId === ctx.mentee.id)
    return { me: ctx.mentee, partner: ctx.mentor, myRole: 'mentee' };
  return undefined;
}
