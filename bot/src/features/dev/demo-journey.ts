import { DateTime } from 'luxon';
import { type NewCohort, newCohortSchema } from '../../contracts/cohort-admin';
import { newActionSchema, newGoalSchema } from '../../contracts/journey';
import { DEFAULT_CADENCE } from '../cohorts/index';
import { parseBooking, parsePause, parseReview } from '../journey/index';
import { DEMO_COHORT_NAME, DEMO_COORDINATOR } from './demo-cohort';
import { type DemoStory, ZONE, day, demoStory, meetingOf, must, windowStart } from './demo-story';
import type { DemoTimeline } from './demo-timeline';

/**
 * The staged demo: one cohort whose pairs are at every stage of the journey today, so a
 * newcomer sees the product working without moving the clock (README, "Walk the journey").
 * Matches are made in waves, as a rolling programme does:
 *
 *   wave 1, at the cohort's start (about seven months ago): Sofia and James, completed;
 *   wave 2, about eleven weeks ago: Amara and David (active: two meetings held, the third
 *     booked, goals and actions), Kwame and Helen (paused twelve days ago by Helen, with a
 *     reason; Kwame asked for a word with the programme team), Grace and Robert (met once,
 *     then missed a month: they need a check-in);
 *   wave 3, yesterday: Tomasz and Catherine, just introduced (Tomasz has agreed the contract).
 *
 * Everything is done through the services a card or the tab uses, with the inputs checked as
 * they check them, at the moment it happens in the story (see demo-timeline.ts).
 */

/** The staged demo cohort's dates: it began about seven months ago and runs for a year. */
export function stagedCohortInput(today: Date): NewCohort {
  const start = DateTime.fromJSDate(today, { zone: ZONE })
    .minus({ months: 6, days: 21 })
    .startOf('month');
  return newCohortSchema.parse({
    name: DEMO_COHORT_NAME,
    startDate: start.toISODate(),
    endDate: start.plus({ months: 12 }).minus({ days: 1 }).toISODate(),
    cadence: { ...DEFAULT_CADENCE },
  });
}

/** Walks the demo's story through the real services; answers the cohort's id. */
export async function seedStagedDemo(timeline: DemoTimeline, today: Date): Promise<string> {
  const input = stagedCohortInput(today);
  const T = DateTime.fromJSDate(today, { zone: ZONE }).startOf('day');
  const S = DateTime.fromISO(input.startDate, { zone: ZONE });

  await timeline.at(day(S, -10, 9).toJSDate());
  const cohort = await timeline.roster.createCohort(input, DEMO_COORDINATOR.userId, true);
  const story = demoStory(timeline, cohort.id);

  completedPair(story, S);

  // Wave 2: three pairs matched about eleven weeks ago.
  const w2 = day(T, -80, 10);
  story.importWave(w2, ['active', 'paused', 'check_in']);
  const a2 = day(T, -78, 11);
  for (const stage of ['active', 'paused', 'check_in'] as const)
    story.agree(a2, stage, ['mentor', 'mentee']);
  activePair(story, a2, T);
  pausedPair(story, a2, T);
  checkInPair(story, a2);

  introducedPair(story, T);

  await story.run();
  await timeline.at(today);
  return cohort.id;
}

/** Wave 1: Sofia and James, matched at the start; six meetings, then the final review. */
function completedPair(story: DemoStory, S: DateTime) {
  const { add, side, importWave, agree, holdMeeting, answerFit } = story;
  const { work } = story.services;
  const w1 = day(S, 1, 10);
  importWave(w1, ['completed']);
  const a1 = day(S, 3, 11);
  agree(a1, 'completed', ['mentor', 'mentee']);
  for (let n = 1; n <= 6; n += 1) {
    const met = holdMeeting('completed', a1, n, {
      mentor: `Meeting ${n}: how clinical priorities are set at the top.`,
      mentee: `Meeting ${n}: what the secretaries' office sees that the board does not.`,
    });
    if (n === 1) {
      answerFit(day(met, 2, 10), 'completed', 'mentor', 5);
      answerFit(day(met, 2, 11), 'completed', 'mentee', 5);
    }
  }
  // The final review goes out when the sixth window closes; the pair completes then.
  const end1 = windowStart(a1, 7);
  for (const part of ['mentor', 'mentee'] as const) {
    add(day(end1, 2, part === 'mentor' ? 10 : 11), async () => {
      const { c, id } = await side('completed', part);
      const review = must(
        parseReview({
          wentWell: 'Honest conversations, and a change to how clinic letters are prioritised.',
          improve: 'Start shadowing earlier.',
          choice: 'continue_informally',
        }),
        'final review',
      );
      await work.saveReview(c, id, review);
    });
  }
}

/** Amara and David: goals, two meetings held, actions, the third meeting booked. */
function activePair(story: DemoStory, a2: DateTime, T: DateTime) {
  const { add, side, holdMeeting, answerFit } = story;
  const { meetings, work } = story.services;
  add(day(a2, 1, 12), async () => {
    const { c, id } = await side('active', 'mentor');
    await work.addGoal(
      c,
      id,
      newGoalSchema.parse({
        text: 'Understand how board decisions on safe staffing are made',
        status: 'in_progress',
      }),
    );
    const mentee = await side('active', 'mentee');
    await work.addGoal(
      mentee.c,
      mentee.id,
      newGoalSchema.parse({
        text: 'Hear first-hand how our policies land on the wards',
        status: 'in_progress',
        note: 'Start with the uniform policy.',
      }),
    );
  });
  const met1 = holdMeeting('active', a2, 1, {
    mentor: 'David listened more than I expected.',
    mentee: 'The night-shift picture was new to me.',
    menteeAction: [
      'Share the workforce paper with Amara',
      day(windowStart(a2, 1), 23, 0).toISODate()!,
    ],
  });
  answerFit(day(met1, 1, 15), 'active', 'mentor', 4);
  answerFit(day(met1, 1, 16), 'active', 'mentee', 5);
  add(day(met1, 10, 16), async () => {
    const { c, id } = await side('active', 'mentee');
    const open = c.space.actions.find((a) => a.value.ownerId === id && !a.value.doneAt);
    if (open) await work.completeAction(c, id, open.value.id);
  });
  holdMeeting('active', a2, 2, {
    mentor: 'I can name what gets lost between the ward and the board.',
    mentee: 'Amara showed me the rota from the inside.',
    share: true,
  });
  add(day(T, -3, 16), async () => {
    const { c, id } = await side('active', 'mentee');
    const action = newActionSchema.parse({
      text: 'Invite Amara to shadow the next workforce committee',
      owner: 'me',
      dueDate: day(T, 20, 0).toISODate(),
    });
    await work.addAction(c, id, action);
  });
  add(day(T, -2, 11), async () => {
    const { c, id } = await side('active', 'mentee');
    const at = day(T, 5, 14);
    const booking = must(
      parseBooking(
        { date: at.toISODate(), time: '14:00', minutes: '60', mode: 'in_person' },
        ZONE,
        story.now(),
      ),
      'booking',
    );
    await meetings.bookMeeting(c, id, meetingOf(c, 3), booking);
  });
  add(day(T, -1, 9), async () => {
    const { c, id } = await side('active', 'mentor');
    await meetings.savePreparation(c, id, meetingOf(c, 3), {
      topics: 'The agency staffing figures, and what the network asked me to raise.',
      share: true,
    });
  });
}

/** Kwame and Helen: two meetings; Kwame asked for a word; Helen paused twelve days ago. */
function pausedPair(story: DemoStory, a2: DateTime, T: DateTime) {
  const { add, side, holdMeeting, answerFit } = story;
  const { journey } = story.services;
  const met2 = holdMeeting('paused', a2, 1, {
    mentor: 'Hard to get a word in.',
    mentee: 'Useful, though I ran out of time.',
  });
  answerFit(day(met2, 1, 15), 'paused', 'mentor', 2, true);
  answerFit(day(met2, 1, 16), 'paused', 'mentee', 4);
  holdMeeting('paused', a2, 2, {
    mentor: 'Better this time.',
    mentee: 'We agreed a shorter agenda.',
  });
  add(day(T, -12, 10), async () => {
    const { c, id } = await side('paused', 'mentee');
    const pause = must(
      parsePause({
        weeks: '4',
        reason: 'Covering winter pressures across the wards for a few weeks.',
      }),
      'pause',
    );
    await journey.pause(c, id, pause);
  });
}

/** Grace and Robert: met once, then a month went by without a meeting. */
function checkInPair(story: DemoStory, a2: DateTime) {
  const { holdMeeting, answerFit } = story;
  const met3 = holdMeeting('check_in', a2, 1, {
    mentor: 'A good start.',
    mentee: 'We should meet in the pharmacy next time.',
  });
  answerFit(day(met3, 1, 15), 'check_in', 'mentor', 3);
  answerFit(day(met3, 1, 16), 'check_in', 'mentee', 4);
}

/** Wave 3: Tomasz and Catherine, matched yesterday; Tomasz has agreed the contract. */
function introducedPair(story: DemoStory, T: DateTime) {
  const w3 = day(T, -1, 10);
  story.importWave(w3, ['introduced']);
  story.agree(day(T, -1, 15), 'introduced', ['mentor']);
}
