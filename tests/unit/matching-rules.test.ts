import {
  matchReversePool,
  type MatchCandidate,
  type MatchInput,
} from '../../bot/src/features/matching';

/** Hand cases for the reverse pool: each hard rule, the reasons in words, locks, the unmatched. */

function person(
  id: string,
  role: 'mentor' | 'mentee',
  extra: Partial<MatchCandidate> = {},
): MatchCandidate {
  return {
    id,
    displayName: id,
    role,
    bandIndex: role === 'mentor' ? 2 : 8,
    organisation: 'Trust A',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
    ...extra,
  };
}

function run(
  candidates: MatchCandidate[],
  more: Partial<MatchInput> = {},
): ReturnType<typeof matchReversePool> {
  return matchReversePool({
    candidates,
    settings: { minimumBandGap: 2, aim: 'most-matched' },
    ...more,
  });
}

const onlyPair = (input: ReturnType<typeof run>): string[] =>
  input.pairs.map((p) => `${p.mentorId}-${p.menteeId}`);

describe('matching engine, reverse pool: hard rules', () => {
  it('pairs a mentor junior enough by the band gap, and not one a band too close', () => {
    expect(
      onlyPair(
        run([
          person('Ana', 'mentor', { bandIndex: 4 }),
          person('David', 'mentee', { bandIndex: 6 }),
        ]),
      ),
    ).toEqual(['Ana-David']);
    const close = run([
      person('Ana', 'mentor', { bandIndex: 5 }),
      person('David', 'mentee', { bandIndex: 6 }),
    ]);
    expect(close.pairs).toEqual([]);
    expect(close.unmatched.map((u) => u.reason)).toEqual([
      'no possible mentee: 1 not junior enough by the cohort’s band gap',
      'no possible mentor: 1 not junior enough by the cohort’s band gap',
    ]);
  });

  it('never pairs people in the same reporting line, skip-level included, across both roles', () => {
    // David manages Cat (a mentee), who manages Ana (a mentor): Ana and David are skip-level.
    const result = run([
      person('Ana', 'mentor', { lineManagerId: 'Cat' }),
      person('Cat', 'mentee', { lineManagerId: 'David', bandIndex: 6 }),
      person('David', 'mentee'),
    ]);
    expect(result.pairs).toEqual([]);
    expect(result.unmatched.find((u) => u.id === 'David')?.ruledOut).toEqual({
      'reporting-line': 1,
    });
    // The other way round: the mentor is above the mentee through someone who did not apply.
    const up = run([
      person('Ana', 'mentor'),
      person('David', 'mentee', { lineManagerId: 'Zoe' }),
      person('Zoe', 'mentor', { lineManagerId: 'Ana', bandIndex: 9 }),
    ]);
    expect(up.pairs).toEqual([]);
    // Siblings under one manager are not in each other's line.
    expect(
      onlyPair(
        run([
          person('Ana', 'mentor', { lineManagerId: 'Max' }),
          person('David', 'mentee', { lineManagerId: 'Max' }),
        ]),
      ),
    ).toEqual(['Ana-David']);
  });

  it('needs a meeting mode in common, and in person only, the same location', () => {
    expect(
      run([
        person('Ana', 'mentor', { meetingMode: 'online' }),
        person('David', 'mentee', { meetingMode: 'in-person', location: 'Leeds' }),
      ]).pairs,
    ).toEqual([]);
    expect(
      run([
        person('Ana', 'mentor', { meetingMode: 'in-person', location: 'York' }),
        person('David', 'mentee', { meetingMode: 'either', location: 'Leeds' }),
      ]).pairs,
    ).toEqual([]);
    expect(
      onlyPair(
        run([
          person('Ana', 'mentor', { meetingMode: 'in-person', location: 'leeds ' }),
          person('David', 'mentee', { meetingMode: 'either', location: 'Leeds' }),
        ]),
      ),
    ).toEqual(['Ana-David']);
    expect(
      onlyPair(
        run([
          person('Ana', 'mentor', { meetingMode: 'either' }),
          person('David', 'mentee', { meetingMode: 'either' }),
        ]),
      ),
    ).toEqual(['Ana-David']);
  });

  it('keeps the never-pair list and earlier cohorts’ pairs, in either order', () => {
    const two = [person('Ana', 'mentor'), person('David', 'mentee')];
    const never = run(two, { neverPair: [['David', 'Ana']] });
    expect(never.pairs).toEqual([]);
    expect(never.unmatched[0]?.reason).toBe(
      'no possible mentee: 1 the programme team asked never to pair them',
    );
    const before = run(two, { previousPairs: [['Ana', 'David']] });
    expect(before.unmatched[0]?.reason).toBe('no possible mentee: 1 paired in an earlier cohort');
  });

  it('pairs each person once, and tells the one left over that the possible partners were taken', () => {
    const result = run([
      person('Ana', 'mentor'),
      person('Ben', 'mentor'),
      person('David', 'mentee'),
    ]);
    expect(result.pairs).toHaveLength(1);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]).toMatchObject({
      cause: 'shortage',
      reason: 'all 1 possible mentee was paired with someone else',
    });
    expect(run([person('Ana', 'mentor')]).unmatched[0]?.reason).toBe(
      'no mentees were left to pair with',
    );
  });
});

describe('matching engine, reverse pool: fit, words and aims', () => {
  it('scores and explains a pair in words', () => {
    const result = run([
      person('Ana', 'mentor', {
        organisation: 'Trust B',
        perspectivesShared: ['disability', 'carer', 'ethnicity'],
        availability: ['mon-am', 'tue-pm'],
      }),
      person('David', 'mentee', {
        perspectivesWanted: ['Disability', 'carer', 'ethnicity', 'lgbtq+'],
        availability: ['mon-am'],
      }),
    ]);
    expect(result.pairs).toEqual([
      {
        mentorId: 'Ana',
        menteeId: 'David',
        // 40 x 3/4 + 15 (other organisation) + 20 x 1/1 availability = 65.
        score: 65,
        reasons: [
          'covers 3 of 4 perspectives David wants to learn',
          'different organisations',
          '1 of 1 availability slots in common',
        ],
        warnings: [],
        locked: false,
      },
    ]);
    expect(result.totalScore).toBe(65);
  });

  it('warns when a pair shares no availability and none of the wanted perspectives', () => {
    const [pair] = run([
      person('Ana', 'mentor', { availability: ['mon-am'] }),
      person('David', 'mentee', { availability: ['fri-pm'], perspectivesWanted: ['carer'] }),
    ]).pairs;
    expect(pair?.warnings).toEqual([
      'no availability slot in common: they will need to agree a time',
      'none of the perspectives David wants to learn',
    ]);
  });

  it('"most matched" pairs more people; "best fit" takes the better total', () => {
    // Ana fits David very well, but only Ana may pair with Eve; Ben may pair only with David.
    const candidates = [
      person('Ana', 'mentor', { organisation: 'Trust B', perspectivesShared: ['carer'] }),
      person('Ben', 'mentor'),
      person('David', 'mentee', { perspectivesWanted: ['carer'] }),
      person('Eve', 'mentee'),
    ];
    const neverPair: [string, string][] = [['Ben', 'Eve']];
    const most = matchReversePool({
      candidates,
      neverPair,
      settings: { minimumBandGap: 2, aim: 'most-matched' },
    });
    expect(onlyPair(most).sort()).toEqual(['Ana-Eve', 'Ben-David']);
    const best = matchReversePool({
      candidates,
      neverPair,
      settings: { minimumBandGap: 2, aim: 'best-fit', weights: { crossOrganisation: 60 } },
    });
    expect(onlyPair(best)).toEqual(['Ana-David']);
    expect(best.totalScore).toBeGreaterThan(most.totalScore);
  });

  it('places locks first and keeps them; refuses a lock that breaks a hard rule, saying which', () => {
    const candidates = [
      person('Ana', 'mentor', { organisation: 'Trust B' }),
      person('Ben', 'mentor'),
      person('David', 'mentee'),
      person('Eve', 'mentee', { bandIndex: 3 }),
    ];
    const result = run(candidates, {
      lockedPairs: [
        { mentorId: 'Ben', menteeId: 'David' },
        { mentorId: 'Ana', menteeId: 'Eve' },
      ],
    });
    expect(result.pairs[0]).toMatchObject({ mentorId: 'Ben', menteeId: 'David', locked: true });
    expect(result.refusedLocks).toEqual([
      {
        mentorId: 'Ana',
        menteeId: 'Eve',
        reason: 'a hard rule forbids it: not junior enough by the cohort’s band gap',
      },
    ]);
    expect(result.pairs).toHaveLength(1);
  });
});
