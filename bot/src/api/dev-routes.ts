import type { Server } from 'restify';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { DEMO_PEOPLE } from '../dev/demo-cohort';
import { readJson } from '../http/request-body';
import { invalidBody } from './api-error';
import { mintDevToken } from './auth/token-verifier';
import { publicRoute } from './route';

const tokenRequest = z
  .object({
    userId: z
      .string({ message: 'is required' })
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be a GUID (an Entra object id)',
      ),
    name: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(120, 'must be at most 120 characters'),
    email: z.string().trim().email('must be an email address').optional(),
  })
  .strict();

/**
 * Development-only routes: sign in as a demo person without Entra.
 * They are registered only when AUTH_MODE=dev, so they answer 404 otherwise.
 */
export function registerDevRoutes(server: Server, ctx: AppContext): void {
  const auth = ctx.config.auth;
  if (auth.mode !== 'dev') return;

  server.get(
    '/api/dev/users',
    publicRoute(ctx, async () => ({ body: { users: DEMO_PEOPLE } })),
  );

  server.post(
    '/api/dev/token',
    publicRoute(ctx, async ({ req }) => {
      const parsed = tokenRequest.safeParse(await readJson(req, ctx.config.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const minted = await mintDevToken(auth, parsed.data);
      return { body: minted };
    }),
  );
}
