import { randomUUID } from 'node:crypto';

/** New opaque identifiers for cohorts, participants and pairs. */
export function newId(): string {
  return randomUUID();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
