/**
 * Reach on the wire: who in a cohort the bot cannot message yet (no chat with the app in
 * Teams, so no introduction and no reminders), since when it has been trying, and the two ways
 * out: installing the app for them through Microsoft Graph, or a link to the app to share.
 * Names and dates only: nothing a pair wrote.
 */

/** The words for someone the bot cannot message yet, on every screen. */
export const NOT_REACHABLE_WORDS = 'Not reachable in Teams yet';

/** Why the bot cannot message someone yet. */
export const REACH_GAPS = ['not_signed_in', 'app_not_installed'] as const;
export type ReachGap = (typeof REACH_GAPS)[number];

export const REACH_GAP_WORDS: Record<ReachGap, string> = {
  not_signed_in: 'Their Teams account is not known yet (not linked)',
  app_not_installed: 'The app is not installed in their Teams',
};

/** One person the bot cannot message yet, in `GET /api/cohorts/{id}/reach`. */
export interface NotReachablePerson {
  participantId: string;
  displayName: string;
  email: string;
  pairId: string | null;
  gap: ReachGap;
  /** ISO date-time (UTC) the bot first found it could not message them (retrying daily since); null before any try. */
  retryingSince: string | null;
  /** ISO date-time (UTC) of the latest try. */
  lastTriedAt: string | null;
}

/** `GET /api/cohorts/{id}/reach`. */
export interface CohortReach {
  /** Everyone on the roster the bot cannot message yet, by name. */
  notReachable: NotReachablePerson[];
  /** The service is set up to install the app through Graph (whether Graph agrees shows on trying). */
  graphInstall: boolean;
  /** The Teams link to the app, to send to people (copy it); null when the app id is not configured. */
  shareLink: string | null;
}

export const INSTALL_RESULTS = [
  'installed',
  'already_installed',
  'no_permission',
  'not_in_directory',
  'delayed',
] as const;
export type InstallResultKind = (typeof INSTALL_RESULTS)[number];

/** What installing the app did for one person. */
export interface InstallResult {
  participantId: string;
  displayName: string;
  result: InstallResultKind;
  /** In words, for the coordinator. */
  message: string;
  /** For `delayed`: when the service tries again by itself (UTC). */
  retryAt: string | null;
}

/**
 * `POST /api/cohorts/{id}/participants/{participantId}/install-app` (one) and
 * `POST /api/cohorts/{id}/reach/install-app` (everyone not reachable).
 */
export interface InstallAnswer {
  results: InstallResult[];
  /** The link to share, for anyone Graph could not install for. */
  shareLink: string | null;
}

/** The Teams link that opens the app's install page. */
export function teamsAppLink(appId: string): string {
  return `https://teams.microsoft.com/l/app/${encodeURIComponent(appId)}`;
}

/** A partner the bot cannot message yet, on a row of the pairs' health. */
export interface PartnerNotReachable {
  role: 'mentor' | 'mentee';
  /** ISO date-time (UTC) since when the bot has been retrying; null before any try. */
  since: string | null;
}
