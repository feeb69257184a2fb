import {
  matchReciprocalPool,
  type ReciprocalCandidate,
  type ReciprocalInput,
  type ReciprocalProposal,
} from '../../bot/src/features/matching';

/** Hand cases for the reciprocal pool: each hard rule, locks, the two aims, reasons in words. */

function person(id: string, extra: Partial<ReciprocalCandidate> = {}): ReciprocalCandidate {
  return {
    id,
    displayName: id,
    bandIndex: 4,
    organisation: 'Trust A',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
    ...extra,
  };
}

function run(
  candidates: ReciprocalCandidate[],
  more: Partial<ReciprocalInput> = {},
): ReciprocalProposal {
  return matchReciprocalPool({ candidates, settings: { aim: 'most-matched' }, ...more });
}

const pairsOf = (result: ReciprocalProposal): string[] =>
  result.pairs.map((p) => `${p.personAId}-${p.personBId}`);

describe('matching engine, reciprocal pool: hard rules', () => {
  it('pairs people at any bands: there is no band gap in a reciprocal pool', () => {
    expect(
      pairsOf(run([person('Ana', { bandIndex: 9 }), person('Ben', { bandIndex: 9 })])),
    ).toEqual(['Ana-Ben']);
  });

  it('never pairs people in the same reporting line, skip-level included', () => {
    // Dan manages Cat, who manages Ana: every two of them are in one line.
    const result = run([
      person('Ana', { lineManagerId: 'Cat' }),
      person('Cat', { lineManagerId: 'Dan' }),
      person('Dan'),
    ]);
    expect(result.pairs).toEqual([]);
    expect(result.unmatched.map((u) => [u.id, u.cause, u.ruledOut])).toEqual([
      ['Ana', 'rules', { 'reporting-line': 2 }],
      ['Cat', 'rules', { 'reporting-line': 2 }],
      ['Dan', 'rules', { 'reporting-line': 2 }],
    ]);
    expect(result.unmatched[0]?.reason).toBe('no possible partner: 2 in the same reporting line');
    // Two people with the same manager are not in each other's line.
    expect(
      pairsOf(
        run([person('Ana', { lineManagerId: 'Max' }), person('Ben', { lineManagerId: 'Max' })]),
      ),
    ).toEqual(['Ana-Ben']);
  });

  it('needs a meeting mode in common, and in person only, the same location', () => {
    const apart = run([
      person('Ana'),
      person('Ben', { meetingMode: 'in-person', location: 'Leeds' }),
    ]);
    expect(apart.pairs).toEqual([]);
    expect(apart.unmatched[0]?.reason).toBe(
      'no possible partner: 1 meeting modes (or, in person only, locations) do not fit',
    );
    expect(
      run([
        person('Ana', { meetingMode: 'in-person', location: 'York' }),
        person('Ben', { meetingMode: 'either', location: 'Leeds' }),
      ]).pairs,
    ).toEqual([]);
    expect(
      pairsOf(
        run([
          person('Ana', { meetingMode: 'in-person', location: 'leeds ' }),
          person('Ben', { meetingMode: 'either', location: 'Leeds' }),
        ]),
      ),
    ).toEqual(['Ana-Ben']);
  });

  it('keeps the never-pair list and earlier cohorts’ pairs, in either order', () => {
    const two = [person('Ana'), person('Ben')];
    expect(run(two, { neverPair: [['Ben', 'Ana']] }).unmatched.map((u) => u.reason)).toEqual([
      'no possible partner: 1 the programme team asked never to pair them',
      'no possible partner: 1 the programme team asked never to pair them',
    ]);
    expect(run(two, { previousPairs: [['Ana', 'Ben']] }).unmatched[0]?.reason).toBe(
      'no possible partner: 1 paired in an earlier cohort',
    );
  });

  it('pairs each person once: in a triangle one is left, told the possible partners were taken', () => {
    const result = run([person('Ana'), person('Ben'), person('Cat')]);
    expect(result.pairs).toHaveLength(1);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]).toMatchObject({
      cause: 'shortage',
      reason: 'all 2 possible partners were paired with someone else',
    });
    expect(run([person('Ana')]).unmatched[0]?.reason).toBe('no one was left to pair with');
  });

  it('refuses a pool that names someone twice', () => {
    expect(() => run([person('Ana'), person('Ana')])).toThrow(RangeError);
  });
});

describe('matching engine, reciprocal pool: locks, fit, words and aims', () => {
  it('places locks first and keeps them; refuses the ones it may not place, saying why', () => {
    const result = run(
      [person('Ana'), person('Ben', { lineManagerId: 'Cat' }), person('Cat'), person('Dan')],
      {
        lockedPairs: [
          { personAId: 'Ben', personBId: 'Cat' },
          { personAId: 'Ana', personBId: 'Cat' },
          { personAId: 'Ana', personBId: 'Dan' },
          { personAId: 'Dan', personBId: 'Dan' },
          { personAId: 'Dan', personBId: 'Zoe' },
        ],
      },
    );
    expect(pairsOf(result)).toEqual(['Ana-Cat', 'Ben-Dan']);
    expect(result.pairs.map((p) => p.locked)).toEqual([true, false]);
    expect(result.refusedLocks.map((r) => r.reason)).toEqual([
      'a hard rule forbids it: in the same reporting line',
      'one of them is already in a locked pair',
      'the lock names the same person twice',
      'not everyone in this lock applied to the cohort',
    ]);
  });

  it('scores both ways and explains the pair in words', () => {
    const result = run([
      person('Ana', {
        organisation: 'Trust B',
        perspectivesShared: ['faith'],
        perspectivesWanted: ['Disability', 'carer'],
        availability: ['mon-am', 'tue-pm'],
        location: 'Leeds',
      }),
      person('Ben', {
        perspectivesShared: ['disability'],
        perspectivesWanted: ['faith'],
        availability: ['mon-am'],
        location: 'Leeds',
      }),
    ]);
    expect(result.pairs).toEqual([
      {
        personAId: 'Ana',
        personBId: 'Ben',
        // With the default weights: 20 x 1/2 + 20 x 1/1 (perspectives, half each way) + 15
        // (other organisation) + 10 x 1/2 + 10 x 1/1 (availability, half each way) + 10 (location).
        score: 70,
        reasons: [
          'covers 1 of 2 perspectives Ana wants to learn',
          'covers 1 of 1 perspective Ben wants to learn',
          'different organisations',
          '1 availability slot in common',
          'same location',
        ],
        warnings: [],
        locked: false,
      },
    ]);
    expect(result.totalScore).toBe(70);
  });

  it('gives lived-experience points when either brings what the other lacks, never naming it', () => {
    const lived = (id: string, tokens: string[]) => person(id, { livedExperience: tokens });
    const differ = run([lived('Ana', ['t1']), lived('Ben', ['t1', 't2'])]);
    // Ben brings t2, which Ana lacks: 15 points (other organisation and the rest score 0 here).
    expect(differ.pairs[0]).toMatchObject({ score: 15 });
    expect(differ.pairs[0]!.reasons).toContain('different lived experience');
    expect(JSON.stringify(differ)).not.toMatch(/t1|t2/);
    const same = run([lived('Ana', ['t1']), lived('Ben', ['t1'])]);
    expect(same.pairs[0]).toMatchObject({ score: 0 });
    const unanswered = run([lived('Ana', ['t1']), lived('Ben', [])]);
    expect(unanswered.pairs[0]!.reasons).not.toContain('different lived experience');
  });

  it('warns when a pair shares no availability and none of what one of them wants to learn', () => {
    const [pair] = run([
      person('Ana', { availability: ['mon-am'], perspectivesWanted: ['carer'] }),
      person('Ben', { availability: ['fri-pm'] }),
    ]).pairs;
    expect(pair?.warnings).toEqual([
      'no availability slot in common: they will need to agree a time',
      'none of the perspectives Ana wants to learn',
    ]);
    expect(pair?.reasons).toContain('Ben named no perspectives to learn');
  });

  it('"most matched" pairs more people; "best fit" takes the better total', () => {
    // A path Ana - Ben - Cat - Dan: Ben and Cat fit very well, the two ends not at all.
    const candidates = [
      person('Ana'),
      person('Ben', { perspectivesShared: ['faith'], perspectivesWanted: ['carer'] }),
      person('Cat', {
        organisation: 'Trust B',
        perspectivesShared: ['carer'],
        perspectivesWanted: ['faith'],
      }),
      person('Dan', { organisation: 'Trust B' }),
    ];
    const neverPair: [string, string][] = [
      ['Ana', 'Cat'],
      ['Ana', 'Dan'],
      ['Ben', 'Dan'],
    ];
    const most = matchReciprocalPool({ candidates, neverPair, settings: { aim: 'most-matched' } });
    expect(pairsOf(most)).toEqual(['Ana-Ben', 'Cat-Dan']);
    const best = matchReciprocalPool({ candidates, neverPair, settings: { aim: 'best-fit' } });
    expect(pairsOf(best)).toEqual(['Ben-Cat']);
    // 40 (each learns all they want from the other) + 15 (other organisation).
    expect(best.totalScore).toBe(55);
    expect(most.totalScore).toBe(0);
    expect(best.unmatched.map((u) => [u.id, u.cause])).toEqual([
      ['Ana', 'shortage'],
      ['Dan', 'shortage'],
    ]);
  });
});
