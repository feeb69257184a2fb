import { DateTime } from 'luxon';
import { DEFAULT_CADENCE, type Cadence } from '../../bot/src/features/cohorts/domain/cohort';
import {
  consecutiveMissed,
  formatMinutes,
  planWindows,
  progress,
  windowAt,
  type PlanWindow,
} from '../../bot/src/features/journey/domain/meeting-plan';
import type { Meeting, MeetingStatus } from '../../bot/src/features/journey/domain/pair-space';

const FORTNIGHTLY: Cadence = { ...DEFAULT_CADENCE, frequency: 'fortnightly' };

function isoWindows(windows: PlanWindow[]): [number, string, string][] {
  return windows.map((w) => [w.number, w.start.toISOString(), w.end.toISOString()]);
}

let seq = 0;
function meeting(
  number: number | undefined,
  status: MeetingStatus,
  extra: Partial<Meeting> = {},
): Meeting {
  seq += 1;
  return {
    id: `m-${seq}`,
    pairId: 'pair-1',
    number,
    windowStart: '2027-01-15T00:00:00.000Z',
    windowEnd: '2027-02-15T00:00:00.000Z',
    status,
    updatedAt: '2027-01-15T00:00:00.000Z',
    ...extra,
  };
}

describe('meeting plan windows', () => {
  it('monthly windows start at local midnight of the activation day and follow the calendar, across the clock change', () => {
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-01-15T14:20:00Z'), 'Europe/London');
    expect(isoWindows(windows)).toEqual([
      [1, '2027-01-15T00:00:00.000Z', '2027-02-15T00:00:00.000Z'],
      [2, '2027-02-15T00:00:00.000Z', '2027-03-15T00:00:00.000Z'],
      [3, '2027-03-15T00:00:00.000Z', '2027-04-14T23:00:00.000Z'],
      [4, '2027-04-14T23:00:00.000Z', '2027-05-14T23:00:00.000Z'],
      [5, '2027-05-14T23:00:00.000Z', '2027-06-14T23:00:00.000Z'],
      [6, '2027-06-14T23:00:00.000Z', '2027-07-14T23:00:00.000Z'],
    ]);
  });

  it('activation on the 31st clamps to the end of short months without drifting', () => {
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-01-31T10:00:00Z'), 'UTC');
    expect(isoWindows(windows).map(([, start]) => start.slice(0, 10))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
    ]);
    expect(windows[5]!.end.toISOString()).toBe('2027-07-31T00:00:00.000Z');
  });

  it('uses the local day of activation, not the UTC day', () => {
    // 20:00Z on 14 January is 01:30 on 15 January in Kolkata.
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-01-14T20:00:00Z'), 'Asia/Kolkata');
    expect(windows[0]!.start.toISOString()).toBe('2027-01-14T18:30:00.000Z');
    expect(windows[1]!.start.toISOString()).toBe('2027-02-14T18:30:00.000Z');
  });

  it('fortnightly windows are fourteen local days, keeping local midnight over the clock change', () => {
    const windows = planWindows(
      { ...FORTNIGHTLY, plannedMeetings: 3 },
      new Date('2027-03-15T09:00:00Z'),
      'Europe/London',
    );
    // The clocks go forward on 28 March: midnight on 29 March BST is 23:00Z on the 28th.
    expect(isoWindows(windows)).toEqual([
      [1, '2027-03-15T00:00:00.000Z', '2027-03-28T23:00:00.000Z'],
      [2, '2027-03-28T23:00:00.000Z', '2027-04-11T23:00:00.000Z'],
      [3, '2027-04-11T23:00:00.000Z', '2027-04-25T23:00:00.000Z'],
    ]);
  });

  it('windows are contiguous: each ends where the next starts', () => {
    const windows = planWindows(
      { ...DEFAULT_CADENCE, plannedMeetings: 12 },
      new Date('2027-08-31T12:00:00Z'),
      'America/New_York',
    );
    expect(windows).toHaveLength(12);
    windows.slice(1).forEach((w, i) => expect(w.start).toEqual(windows[i]!.end));
  });

  it('an unknown time zone plans in London time', () => {
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-06-10T12:00:00Z'), 'Nowhere');
    expect(windows[0]!.start.toISOString()).toBe('2027-06-09T23:00:00.000Z');
  });

  it('finds the window containing an instant, start inclusive and end exclusive', () => {
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-01-15T10:00:00Z'), 'UTC');
    expect(windowAt(windows, new Date('2027-01-14T23:59:59Z'))).toBeUndefined();
    expect(windowAt(windows, new Date('2027-01-15T00:00:00Z'))?.number).toBe(1);
    expect(windowAt(windows, new Date('2027-02-14T23:59:59Z'))?.number).toBe(1);
    expect(windowAt(windows, new Date('2027-02-15T00:00:00Z'))?.number).toBe(2);
    expect(windowAt(windows, new Date('2027-07-14T23:59:59Z'))?.number).toBe(6);
    expect(windowAt(windows, new Date('2027-07-15T00:00:00Z'))).toBeUndefined();
  });
});

describe('the plan never runs past the cohort', () => {
  it("the demo's meeting 6 ends with the cohort on 31 May, not on 6 June", () => {
    // The demo cohort runs 1 December to 31 May; its pairs agreed their contract on 6 December.
    const windows = planWindows(
      DEFAULT_CADENCE,
      new Date('2026-12-06T10:00:00Z'),
      'Europe/London',
      '2027-05-31',
    );
    expect(windows).toHaveLength(6);
    // Local midnight after 31 May (BST): 23:00Z on the 31st, the close of the cohort's last day.
    expect(windows[5]!.start.toISOString()).toBe('2027-05-05T23:00:00.000Z');
    expect(windows[5]!.end.toISOString()).toBe('2027-05-31T23:00:00.000Z');
    expect(windows[4]!.end).toEqual(windows[5]!.start);
  });

  it('leaves out windows that would start after the cohort has ended', () => {
    const windows = planWindows(
      DEFAULT_CADENCE,
      new Date('2027-04-10T09:00:00Z'),
      'UTC',
      '2027-06-30',
    );
    expect(isoWindows(windows)).toEqual([
      [1, '2027-04-10T00:00:00.000Z', '2027-05-10T00:00:00.000Z'],
      [2, '2027-05-10T00:00:00.000Z', '2027-06-10T00:00:00.000Z'],
      [3, '2027-06-10T00:00:00.000Z', '2027-07-01T00:00:00.000Z'],
    ]);
    expect(
      planWindows(DEFAULT_CADENCE, new Date('2027-07-02T09:00:00Z'), 'UTC', '2027-06-30'),
    ).toEqual([]);
  });

  it("property: every window ends on or before the cohort's end date, contiguous and numbered", () => {
    // A seeded generator (fast-check is not a dependency of this project): 2,000 random plans.
    let state = 0x2f6b1d3;
    const rand = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const zones = [
      'Europe/London',
      'UTC',
      'Asia/Kolkata',
      'America/New_York',
      'Pacific/Auckland',
      'Australia/Lord_Howe',
      'Nowhere',
    ];
    for (let run = 0; run < 2000; run += 1) {
      const cadence: Cadence = {
        ...DEFAULT_CADENCE,
        frequency: pick(['monthly', 'fortnightly'] as const),
        plannedMeetings: 3 + Math.floor(rand() * 22),
      };
      const activeSince = new Date(
        Date.UTC(2026, 0, 1) + Math.floor(rand() * 3 * 365 * 86_400_000),
      );
      const zone = pick(zones);
      const endDate = DateTime.fromJSDate(activeSince, { zone: 'UTC' })
        .plus({ days: Math.floor(rand() * 800) - 30 })
        .toISODate()!;
      const windows = planWindows(cadence, activeSince, zone, endDate);
      const unclipped = planWindows(cadence, activeSince, zone);
      const local = zone === 'Nowhere' ? 'Europe/London' : zone;
      const context = JSON.stringify({ cadence, activeSince, zone, endDate });
      expect({ context, tooMany: windows.length > cadence.plannedMeetings }).toEqual({
        context,
        tooMany: false,
      });
      windows.forEach((w, i) => {
        // The window's last instant falls on or before the cohort's last day, in the pair's zone.
        const lastDay = DateTime.fromMillis(w.end.getTime() - 1, { zone: local }).toISODate()!;
        expect({ context, n: w.number, endsInTime: lastDay <= endDate }).toEqual({
          context,
          n: i + 1,
          endsInTime: true,
        });
        expect(w.start.getTime()).toBeLessThan(w.end.getTime());
        expect(w.start).toEqual(unclipped[i]!.start);
        if (i > 0) expect(w.start).toEqual(windows[i - 1]!.end);
      });
      // Nothing is cut that fits: a plan ending before the cohort does is left whole.
      const fits = unclipped.every(
        (w) => DateTime.fromMillis(w.end.getTime() - 1, { zone: local }).toISODate()! <= endDate,
      );
      if (fits) expect(windows).toEqual(unclipped);
    }
  });
});

describe('progress against the minimum', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [120, '2 h'],
    [125, '2 h 5 min'],
  ])('%i minutes reads "%s"', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  it('three held meetings of an hour meet the minimum', () => {
    const meetings = [
      meeting(1, 'held', { heldMinutes: 60 }),
      meeting(2, 'held', { heldMinutes: 75 }),
      meeting(3, 'held', { heldMinutes: 90 }),
      meeting(4, 'planned'),
    ];
    expect(progress(DEFAULT_CADENCE, meetings)).toEqual({
      held: 3,
      planned: 6,
      qualifying: 3,
      minimumMet: true,
      summary: '3 of 6 held, minimum 3 × 1 h met',
    });
  });

  it('one held meeting has not yet met the minimum', () => {
    expect(progress(DEFAULT_CADENCE, [meeting(1, 'held', { heldMinutes: 60 })]).summary).toBe(
      '1 of 6 held, minimum 3 × 1 h not yet met',
    );
  });

  it('short meetings are held but do not count toward the minimum', () => {
    const meetings = [
      meeting(1, 'held', { heldMinutes: 60 }),
      meeting(2, 'held', { heldMinutes: 45 }),
      meeting(3, 'held'),
      meeting(4, 'missed'),
      meeting(5, 'cancelled'),
    ];
    expect(progress({ ...DEFAULT_CADENCE, minimumMinutes: 90 }, meetings)).toEqual({
      held: 3,
      planned: 6,
      qualifying: 0,
      minimumMet: false,
      summary: '3 of 6 held (0 of at least 1 h 30 min), minimum 3 × 1 h 30 min not yet met',
    });
  });

  it('a meeting held outside the plan still counts', () => {
    const meetings = [1, 2].map((n) => meeting(n, 'held', { heldMinutes: 60 }));
    meetings.push(meeting(undefined, 'held', { heldMinutes: 60 }));
    expect(progress(DEFAULT_CADENCE, meetings)).toMatchObject({ held: 3, minimumMet: true });
  });
});

describe('consecutive missed windows', () => {
  it('counts the run of missed windows ending with the latest closed one', () => {
    const meetings = [
      meeting(1, 'held'),
      meeting(2, 'missed'),
      meeting(3, 'missed'),
      meeting(4, 'unplanned'),
    ];
    expect(consecutiveMissed(meetings)).toBe(2);
  });

  it('a held meeting ends the run', () => {
    expect(consecutiveMissed([meeting(1, 'missed'), meeting(2, 'held')])).toBe(0);
    expect(
      consecutiveMissed([meeting(1, 'missed'), meeting(2, 'held'), meeting(3, 'missed')]),
    ).toBe(1);
  });

  it('nothing closed yet is no missed windows', () => {
    expect(consecutiveMissed([])).toBe(0);
    expect(consecutiveMissed([meeting(1, 'planned')])).toBe(0);
  });

  it('ignores meetings outside the plan and accepts them in any order', () => {
    const meetings = [
      meeting(3, 'missed'),
      meeting(undefined, 'held'),
      meeting(1, 'missed'),
      meeting(2, 'missed'),
    ];
    expect(consecutiveMissed(meetings)).toBe(3);
  });

  it('without a time, a window nobody recorded breaks the run', () => {
    expect(consecutiveMissed([meeting(1, 'missed'), meeting(3, 'missed')])).toBe(1);
  });

  it('with a time, a closed window without a held meeting is missed even if not yet marked', () => {
    const windows = planWindows(DEFAULT_CADENCE, new Date('2027-01-15T10:00:00Z'), 'UTC');
    const inWindow = (n: number, status: MeetingStatus): Meeting =>
      meeting(n, status, {
        windowStart: windows[n - 1]!.start.toISOString(),
        windowEnd: windows[n - 1]!.end.toISOString(),
      });
    const meetings = [
      inWindow(1, 'held'),
      inWindow(2, 'cancelled'),
      inWindow(3, 'planned'),
      inWindow(4, 'unplanned'),
    ];
    expect(consecutiveMissed(meetings, new Date('2027-04-20T00:00:00Z'))).toBe(2);
    expect(consecutiveMissed(meetings, new Date('2027-04-10T00:00:00Z'))).toBe(1);
    expect(consecutiveMissed(meetings, new Date('2027-02-10T00:00:00Z'))).toBe(0);
  });
});
