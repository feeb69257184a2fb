import type { Server } from 'restify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context';
import { DEMO_PEOPLE } from './demo-cohort';
import { readJson } from '../../platform/http/request-body';
import { WATERMARK_LAG_MINUTES, bucketOf } from '../../platform/storage/jobs/job-store';
import { invalidBody } from '../../platform/errors';
import { mintDevToken } from '../../platform/http/auth/token-verifier';
import { publicRoute } from '../../platform/http/route';

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
    publicRoute(ctx.http, async () => ({ body: { users: DEMO_PEOPLE } })),
  );

  const clockRequest = z
    .object({
      now: z
        .string({ message: 'is required (an ISO-8601 instant, e.g. 2027-03-01T09:00:00Z)' })
        .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 instant'),
    })
    .strict();

  // Time travel for tests and demos: move the service's clock, then run what is due.
  server.post(
    '/api/dev/clock',
    publicRoute(ctx.http, async ({ req }) => {
      const parsed = clockRequest.safeParse(await readJson(req, ctx.config.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      ctx.clock.set(new Date(parsed.data.now));
      ctx.log.info({ now: ctx.clock.now().toISOString() }, 'dev clock moved');
      return { body: { now: ctx.clock.now().toISOString() } };
    }),
  );

  server.post(
    '/api/dev/run-jobs',
    publicRoute(ctx.http, async () => {
      const totals = { processed: 0, skipped: 0, failed: 0, retried: 0, claimedByOthers: 0 };
      // After a long jump the scheduler catches up a range at a time, and jobs can cause
      // follow-ups due at once (a missed window's check-ins): run until quiet and caught up.
      const lagged = ctx.clock.now().getTime() - WATERMARK_LAG_MINUTES * 60_000;
      const caughtUp = bucketOf(new Date(lagged));
      for (let round = 0; round < 200; round++) {
        const result = await ctx.scheduler.tick();
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
          totals[key] += result[key];
        }
        const quiet = result.processed + result.skipped + result.failed + result.retried === 0;
        const mark = await ctx.jobs.watermark();
        if (quiet && (mark === undefined || mark >= caughtUp)) break;
      }
      // Announcements and event reminders whose time has come start too (the fan-out sends them).
      await ctx.fanout.sweep();
      return { body: { now: ctx.clock.now().toISOString(), ...totals } };
    }),
  );

  server.post(
    '/api/dev/token',
    publicRoute(ctx.http, async ({ req }) => {
      const parsed = tokenRequest.safeParse(await readJson(req, ctx.config.maxBodyBytes));
      if (!parsed.success) throw invalidBody(parsed.error);
      const minted = await mintDevToken(auth, parsed.data);
      return { body: minted };
    }),
  );
}
