import fc from 'fast-check';
import { CHANGED_BY_PARTS } from '../../bot/src/contracts/cohorts';
import { EVENT_TYPES } from '../../bot/src/contracts/calendar';
import { REVIEW_CHOICES, type MeetingStatus } from '../../bot/src/contracts/journey';
import { MEETING_STATUSES } from '../../bot/src/contracts/journey';
import type {
  PairParticipation,
  ParticipationResults,
  PartnerChoice,
  SessionRecord,
} from '../../bot/src/contracts/evaluation-participation';
import type { PublishedTable } from '../../bot/src/contracts/evaluation-results';
import {
  earlyEndGroup,
  meetingBand,
  participationResults,
  type ParticipationInput,
} from '../../bot/src/features/evaluation';
import { recoverableCells, shownCounts } from '../support/suppression-audit';

const CADENCE = { plannedMeetings: 6, minimumMeetings: 3 };

function pair(
  id: string,
  held: number,
  options: { done?: number; open?: number; ending?: PairParticipation['ending'] } = {},
): PairParticipation {
  const meetings: { status: MeetingStatus }[] = [
    ...Array.from({ length: held }, () => ({ status: 'held' as const })),
    { status: 'planned' },
    { status: 'cancelled' },
  ];
  return {
    pairId: id,
    meetings,
    actions: [
      ...Array.from({ length: options.done ?? 0 }, () => ({ done: true })),
      ...Array.from({ length: options.open ?? 0 }, () => ({ done: false })),
    ],
    ending: options.ending ?? null,
  };
}

function tables(results: ParticipationResults): PublishedTable[] {
  return [
    results.meetings.pairsByBand,
    results.earlyEndings,
    results.continueOrFinish,
    ...(results.attendance ? [results.attendance.table] : []),
  ];
}

function everyFigure(results: ParticipationResults): { shown: boolean }[] {
  return [
    ...tables(results).flatMap((t) => t.cells.flat()),
    results.meetings.total,
    results.actions,
  ];
}

describe('participation measures: worked examples', () => {
  it('a four-person cohort (two pairs) shows no figure at all', () => {
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs: [
        pair('p1', 6, { done: 3, open: 1 }),
        pair('p2', 1, { open: 2, ending: { byPart: 'mentee', reason: 'Too busy at work' } }),
      ],
      choices: [
        { role: 'mentor', choice: 'finish' },
        { role: 'mentee', choice: 'continue_informally' },
      ],
      sessions: [{ eventId: 'e1', type: 'peer_support', invited: 4, attended: 3 }],
    });
    expect(everyFigure(results).length).toBeGreaterThan(20);
    expect(everyFigure(results).every((figure) => !figure.shown)).toBe(true);
    expect(results.meetings.total).toEqual({ shown: false });
    expect(results.actions).toEqual({ shown: false });
  });

  it('counts meetings held against planned per pair (by band) and in total', () => {
    const pairs = [
      pair('a', 6),
      pair('b', 7),
      pair('c', 6),
      pair('d', 6),
      pair('e', 8),
      pair('f', 4),
      pair('g', 0),
    ];
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs,
      choices: [],
      sessions: [],
    });
    expect(results.meetings.total).toEqual({ shown: true, pairs: 7, planned: 42, held: 37 });
    expect(results.meetings.plannedPerPair).toBe(6);
    // met_plan 5, met_minimum 1, below_minimum 0, none 1: the small bands are hidden, and
    // nothing else has to go (two hidden cells in the row cannot be told apart).
    expect(shownCounts(results.meetings.pairsByBand)).toEqual([
      [5, undefined, undefined, undefined, 7],
      [5, undefined, undefined, undefined, 7],
    ]);
    expect(results.attendance).toBeNull();
  });

  it('puts a pair in its band against the plan and the minimum', () => {
    expect(meetingBand(6, CADENCE)).toBe('met_plan');
    expect(meetingBand(9, CADENCE)).toBe('met_plan');
    expect(meetingBand(3, CADENCE)).toBe('met_minimum');
    expect(meetingBand(2, CADENCE)).toBe('below_minimum');
    expect(meetingBand(0, CADENCE)).toBe('none');
  });

  it('counts attendance per session and overall, only for peer support and action learning', () => {
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs: [],
      choices: [],
      sessions: [
        { eventId: 'ps1', type: 'peer_support', invited: 20, attended: 12 },
        { eventId: 'als1', type: 'action_learning_set', invited: 15, attended: 9 },
        { eventId: 'ind', type: 'induction', invited: 40, attended: 40 },
      ],
    });
    expect(results.attendance?.sessions).toEqual([
      { eventId: 'ps1', type: 'peer_support' },
      { eventId: 'als1', type: 'action_learning_set' },
    ]);
    expect(shownCounts(results.attendance!.table)).toEqual([
      [12, 8, 20],
      [9, 6, 15],
      [21, 14, 35],
    ]);
  });

  it('shows no overall attendance when no session reaches the threshold (places are not people)', () => {
    // The same four people at two sessions make eight places: never a figure about four people.
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs: [],
      choices: [],
      sessions: [
        { eventId: 'ps1', type: 'peer_support', invited: 4, attended: 4 },
        { eventId: 'ps2', type: 'peer_support', invited: 4, attended: 3 },
      ],
    });
    expect(results.attendance!.table.cells.flat().every((cell) => !cell.shown)).toBe(true);
  });

  it('refuses a session with more attending than invited', () => {
    const input: ParticipationInput = {
      minGroupSize: 5,
      cadence: CADENCE,
      pairs: [],
      choices: [],
      sessions: [{ eventId: 'x', type: 'peer_support', invited: 5, attended: 6 }],
    };
    expect(() => participationResults(input)).toThrow(RangeError);
  });

  it('groups early endings by who ended them and a broad reason; the words never leave', () => {
    const secret = 'my partner kept cancelling, rude about my accent';
    const ended = (i: number, reason: string | null, byPart: 'mentor' | 'mentee' | 'coordinator') =>
      pair(`x${i}`, 1, { ending: { byPart, reason } });
    const pairs = [
      ...Array.from({ length: 5 }, (_, i) => ended(i, 'Too busy, workload', 'mentee')),
      ...Array.from({ length: 5 }, (_, i) => ended(10 + i, null, 'mentor')),
      ended(20, secret, 'mentor'),
      pair('ok', 6),
    ];
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs,
      choices: [],
      sessions: [],
    });
    expect(results.earlyEndings.rows).toEqual([...CHANGED_BY_PARTS]);
    const counts = shownCounts(results.earlyEndings);
    // Grand total: 11 pairs ended early (the pair still running is not counted).
    expect(counts[3]![6]).toBe(11);
    expect(counts[1]![2]).toBe(5); // mentees: time or workload
    expect(counts[0]![4]).toBeUndefined(); // the one "other" reason is hidden
    expect(JSON.stringify(results)).not.toContain('accent');
    expect(JSON.stringify(results)).not.toContain('busy');
    expect(recoverableCells(results.earlyEndings)).toEqual([]);
  });

  it('maps reasons to broad groups', () => {
    expect(earlyEndGroup(null)).toBe('not_given');
    expect(earlyEndGroup('  ')).toBe('not_given');
    expect(earlyEndGroup('No reason given')).toBe('not_given');
    expect(earlyEndGroup('Started maternity leave')).toBe('health_or_personal');
    expect(earlyEndGroup('Long-term sickness')).toBe('health_or_personal');
    expect(earlyEndGroup('Mentor left the organisation')).toBe('job_or_organisation_change');
    expect(earlyEndGroup('Moved to a new role in another trust')).toBe(
      'job_or_organisation_change',
    );
    expect(earlyEndGroup('No time with the winter pressures')).toBe('time_or_workload');
    expect(earlyEndGroup("We didn't get on")).toBe('the_pairing');
    expect(earlyEndGroup('Not a good match')).toBe('the_pairing');
    expect(earlyEndGroup('Will explain later')).toBe('other');
  });

  it('counts the continue-or-finish choice by side, with partners who did not choose', () => {
    const choices: PartnerChoice[] = [
      ...Array.from({ length: 6 }, () => ({ role: 'mentor' as const, choice: 'finish' as const })),
      ...Array.from({ length: 5 }, () => ({
        role: 'mentor' as const,
        choice: 'continue_informally' as const,
      })),
      ...Array.from({ length: 7 }, () => ({
        role: 'mentee' as const,
        choice: 'continue_informally' as const,
      })),
      ...Array.from({ length: 5 }, () => ({ role: 'mentee' as const, choice: 'finish' as const })),
      { role: 'mentee', choice: null },
    ];
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs: [],
      choices,
      sessions: [],
    });
    expect(results.continueOrFinish.columns).toEqual([
      'continue_informally',
      'finish',
      'not_answered',
    ]);
    // The one mentee who did not choose is hidden, and so is what would give them away.
    const counts = shownCounts(results.continueOrFinish);
    expect(counts[1]![2]).toBeUndefined();
    expect(recoverableCells(results.continueOrFinish)).toEqual([]);
    // Mentors' "not answered" (0) is hidden too, so their smallest shown cell goes with it.
    expect(counts[0]).toEqual([undefined, 6, undefined, 11]);
    expect(counts[2]).toEqual([12, undefined, undefined, 24]);
  });

  it('counts actions agreed and completed, never their text', () => {
    const pairs = [1, 2, 3, 4, 5].map((i) => pair(`p${i}`, 3, { done: i, open: 1 }));
    const results = participationResults({
      minGroupSize: 5,
      cadence: CADENCE,
      pairs,
      choices: [],
      sessions: [],
    });
    expect(results.actions).toEqual({ shown: true, pairs: 5, agreed: 20, completed: 15 });
  });
});

// ---------------------------------------------------------------- properties

const statusArbitrary = fc.constantFrom(...MEETING_STATUSES);
const pairArbitrary: fc.Arbitrary<PairParticipation> = fc.record({
  pairId: fc.uuid(),
  meetings: fc.array(fc.record({ status: statusArbitrary }), { maxLength: 10 }),
  actions: fc.array(fc.record({ done: fc.boolean() }), { maxLength: 4 }),
  ending: fc.option(
    fc.record({
      byPart: fc.constantFrom(...CHANGED_BY_PARTS),
      reason: fc.option(
        fc.constantFrom('too busy', 'left the trust', 'poorly', 'not a good fit', 'hmm', ''),
      ),
    }),
    { freq: 2 },
  ),
});
const sessionArbitrary: fc.Arbitrary<SessionRecord> = fc
  .tuple(fc.constantFrom(...EVENT_TYPES), fc.integer({ min: 0, max: 25 }), fc.nat(), fc.uuid())
  .map(([type, invited, seed, eventId]) => ({
    eventId,
    type,
    invited,
    attended: invited === 0 ? 0 : seed % (invited + 1),
  }));
const inputArbitrary: fc.Arbitrary<ParticipationInput> = fc.record({
  minGroupSize: fc.integer({ min: 3, max: 7 }),
  cadence: fc
    .tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 0, max: 9 }))
    .map(([minimum, extra]) => ({ minimumMeetings: minimum, plannedMeetings: minimum + extra })),
  pairs: fc.array(pairArbitrary, { maxLength: 30 }),
  choices: fc.array(
    fc.record({
      role: fc.constantFrom('mentor' as const, 'mentee' as const),
      choice: fc.option(fc.constantFrom(...REVIEW_CHOICES)),
    }),
    { maxLength: 30 },
  ),
  sessions: fc.array(sessionArbitrary, { maxLength: 4 }),
});

/** The counts a table was built from, with totals, recomputed from the published cells. */
function addsUp(table: PublishedTable): void {
  const counts = shownCounts(table);
  if (counts.flat().some((n) => n === undefined)) return;
  const grid = counts as number[][];
  const last = grid.length - 1;
  const width = grid[0]!.length - 1;
  for (const row of grid) expect(row.slice(0, width).reduce((a, b) => a + b, 0)).toBe(row[width]);
  for (let c = 0; c <= width; c += 1) {
    expect(grid.slice(0, last).reduce((sum, row) => sum + row[c]!, 0)).toBe(grid[last]![c]);
  }
}

describe('participation measures: properties', () => {
  it('shows no figure covering fewer than the threshold', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const results = participationResults(input);
        const k = input.minGroupSize;
        for (const table of tables(results)) {
          for (const n of shownCounts(table).flat())
            if (n !== undefined) expect(n).toBeGreaterThanOrEqual(k);
        }
        if (results.meetings.total.shown)
          expect(results.meetings.total.pairs).toBeGreaterThanOrEqual(k);
        if (results.actions.shown) expect(results.actions.pairs).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell recoverable from the totals', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        for (const table of tables(participationResults(input))) {
          expect(recoverableCells(table)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('adds up when everything is shown, and the totals are the people and pairs counted', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const results = participationResults(input);
        tables(results).forEach(addsUp);
        const grand = (t: PublishedTable) => t.cells.at(-1)!.at(-1)!;
        const meetings = grand(results.meetings.pairsByBand);
        if (meetings.shown) expect(meetings.count).toBe(input.pairs.length);
        const ended = grand(results.earlyEndings);
        if (ended.shown) expect(ended.count).toBe(input.pairs.filter((p) => p.ending).length);
        const chose = grand(results.continueOrFinish);
        if (chose.shown) expect(chose.count).toBe(input.choices.length);
        if (results.attendance) {
          const invited = grand(results.attendance.table);
          const sessions = input.sessions.filter(
            (s) => s.type === 'peer_support' || s.type === 'action_learning_set',
          );
          if (invited.shown)
            expect(invited.count).toBe(sessions.reduce((a, s) => a + s.invited, 0));
        }
        if (results.meetings.total.shown) {
          const held = input.pairs.flatMap((p) => p.meetings).filter((m) => m.status === 'held');
          expect(results.meetings.total.held).toBe(held.length);
          expect(results.meetings.total.planned).toBe(
            input.pairs.length * input.cadence.plannedMeetings,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a cohort of at most four people (two pairs) never shows anything', () => {
    const small = inputArbitrary.map((input) => ({
      ...input,
      pairs: input.pairs.slice(0, 2),
      choices: input.choices.slice(0, 4),
      sessions: input.sessions.map((s) => ({
        ...s,
        invited: Math.min(s.invited, 4),
        attended: Math.min(s.attended, s.invited, 4),
      })),
      minGroupSize: 5,
    }));
    fc.assert(
      fc.property(small, (input) => {
        expect(everyFigure(participationResults(input)).every((f) => !f.shown)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
