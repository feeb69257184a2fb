import type { ProgrammeRole } from './cohorts';

/**
 * Sign-in links on the wire: how a Teams sign-in was linked to a roster participant, the link
 * records, and the coordinator's view and undo of them. Re-exported by cohorts.ts.
 */

/**
 * How a sign-in was linked to a roster participant (or unlinked), as the link record says:
 * `roster_object_id` the roster row carried the person's Entra object id; `email_claim` the tab
 * token's `email` claim with `xms_edov` true (the email's domain owner is verified), in the
 * programme's tenant; `teams_roster_email` the email the Teams roster gave for the person of an
 * activity in the programme's tenant; `coordinator` a coordinator undid the link.
 */
export const LINK_METHODS = [
  'roster_object_id',
  'email_claim',
  'teams_roster_email',
  'coordinator',
] as const;
export type LinkMethod = (typeof LINK_METHODS)[number];

/** The two ways an email may link a person the first time (see docs/api.md, "Linking policy"). */
export type EmailLinkMethod = Extract<LinkMethod, 'email_claim' | 'teams_roster_email'>;

/** Words for each method; the tab shows them. */
export const LINK_METHOD_WORDS: Record<LinkMethod, string> = {
  roster_object_id: 'Object id on the roster',
  email_claim: 'Verified email in their sign-in (email claim, domain owner verified)',
  teams_roster_email: 'Email from the Teams roster (programme tenant)',
  coordinator: 'Coordinator',
};

export const LINK_ACTIONS = ['linked', 'unlinked'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

/** One linked participant in `GET /api/cohorts/{id}/links`; `etag` guards the undo. */
export interface ParticipantLink {
  participantId: string;
  displayName: string;
  role: ProgrammeRole;
  /** The Entra object id the participant is linked to. */
  userId: string;
  /** When and how, from the latest link record; null for links made before records were kept. */
  linkedAt: string | null;
  via: LinkMethod | null;
  /** Who made the link: the person themselves, or the coordinator who imported the object id. */
  by: string | null;
  /** The participant row's ETag: send it as If-Match to undo the link. */
  etag: string;
}

/** One link record: a link made or undone. */
export interface LinkEvent {
  id: string;
  participantId: string;
  displayName: string;
  action: LinkAction;
  via: LinkMethod;
  userId: string;
  /** The email that linked them (email methods only). */
  email: string | null;
  /** The object id of who did it. */
  by: string;
  /** ISO date-time (UTC). */
  at: string;
}

/** `GET /api/cohorts/{id}/links`: who is linked now, and every link and undo, newest first. */
export interface CohortLinks {
  links: ParticipantLink[];
  history: LinkEvent[];
}

/** `DELETE /api/cohorts/{id}/participants/{participantId}/link` (with If-Match): the undo. */
export interface LinkUndone {
  undone: LinkEvent;
}
