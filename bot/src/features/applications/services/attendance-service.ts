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
const NO_APPLICATION = 'No application has that id';
const BAD_VERSION_FIELD = 'must be the etag of the attendance exactly as you read it';

/** What a refused row of a bulk record says. */
const BULK_REFUSALS: Record<'invalid' | 'not_found' | 'conflict', string> = {
  invalid: 'The version sent is not one this list handed out: reload and try again.',
  not_found: 'No application has that id.',
  conflict: CHANGED_MEANWHILE,
};

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
   * One applicant's record at one event, written against the version the coordinator read
   * (`etag` as handed out, null when none was recorded then) and audited; or why not.
   */
  private async writeOne(
    cohortId: string,
    event: TrainingEventOf,
    applicationId: string,
    attended: boolean,
    etag: string | null,
    actor: ReviewActor,
  ): Promise<
    { ok: true; etag: string } | { ok: false; code: 'invalid' | 'not_found' | 'conflict' }
  > {
    const stored = etag === null ? null : storedEtagOf(etag);
    if (stored === undefined) return { ok: false, code: 'invalid' };
    const found = await this.deps.applications.get(cohortId, applicationId);
    if (!found || found.value.status === 'draft') return { ok: false, code: 'not_found' };
    const written = await this.deps.records.writeAttendance(
      cohortId,
      {
        applicationId,
        eventId: event.id,
        attended,
        recordedAt: this.deps.now().toISOString(),
        recordedBy: actor.userId,
      },
      stored,
    );
    if (written === undefined) return { ok: false, code: 'conflict' };
    await this.audit(cohortId, applicationId, found.value.displayName, event, { attended }, actor);
    return { ok: true, etag: httpEtag(written) };
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
    if (input.etag !== null && storedEtagOf(input.etag) === undefined) {
      throw AppError.invalidFields([{ field: 'etag', message: BAD_VERSION_FIELD }]);
    }
    const found = await this.deps.applications.get(cohortId, applicationId);
    if (!found || found.value.status === 'draft') throw AppError.notFound(NO_APPLICATION);
    const event = await this.event(cohortId, input.eventId);
    const { attended } = input;
    const written = await this.writeOne(
      cohortId,
      event,
      applicationId,
      attended,
      input.etag,
      actor,
    );
    if (written.ok) return { applicationId, eventId: event.id, attended, etag: written.etag };
    if (written.code === 'not_found') throw AppError.notFound(NO_APPLICATION);
    const latest = await this.deps.records.attendance(cohortId, applicationId, event.id);
    const current = latest && {
      eventId: event.id,
      attended: latest.value.attended,
      recordedAt: latest.value.recordedAt,
      etag: latest.etag,
    };
    throw new AppError('stale', CHANGED_MEANWHILE, { current });
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
    const { attended } = input;
    const results: BulkAttendanceResult[] = [];
    for (const { applicationId, etag } of input.items) {
      const written = await this.writeOne(cohortId, event, applicationId, attended, etag, actor);
      results.push(
        written.ok
          ? { applicationId, ok: true, attended, etag: written.etag }
          : { applicationId, ok: false, code: written.code, message: BULK_REFUSALS[written.code] },
      );
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
