import type { AuditLog } from '../../contracts/audit';
import type { Cohort } from '../cohorts';
import type { Versioned } from '../../platform/storage/versioned';
import type { ApplicationRepository } from './store/application-repository';
import type { ApplicationSettingsRepository } from './store/application-settings-repository';
import type { SensitiveRepository } from './store/sensitive-repository';

/** The cohorts the applications feature reads (the cohorts feature's repository). */
export interface CohortLookup {
  get(id: string): Promise<Versioned<Cohort> | undefined>;
}

/** Whether a calendar event of the cohort exists (the calendar feature's index). */
export interface EventLookup {
  get(cohortId: string, eventId: string): Promise<unknown>;
}

export interface ApplicationStores {
  settings: ApplicationSettingsRepository;
  applications: ApplicationRepository;
  sensitive: SensitiveRepository;
}

export interface ApplicationDeps {
  stores: ApplicationStores;
  cohorts: CohortLookup;
  events: EventLookup;
  audit: AuditLog;
  now: () => Date;
  /** Called once an application is sent (the review asks the line manager); never fails a submit. */
  onSubmitted?(cohortId: string, applicantId: string): Promise<void>;
}

/** Who is acting: their Entra object id and name (and a vouched email when the token gave one). */
export interface Applicant {
  userId: string;
  name: string;
  email?: string;
}
