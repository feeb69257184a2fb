import {
  parseBooking,
  parseContractEdit,
  parseFit,
  parsePause,
  parseReflection,
} from '../../bot/src/features/journey/domain/journey-inputs';

const NOW = new Date('2027-03-10T10:00:00Z');

describe('card submissions', () => {
  it('books a meeting in the person’s own time zone, across a daylight-saving change', () => {
    const result = parseBooking(
      { date: '2027-03-30', time: '14:00', minutes: '60', mode: 'online' },
      'Europe/London',
      NOW,
    );
    // 30 March 2027 is British Summer Time: 14:00 local is 13:00 UTC.
    expect(result).toEqual({
      ok: true,
      value: { plannedAt: new Date('2027-03-30T13:00:00Z'), minutes: 60, mode: 'online' },
    });
    const newYork = parseBooking(
      { date: '2027-03-30', time: '14:00', minutes: '60', mode: 'in_person' },
      'America/New_York',
      NOW,
    );
    expect(newYork.ok && newYork.value.plannedAt.toISOString()).toBe('2027-03-30T18:00:00.000Z');
  });

  it('names each missing or wrong booking field', () => {
    expect(parseBooking({ minutes: 'ten' }, 'Europe/London', NOW)).toEqual({
      ok: false,
      errors: {
        date: 'Please choose a date',
        time: 'Please choose a time',
        minutes: 'Minutes must be a whole number',
        mode: 'Please choose online or in person',
      },
    });
    expect(
      parseBooking(
        { date: '2027-03-01', time: '09:00', minutes: '60', mode: 'online' },
        'Europe/London',
        NOW,
      ),
    ).toEqual({ ok: false, errors: { date: 'That time has passed; choose when you will meet' } });
  });

  it('needs minutes for a held meeting and a new time for a rescheduled one', () => {
    expect(parseReflection({ outcome: 'held' }, 'Europe/London', NOW)).toEqual({
      ok: false,
      errors: { minutes: 'Please say how long, in minutes' },
    });
    expect(
      parseReflection({ outcome: 'rescheduled', newDate: '2027-04-02' }, 'Europe/London', NOW),
    ).toEqual({
      ok: false,
      errors: { newTime: 'Please choose the new time' },
    });
    expect(parseReflection({}, 'Europe/London', NOW)).toEqual({
      ok: false,
      errors: { outcome: 'Please say whether the meeting happened' },
    });
  });

  it('keeps reflections private by default and reads agreed actions, refusing half-filled ones', () => {
    const ok = parseReflection(
      {
        outcome: 'held',
        minutes: '75',
        learned: 'How rota decisions land on the ward',
        differently: '',
        action1Text: 'Shadow a night shift',
        action1Owner: 'partner',
        action1Due: '2027-04-01',
      },
      'Europe/London',
      NOW,
    );
    expect(ok).toEqual({
      ok: true,
      value: {
        outcome: 'held',
        minutes: 75,
        rescheduledTo: undefined,
        learned: 'How rota decisions land on the ward',
        doDifferently: '',
        share: false,
        actions: [{ text: 'Shadow a night shift', owner: 'partner', dueDate: '2027-04-01' }],
      },
    });
    const half = parseReflection(
      { outcome: 'cancelled_by_partner', action2Due: '2027-02-01', action2Owner: 'me' },
      'Europe/London',
      NOW,
    );
    expect(half).toEqual({
      ok: false,
      errors: {
        action2Text: 'Please say what the action is, or clear its date',
        action2Due: 'The due date has passed',
      },
    });
  });

  it('validates pause, fit-check and contract edits field by field', () => {
    expect(parsePause({ weeks: '4' })).toEqual({ ok: true, value: { weeks: 4 } });
    expect(parsePause({ weeks: 'until_resumed', reason: 'Busy' })).toEqual({
      ok: true,
      value: { weeks: undefined, reason: 'Busy' },
    });
    expect(parsePause({ weeks: '3' })).toEqual({
      ok: false,
      errors: { weeks: 'Please choose how long' },
    });
    expect(parseFit({ rating: '2', wantsCoordinator: 'true' })).toEqual({
      ok: true,
      value: { rating: 2, wantsCoordinator: true },
    });
    const contract = parseContractEdit({
      confidentiality: ' ',
      frequency: 'Monthly',
      mode: 'sometimes',
    });
    expect(contract.ok).toBe(false);
    expect(!contract.ok && Object.keys(contract.errors).sort()).toEqual([
      'boundaries',
      'confidentiality',
      'mode',
      'pauseOrEnd',
      'raisingConcerns',
    ]);
  });
});
