import {
  type ApplicationReviewItem,
  type ApplicationReviewList,
  type AttendanceAnswer,
  type AttendanceInput,
  type AttendanceView,
  type BulkAttendanceAnswer,
  type BulkAttendanceInput,
  type BulkDecisionAnswer,
  type BulkDecisionInput,
  type BulkDecisionResult,
  DECISION_STATUS,
  type DecisionInput,
  type ManagerAnswerView,
  type ReviewQuery,
} from '../../../contracts/application-review';
import {
  APPLICATION_STATUS_WORDS,
  type ApplicationStatus,
  MANAGER_SUPPORT_WORDS,
  type ManagerSupportStatus,
} from '../../../contracts/applications';
import { AppError } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { storedEtagOf } from '../../../platform/http/etag';
import type { Versioned } from '../../../platform/storage/versioned';
import {
  type TrainingEvent,
  filterAndSort,
  isReadyForMatching,
  mayDecide,
  trainingProgress,
} from '../domain/review-rules';
import type { ManagerRecord } from '../store/review-repository';
import { AttendanceService } from './attendance-service';
import type { DecisionTeller } from './decision-teller';
import type { ReviewActor, ReviewDeps, ReviewedApplication } from './review-ports';

/** The line manager's answer as the list shows it. */
export function managerSupportOf(record: ManagerRecord | undefined): ManagerSupportStatus {
  if (!record) return 'not-asked';
  if (record.answeredBy === 'coordinator') return 'recorded-by-coordinator';
  return record.status;
}

/** The answer given (yes or no, by whom, when), or null while the question is open. */
export function managerAnswerOf(record: ManagerRecord | undefined): ManagerAnswerView | null {
  if (!record || record.status === 'asked' || !record.answeredBy || !record.answeredAt) {
    return null;
  }
  return {
    released: record.status === 'released',
    answeredBy: record.answeredBy,
    recordedByName: record.answeredBy === 'coordinator' ? record.recordedBy?.name || null : null,
    answeredAt: record.answeredAt,
    note: record.answeredBy === 'coordinator' ? record.note : null,
  };
}

/**
 * The coordinator's review of a cohort's applications: the list (filter, sort, search, never a
 * special-category answer), decisions one by one or in bulk, each guarded by the ETag the
 * coordinator read (a conflict is reported, never overwritten), and training attendance. Every
 * change is audited; each decision's message to the applicant is a job (DecisionTeller).
 */
export class ReviewService {
  constructor(
    private readonly deps: ReviewDeps,
    private readonly teller: Pick<DecisionTeller, 'schedule'>,
  ) {
    this.attendance = new AttendanceService(deps);
  }

  private readonly attendance: AttendanceService;

  private trainingEvents(cohortId: string) {
    return this.attendance.trainingEvents(cohortId);
  }

  async list(cohortId: string, query: ReviewQuery): Promise<ApplicationReviewList> {
    await this.deps.cohorts.get(cohortId);
    const [apps, records, settings, events] = await Promise.all([
      this.deps.applications.listSent(cohortId),
      this.deps.records.cohort(cohortId),
      this.deps.applications.settings(cohortId),
      this.trainingEvents(cohortId),
    ]);
    const trainingIds = new Set(events.map((e) => e.id));
    const attendedBy = new Map<string, Set<string>>();
    const attendanceOf = new Map<string, AttendanceView[]>();
    for (const { value: a, etag } of records.attendance) {
      if (!trainingIds.has(a.eventId)) continue;
      const views = attendanceOf.get(a.applicationId) ?? [];
      views.push({
        eventId: a.eventId,
        attended: a.attended,
        recordedAt: a.recordedAt,
        etag: httpEtag(etag),
      });
      attendanceOf.set(a.applicationId, views);
      if (!a.attended) continue;
      const set = attendedBy.get(a.applicationId) ?? new Set<string>();
      set.add(a.eventId);
      attendedBy.set(a.applicationId, set);
    }
    const training: TrainingEvent[] = events.map((e) => ({ id: e.id, type: e.type }));
    const items = apps.map((app) =>
      this.item(app, {
        training: trainingProgress(
          app.value.role,
          settings.requireTraining,
          training,
          attendedBy.get(app.value.id) ?? new Set(),
        ),
        manager: records.managers.get(app.value.id)?.value,
        attendance: attendanceOf.get(app.value.id) ?? [],
      }),
    );
    const counts: Partial<Record<ApplicationStatus, number>> = {};
    for (const app of apps) counts[app.value.status] = (counts[app.value.status] ?? 0) + 1;
    return {
      cohortId,
      applications: filterAndSort(items, query, settings.ladder),
      counts,
      requireTraining: settings.requireTraining,
      trainingEvents: events.map((e) => ({
        eventId: e.id,
        type: e.type,
        title: e.title,
        startsAt: e.start,
      })),
    };
  }

  private item(
    { value: app, etag }: Versioned<ReviewedApplication>,
    more: {
      training: ApplicationReviewItem['training'];
      manager: ManagerRecord | undefined;
      attendance: AttendanceView[];
    },
  ): ApplicationReviewItem {
    const managerSupport = managerSupportOf(more.manager);
    // Built field by field from the non-sensitive answers: nothing else can slip in.
    return {
      applicationId: app.id,
      displayName: app.displayName,
      email: app.email,
      status: app.status,
      statusWords: APPLICATION_STATUS_WORDS[app.status],
      submittedAt: app.submittedAt,
      role: app.role,
      arrangement: app.arrangement,
      band: app.band,
      organisation: app.organisation,
      directorate: app.directorate,
      lineManagerName: app.lineManager.name,
      perspectivesShared: [...app.perspectivesShared],
      perspectivesWanted: [...app.perspectivesWanted],
      meetingMode: app.meetingMode,
      location: app.location,
      availability: [...app.availability],
      notes: app.notes,
      managerSupport,
      managerSupportWords: MANAGER_SUPPORT_WORDS[managerSupport],
      managerAnswer: managerAnswerOf(more.manager),
      decisionReason: app.decisionReason,
      decidedAt: app.decidedAt,
      training: more.training,
      attendance: more.attendance,
      readyForMatching: isReadyForMatching(app.status, more.training),
      etag: httpEtag(etag),
    };
  }

  /**
   * The applicant ids of the cohort ready for matching: accepted, and trained when the cohort
   * requires it (for the matching feature to take in, beside `acceptedForMatching`).
   */
  async readyForMatching(cohortId: string): Promise<Set<string>> {
    const { applications } = await this.list(cohortId, { status: 'accepted' });
    return new Set(applications.filter((a) => a.readyForMatching).map((a) => a.applicationId));
  }

  /** One decision; `stale` (412) when the application changed since the coordinator read it. */
  async decide(
    cohortId: string,
    applicationId: string,
    input: DecisionInput,
    actor: ReviewActor,
  ): Promise<{ applicationId: string; status: ApplicationStatus; etag: string }> {
    const stored = storedEtagOf(input.etag);
    if (!stored) {
      throw AppError.invalidFields([
        { field: 'etag', message: 'must be the etag of the application exactly as you read it' },
      ]);
    }
    const found = await this.deps.applications.get(cohortId, applicationId);
    if (!found) throw AppError.notFound('No application has that id');
    const before = found.value;
    if (!mayDecide(before.status)) {
      throw AppError.coded(
        'conflict',
        'not_decidable',
        `This application is ${APPLICATION_STATUS_WORDS[before.status].toLowerCase()}: it cannot be decided on`,
      );
    }
    const decidedAt = this.deps.now().toISOString();
    const status = DECISION_STATUS[input.decision];
    const reason = input.decision === 'decline' ? (input.reason ?? null) : input.reason || null;
    const saved = await this.deps.applications.decide(
      cohortId,
      applicationId,
      { status, decisionReason: reason, decidedAt, decidedBy: actor.userId },
      stored,
    );
    await this.deps.audit.record({
      action: 'application.decided',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'application',
      targetId: applicationId,
      targetLabel: before.displayName,
      cohortId,
      changes: [{ field: 'status', before: before.status, after: status }],
      reason,
    });
    await this.teller.schedule(cohortId, applicationId, decidedAt);
    this.deps.log.info({ cohortId, applicationId, status }, 'application decided');
    return { applicationId, status, etag: httpEtag(saved.etag) };
  }

  /** Many decisions: each item stands alone, with its own result; none is silently lost. */
  async decideMany(
    cohortId: string,
    input: BulkDecisionInput,
    actor: ReviewActor,
  ): Promise<BulkDecisionAnswer> {
    await this.deps.cohorts.get(cohortId);
    const results: BulkDecisionResult[] = [];
    for (const { applicationId, ...decision } of input.items) {
      try {
        const done = await this.decide(cohortId, applicationId, decision, actor);
        results.push({ applicationId, ok: true, status: done.status, etag: done.etag });
      } catch (error) {
        if (!(error instanceof AppError) || error.reason === 'unavailable') throw error;
        const code = error.reason === 'stale' ? 'conflict' : error.code;
        const message =
          error.reason === 'stale'
            ? 'Someone changed this application since you read it: nothing was saved. Reload and decide again.'
            : error.message;
        results.push({ applicationId, ok: false, code, message });
      }
    }
    const decided = results.filter((r) => r.ok).length;
    return { results, decided, refused: results.length - decided };
  }

  /** Records whether the applicant attended an induction or mentor-training event of the cohort. */
  recordAttendance(
    cohortId: string,
    applicationId: string,
    input: AttendanceInput,
    actor: ReviewActor,
  ): Promise<AttendanceAnswer> {
    return this.attendance.record(cohortId, applicationId, input, actor);
  }

  /** Records attendance at one event for many applicants, each with its own result. */
  recordAttendanceMany(
    cohortId: string,
    input: BulkAttendanceInput,
    actor: ReviewActor,
  ): Promise<BulkAttendanceAnswer> {
    return this.attendance.recordMany(cohortId, input, actor);
  }
}
