import fc from 'fast-check';
import {
  HEALTH_WORDS,
  PAIR_HEALTHS,
  PAIR_STATES,
  PAIR_STATE_WORDS,
  type PairHealthRow,
  type PairState,
  pairHealthWords,
} from '../../bot/src/contracts/cohorts';
import {
  RECIPROCAL_COUNT_NOTE,
  audienceLabel,
  countAudiences,
  countWords,
  peopleWords,
} from '../../bot/src/contracts/audience-counts';
import { buildPreviewCard } from '../../bot/src/features/announcements/cards/announcement-preview-card';
import { buildMyPairCard } from '../../bot/src/features/journey/cards/my-pair-card';
import { pairHealth } from '../../bot/src/features/journey/domain/pair-health';
import { audienceSizes } from '../../tab/src/announcements/announcement-words';
import type { CohortParticipant } from '../../tab/src/coordinator/coordinator-api';
import { describePairState } from '../../tab/src/shared/format';

/**
 * One vocabulary for a pair's state (issue 14, item 7): the contract's PAIR_STATE_WORDS on the
 * partners' tab, the my-pair card and the programme team's health; and audience counts that say
 * how people in reciprocal pairs are counted.
 */

const cardText = (state: PairState) =>
  JSON.stringify(
    buildMyPairCard({
      cohortName: 'Spring',
      isDemo: false,
      myRole: 'mentee',
      arrangement: 'reverse',
      state,
      partner: { displayName: 'Ama' },
    }),
  );

/** The value of the card's "Status" fact. */
function statusFact(state: PairState): string {
  const facts = (
    JSON.parse(cardText(state)) as {
      body: { type: string; facts?: { title: string; value: string }[] }[];
    }
  ).body.find((b) => b.type === 'FactSet')!.facts!;
  return facts.find((f) => f.title === 'Status')!.value;
}

describe('one vocabulary for a pair state', () => {
  it('gives every state words a participant understands', () => {
    expect(PAIR_STATE_WORDS).toEqual({
      proposed: 'Proposed',
      introduced: 'Introduced',
      active: 'Active',
      paused: 'Paused',
      completed: 'Completed',
      ended_early: 'Ended early',
    });
  });

  it.each(PAIR_STATES)('the tab and the my-pair card say %s in the contract’s words', (state) => {
    expect(describePairState(state)).toBe(PAIR_STATE_WORDS[state]);
    // The card may add what to do next after the word, never another word for the state.
    expect(statusFact(state).split(':')[0]).toBe(PAIR_STATE_WORDS[state]);
  });

  it.each(PAIR_STATES)(
    'the programme team’s health for a %s pair reads as its state unless it is meeting',
    (state) => {
      for (const missedInARow of [0, 1, 2]) {
        const health = pairHealth({ state, missedInARow, meetings: [] });
        const words = pairHealthWords(state, health);
        if (state === 'active') {
          expect(['On track', 'Needs a check-in', 'At risk']).toContain(words);
        } else {
          expect(words).toBe(PAIR_STATE_WORDS[state]);
        }
      }
    },
  );

  it('names the health groups with the state words wherever a group is a state', () => {
    expect(HEALTH_WORDS.paused).toBe(PAIR_STATE_WORDS.paused);
    expect(HEALTH_WORDS.completed).toBe(PAIR_STATE_WORDS.completed);
    expect(HEALTH_WORDS.ended).toBe(PAIR_STATE_WORDS.ended_early);
    expect(HEALTH_WORDS.starting).toBe('Proposed or introduced');
    expect(new Set(PAIR_HEALTHS.map((h) => HEALTH_WORDS[h])).size).toBe(PAIR_HEALTHS.length);
  });
});

describe('audience counts and reciprocal pairs', () => {
  it('says how many of a count are in reciprocal pairs', () => {
    expect(audienceLabel('Mentors', { people: 4, reciprocal: 2 })).toBe(
      'Mentors (4, including 2 in reciprocal pairs)',
    );
    expect(audienceLabel('Mentees', { people: 3, reciprocal: 1 })).toBe(
      'Mentees (3, including 1 in a reciprocal pair)',
    );
    expect(audienceLabel('Mentors', { people: 4, reciprocal: 0 })).toBe('Mentors (4)');
    expect(audienceLabel('Mentors', undefined)).toBe('Mentors');
    expect(peopleWords({ people: 4, reciprocal: 2 })).toBe(
      '4 people, including 2 in reciprocal pairs',
    );
    expect(peopleWords({ people: 1, reciprocal: 0 })).toBe('1 person');
  });

  it('counts a reciprocal partner among the mentors and among the mentees, and everyone once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ part: fc.constantFrom('mentor', 'mentee'), reciprocal: fc.boolean() }),
        ),
        (people) => {
          const counted = people.map((p) => ({
            parts: p.reciprocal ? (['mentor', 'mentee'] as const) : ([p.part] as const),
            reciprocal: p.reciprocal,
          }));
          const { everyone, mentors, mentees } = countAudiences(counted);
          const reciprocal = people.filter((p) => p.reciprocal).length;
          expect(everyone.people).toBe(people.length);
          expect(mentors.people + mentees.people).toBe(people.length + reciprocal);
          expect(mentors.reciprocal).toBe(reciprocal);
          expect(mentees.reciprocal).toBe(reciprocal);
          // The words always give the whole count, and name the reciprocal only when there are some.
          expect(countWords(mentors).startsWith(String(mentors.people))).toBe(true);
          expect(countWords(mentors).includes('reciprocal')).toBe(reciprocal > 0);
        },
      ),
    );
  });

  it('the tab’s announcement form counts as the words say: one reverse and one reciprocal pair', () => {
    const person = (id: string, role: 'mentor' | 'mentee', pairId: string): CohortParticipant => ({
      id,
      displayName: id,
      email: `${id}@trust.nhs.uk`,
      role,
      organisation: null,
      jobTitle: null,
      band: null,
      linked: true,
      pairId,
      etag: '"e"',
    });
    const pair = (pairId: string, arrangement: 'reverse' | 'reciprocal') =>
      ({ pairId, arrangement, state: 'active', health: 'on_track' }) as PairHealthRow;
    const sizes = audienceSizes(
      [
        person('ama', 'mentor', 'p1'),
        person('dev', 'mentee', 'p1'),
        person('kofi', 'mentor', 'p2'),
        person('helen', 'mentee', 'p2'),
      ],
      [pair('p1', 'reverse'), pair('p2', 'reciprocal')],
    );
    expect(sizes.cohort).toEqual({ people: 4, reciprocal: 0 });
    expect(sizes.mentors).toEqual({ people: 3, reciprocal: 2 });
    expect(audienceLabel('Mentors', sizes.mentors)).toBe(
      'Mentors (3, including 2 in reciprocal pairs)',
    );
  });

  it('the chat preview card says it too, with the note on how they are counted', () => {
    const preview = JSON.stringify(
      buildPreviewCard({
        announcementCard: { type: 'AdaptiveCard', version: '1.5', body: [] },
        audienceWords: 'Mentors',
        recipientCount: 3,
        reciprocalCount: 2,
        whenWords: 'now',
        alsoInChannel: false,
        draft: {},
      }),
    );
    expect(preview).toContain('To **Mentors**: 3 people, including 2 in reciprocal pairs.');
    expect(preview).toContain(RECIPROCAL_COUNT_NOTE);
  });
});
