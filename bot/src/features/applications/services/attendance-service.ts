import {
  type AttendanceAnswer,
  type AttendanceInput,
  type BulkAttendanceAnswer,
  type BulkAttendanceInput,
  type BulkAttendanceResult,
  TRAINING_EVENT_TYPES,
  type TrainingEventType,
} from '../../../contracts/application-review';
import { AppError } from '../../../platform/errors';
import { httpEtag, storedEtagOf } from '../../../platform/http/etag';
import type { ReviewActor, ReviewDeps, ReviewEvent } from './review-ports';

const isTrainingType = (type: string): type is TrainingEventType =>
  (TRAINING_EVENT_TYPES as readonly string[]).includes(type);

export type TrainingEventOf = ReviewEvent & { type: TrainingEventType };

const CHANGED_MEANWHILE =
  'Someone recorded this attendance since you read it: nothing was saved. Reload and record again.';

/**
 * Training attendance: whether an applicant attended an induction or mentor-training event of
 * the cohort, one at a time or for many applicants at one event. The many are each written
 * against the version the coordinator read (a record made or changed meanwhile is reported for
 * that person, never overwritten); every record is audited.
 */
export class AttendanceService {
  constructor(private readonly deps: ReviewDeps) {}

  /** The cohort's induction and mentor-training events. */
  async trainingEvents(cohortId: string): Promise<TrainingEventOf[]> {
    const events = await this.deps.events.list(cohortId);
    return events.flatMap((e) => (isTrainingType(e.type) ? [{ ...e, type: e.type }] : []));
  }

  private async event(cohortId: string, eventId: string): Promise<TrainingEventOf> {
    const event = (await this.trainingEvents(cohortId)).find((e) => e.id === eventId);
    if (!event) {
      throw AppError.invalidFields([
        {
          field: 'eventId',
          message: 'must be an induction or mentor-training event of this cohort',
        },
      ]);
    }
    return event;
  }

  /**
   * One applicant at one event, written against the version the coordinator read (`etag`, null
   * when none was recorded then): a record made or changed meanwhile is refused with the latest
   * (412), never overwritten.
   */
  async record(
    cohortId: string,
    applicationId: string,
    input: AttendanceInput,
    actor: ReviewActor,
  ): Promise<AttendanceAnswer> {
    const stored = input.etag === null ? null : storedEtagOf(input.etag);
    if (stored === undefined) {
      throw AppError.invalidFields([
        { field: 'etag', message: 'must be the etag of the attendance exactly as you read it' },
      ]);
    }
    const found = await this.deps.applications.get(cohortId, applicationId);
    if (!found || found.value.status === 'draft') {
      throw AppError.notFound('No application has that id');
    }
    const event = await this.event(cohortId, input.eventId);
    const written = await this.deps.records.writeAttendance(
      cohortId,
      {
        applicationId,
        eventId: event.id,
        attended: input.attended,
        recordedAt: this.deps.now().toISOString(),
        recordedBy: actor.userId,
      },
      stored,
    );
    if (written === undefined) {
      const latest = await this.deps.records.attendance(cohortId, applicationId, event.id);
      const current = latest && {
        eventId: event.id,
        attended: latest.value.attended,
        recordedAt: latest.value.recordedAt,
        etag: latest.etag,
      };
      throw new AppError('stale', CHANGED_MEANWHILE, { current });
    }
    await this.audit(cohortId, applicationId, found.value.displayName, event, input, actor);
    return { applicationId, eventId: event.id, attended: input.attended, etag: httpEtag(written) };
  }

  /**
   * Many applicants at one event: each written on its own against the version it was read at,
   * with its own result (a conflict or a missing application is listed, never dropped).
   */
  async recordMany(
    cohortId: string,
    input: BulkAttendanceInput,
    actor: ReviewActor,
  ): Promise<BulkAttendanceAnswer> {
    await this.deps.cohorts.get(cohortId);
    const event = await this.event(cohortId, input.eventId);
    const results: BulkAttendanceResult[] = [];
    for (const { applicationId, etag } of input.items) {
      const refuse = (code: string, message: string) =>
        results.push({ applicationId, ok: false, code, message });
      const stored = etag === null ? null : storedEtagOf(etag);
      if (stored === undefined) {
        refuse(
          'invalid',
          'The version sent is not one this list handed out: reload and try again.',
        );
        continue;
      }
      const found = await this.deps.applications.get(cohortId, applicationId);
      if (!found || found.value.status === 'draft') {
        refuse('not_found', 'No application has that id.');
        continue;
      }
      const written = await this.deps.records.writeAttendance(
        cohortId,
        {
          applicationId,
          eventId: event.id,
          attended: input.attended,
          recordedAt: this.deps.now().toISOString(),
          recordedBy: actor.userId,
        },
        stored,
      );
      if (written === undefined) {
        refuse('conflict', CHANGED_MEANWHILE);
        continue;
      }
      await this.audit(cohortId, applicationId, found.value.displayName, event, input, actor);
      results.push({ applicationId, ok: true, attended: input.attended, etag: httpEtag(written) });
    }
    const recorded = results.filter((r) => r.ok).length;
    this.deps.log.info(
      { cohortId, eventId: event.id, recorded, refused: results.length - recorded },
      'attendance recorded in bulk',
    );
    return {
      eventId: event.id,
      attended: input.attended,
      results,
      recorded,
      refused: results.length - recorded,
    };
  }

  private audit(
    cohortId: string,
    applicationId: string,
    label: string,
    event: TrainingEventOf,
    input: { attended: boolean },
    actor: ReviewActor,
  ) {
    return this.deps.audit.record({
      action: 'application.attendance_recorded',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'application',
      targetId: applicationId,
      targetLabel: label,
      cohortId,
      changes: [
        { field: event.title, before: null, after: input.attended ? 'attended' : 'did not attend' },
      ],
      reason: null,
    });
  }
}
