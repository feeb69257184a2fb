import {
  APPLICATION_CONSENT,
  APPLICATION_STATUS_WORDS,
  MATCH_OUTCOME_WORDS,
  type ApplicationDraft,
  type ApplicationFormOptions,
  DEFAULT_APPLICATION_SETTINGS,
  type MyApplication,
  type OpenApplications,
  applicationDraftSchema,
  applicationFormSchema,
} from '../../../contracts/applications';
import { problemsOf } from '../../../contracts/field-problem';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import {
  type Application,
  editRefusal,
  newApplication,
  submitted,
  withDraft,
  withdrawRefusal,
  withdrawn,
} from '../domain/application';
import { submitRefusal, windowState, windowView } from '../domain/application-window';
import type { Applicant, ApplicationDeps } from '../ports';
import type {
  ApplicationSettingsService,
  CohortApplications,
} from './application-settings-service';
import type { SensitiveService } from './sensitive-service';

/**
 * A person's own application: read it, save the draft between steps (If-Match once saved),
 * submit it inside the window, withdraw it; and "tell me about the next cohort". Everything here
 * is the caller's own: nobody reads another person's application through this service.
 */
export class ApplicationService {
  constructor(
    private readonly deps: ApplicationDeps,
    private readonly settings: ApplicationSettingsService,
    private readonly sensitive: SensitiveService,
  ) {}

  private formOf(loaded: CohortApplications): ApplicationFormOptions {
    const s = loaded.settings?.value ?? DEFAULT_APPLICATION_SETTINGS;
    return { ladder: s.ladder, perspectives: s.perspectives };
  }

  /** The cohort, refused (404) when it takes no applications (no settings saved). */
  private async taking(cohortId: string): Promise<CohortApplications> {
    const loaded = await this.settings.load(cohortId);
    if (!loaded.settings) throw AppError.notFound('This cohort is not taking applications');
    return loaded;
  }

  async mine(cohortId: string, me: Applicant): Promise<MyApplication> {
    const loaded = await this.taking(cohortId);
    const stored = await this.deps.stores.applications.get(cohortId, me.userId);
    return this.view(loaded, me, stored);
  }

  /** Cohorts open now, with the caller's own status in each. */
  async openFor(me: Applicant): Promise<OpenApplications> {
    const cohorts = await this.settings.open();
    const withStatus = await Promise.all(
      cohorts.map(async (c) => {
        const mine = await this.deps.stores.applications.get(c.cohortId, me.userId);
        return mine ? { ...c, myStatus: mine.value.status } : c;
      }),
    );
    return { cohorts: withStatus };
  }

  /**
   * Saves the fields given over the draft (each checked against the cohort's form). The first
   * save needs no If-Match; later ones do, so two open forms never overwrite each other.
   */
  async saveDraft(
    cohortId: string,
    me: Applicant,
    etag: string | undefined,
    body: unknown,
  ): Promise<MyApplication> {
    const loaded = await this.taking(cohortId);
    const closed = this.closedRefusal(loaded);
    if (closed) throw closed;
    const parsed = applicationDraftSchema(this.formOf(loaded)).safeParse(body);
    if (!parsed.success) throw AppError.invalidFields(problemsOf(parsed.error));
    const saved = await this.write(loaded, me, etag, (app) => {
      const refusal = editRefusal(app.status);
      if (refusal) throw AppError.coded('conflict', 'application_not_editable', refusal);
      return withDraft(app, parsed.data, this.deps.now());
    });
    return this.view(loaded, me, saved);
  }

  /**
   * Sends the application: the saved draft with any fields given now, checked in full (each
   * missing or wrong field named). Refused before the window opens and after it closes, with
   * the date in words.
   */
  async submit(
    cohortId: string,
    me: Applicant,
    etag: string | undefined,
    body: unknown,
  ): Promise<MyApplication> {
    const loaded = await this.taking(cohortId);
    if ((loaded.cohort.status ?? 'open') !== 'open') {
      throw AppError.coded(
        'conflict',
        'cohort_closed',
        'This cohort has closed; it takes no applications',
      );
    }
    const refusal = submitRefusal(loaded.window, this.deps.now());
    if (refusal) throw AppError.coded('conflict', refusal.code, refusal.message);
    const options = this.formOf(loaded);
    const given = applicationDraftSchema(options).safeParse(body ?? {});
    if (!given.success) throw AppError.invalidFields(problemsOf(given.error));
    const saved = await this.write(loaded, me, etag, (app) => {
      if (app.status === 'submitted') return app;
      const notEditable = editRefusal(app.status);
      if (notEditable) throw AppError.coded('conflict', 'application_not_editable', notEditable);
      const merged = withDraft(app, given.data, this.deps.now()).answers;
      const full = applicationFormSchema(options).safeParse(merged);
      if (!full.success) throw AppError.invalidFields(problemsOf(full.error));
      return submitted(app, full.data, APPLICATION_CONSENT.version, this.deps.now());
    });
    if (saved.value.status === 'submitted')
      await this.deps.onSubmitted?.(cohortId, saved.value.applicantId);
    return this.view(loaded, me, saved);
  }

  async withdraw(cohortId: string, me: Applicant, reason?: string): Promise<MyApplication> {
    const loaded = await this.settings.load(cohortId);
    const stored = await this.deps.stores.applications.get(cohortId, me.userId);
    if (!stored) throw AppError.notFound('You have no application in this cohort');
    const refusal = withdrawRefusal(stored.value.status);
    if (refusal) throw AppError.coded('conflict', 'application_not_withdrawable', refusal);
    const saved =
      stored.value.status === 'withdrawn'
        ? stored
        : await this.deps.stores.applications.update(
            withdrawn(stored.value, reason, this.deps.now()),
            stored.etag,
            () => this.currentView(loaded, me),
          );
    return this.view(loaded, me, saved);
  }

  /** "Tell me about the next cohort": kept as a list the programme team can count. */
  async setInterest(cohortId: string, me: Applicant, interested: boolean): Promise<boolean> {
    await this.settings.load(cohortId); // 404 for a cohort that does not exist
    const { applications } = this.deps.stores;
    if (interested) {
      await applications.setInterest(cohortId, {
        userId: me.userId,
        name: me.name,
        ...(me.email ? { email: me.email } : {}),
        at: this.deps.now().toISOString(),
      });
    } else {
      await applications.dropInterest(cohortId, me.userId);
    }
    return interested;
  }

  /** Who asked to hear about the next cohort (the programme team's list). */
  async interestList(cohortId: string) {
    return this.deps.stores.applications.listInterest(cohortId);
  }

  private closedRefusal(loaded: CohortApplications): AppError | undefined {
    if (windowState(loaded.window, this.deps.now()) !== 'closed') return undefined;
    const refusal = submitRefusal(loaded.window, this.deps.now())!;
    return AppError.coded('conflict', refusal.code, refusal.message);
  }

  /** Creates (no If-Match, none saved) or replaces (If-Match) the caller's application. */
  private async write(
    loaded: CohortApplications,
    me: Applicant,
    etag: string | undefined,
    change: (app: Application) => Application,
  ): Promise<Versioned<Application>> {
    const { applications } = this.deps.stores;
    const cohortId = loaded.cohort.id;
    if (etag === undefined) {
      const existing = await applications.get(cohortId, me.userId);
      if (existing) {
        throw AppError.coded(
          'precondition_required',
          'precondition_required',
          'Send If-Match with the ETag you last read: your application is already saved',
        );
      }
      const fresh = newApplication(
        cohortId,
        { id: me.userId, name: me.name, email: me.email },
        this.deps.now(),
      );
      return applications.create(change(fresh));
    }
    const current = await applications.get(cohortId, me.userId);
    if (!current) throw AppError.notFound('You have no application in this cohort yet');
    const next = change(current.value);
    if (next === current.value) return current;
    return applications.update(next, etag, () => this.currentView(loaded, me));
  }

  private async currentView(loaded: CohortApplications, me: Applicant) {
    const stored = await this.deps.stores.applications.get(loaded.cohort.id, me.userId);
    if (!stored) return undefined;
    const { etag: _stored, ...value } = await this.view(loaded, me, stored);
    void _stored; // the 412 carries the version's ETag once, beside the value
    return { value, etag: stored.etag };
  }

  private async view(
    loaded: CohortApplications,
    me: Applicant,
    stored: Versioned<Application> | undefined,
  ): Promise<MyApplication> {
    const cohortId = loaded.cohort.id;
    const [sensitive, interested] = await Promise.all([
      this.sensitive.mine(cohortId, me.userId),
      this.deps.stores.applications.hasInterest(cohortId, me.userId),
    ]);
    const app = stored?.value;
    const status = app?.status ?? 'draft';
    const answers: ApplicationDraft = app?.answers ?? {};
    return {
      cohortId,
      cohortName: loaded.cohort.name,
      status,
      statusWords:
        status === 'accepted' && app?.matchOutcome
          ? MATCH_OUTCOME_WORDS[app.matchOutcome]
          : APPLICATION_STATUS_WORDS[status],
      ...(status === 'accepted' && app?.matchOutcome ? { matchOutcome: app.matchOutcome } : {}),
      answers,
      ...(stored ? { etag: stored.etag } : {}),
      ...(app?.submittedAt ? { submittedAt: app.submittedAt } : {}),
      ...(app ? { updatedAt: app.updatedAt } : {}),
      ...(loaded.window ? { window: windowView(loaded.window, this.deps.now()) } : {}),
      form: this.formOf(loaded),
      sensitive,
      nextCohortInterest: interested,
    };
  }
}
