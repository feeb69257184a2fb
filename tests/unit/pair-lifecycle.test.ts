import type { PairState } from '../../bot/src/features/cohorts/domain/pair';
import {
  applyPairEvent,
  canTransition,
  nextState,
  PAIR_EVENT_TYPES,
  PAIR_STATES,
  PAIR_TRANSITIONS,
  partnerNotice,
  pauseHasEnded,
  REASON_MAX_LENGTH,
  SYSTEM_ACTOR,
  type PairEvent,
  type PairEventType,
} from '../../bot/src/features/journey/domain/pair-lifecycle';
import { pairIn } from '../support/pair-factory';

const NOW = new Date('2027-02-01T10:00:00.000Z');

function eventOf(type: PairEventType): PairEvent {
  switch (type) {
    case 'pause':
    case 'resume':
    case 'end-early':
      return { type, by: 'mentor-1' };
    default:
      return { type };
  }
}

const ALLOWED: [PairState, PairEventType, PairState][] = [
  ['proposed', 'introduce', 'introduced'],
  ['introduced', 'contract-agreed', 'active'],
  ['active', 'pause', 'paused'],
  ['paused', 'resume', 'active'],
  ['active', 'complete', 'completed'],
  ['proposed', 'end-early', 'ended_early'],
  ['introduced', 'end-early', 'ended_early'],
  ['active', 'end-early', 'ended_early'],
  ['paused', 'end-early', 'ended_early'],
];

const FORBIDDEN: [PairState, PairEventType, string][] = [
  ['proposed', 'contract-agreed', 'The pair must be introduced before the contract can be agreed.'],
  [
    'proposed',
    'pause',
    'A pairing can only be paused once both partners have agreed the contract.',
  ],
  ['proposed', 'resume', 'This pairing is not paused.'],
  [
    'proposed',
    'complete',
    'A pairing can only be completed once both partners have agreed the contract.',
  ],
  ['introduced', 'introduce', 'This pairing has already been introduced.'],
  [
    'introduced',
    'pause',
    'A pairing can only be paused once both partners have agreed the contract.',
  ],
  ['introduced', 'resume', 'This pairing is not paused.'],
  [
    'introduced',
    'complete',
    'A pairing can only be completed once both partners have agreed the contract.',
  ],
  ['active', 'introduce', 'This pairing has already been introduced.'],
  ['active', 'contract-agreed', 'The contract has already been agreed.'],
  ['active', 'resume', 'This pairing is not paused.'],
  ['paused', 'introduce', 'This pairing has already been introduced.'],
  ['paused', 'contract-agreed', 'The contract has already been agreed.'],
  ['paused', 'pause', 'This pairing is already paused.'],
  ['paused', 'complete', 'A paused pairing must be resumed before it can be completed.'],
  ...PAIR_EVENT_TYPES.map((e): [PairState, PairEventType, string] => [
    'completed',
    e,
    'This pairing has already completed the programme.',
  ]),
  ...PAIR_EVENT_TYPES.map((e): [PairState, PairEventType, string] => [
    'ended_early',
    e,
    'This pairing has already ended.',
  ]),
];

describe('pair lifecycle', () => {
  it('lists exactly the allowed transitions, and every state × event is either allowed or refused', () => {
    expect(PAIR_TRANSITIONS.map((t) => [t.from, t.event, t.to])).toEqual(
      expect.arrayContaining(ALLOWED),
    );
    expect(PAIR_TRANSITIONS).toHaveLength(ALLOWED.length);
    expect(ALLOWED.length + FORBIDDEN.length).toBe(PAIR_STATES.length * PAIR_EVENT_TYPES.length);
  });

  it.each(ALLOWED)('a pair in state %s accepts %s and becomes %s', (from, type, to) => {
    expect(canTransition(from, type)).toBe(true);
    expect(nextState(from, type)).toBe(to);
    const result = applyPairEvent(pairIn(from), eventOf(type), NOW);
    expect(result).toMatchObject({
      ok: true,
      pair: { state: to, updatedAt: NOW.toISOString() },
      change: { pairId: 'pair-1', event: type, from, to, at: NOW.toISOString() },
    });
  });

  it.each(FORBIDDEN)(
    'a pair in state %s refuses %s with a sentence for people',
    (from, type, reason) => {
      expect(canTransition(from, type)).toBe(false);
      expect(nextState(from, type)).toBeUndefined();
      expect(applyPairEvent(pairIn(from), eventOf(type), NOW)).toEqual({ ok: false, reason });
    },
  );

  it('a pair cannot be paused before it is active', () => {
    const result = applyPairEvent(pairIn('introduced'), { type: 'pause', by: 'mentor-1' }, NOW);
    expect(result.ok).toBe(false);
  });

  it('does not change the pair it was given', () => {
    const pair = pairIn('active');
    applyPairEvent(pair, { type: 'pause', by: 'mentor-1' }, NOW);
    expect(pair.state).toBe('active');
  });

  it('records when the pair became active, which starts the meeting plan', () => {
    const result = applyPairEvent(pairIn('introduced'), { type: 'contract-agreed' }, NOW, {
      introducedAt: '2027-01-20T09:00:00.000Z',
    });
    expect(result.ok && result.detail).toEqual({
      introducedAt: '2027-01-20T09:00:00.000Z',
      activeSince: NOW.toISOString(),
    });
  });

  it('a pause records who, why and until when, for the coordinator only', () => {
    const result = applyPairEvent(
      pairIn('active'),
      { type: 'pause', by: 'mentor-1', reason: '  Busy on nights  ', until: '2027-03-01' },
      NOW,
      { activeSince: '2027-01-15T10:00:00.000Z' },
    );
    expect(result).toEqual({
      ok: true,
      pair: expect.objectContaining({ state: 'paused' }),
      change: {
        pairId: 'pair-1',
        event: 'pause',
        from: 'active',
        to: 'paused',
        by: 'mentor-1',
        reason: 'Busy on nights',
        until: '2027-03-01T00:00:00.000Z',
        at: NOW.toISOString(),
      },
      detail: {
        activeSince: '2027-01-15T10:00:00.000Z',
        pausedAt: NOW.toISOString(),
        pausedBy: 'mentor-1',
        pauseReason: 'Busy on nights',
        pausedUntil: '2027-03-01T00:00:00.000Z',
      },
    });
  });

  it('a pause needs no reason, and a blank reason is not stored', () => {
    const result = applyPairEvent(
      pairIn('active'),
      { type: 'pause', by: 'mentee-1', reason: ' ' },
      NOW,
    );
    expect(result.ok && result.change).toEqual(
      expect.not.objectContaining({ reason: expect.anything() }),
    );
    expect(result.ok && result.detail).toEqual({
      pausedAt: NOW.toISOString(),
      pausedBy: 'mentee-1',
    });
  });

  it.each([
    [
      'the end is not a date',
      { until: 'next week' },
      'The date the pause ends is not a date we recognise.',
    ],
    ['the end has passed', { until: '2027-01-31' }, 'A pause must end in the future.'],
    ['the end is now', { until: NOW.toISOString() }, 'A pause must end in the future.'],
    ['nobody is named', { by: ' ' }, 'We could not tell who is pausing this pairing.'],
    [
      'the reason is too long',
      { reason: 'x'.repeat(REASON_MAX_LENGTH + 1) },
      `Please keep the reason to ${REASON_MAX_LENGTH} characters or fewer.`,
    ],
  ])('a pause is refused when %s', (_label, extra, reason) => {
    const event = { type: 'pause' as const, by: 'mentor-1', ...extra };
    expect(applyPairEvent(pairIn('active'), event, NOW)).toEqual({ ok: false, reason });
  });

  it('the partner who did not pause cannot resume the pairing', () => {
    const paused = { pausedBy: 'mentor-1', pausedAt: '2027-01-20T09:00:00.000Z' };
    expect(
      applyPairEvent(pairIn('paused'), { type: 'resume', by: 'mentee-1' }, NOW, paused),
    ).toEqual({
      ok: false,
      reason: 'Only the person who paused this pairing, or the coordinator, can resume it.',
    });
  });

  it.each([['mentor-1'], ['coordinator-9'], [SYSTEM_ACTOR]])(
    'the pairing can be resumed by %s when the mentor paused it',
    (by) => {
      const paused = {
        activeSince: '2027-01-15T10:00:00.000Z',
        pausedAt: '2027-01-20T09:00:00.000Z',
        pausedBy: 'mentor-1',
        pauseReason: 'Busy',
        pausedUntil: '2027-03-01T00:00:00.000Z',
      };
      const result = applyPairEvent(pairIn('paused'), { type: 'resume', by }, NOW, paused);
      expect(result).toMatchObject({ ok: true, pair: { state: 'active' }, change: { by } });
      expect(result.ok && result.detail).toEqual({
        activeSince: '2027-01-15T10:00:00.000Z',
        resumedAt: NOW.toISOString(),
        resumedBy: by,
      });
    },
  );

  it('ending early needs no reason and records who ended it', () => {
    const result = applyPairEvent(pairIn('paused'), { type: 'end-early', by: 'mentee-1' }, NOW);
    expect(result.ok && result.change).toEqual({
      pairId: 'pair-1',
      event: 'end-early',
      from: 'paused',
      to: 'ended_early',
      by: 'mentee-1',
      at: NOW.toISOString(),
    });
    expect(result.ok && result.detail).toEqual({ endedAt: NOW.toISOString(), endedBy: 'mentee-1' });
  });

  it('a pause with an end date is over once that instant has come', () => {
    const detail = { pausedBy: 'mentor-1', pausedUntil: '2027-03-01T00:00:00.000Z' };
    expect(pauseHasEnded(pairIn('paused'), detail, new Date('2027-02-28T23:59:59Z'))).toBe(false);
    expect(pauseHasEnded(pairIn('paused'), detail, new Date('2027-03-01T00:00:00Z'))).toBe(true);
    expect(pauseHasEnded(pairIn('active'), detail, new Date('2027-03-02T00:00:00Z'))).toBe(false);
    expect(pauseHasEnded(pairIn('paused'), { pausedBy: 'mentor-1' }, NOW)).toBe(false);
  });

  it('the partner is told only that the pairing is paused or has ended, never who or why', () => {
    const pause = applyPairEvent(
      pairIn('active'),
      { type: 'pause', by: 'mentor-1', reason: 'Private' },
      NOW,
    );
    const end = applyPairEvent(
      pairIn('active'),
      { type: 'end-early', by: 'mentor-1', reason: 'x' },
      NOW,
    );
    const agreed = applyPairEvent(pairIn('introduced'), { type: 'contract-agreed' }, NOW);
    expect(pause.ok && partnerNotice(pause.change)).toBe('This pairing is paused for now.');
    expect(end.ok && partnerNotice(end.change)).toBe('This pairing has ended.');
    expect(agreed.ok && partnerNotice(agreed.change)).toBeUndefined();
  });
});
