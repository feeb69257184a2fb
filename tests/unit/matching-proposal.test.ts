import {
  type MatchApplicant,
  type MatchContext,
  compareRuns,
  lockPair,
  proposeDraft,
  removePair,
  reversePoolOf,
  swapPeople,
} from '../../bot/src/features/matching/index';

function applicant(id: string, over: Partial<MatchApplicant> = {}): MatchApplicant {
  return {
    id,
    displayName: id,
    email: `${id}@trust.nhs.uk`,
    role: 'mentor',
    arrangement: 'reverse',
    bandIndex: 2,
    organisation: 'North Trust',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
    ...over,
  };
}

// Two mentors (band 1) and two mentees (band 6); Max is mentor Ann's line manager.
const PEOPLE = [
  applicant('ann', {
    bandIndex: 1,
    lineManagerEmail: 'max@trust.nhs.uk',
    perspectivesShared: ['race'],
  }),
  applicant('bob', { bandIndex: 1, perspectivesShared: ['disability'] }),
  applicant('max', {
    role: 'mentee',
    bandIndex: 6,
    perspectivesWanted: ['disability'],
  }),
  applicant('mia', { role: 'mentee', bandIndex: 6, perspectivesWanted: ['race'] }),
];

function context(people = PEOPLE): MatchContext {
  return {
    candidates: reversePoolOf(people).candidates,
    settings: { aim: 'best-fit', minimumBandGap: 1 },
    neverPair: [],
    previousPairs: [],
  };
}

describe('matching proposals: the pool from applicants', () => {
  it('places "either" people on the short side, most junior as mentors, and leaves reciprocal-only out', () => {
    const pool = reversePoolOf([
      applicant('m1', { bandIndex: 1 }),
      applicant('e1', { role: 'mentee', bandIndex: 7 }),
      applicant('e2', { role: 'mentee', bandIndex: 7 }),
      applicant('e3', { role: 'mentee', bandIndex: 8 }),
      applicant('x-senior', { role: 'either', bandIndex: 6 }),
      applicant('x-junior', { role: 'either', bandIndex: 2 }),
      applicant('recip', { arrangement: 'reciprocal' }),
    ]);
    const roles = Object.fromEntries(pool.candidates.map((c) => [c.id, c.role]));
    // 1 mentor and 3 mentees: both "either" people go to the short (mentor) side.
    expect(roles).toMatchObject({ 'x-junior': 'mentor', 'x-senior': 'mentor' });
    expect(pool.outOfPool.map((o) => o.id)).toEqual(['recip']);
    // A manager who applied is followed by id; one who did not, by email.
    const ann = reversePoolOf(PEOPLE).candidates.find((c) => c.id === 'ann')!;
    expect(ann.lineManagerId).toBe('max');
  });

  it('leaves out, with the reason, anyone whose band left the ladder or who has no work email', () => {
    const pool = reversePoolOf([
      applicant('ok', { bandIndex: 1 }),
      applicant('off-ladder', { role: 'mentee', bandIndex: -1 }),
      applicant('no-email', { role: 'mentee', bandIndex: 7, email: '  ' }),
    ]);
    expect(pool.candidates.map((c) => c.id)).toEqual(['ok']);
    expect(pool.outOfPool).toEqual([
      { id: 'off-ladder', reason: expect.stringMatching(/band is not on the cohort's ladder/) },
      { id: 'no-email', reason: expect.stringMatching(/no verified work email/) },
    ]);
  });
});

describe('matching proposals: the coordinator’s edits', () => {
  it('refuses a swap whose new pair breaks a hard rule, naming the rule, and changes nothing', () => {
    const ctx = context();
    const draft = proposeDraft(
      ctx,
      [
        { mentorId: 'ann', menteeId: 'mia' },
        { mentorId: 'bob', menteeId: 'max' },
      ],
      [],
    );
    expect(draft.pairs).toHaveLength(2);
    // Swapping the mentors would pair Ann with Max, her own line manager.
    const swapped = swapPeople(draft, ctx, 'ann', 'bob');
    expect(swapped.ok).toBe(false);
    if (swapped.ok) return;
    expect(swapped.refusal.rule).toBe('reporting-line');
    expect(swapped.refusal.message).toMatch(
      /ann and max cannot be paired: in the same reporting line/,
    );
  });

  it('swaps two people, rescoring the new pairs with the engine, and locks them', () => {
    const people = PEOPLE.map((p) => (p.id === 'ann' ? { ...p, lineManagerEmail: undefined } : p));
    const ctx = context(people);
    const draft = proposeDraft(
      ctx,
      [
        { mentorId: 'ann', menteeId: 'mia' },
        { mentorId: 'bob', menteeId: 'max' },
      ],
      [],
    );
    const swapped = swapPeople(draft, ctx, 'ann', 'bob');
    expect(swapped.ok).toBe(true);
    if (!swapped.ok) return;
    const pairs = swapped.draft.pairs.map((p) => [p.mentorId, p.menteeId, p.locked, p.reasons[0]]);
    expect(pairs).toEqual([
      ['bob', 'mia', true, 'covers 0 of 1 perspective mia wants to learn'],
      ['ann', 'max', true, 'covers 0 of 1 perspective max wants to learn'],
    ]);
  });

  it('keeps locked pairs on a rerun and never proposes a removed pair again', () => {
    const people = PEOPLE.map((p) => (p.id === 'ann' ? { ...p, lineManagerEmail: undefined } : p));
    const ctx = context(people);
    // Best fit pairs Ann with Mia (race) and Bob with Max (disability).
    const first = proposeDraft(ctx, [], []);
    const key = (d: typeof first) => d.pairs.map((p) => `${p.mentorId}-${p.menteeId}`).sort();
    expect(key(first)).toEqual(['ann-mia', 'bob-max']);
    // The coordinator locks the worse pairing Ann–Max... (made by a swap) and removes nothing.
    const swapped = swapPeople(first, ctx, 'ann', 'bob');
    if (!swapped.ok) throw new Error('swap refused');
    const unlocked = swapped.draft.pairs.map((p) => ({ ...p, locked: false }));
    const locked = lockPair(
      { ...swapped.draft, pairs: unlocked },
      { mentorId: 'ann', menteeId: 'max' },
    );
    if (!locked.ok) throw new Error('lock refused');
    const rerun = proposeDraft(
      ctx,
      locked.draft.pairs.filter((p) => p.locked),
      locked.draft.removedPairs,
    );
    expect(key(rerun)).toEqual(['ann-max', 'bob-mia']);
    expect(rerun.pairs.find((p) => p.mentorId === 'ann')!.locked).toBe(true);

    const removed = removePair(rerun, ctx, { mentorId: 'bob', menteeId: 'mia' });
    if (!removed.ok) throw new Error('remove refused');
    expect(removed.draft.unmatched.map((u) => [u.id, u.cause])).toEqual([
      ['bob', 'removed'],
      ['mia', 'removed'],
    ]);
    const again = proposeDraft(
      ctx,
      [{ mentorId: 'ann', menteeId: 'max' }],
      removed.draft.removedPairs,
    );
    expect(key(again)).toEqual(['ann-max']);
  });

  it('compares a run with the previous one: pairs kept, new and gone, totals before and after', () => {
    const before = {
      pairs: [
        { mentorId: 'a', menteeId: 'x', score: 50 },
        { mentorId: 'b', menteeId: 'y', score: 30 },
      ],
    };
    const after = {
      pairs: [
        { mentorId: 'a', menteeId: 'x', score: 50 },
        { mentorId: 'b', menteeId: 'z', score: 70 },
        { mentorId: 'c', menteeId: 'y', score: 10 },
      ],
    };
    expect(compareRuns(before, after)).toEqual({
      kept: [{ mentorId: 'a', menteeId: 'x' }],
      added: [
        { mentorId: 'b', menteeId: 'z' },
        { mentorId: 'c', menteeId: 'y' },
      ],
      gone: [{ mentorId: 'b', menteeId: 'y' }],
      totalScore: { before: 80, after: 130 },
      matched: { before: 4, after: 6 },
    });
    expect(compareRuns(null, after).matched.before).toBe(0);
  });
});
