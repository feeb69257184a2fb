import {
  type HealthFacts,
  lastContact,
  pairHealth,
} from '../../bot/src/features/journey/domain/pair-health';

describe('pair health for the programme team', () => {
  it.each([
    ['proposed', 0, 'starting'],
    ['introduced', 0, 'starting'],
    ['active', 0, 'on_track'],
    ['active', 1, 'needs_check_in'],
    ['active', 2, 'at_risk'],
    ['active', 3, 'at_risk'],
    ['paused', 2, 'paused'],
    ['ended_early', 0, 'ended'],
    ['completed', 0, 'completed'],
  ] as const)('a %s pair with %i missed in a row is %s', (state, missedInARow, health) => {
    expect(pairHealth({ state, missedInARow, meetings: [] })).toBe(health);
  });

  it('shows an introduced pair whose contract is overdue as not started, and only then', () => {
    const facts: HealthFacts = { state: 'introduced', missedInARow: 0, meetings: [] };
    expect(pairHealth({ ...facts, contractOverdue: true })).toBe('not_started');
    expect(pairHealth({ ...facts, contractOverdue: false })).toBe('starting');
    expect(pairHealth({ ...facts, state: 'active', contractOverdue: true })).toBe('on_track');
  });

  it('takes the last held meeting as the last contact, ignoring planned and missed ones', () => {
    expect(
      lastContact([
        { status: 'held', plannedAt: '2027-03-02T10:00:00.000Z', number: 1 },
        { status: 'planned', plannedAt: '2027-05-02T10:00:00.000Z', number: 3 },
        { status: 'held', plannedAt: '2027-04-05T10:00:00.000Z', number: 2 },
        { status: 'missed', number: 4 },
      ]),
    ).toBe('2027-04-05T10:00:00.000Z');
    expect(lastContact([])).toBeUndefined();
  });
});
