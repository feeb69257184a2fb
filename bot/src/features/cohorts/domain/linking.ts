import type {
  EmailLinkMethod,
  LinkEvent,
  ParticipantLink,
  LinkMethod,
} from '../../../contracts/cohorts';
import type { Participant } from './participant';

/**
 * The linking policy, as pure rules (docs/api.md, "Linking policy"):
 * 1. A roster row that carries an Entra object id is that person's, matched by object id only.
 * 2. Otherwise a person is linked the first time by an email, and only by one vouched for in the
 *    programme's own tenant: the tab token's `email` claim with `xms_edov` true, or the Teams
 *    roster's email for an activity in that tenant. `preferred_username` never links.
 * 3. A row already linked to an object id is never taken over by another.
 * 4. Every link and undo is recorded; a coordinator may undo a link.
 */

/** A link record as stored: the contract's event, in its cohort. */
export interface LinkRecord extends LinkEvent {
  cohortId: string;
}

/** Where an email that wants to link someone came from. */
export interface EmailEvidence {
  via: EmailLinkMethod;
  tenantId: string;
}

const EMAIL_METHODS: readonly LinkMethod[] = ['email_claim', 'teams_roster_email'];

/** Rule 2: the email may link only when a fit source vouches for it in the programme's tenant. */
export function emailMayLink(email: EmailEvidence, programmeTenantId: string): boolean {
  const programme = programmeTenantId.trim().toLowerCase();
  return (
    programme !== '' &&
    EMAIL_METHODS.includes(email.via) &&
    email.tenantId.trim().toLowerCase() === programme
  );
}

/** Rules 1 and 3: whether `userId` may take (or already holds) this participant. */
export function mayClaim(participant: Participant, userId: string): 'mine' | 'free' | 'taken' {
  const owner = participant.userId?.toLowerCase();
  if (!owner) return 'free';
  return owner === userId.toLowerCase() ? 'mine' : 'taken';
}

/**
 * Each linked participant with the latest record that linked them (records newest first). A link
 * made before records were kept has none: it is still listed, so it can still be undone.
 */
export function currentLinks(
  people: { value: Participant; etag: string }[],
  records: readonly LinkRecord[],
): ParticipantLink[] {
  const latest = new Map<string, LinkRecord>();
  for (const r of records) if (!latest.has(r.participantId)) latest.set(r.participantId, r);
  return people
    .filter(({ value }) => value.userId)
    .map(({ value, etag }) => {
      const record = latest.get(value.id);
      const linkedBy =
        record?.action === 'linked' && record.userId === value.userId?.toLowerCase()
          ? record
          : undefined;
      return {
        participantId: value.id,
        displayName: value.displayName,
        role: value.role,
        userId: value.userId!.toLowerCase(),
        linkedAt: linkedBy?.at ?? null,
        via: linkedBy?.via ?? null,
        by: linkedBy?.by ?? null,
        etag,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Newest first; records written in the same millisecond keep a stable order. */
export function newestFirst(records: LinkRecord[]): LinkRecord[] {
  return [...records].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}
