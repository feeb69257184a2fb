import type { TableStore } from '../../platform/storage/table-store';
import type { InsightDeps } from './ports';
import { InsightService } from './services/insight-service';
import { InsightRepository } from './store/insight-repository';

/** The insights feature's service over one store (app/ wires the rest). */
export function createInsights(
  store: TableStore,
  deps: Omit<InsightDeps, 'store'>,
): InsightService {
  return new InsightService({ ...deps, store: new InsightRepository(store) });
}
