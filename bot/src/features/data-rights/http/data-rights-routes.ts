import type { Server } from 'restify';
import { DATA_EXPORT_FILE_NAME, DATA_EXPORT_PATH } from '../../../contracts/data-rights';
import { type HttpEnv, authedRoute } from '../../../platform/http/route';
import type { DataExportService } from '../services/data-export-service';

export interface DataRightsRouteDeps {
  http: HttpEnv;
  exports: Pick<DataExportService, 'export'>;
}

/**
 * The person's data rights. `GET /api/me/data-export`: the caller's own data as a zip; whose
 * data is always the token's, so nobody can ask for anyone else's.
 */
export function registerDataRightsRoutes(server: Server, deps: DataRightsRouteDeps): void {
  const { http, exports } = deps;
  server.get(
    DATA_EXPORT_PATH,
    authedRoute(http, async ({ caller }) => {
      const archive = await exports.export({ userId: caller.userId, name: caller.name });
      return {
        body: null,
        headers: { 'Content-Disposition': `attachment; filename="${DATA_EXPORT_FILE_NAME}"` },
        text: { contentType: 'application/zip', content: archive },
      };
    }),
  );
}
