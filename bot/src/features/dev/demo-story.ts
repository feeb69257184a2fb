import { DateTime } from 'luxon';
import { type PairContext, parseBooking, parseFit, parseReflection } from '../journey/index';
import { DEMO_COORDINATOR, type DemoStage, demoPairsByStage, demoRosterCsv } from './demo-cohort';
import type { DemoTimeline } from './demo-timeline';

/**
 * The staged demo's storytelling: steps written down with the moment they happen, and the
 * recurring ones (a wave's import, agreeing the contract, a meeting booked, held and reflected
 * on, a fit check), then walked in time order on the demo's timeline. The story itself, stage
 * by stage, is in demo-journey.ts.
 */

export const ZONE = 'Europe/London';

export type Part = 'mentor' | 'mentee';

type Step = { at: DateTime; run: () => Promise<void> };

export function must<T>(
  result: { ok: true; value: T } | { ok: false; errors: object },
  what: string,
): T {
  if (!result.ok)
    throw new Error(`The demo's ${what} was refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** `hour` o'clock, `days` after the day of `base`. */
export const day = (base: DateTime, days: number, hour: number) =>
  base.startOf('day').plus({ days }).set({ hour, minute: 0 });

/** Monthly windows from the day both agreed, as the plan counts them. */
export const windowStart = (active: DateTime, n: number) =>
  active.startOf('day').plus({ months: n - 1 });

export function meetingOf(ctx: PairContext, n: number): string {
  const meeting = ctx.space.meetings.find((m) => m.value.number === n);
  if (!meeting) throw new Error(`The demo pair has no meeting ${n} in its plan`);
  return meeting.value.id;
}

/** What each partner reflects after a meeting, and the mentee's action (text, due date). */
export interface MeetingWords {
  mentor: string;
  mentee: string;
  share?: boolean;
  menteeAction?: [string, string];
}

/** A story for the cohort: write its steps down in any order, then `run` them in time order. */
export function demoStory(timeline: DemoTimeline, cohortId: string) {
  const { journey, meetings, work } = timeline.services;
  const people = demoPairsByStage();
  const pairIds = new Map<DemoStage, string>();
  const ctx = (stage: DemoStage): Promise<PairContext> =>
    journey.load(cohortId, pairIds.get(stage)!);
  const side = async (stage: DemoStage, part: Part) => {
    const c = await ctx(stage);
    return { c, id: part === 'mentor' ? c.mentor.id : c.mentee.id };
  };
  const steps: Step[] = [];
  const add = (at: DateTime, run: () => Promise<void>) => steps.push({ at, run });

  const importWave = (at: DateTime, stages: DemoStage[]) =>
    add(at, async () => {
      await timeline.roster.importRoster(cohortId, demoRosterCsv(stages), DEMO_COORDINATOR.userId);
      for (const stage of stages) pairIds.set(stage, await findPair(stage));
    });
  const findPair = async (stage: DemoStage): Promise<string> => {
    const mentor = people[stage].mentor;
    const memberships = await timeline.membershipsOf(mentor.userId);
    const pairId = memberships.find((m) => m.cohortId === cohortId)?.pairId;
    if (!pairId) throw new Error(`The demo pair of ${mentor.name} was not imported`);
    return pairId;
  };
  const agree = (at: DateTime, stage: DemoStage, parts: Part[]) =>
    add(at, async () => {
      for (const part of parts) {
        const { c, id } = await side(stage, part);
        await journey.agreeContract(c, id, c.space.contract!.value.version, ZONE);
      }
    });

  /** Booked by the mentee on day 2 of the window, held on day `meetDay`, reflected on by both. */
  const holdMeeting = (
    stage: DemoStage,
    active: DateTime,
    n: number,
    words: MeetingWords,
    meetDay = 9,
  ) => {
    const start = windowStart(active, n);
    const meetAt = day(start, meetDay, 14);
    add(day(start, 2, 10), async () => {
      const { c, id } = await side(stage, 'mentee');
      const booking = must(
        parseBooking(
          { date: meetAt.toISODate(), time: '14:00', minutes: '60', mode: 'online' },
          ZONE,
          timeline.now(),
        ),
        'booking',
      );
      await meetings.bookMeeting(c, id, meetingOf(c, n), booking);
    });
    for (const part of ['mentee', 'mentor'] as const) {
      add(meetAt.plus({ hours: part === 'mentee' ? 2 : 3 }), async () => {
        const { c, id } = await side(stage, part);
        const action = part === 'mentee' ? words.menteeAction : undefined;
        const reflection = must(
          parseReflection(
            {
              outcome: 'held',
              minutes: '60',
              learned: words[part],
              share: String(words.share ?? false),
              ...(action
                ? { action1Text: action[0], action1Owner: 'me', action1Due: action[1] }
                : {}),
            },
            ZONE,
            timeline.now(),
            c.cohort,
          ),
          'reflection',
        );
        await meetings.saveReflection(c, id, meetingOf(c, n), reflection);
      });
    }
    return meetAt;
  };
  const answerFit = (at: DateTime, stage: DemoStage, part: Part, rating: number, ask = false) =>
    add(at, async () => {
      const { c, id } = await side(stage, part);
      const fit = must(
        parseFit({ rating: String(rating), wantsCoordinator: String(ask) }),
        'fit check',
      );
      await work.answerFit(c, id, fit);
    });

  /** Walks every step in time order (steps at the same moment in the order written). */
  const run = async () => {
    steps.sort((a, b) => a.at.toMillis() - b.at.toMillis());
    for (const step of steps) {
      await timeline.at(step.at.toJSDate());
      await step.run();
    }
  };

  return {
    services: timeline.services,
    now: () => timeline.now(),
    add,
    side,
    importWave,
    agree,
    holdMeeting,
    answerFit,
    run,
  };
}

export type DemoStory = ReturnType<typeof demoStory>;
