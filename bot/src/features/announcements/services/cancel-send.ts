import type { Announcement } from '../domain/announcement';
import { ConflictError } from '../../../platform/storage/errors';
import type { AnnouncementRepository } from '../store/announcement-repository';

/**
 * Stops a send: nobody still queued gets it; those already sent keep it. Retried on a lost
 * race; a send already finished (or cancelled) is left as it is.
 */
export async function cancelSend(
  repo: AnnouncementRepository,
  cohortId: string,
  id: string,
  now: () => Date,
): Promise<Announcement | undefined> {
  for (;;) {
    const current = await repo.get(cohortId, id);
    if (!current) return undefined;
    if (current.value.status === 'sent' || current.value.status === 'cancelled')
      return current.value;
    try {
      const saved = await repo.replace(
        { ...current.value, status: 'cancelled', cancelledAt: now().toISOString() },
        current.etag,
      );
      await repo.clearDue(current.value);
      // The fan-out marks the queued as cancelled as it meets them; the sweep finishes it.
      if (current.value.status === 'scheduled') await repo.clearActive(current.value);
      return saved.value;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
