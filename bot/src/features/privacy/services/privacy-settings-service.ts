import { type AuditLog, changesBetween } from '../../../contracts/audit';
import type { PrivacySettings } from '../../../contracts/privacy';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { PrivacySettingsRepository } from '../store/privacy-settings-repository';

const AUDITED = ['contactName', 'contactEmail', 'controllerName', 'dpoName', 'dpoEmail'] as const;

/**
 * The programme's privacy contact and data controller: anyone may read them (the privacy notice
 * publishes them); programme admins change them, with If-Match once saved; every change is
 * audited field by field.
 */
export class PrivacySettingsService {
  constructor(
    private readonly repo: Pick<PrivacySettingsRepository, 'get' | 'create' | 'update'>,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<Versioned<PrivacySettings> | undefined> {
    return this.repo.get();
  }

  async save(
    etag: string | undefined,
    input: PrivacySettings,
    actor: { userId: string; name: string },
  ): Promise<Versioned<PrivacySettings>> {
    const before = await this.repo.get();
    if (before && etag === undefined) {
      throw AppError.coded(
        'precondition_required',
        'precondition_required',
        'Send If-Match with the ETag you last read',
      );
    }
    const saved =
      etag === undefined ? await this.repo.create(input) : await this.repo.update(input, etag);
    await this.audit.record({
      action: 'programme.privacy_settings_updated',
      actorId: actor.userId,
      actorName: actor.name,
      target: 'programme',
      targetId: 'privacy-settings',
      targetLabel: 'The programme’s privacy contact',
      cohortId: null,
      changes: changesBetween(before?.value, input, AUDITED),
      reason: null,
    });
    return { value: input, etag: saved };
  }
}
