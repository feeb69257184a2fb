import * as z from 'zod';
import { isoInstant } from './dates';
import { cleanText } from './text';

/** Development-only sign-in and time travel (AUTH_MODE=dev): the demo people and their tokens. */

export interface DevUser {
  userId: string;
  name: string;
  email: string;
  description: string;
}

/** `POST /api/dev/token` (development only). */
export const devTokenRequestSchema = z
  .object({
    userId: z
      .string({ message: 'is required' })
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be a GUID (an Entra object id)',
      ),
    name: cleanText(
      z
        .string({ message: 'is required' })
        .trim()
        .min(1, 'is required')
        .max(120, 'must be at most 120 characters'),
    ),
    email: z.string().trim().email('must be an email address').optional(),
  })
  .strict();

export type DevTokenRequest = z.infer<typeof devTokenRequestSchema>;

export interface DevToken {
  token: string;
  /** ISO date-time. */
  expiresAt: string;
}

/** `POST /api/dev/clock` (development only): move the service's clock. */
export const devClockRequestSchema = z
  .object({
    now: isoInstant('is required (an ISO-8601 instant, e.g. 2027-03-01T09:00:00Z)'),
  })
  .strict();

/** The tenant every dev-mode token and the Playground's people belong to. */
export const DEV_TENANT_ID = '00000000-0000-4000-8000-00000000d3e0';
