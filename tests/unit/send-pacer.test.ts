import fc from 'fast-check';
import {
  RATE_WINDOW_GUARD_MS,
  RATE_WINDOW_MS,
  SendPacer,
} from '../../bot/src/platform/teams/send-pacer';

/**
 * Issue 18, the fan-out's margin: the pacer catches up a late timer, but never puts more than
 * ⌊rate⌋ sends in any window Teams could count (one second, and the guard for jitter).
 */

/** A pacer on a clock that moves only when it sleeps, each sleep overshooting by `late()` ms. */
function pacerOn(rate: number, late: () => number) {
  let clock = 0;
  const pacer = new SendPacer(
    rate,
    () => clock,
    async (ms) => {
      clock += ms + late();
    },
  );
  return { pacer, now: () => clock };
}

async function sendTimes(pacer: SendPacer, now: () => number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.take();
    times.push(now());
  }
  return times;
}

/** The most sends in any window of `span` ms (times are sums of fractions of a ms: rounded). */
function busiestWindow(times: number[], span: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= span - 1e-6) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('the send pacer’s window', () => {
  it('keeps a late timer’s catch-up within ⌊rate⌋ in any window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 50 }),
        async (rate, lateness) => {
          let i = 0;
          const { pacer, now } = pacerOn(rate, () => lateness[i++ % lateness.length]!);
          const times = await sendTimes(pacer, now, rate * 4);
          expect(busiestWindow(times, RATE_WINDOW_MS + RATE_WINDOW_GUARD_MS)).toBeLessThanOrEqual(
            Math.floor(rate),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('still sends at its rate when timers are on time', async () => {
    const { pacer, now } = pacerOn(24, () => 0);
    const times = await sendTimes(pacer, now, 24 * 10 + 1);
    // 240 intervals of 1/24 s, and at most one guard's wait per window of 24.
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(10);
    expect(seconds).toBeLessThanOrEqual(10 + (10 * RATE_WINDOW_GUARD_MS) / 1000 + 0.001);
    expect(busiestWindow(times, RATE_WINDOW_MS + RATE_WINDOW_GUARD_MS)).toBe(24);
  });
});
