import {
  SURVEY_RETRY_MS,
  SurveyJobHandler,
} from '../../bot/src/features/evaluation/jobs/survey-job-handler';
import { createLogger } from '../../bot/src/platform/logger';
import type { Job } from '../../bot/src/platform/storage/jobs/job';
import { NotFoundError, StorageUnavailableError } from '../../bot/src/platform/storage/errors';

/**
 * An outage delays a survey card, never drops it (issue 16): storage or Teams trouble answers a
 * retry rather than failing (a failed job could never be scheduled again under its id), until
 * the survey has closed; a pair or cohort that no longer exists is skipped.
 */

const NOW = new Date('2027-03-02T09:00:00Z');
const invite: Job = {
  id: 'survey-invite:c1:baseline:p1',
  kind: 'survey-invite',
  dueAt: NOW.toISOString(),
  cohortId: 'c1',
  pairId: 'pair1',
  recipientId: 'p1',
  payload: { survey: 'baseline', closesAt: '2027-03-15T14:00:00.000Z' },
};

function handler(trouble: unknown, now = NOW) {
  return new SurveyJobHandler({
    sending: { sweep: () => Promise.reject(trouble), prepare: () => Promise.reject(trouble) },
    delivery: { deliver: () => Promise.resolve('done') },
    now: () => now,
    log: createLogger('silent'),
  });
}

describe('survey jobs through an outage', () => {
  test('storage down while preparing: tried again later, not failed', async () => {
    const result = await handler(new StorageUnavailableError('ECONNREFUSED')).handle(invite);
    expect(result).toEqual({ retryAt: new Date(NOW.getTime() + SURVEY_RETRY_MS) });
  });

  test('Teams failing the send: tried again later', async () => {
    const failing = () => Promise.reject(new Error('send failed: 503'));
    const h = new SurveyJobHandler({
      sending: {
        sweep: () => Promise.resolve('done'),
        prepare: () =>
          Promise.resolve({
            survey: {
              cohortId: 'c1',
              cohortName: 'C',
              survey: 'baseline',
              role: 'mentor',
              planVersion: 1,
              items: [],
              opensAt: '',
              closesAt: '',
              closesOn: 'the end of Sunday 14 March 2027',
              response: null,
            },
          }),
      },
      delivery: { deliver: failing },
      now: () => NOW,
      log: createLogger('silent'),
    });
    expect(await h.handle(invite)).toEqual({ retryAt: new Date(NOW.getTime() + SURVEY_RETRY_MS) });
  });

  test('a sweep that hits trouble is tried again too', async () => {
    const sweep: Job = { ...invite, id: 'survey-sweep:c1:2027-03-02', kind: 'survey-sweep' };
    const result = await handler(new StorageUnavailableError('timeout')).handle(sweep);
    expect(result).toEqual({ retryAt: new Date(NOW.getTime() + SURVEY_RETRY_MS) });
  });

  test('once its survey has closed, trouble ends it: nothing is left to deliver', async () => {
    const late = new Date('2027-03-15T13:55:00Z');
    expect(await handler(new StorageUnavailableError('down'), late).handle(invite)).toBe('skipped');
  });

  test('a pair that no longer exists is skipped', async () => {
    expect(await handler(new NotFoundError('This pairing no longer exists')).handle(invite)).toBe(
      'skipped',
    );
  });
});
