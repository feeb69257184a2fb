import type { AuditLog } from '../../../contracts/audit';
import type { ApplicationViewed, PersonalDataViewLog } from '../../../contracts/privacy';

/** How many entries are written at once (a list holds up to a cohort's applications). */
const AT_ONCE = 20;

/**
 * Access to personal data, audited: each time someone who runs a cohort is shown people's
 * applications, one `personal_data.viewed` entry per person shown — who looked, whose
 * application, in which cohort, when. Never any content of the application.
 */
export class AccessAuditService implements PersonalDataViewLog {
  constructor(private readonly audit: AuditLog) {}

  async applicationsViewed(
    actor: { userId: string; name: string },
    cohortId: string,
    viewed: readonly ApplicationViewed[],
  ): Promise<void> {
    for (let i = 0; i < viewed.length; i += AT_ONCE) {
      await Promise.all(
        viewed.slice(i, i + AT_ONCE).map((v) =>
          this.audit.record({
            action: 'personal_data.viewed',
            actorId: actor.userId,
            actorName: actor.name,
            target: 'application',
            targetId: v.applicationId,
            targetLabel: v.displayName,
            cohortId,
            changes: [],
            reason: null,
          }),
        ),
      );
    }
  }
}
