import type { ApplicationForm } from '../../contracts/applications';
import { DEFAULT_APPLICATION_SETTINGS } from '../../contracts/applications';
import { AppError } from '../../platform/errors';
import type { Job } from '../../platform/storage/jobs/job';
import type { TableStore } from '../../platform/storage/table-store';
import type { Versioned } from '../../platform/storage/versioned';
import type { CardJson } from '../../platform/teams/cards/render';
import type { SendOutcome } from '../../platform/teams/proactive-sender';
import type { EmailHint } from '../../platform/vouched-email';
import type { Application } from './domain/application';
import { DecisionTeller, isDecisionTell } from './services/decision-teller';
import { ManagerSupportService } from './services/manager-support-service';
import type { ReviewApplications, ReviewDeps, ReviewedApplication } from './services/review-ports';
import { ReviewService } from './services/review-service';
import { ApplicationRepository } from './store/application-repository';
import { ApplicationSettingsRepository } from './store/application-settings-repository';
import { ReviewRepository } from './store/review-repository';

/** The review's part of the applications feature, built once by the composition root. */
export interface Review {
  review: ReviewService;
  managers: ManagerSupportService;
  teller: DecisionTeller;
  /** Runs a due decision message (the scheduler's handler for `isDecisionTell` jobs). */
  handleJob(job: Job): ReturnType<DecisionTeller['handle']>;
  /** Someone opened a chat with the app: tell them waiting decisions, ask waiting questions. */
  onReachable(userId: string, email?: EmailHint): Promise<void>;
}

export { isDecisionTell };

/** The application as the review reads it: the non-sensitive answers, field by field. */
function reviewed(app: Application): ReviewedApplication {
  const form = app.answers as Partial<ApplicationForm>;
  return {
    id: app.applicantId,
    cohortId: app.cohortId,
    userId: app.applicantId,
    email: app.email ?? '',
    displayName: app.name,
    status: app.status,
    submittedAt: app.submittedAt ?? null,
    role: form.role ?? 'either',
    arrangement: form.arrangement ?? 'either',
    band: form.band ?? '',
    organisation: form.organisation ?? '',
    directorate: form.directorate ?? '',
    lineManager: { name: form.lineManager?.name ?? '', email: form.lineManager?.email ?? '' },
    perspectivesShared: form.perspectivesShared ?? [],
    perspectivesWanted: form.perspectivesWanted ?? [],
    meetingMode: form.meetingMode ?? 'either',
    location: form.location ?? null,
    availability: form.availability ?? [],
    notes: form.notes ?? null,
    decisionReason: app.decisionReason ?? null,
    decidedAt: app.decidedAt ?? null,
  };
}

const asReviewed = (v: Versioned<Application>): Versioned<ReviewedApplication> => ({
  value: reviewed(v.value),
  etag: v.etag,
});

/** The applications' records as the review's port: sent applications and the decision write. */
export function reviewApplications(store: TableStore): ReviewApplications {
  const apps = new ApplicationRepository(store);
  const settings = new ApplicationSettingsRepository(store);
  return {
    async listSent(cohortId) {
      const all = await apps.listByCohort(cohortId);
      return all.filter((a) => a.value.status !== 'draft').map(asReviewed);
    },
    async get(cohortId, applicationId) {
      const found = await apps.get(cohortId, applicationId);
      return found ? asReviewed(found) : undefined;
    },
    async decide(cohortId, applicationId, write, etag) {
      const found = await apps.get(cohortId, applicationId);
      if (!found) throw AppError.notFound('No application has that id');
      const next: Application = {
        ...found.value,
        status: write.status,
        decidedAt: write.decidedAt,
        updatedAt: write.decidedAt,
        ...(write.decisionReason ? { decisionReason: write.decisionReason } : {}),
      };
      if (!write.decisionReason) delete next.decisionReason;
      const current = async () => {
        const latest = await apps.get(cohortId, applicationId);
        return latest ? asReviewed(latest) : undefined;
      };
      return asReviewed(await apps.update(next, etag, current));
    },
    async settings(cohortId) {
      const saved = await settings.get(cohortId);
      const s = saved?.value ?? DEFAULT_APPLICATION_SETTINGS;
      return {
        requireTraining: s.requireTraining,
        ladder: s.ladder,
        decisionMessages: s.decisionMessages,
      };
    },
  };
}

export interface ReviewFeatureDeps extends Omit<ReviewDeps, 'applications' | 'records'> {
  jobs: DecisionTellerJobs;
  send(userId: string, card: CardJson): Promise<SendOutcome>;
  programmeTenantId: string;
}

type DecisionTellerJobs = ConstructorParameters<typeof DecisionTeller>[0]['jobs'];

export function createReview(store: TableStore, deps: ReviewFeatureDeps): Review {
  const records = new ReviewRepository(store);
  const applications = reviewApplications(store);
  const base: ReviewDeps = { ...deps, applications, records };
  const teller = new DecisionTeller({
    applications,
    cohorts: deps.cohorts,
    jobs: deps.jobs,
    held: records,
    send: deps.send,
    now: deps.now,
    log: deps.log,
  });
  const managers = new ManagerSupportService({
    ...base,
    send: deps.send,
    programmeTenantId: deps.programmeTenantId,
  });
  return {
    review: new ReviewService(base, teller),
    managers,
    teller,
    handleJob: (job) => teller.handle(job),
    async onReachable(userId, email) {
      await teller.wake(userId);
      await managers.reachable(userId, email);
    },
  };
}
