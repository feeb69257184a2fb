import { DateTime } from 'luxon';
import type { InstallResult, InstallResultKind, ReachGap } from '../../../contracts/reach';

/**
 * Who the bot can message, and what an installation through Graph did, in words. Pure: the facts
 * and `now` are parameters.
 */

/** Why the bot cannot message someone yet, or undefined when it can. */
export function reachGapOf(person: { userId?: string }, hasChat: boolean): ReachGap | undefined {
  if (!person.userId) return 'not_signed_in';
  return hasChat ? undefined : 'app_not_installed';
}

/** The shortest wait before the service tries an installation Graph could not do just now. */
export const INSTALL_RETRY_MIN_MS = 5 * 60_000;

/** When to try an installation again: Graph's Retry-After, at least five minutes. */
export function installRetryAt(now: Date, retryAfterMs?: number): Date {
  return new Date(now.getTime() + Math.max(INSTALL_RETRY_MIN_MS, retryAfterMs ?? 0));
}

function timeText(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).toFormat("HH:mm 'UTC on' d LLLL");
}

/** What to tell the coordinator about one installation. */
export function installMessage(
  kind: InstallResultKind,
  person: { displayName: string; email: string },
  retryAt?: string,
): string {
  switch (kind) {
    case 'installed':
      return `Installed for ${person.displayName}. Teams opens their chat with the app, and their introduction follows.`;
    case 'already_installed':
      return `The app was already installed for ${person.displayName}. Their introduction follows once Teams opens the chat.`;
    case 'no_permission':
      return 'The app may not install apps for people in your organisation (it needs the Microsoft Graph permission TeamsAppInstallation.ReadWriteForUser.All, with admin consent). Send them the link instead.';
    case 'not_in_directory':
      return `${person.email} was not found in your organisation's directory. Check their email, or send them the link.`;
    case 'delayed':
      return `Teams could not be reached just now. The service tries again by itself${retryAt ? ` at ${timeText(retryAt)}` : ''}.`;
  }
}

export function installResult(
  kind: InstallResultKind,
  person: { id: string; displayName: string; email: string },
  retryAt?: Date,
): InstallResult {
  const at = retryAt?.toISOString();
  return {
    participantId: person.id,
    displayName: person.displayName,
    result: kind,
    message: installMessage(kind, person, at),
    retryAt: at ?? null,
  };
}
