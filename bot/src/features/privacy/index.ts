/**
 * Privacy: the programme's privacy contact and data controller (published in the privacy
 * notice), and the audit of the programme team's access to people's applications.
 */
export { PrivacySettingsRepository } from './store/privacy-settings-repository';
export { PrivacySettingsService } from './services/privacy-settings-service';
export { AccessAuditService } from './services/access-audit-service';
export {
  PRIVACY_SETTINGS_PATH,
  type PrivacyRouteDeps,
  registerPrivacyRoutes,
} from './http/privacy-routes';
