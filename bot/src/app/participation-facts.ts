import type {
  PairParticipation,
  PartnerChoice,
  SessionRecord,
} from '../contracts/evaluation-participation';
import { type StoredRegister, sessionRecordsOf } from '../features/calendar/index';
import type { Pair } from '../features/cohorts';
import type { ParticipationFacts } from '../features/evaluation/index';
import type { PairSpace } from '../features/journey/index';
import { eachLimited } from '../platform/storage/batch';
import type { Versioned } from '../platform/storage/versioned';

/** Pair spaces read at once: enough to overlap the storage round trips, not to flood them. */
const PARALLEL_READS = 8;

/**
 * The journey's facts the evaluation's participation measures count, for a cohort's pairs: each
 * pair's meetings (their status), actions (done or not), how it ended early (who, and the
 * private reason, which the domain only groups) and each partner's end-of-programme choice. One
 * query per pair's space. And the calendar's programme sessions that have an attendance
 * register (people on it invited, those marked attended), read with the cohort's calendar in one
 * query; a session without a register is not counted.
 */
export function participationFactsFrom(
  pairSpaces: { load(pairId: string): Promise<PairSpace> },
  calendar: {
    calendar(cohortId: string): Promise<{
      events: Versioned<{ id: string; type: SessionRecord['type'] }>[];
      registers: Versioned<StoredRegister>[];
    }>;
  },
): ParticipationFacts {
  return {
    async of(cohortId: string, pairs: readonly Pair[]) {
      const facts: PairParticipation[] = [];
      const choices: PartnerChoice[] = [];
      const sessionsRead = async (): Promise<SessionRecord[]> =>
        sessionRecordsOf(await calendar.calendar(cohortId));
      const pairsRead = eachLimited([...pairs], PARALLEL_READS, async (pair) => {
        if (pair.state === 'proposed') return;
        const space = await pairSpaces.load(pair.id);
        facts.push(pairFacts(pair, space));
        // Partners of a pair that reached the final review: its end, or a review already given.
        if (pair.state === 'completed' || space.reviews.length > 0) {
          choices.push(...partnerChoices(pair, space));
        }
      });
      const [sessions] = await Promise.all([sessionsRead(), pairsRead]);
      return { pairs: facts, choices, sessions };
    },
  };
}

function pairFacts(pair: Pair, space: PairSpace): PairParticipation {
  const status = space.status?.value;
  const endedBy = status?.endedBy;
  return {
    pairId: pair.id,
    meetings: space.meetings.map((m) => ({ status: m.value.status })),
    actions: space.actions.map((a) => ({ done: a.value.doneAt !== undefined })),
    ending:
      pair.state === 'ended_early'
        ? {
            byPart:
              endedBy === pair.mentorId
                ? 'mentor'
                : endedBy === pair.menteeId
                  ? 'mentee'
                  : 'coordinator',
            reason: status?.endReason ?? null,
          }
        : null,
  };
}

/** Both partners of a completed pair, with the choice each made at the final review (or none). */
function partnerChoices(pair: Pair, space: PairSpace): PartnerChoice[] {
  const choiceOf = (participantId: string) =>
    space.reviews.find((r) => r.value.authorId === participantId)?.value.choice ?? null;
  return [
    { role: 'mentor', choice: choiceOf(pair.mentorId) },
    { role: 'mentee', choice: choiceOf(pair.menteeId) },
  ];
}
