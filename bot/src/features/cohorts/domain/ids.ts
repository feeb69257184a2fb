/** New opaque identifiers for cohorts, participants, pairs and events. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
