/**
 * Data rights: the data map (every table, how a person's rows are found, what export takes and
 * what erasure does) and "export my data". What app/ uses of it.
 */
import type { TableStore } from '../../platform/storage/table-store';
import type { AuditLog } from '../../contracts/audit';
import type { Logger } from '../../platform/logger';
import { DataExportService } from './services/data-export-service';
import { PersonRows } from './store/person-rows';

export { DATA_MAP, type TableEntry } from './domain/data-map';
export { DataExportService } from './services/data-export-service';
export { type DataRightsRouteDeps, registerDataRightsRoutes } from './http/data-rights-routes';
export { type MyDataCommandDeps, myDataCommand } from './teams/my-data-command';

/** Builds the export service over the service's tables. */
export function createDataExport(deps: {
  store: TableStore;
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}): DataExportService {
  return new DataExportService(new PersonRows(deps.store), deps.audit, deps.now, deps.log);
}
