/**
 * New opaque identifiers for cohorts, participants, pairs and events: UUIDs, which keep the
 * one id rule (contracts/ids.ts) that routes and card data are checked against.
 */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
