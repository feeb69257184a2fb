import type { TableStore } from '../../platform/storage/table-store';
import type { ApplicationDeps } from './ports';
import { ApplicationRetention } from './services/application-retention';
import { ApplicationService } from './services/application-service';
import { ApplicationSettingsService } from './services/application-settings-service';
import { MatchingSource } from './services/matching-source';
import { SensitiveService } from './services/sensitive-service';
import { ApplicationRepository } from './store/application-repository';
import { ApplicationSettingsRepository } from './store/application-settings-repository';
import { SensitiveRepository } from './store/sensitive-repository';

/** The applications feature's services over one store, built once by the composition root. */
export interface Applications {
  settings: ApplicationSettingsService;
  applications: ApplicationService;
  sensitive: SensitiveService;
  matching: MatchingSource;
  /** Retention's reads and deletions (issue 17). */
  retention: ApplicationRetention;
}

export function createApplications(
  store: TableStore,
  deps: Omit<ApplicationDeps, 'stores'>,
): Applications {
  const full: ApplicationDeps = {
    ...deps,
    stores: {
      settings: new ApplicationSettingsRepository(store),
      applications: new ApplicationRepository(store),
      sensitive: new SensitiveRepository(store),
    },
  };
  const settings = new ApplicationSettingsService(full);
  const sensitive = new SensitiveService(full);
  return {
    settings,
    applications: new ApplicationService(full, settings, sensitive),
    sensitive,
    matching: new MatchingSource(full, sensitive),
    retention: new ApplicationRetention(full),
  };
}
