import {
  type MatchApplicant,
  type MatchContext,
  type PoolArrangement,
  lockReciprocalPair,
  poolsOf,
  proposeDraft,
  removeReciprocalPair,
  swapReciprocalPeople,
  unlockReciprocalPair,
} from '../../bot/src/features/matching/index';
import { applicant } from '../support/match-applicants';

/**
 * A run over both pools (issue 15, items 5–7): who goes to which pool, the "either" people's
 * second chance in the reciprocal pool, and the coordinator's edits on reciprocal pairs.
 */

// Reverse pool: Jo (mentor) and Sam (mentee, wants what Jo shares); Eve said "either" (a
// mentee here). Reciprocal pool: Ria, Rob and Rex; Rex is Rob's line manager.
const PEOPLE: MatchApplicant[] = [
  applicant('jo', { perspectivesShared: ['race'] }),
  applicant('sam', { role: 'mentee', bandIndex: 6, perspectivesWanted: ['race'] }),
  applicant('eve', { role: 'mentee', bandIndex: 6, arrangement: 'either' }),
  applicant('ria', { arrangement: 'reciprocal' }),
  applicant('rob', { arrangement: 'reciprocal', lineManagerEmail: 'rex@trust.nhs.uk' }),
  applicant('rex', { arrangement: 'reciprocal' }),
];

function context(
  people: readonly MatchApplicant[] = PEOPLE,
  offered?: readonly PoolArrangement[],
): MatchContext {
  const pools = poolsOf(people, offered);
  return {
    candidates: pools.reverse,
    reciprocal: pools.reciprocal,
    lines: pools.lines,
    settings: { aim: 'most-matched', minimumBandGap: 1 },
    neverPair: [],
    previousPairs: [],
  };
}

const partners = (pairs: readonly { personAId: string; personBId: string; locked: boolean }[]) =>
  pairs
    .map((p) => `${[p.personAId, p.personBId].sort().join('+')}${p.locked ? ' (locked)' : ''}`)
    .sort();

describe('a run over two pools: who goes where', () => {
  it('puts reverse in the reverse pool, reciprocal in the reciprocal pool, and "either" in both (reverse first)', () => {
    const pools = poolsOf(PEOPLE);
    expect(pools.reverse.map((c) => c.id)).toEqual(['jo', 'sam', 'eve']);
    expect(pools.reciprocal.candidates.map((c) => c.id)).toEqual(['eve', 'ria', 'rob', 'rex']);
    expect(pools.reciprocal.secondChance).toEqual(['eve']);
    expect(pools.outOfPool).toEqual([]);
  });

  it('follows the cohort’s arrangements: what it does not offer is out of the run, with the reason', () => {
    const reverseOnly = poolsOf(PEOPLE, ['reverse']);
    expect(reverseOnly.reverse.map((c) => c.id)).toEqual(['jo', 'sam', 'eve']);
    expect(reverseOnly.reciprocal.candidates).toEqual([]);
    expect(reverseOnly.outOfPool.map((o) => [o.id, o.reason])).toEqual([
      ['ria', 'asked for reciprocal mentoring: this cohort offers reverse mentoring only'],
      ['rob', 'asked for reciprocal mentoring: this cohort offers reverse mentoring only'],
      ['rex', 'asked for reciprocal mentoring: this cohort offers reverse mentoring only'],
    ]);

    const reciprocalOnly = poolsOf(PEOPLE, ['reciprocal']);
    expect(reciprocalOnly.reverse).toEqual([]);
    // "Either" goes straight to the reciprocal pool: no second chance needed.
    expect(reciprocalOnly.reciprocal.candidates.map((c) => c.id)).toEqual([
      'eve',
      'ria',
      'rob',
      'rex',
    ]);
    expect(reciprocalOnly.reciprocal.secondChance).toEqual([]);
    expect(reciprocalOnly.outOfPool.map((o) => o.id)).toEqual(['jo', 'sam']);
    expect(reciprocalOnly.outOfPool[0]!.reason).toBe(
      'asked for reverse mentoring: this cohort offers reciprocal mentoring only',
    );
  });

  it('leaves out of both pools someone with no work email', () => {
    const pools = poolsOf([applicant('nomail', { arrangement: 'either', email: ' ' })]);
    expect(pools.reverse).toEqual([]);
    expect(pools.reciprocal.candidates).toEqual([]);
    expect(pools.outOfPool).toEqual([
      { id: 'nomail', reason: expect.stringMatching(/no verified work email/) },
    ]);
  });
});

describe('a run over two pools: the draft', () => {
  it('matches the reverse pool first, then gives the "either" person it left unmatched a second chance', () => {
    const draft = proposeDraft(context(), [], []);
    expect(draft.pairs.map((p) => `${p.mentorId}-${p.menteeId}`)).toEqual(['jo-sam']);
    // Eve joins the reciprocal pool; Rob and Rex may not be paired (reporting line).
    expect(partners(draft.reciprocalPairs!)).toHaveLength(2);
    expect(partners(draft.reciprocalPairs!)).not.toContain('rex+rob');
    expect(draft.reciprocalPairs!.flatMap((p) => [p.personAId, p.personBId])).toContain('eve');
    expect(draft.unmatched).toEqual([]);
  });

  it('keeps an "either" person paired in the reverse pool out of the reciprocal pool', () => {
    const draft = proposeDraft(context(), [{ mentorId: 'jo', menteeId: 'eve' }], []);
    expect(draft.pairs.map((p) => `${p.mentorId}-${p.menteeId}`)).toEqual(['jo-eve']);
    expect(draft.reciprocalPairs!.flatMap((p) => [p.personAId, p.personBId])).not.toContain('eve');
    // Three reciprocal partners, Rob and Rex not allowed together: one is left, with the pool's reason.
    expect(draft.reciprocalPairs).toHaveLength(1);
    const left = draft.unmatched.map((u) => [u.id, u.pool]);
    expect(left).toContainEqual(['sam', 'reverse']);
    expect(left.filter(([, pool]) => pool === 'reciprocal')).toHaveLength(1);
  });

  it('follows a reporting line through someone outside the reciprocal pool (skip-level)', () => {
    // Ann reports to Max, who applied for reverse mentoring only; Max reports to Zoe.
    const people = [
      applicant('max', { role: 'mentee', bandIndex: 6, lineManagerEmail: 'zoe@trust.nhs.uk' }),
      applicant('ann', { arrangement: 'reciprocal', lineManagerEmail: 'max@trust.nhs.uk' }),
      applicant('zoe', { arrangement: 'reciprocal' }),
    ];
    const draft = proposeDraft(context(people), [], []);
    expect(draft.reciprocalPairs).toEqual([]);
    const ann = draft.unmatched.find((u) => u.id === 'ann')!;
    expect(ann).toMatchObject({ pool: 'reciprocal', cause: 'rules' });
    expect(ann.reason).toMatch(/same reporting line/);
  });

  it('follows a reporting line through someone in the reciprocal pool, in the reverse pool too', () => {
    // Mentor Amy reports to Mo (reciprocal only), who reports to mentee Zac.
    const people = [
      applicant('amy', { lineManagerEmail: 'mo@trust.nhs.uk' }),
      applicant('mo', { arrangement: 'reciprocal', lineManagerEmail: 'zac@trust.nhs.uk' }),
      applicant('zac', { role: 'mentee', bandIndex: 6 }),
    ];
    const draft = proposeDraft(context(people), [], []);
    expect(draft.pairs).toEqual([]);
    expect(draft.unmatched.find((u) => u.id === 'amy')!.reason).toMatch(/same reporting line/);
  });

  it('explains an "either" person left out of both pools with both pools’ reasons', () => {
    const people = [
      applicant('jo'),
      applicant('sam', { role: 'mentee', bandIndex: 6 }),
      applicant('eve', {
        role: 'mentee',
        bandIndex: 6,
        arrangement: 'either',
        meetingMode: 'in-person',
        location: 'Leeds',
      }),
      applicant('ria', { arrangement: 'reciprocal' }),
    ];
    const draft = proposeDraft(context(people), [{ mentorId: 'jo', menteeId: 'sam' }], []);
    const eve = draft.unmatched.find((u) => u.id === 'eve')!;
    expect(eve.pool).toBe('reciprocal');
    expect(eve.reason).toMatch(/^reverse mentoring: .+; reciprocal mentoring: .*meeting modes/);
  });
});

describe('a run over two pools: edits on reciprocal pairs', () => {
  const ctx = context();
  const locked = [
    { personAId: 'eve', personBId: 'rob' },
    { personAId: 'ria', personBId: 'rex' },
  ];

  it('refuses a swap whose new pair breaks a reciprocal rule, naming it, and changes nothing', () => {
    const draft = proposeDraft(ctx, [], [], locked);
    expect(partners(draft.reciprocalPairs!)).toEqual(['eve+rob (locked)', 'rex+ria (locked)']);
    // Swapping Eve and Rex would pair Rex with Rob, his own report.
    const swapped = swapReciprocalPeople(draft, ctx, 'eve', 'rex');
    expect(swapped.ok).toBe(false);
    if (swapped.ok) return;
    expect(swapped.refusal).toMatchObject({
      code: 'hard_rule',
      rule: 'reporting-line',
      field: 'personB',
      message: 'rex and rob cannot be paired: in the same reporting line',
    });
  });

  it('refuses a swap with someone from the reverse pool', () => {
    const draft = proposeDraft(ctx, [], [], locked);
    const swapped = swapReciprocalPeople(draft, ctx, 'eve', 'sam');
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(swapped.refusal.code).toBe('no_such_person');
  });

  it('swaps partners, rescored with the reciprocal engine and locked; locks are kept on a rerun', () => {
    const draft = proposeDraft(ctx, [], []);
    const unlocked = { ...draft, reciprocalPairs: [] };
    expect(unlockReciprocalPair(unlocked, locked[0]!).ok).toBe(false);
    const first = proposeDraft(ctx, [], [], locked);
    const swapped = swapReciprocalPeople(first, ctx, 'eve', 'ria');
    if (!swapped.ok) throw new Error(swapped.refusal.message);
    expect(partners(swapped.draft.reciprocalPairs!)).toEqual([
      'eve+rex (locked)',
      'ria+rob (locked)',
    ]);
    expect(swapped.draft.reciprocalPairs![0]!.reasons.join('; ')).toMatch(
      /^ria named no perspectives to learn; rob named/,
    );

    // Unlock one, lock it again by naming the partners the other way round.
    const open = unlockReciprocalPair(swapped.draft, { personAId: 'rex', personBId: 'eve' });
    if (!open.ok) throw new Error('unlock refused');
    const relocked = lockReciprocalPair(open.draft, { personAId: 'rex', personBId: 'eve' });
    if (!relocked.ok) throw new Error('lock refused');
    const rerun = proposeDraft(
      ctx,
      relocked.draft.pairs.filter((p) => p.locked),
      relocked.draft.removedPairs,
      relocked.draft.reciprocalPairs!.filter((p) => p.locked),
    );
    expect(partners(rerun.reciprocalPairs!)).toEqual(['eve+rex (locked)', 'ria+rob (locked)']);
  });

  it('removes a reciprocal pair: both partners unmatched, and a rerun never proposes it again', () => {
    const first = proposeDraft(ctx, [], [], locked);
    const removed = removeReciprocalPair(first, { personAId: 'rob', personBId: 'eve' });
    if (!removed.ok) throw new Error('remove refused');
    expect(removed.draft.unmatched.map((u) => [u.id, u.cause, u.pool])).toEqual([
      ['eve', 'removed', 'reciprocal'],
      ['rob', 'removed', 'reciprocal'],
    ]);
    const rerun = proposeDraft(ctx, [], removed.draft.removedPairs, [locked[1]!]);
    expect(partners(rerun.reciprocalPairs!)).toEqual(['rex+ria (locked)']);
    expect(rerun.unmatched.map((u) => u.id).sort()).toEqual(['eve', 'rob']);
  });
});
