import * as z from 'zod';
import { ERASURE_REASON_MAX } from './data-rights';

/*
 * The bodies of the erasure routes, apart from data-rights.ts so that the tab's personal home,
 * which reads that file's words and paths, does not carry zod in its first load.
 */

/** The person's ask: an optional reason. */
export const erasureRequestSchema = z
  .object({ reason: z.string().trim().max(ERASURE_REASON_MAX).optional() })
  .strict();
export type ErasureRequestBody = z.infer<typeof erasureRequestSchema>;

/** An admin's decline: the reason is required (the person is told it). */
export const erasureDeclineSchema = z
  .object({ reason: z.string().trim().min(1).max(ERASURE_REASON_MAX) })
  .strict();
export type ErasureDeclineBody = z.infer<typeof erasureDeclineSchema>;
