/**
 * Data rights: the data map (every table, how a person's rows are found, what export takes and
 * what erasure does) and "export my data". What app/ uses of it.
 */
import type { TableStore } from '../../platform/storage/table-store';
import type { AuditLog } from '../../contracts/audit';
import type { Logger } from '../../platform/logger';
import { DataExportService } from './services/data-export-service';
import { PersonRows } from './store/person-rows';
import { ErasureRepository } from './store/erasure-repository';
import { PersonErasure } from './store/person-erasure';
import { ErasureService } from './services/erasure-service';
import { str } from '../../platform/storage/versioned';

export { DATA_MAP, type TableEntry } from './domain/data-map';
export { DataExportService } from './services/data-export-service';
export { type DataRightsRouteDeps, registerDataRightsRoutes } from './http/data-rights-routes';
export { ErasureService, erasedError } from './services/erasure-service';
export { type ErasureRouteDeps, registerErasureRoutes } from './http/erasure-routes';
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

/** Builds "erase my data" over the service's tables. */
export function createErasure(deps: {
  store: TableStore;
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}): ErasureService {
  const rows = new PersonRows(deps.store);
  const erasure = new PersonErasure(deps.store, rows);
  return new ErasureService(
    new ErasureRepository(deps.store),
    {
      resolve: (objectId) => rows.resolve(objectId),
      namesOf: async (person) =>
        (await rows.ports().participants.find(person)).map((r) => str(r, 'displayName')),
      tables: () => erasure.tables(),
      eraseTable: (table, person) => erasure.eraseTable(table, person),
    },
    deps.audit,
    deps.now,
    deps.log,
  );
}
