import type { Server } from 'restify';
import type { CohortLinks, LinkUndone } from '../../../contracts/cohorts';
import { httpEtag } from '../../../platform/http/etag';
import { ifMatch } from '../../../platform/http/request-body';
import { type HttpEnv, coordinatorRoute } from '../../../platform/http/route';
import type { CohortService } from '../services/cohort-service';
import type { LinkService } from '../services/link-service';

/** What the link routes use. */
export interface LinkRouteDeps {
  http: HttpEnv;
  cohorts: Pick<CohortService, 'get'>;
  links: Pick<LinkService, 'links' | 'undo'>;
}

/** Sign-in links of a cohort's participants: coordinators only, as every cohort route. */
export function registerLinkRoutes(server: Server, deps: LinkRouteDeps): void {
  const { http, cohorts, links } = deps;

  server.get(
    '/api/cohorts/:cohortId/links',
    coordinatorRoute(http, async ({ params }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const found = await links.links(cohort.value.id);
      // Each link's ETag as the API hands ETags out, so the undo's If-Match can name it.
      const body: CohortLinks = {
        ...found,
        links: found.links.map((link) => ({ ...link, etag: httpEtag(link.etag) })),
      };
      return { body };
    }),
  );

  server.del(
    '/api/cohorts/:cohortId/participants/:participantId/link',
    coordinatorRoute(http, async ({ req, params, caller, log }) => {
      const cohort = await cohorts.get(params.cohortId ?? '');
      const etag = ifMatch(req);
      const undone = await links.undo(cohort.value.id, params.participantId ?? '', etag, caller);
      log.info({ cohortId: cohort.value.id, participantId: undone.participantId }, 'link undone');
      const body: LinkUndone = { undone };
      return { body };
    }),
  );
}
