import type { Server } from 'restify';
import { type PrivacySettingsView, privacySettingsSchema } from '../../../contracts/privacy';
import { invalidBody } from '../../../platform/errors';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch, readJson } from '../../../platform/http/request-body';
import { type HttpEnv, adminRoute, publicRoute } from '../../../platform/http/route';
import type { Versioned } from '../../../platform/storage/versioned';
import type { PrivacySettingsService } from '../services/privacy-settings-service';
import type { PrivacySettings } from '../../../contracts/privacy';

export interface PrivacyRouteDeps {
  http: HttpEnv;
  settings: Pick<PrivacySettingsService, 'get' | 'save'>;
}

export const PRIVACY_SETTINGS_PATH = '/api/programme/privacy-settings';

function view(saved: Versioned<PrivacySettings> | undefined) {
  const body: PrivacySettingsView = saved
    ? { settings: saved.value, etag: httpEtag(saved.etag) }
    : { settings: null, etag: null };
  return { body, headers: body.etag ? { ETag: body.etag } : undefined };
}

/**
 * The programme's privacy contact and data controller. Read without sign-in (the privacy notice,
 * which the app manifest links to, publishes them); changed by programme admins only.
 */
export function registerPrivacyRoutes(server: Server, deps: PrivacyRouteDeps): void {
  const { http, settings } = deps;

  server.get(
    PRIVACY_SETTINGS_PATH,
    publicRoute(http, async () => view(await settings.get())),
  );

  server.put(
    PRIVACY_SETTINGS_PATH,
    adminRoute(http, async ({ req, caller, log }) => {
      const etag = req.headers['if-match'] === undefined ? undefined : ifMatch(req);
      const parsed = privacySettingsSchema.safeParse(await readJson(req, http.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const saved = await settings.save(etag, parsed.data, {
        userId: caller.userId,
        name: caller.name ?? '',
      });
      log.info('privacy settings saved');
      return view(saved);
    }),
  );
}
