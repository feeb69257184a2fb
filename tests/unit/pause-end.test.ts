import { SYSTEM_ACTOR } from '../../bot/src/features/journey/domain/pair-lifecycle';
import {
  pauseEndJob,
  pauseEndStep,
  pauseOverNotices,
} from '../../bot/src/features/journey/domain/pause-end';
import { pairIn } from '../support/pair-factory';

/** A timed pause's end (issue 14, item 7): what its job does in each case, and its ids. */

const UNTIL = '2027-03-16T10:00:00.000Z';
const AFTER = new Date('2027-03-17T10:00:00.000Z');

const job = pauseEndJob(pairIn('paused'), UNTIL);

describe('a timed pause’s end', () => {
  it('is one job at the pause’s end, and a kind notice for each partner after it', () => {
    expect(job).toEqual({
      id: 'pause-end:pair-1:20270316T1000Z',
      kind: 'pause-end',
      dueAt: UNTIL,
      cohortId: 'cohort-1',
      pairId: 'pair-1',
      payload: { until: UNTIL },
    });
    expect(pauseOverNotices(pairIn('active'), UNTIL, AFTER).map((j) => j.id)).toEqual([
      'pause-over:pair-1:20270316T1000Z:mentor-1',
      'pause-over:pair-1:20270316T1000Z:mentee-1',
    ]);
  });

  it('resumes the pair still paused by that pause once it has ended', () => {
    const detail = { pausedBy: 'mentor-1', pausedUntil: UNTIL };
    expect(pauseEndStep(pairIn('paused'), detail, job, AFTER)).toEqual({ kind: 'resume' });
    expect(pauseEndStep(pairIn('paused'), detail, job, new Date('2027-03-10T00:00:00Z'))).toEqual({
      kind: 'wait',
      at: new Date(UNTIL),
    });
  });

  it('does nothing to a pair resumed by hand, ended, or paused again meanwhile', () => {
    const byHand = { resumedAt: '2027-03-05T10:00:00.000Z', resumedBy: 'mentor-1' };
    expect(pauseEndStep(pairIn('active'), byHand, job, AFTER)).toEqual({ kind: 'nothing' });
    expect(pauseEndStep(pairIn('ended_early'), {}, job, AFTER)).toEqual({ kind: 'nothing' });
    expect(pauseEndStep(pairIn('paused'), { pausedBy: 'mentor-1' }, job, AFTER)).toEqual({
      kind: 'nothing',
    });
    const later = { pausedBy: 'mentee-1', pausedUntil: '2027-04-13T10:00:00.000Z' };
    expect(pauseEndStep(pairIn('paused'), later, job, AFTER)).toEqual({ kind: 'nothing' });
  });

  it('only tells, when a retry finds the pair already resumed by this pause’s end', () => {
    const resumed = { resumedAt: AFTER.toISOString(), resumedBy: SYSTEM_ACTOR };
    expect(pauseEndStep(pairIn('active'), resumed, job, AFTER)).toEqual({ kind: 'tell' });
  });
});
