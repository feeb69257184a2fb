import { changesBetween } from '../../../contracts/audit';
import {
  type ApplicationSettings,
  type ApplicationSettingsDetail,
  DEFAULT_APPLICATION_SETTINGS,
  type OpenApplications,
} from '../../../contracts/applications';
import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import type { FieldProblem } from '../../../contracts/field-problem';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Cohort } from '../../cohorts';
import {
  type ApplicationWindow,
  windowOf,
  windowState,
  windowView,
} from '../domain/application-window';
import type { ApplicationDeps } from '../ports';

/**
 * A cohort's application settings (its coordinators, If-Match once saved) and the cohorts open
 * for applications now (anyone signed in). Every change is audited, field by field.
 */

const AUDITED = [
  'opensAt',
  'closesAt',
  'ladder',
  'minimumBandGap',
  'perspectives',
  'requireTraining',
  'awarenessEventIds',
  'decisionMessages',
] as const;

/** A cohort with its saved settings and window, as the other services read it. */
export interface CohortApplications {
  cohort: Cohort;
  timeZone: string;
  settings?: Versioned<ApplicationSettings>;
  window?: ApplicationWindow;
}

export class ApplicationSettingsService {
  constructor(private readonly deps: ApplicationDeps) {}

  /** The cohort (404 when it does not exist), its settings and window when saved. */
  async load(cohortId: string): Promise<CohortApplications> {
    const [cohort, settings] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.stores.settings.get(cohortId),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    const timeZone = cohort.value.timeZone ?? DEFAULT_COHORT_TIME_ZONE;
    const resolved = settings ? windowOf(settings.value, timeZone) : undefined;
    const window = resolved && 'window' in resolved ? resolved.window : undefined;
    return { cohort: cohort.value, timeZone, settings, window };
  }

  async detail(cohortId: string): Promise<ApplicationSettingsDetail> {
    const loaded = await this.load(cohortId);
    const interest = await this.deps.stores.applications.listInterest(cohortId);
    return this.view(loaded, interest.length);
  }

  /**
   * Saves the settings: the first save without If-Match (a second first save gets 412), later
   * ones with it. The window's local times must exist in the cohort's zone and each linked
   * awareness session must be an event of the cohort.
   */
  async save(
    cohortId: string,
    etag: string | undefined,
    input: ApplicationSettings,
    actor: { userId: string; name: string },
  ): Promise<ApplicationSettingsDetail> {
    const loaded = await this.load(cohortId);
    const problems: FieldProblem[] = [];
    const resolved = windowOf(input, loaded.timeZone);
    if ('problems' in resolved) problems.push(...resolved.problems);
    const found = await Promise.all(
      input.awarenessEventIds.map((id) => this.deps.events.get(cohortId, id)),
    );
    found.forEach((event, i) => {
      if (!event) {
        problems.push({
          field: `awarenessEventIds.${i}`,
          message: 'is not an event in this cohort’s calendar',
        });
      }
    });
    if (problems.length > 0) throw AppError.invalidFields(problems);
    if (loaded.settings && etag === undefined) {
      throw AppError.coded(
        'precondition_required',
        'precondition_required',
        'Send If-Match with the ETag you last read',
      );
    }
    const { stores } = this.deps;
    const saved =
      etag === undefined
        ? await stores.settings.create(cohortId, input)
        : await stores.settings.update(cohortId, input, etag);
    await this.deps.audit.record({
      action: 'cohort.application_settings_updated',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'cohort',
      targetId: cohortId,
      targetLabel: loaded.cohort.name,
      cohortId,
      changes: changesBetween(loaded.settings?.value, input, AUDITED),
      reason: null,
    });
    return this.detail(cohortId).then((d) => ({ ...d, etag: saved }));
  }

  /** Cohorts whose window is open now, soonest closing first. */
  async open(): Promise<OpenApplications['cohorts']> {
    const now = this.deps.now();
    const all = await this.deps.stores.settings.list();
    const open = await Promise.all(
      all.map(async ({ cohortId, settings }) => {
        const cohort = await this.deps.cohorts.get(cohortId);
        if (!cohort || (cohort.value.status ?? 'open') !== 'open') return undefined;
        const resolved = windowOf(settings, cohort.value.timeZone ?? DEFAULT_COHORT_TIME_ZONE);
        if (!('window' in resolved) || windowState(resolved.window, now) !== 'open') {
          return undefined;
        }
        return {
          cohortId,
          cohortName: cohort.value.name,
          window: windowView(resolved.window, now),
        };
      }),
    );
    return open
      .filter((c) => c !== undefined)
      .sort((a, b) => a.window.closesAt.localeCompare(b.window.closesAt));
  }

  /**
   * Cohorts whose window is not open now, for "tell me about the next cohort" when none is open:
   * those about to open first (soonest first), then those closed (latest first), at most three.
   */
  async notOpen(): Promise<OpenApplications['cohorts']> {
    const now = this.deps.now();
    const all = await this.deps.stores.settings.list();
    const found = await Promise.all(
      all.map(async ({ cohortId, settings }) => {
        const cohort = await this.deps.cohorts.get(cohortId);
        if (!cohort) return undefined;
        const resolved = windowOf(settings, cohort.value.timeZone ?? DEFAULT_COHORT_TIME_ZONE);
        if (!('window' in resolved) || windowState(resolved.window, now) === 'open')
          return undefined;
        return {
          cohortId,
          cohortName: cohort.value.name,
          window: windowView(resolved.window, now),
        };
      }),
    );
    const known = found.filter((c) => c !== undefined);
    const upcoming = known
      .filter((c) => c.window.state === 'upcoming')
      .sort((a, b) => a.window.opensAt.localeCompare(b.window.opensAt));
    const closed = known
      .filter((c) => c.window.state === 'closed')
      .sort((a, b) => b.window.closesAt.localeCompare(a.window.closesAt));
    return [...upcoming, ...closed].slice(0, 3);
  }

  private view(loaded: CohortApplications, interest: number): ApplicationSettingsDetail {
    const { settings, window } = loaded;
    return {
      cohortId: loaded.cohort.id,
      settings: settings?.value ?? { ...DEFAULT_APPLICATION_SETTINGS, opensAt: '', closesAt: '' },
      saved: settings !== undefined,
      ...(settings ? { etag: settings.etag } : {}),
      ...(window ? { window: windowView(window, this.deps.now()) } : {}),
      nextCohortInterest: interest,
    };
  }
}
