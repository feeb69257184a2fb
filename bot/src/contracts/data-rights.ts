/**
 * Data rights on the wire: the areas of "export my data" (one JSON file each in the archive)
 * and where the archive is downloaded. The data map itself lives in the data-rights feature.
 */

/** The archive's files, one per area of what the product holds about a person. */
export const EXPORT_AREAS = [
  'profile',
  'memberships',
  'applications',
  'pair',
  'surveys',
  'rsvps',
  'announcements',
  'insights',
  'audit',
] as const;
export type ExportArea = (typeof EXPORT_AREAS)[number];

/** What each file of the archive holds, in plain words (written into `summary.txt`). */
export const EXPORT_AREA_WORDS: Record<ExportArea, string> = {
  profile:
    'Your participant records (name, email, role, organisation, job title), your staff roles, sign-in links, how the app reaches you in chat, your calendar feed and messages sent to you',
  memberships: 'The cohorts you are in, your role and your pair in each',
  applications:
    'Your applications with your answers, your special-category answers and consents, training attendance, line-manager answers and your interest in the next cohort',
  pair: 'Your pair, its contract, goals, actions and meetings, and your own preparation, reflections, reviews and fit checks (never your partner’s private writing)',
  surveys: 'Your answers to the programme’s surveys',
  rsvps: 'Your answers to programme events',
  announcements: 'Announcements sent to you, and when you acknowledged them',
  insights: 'Insights and testimonials you wrote',
  audit: 'Entries of the audit trail about you',
};

/** The archive's name when downloaded. */
export const DATA_EXPORT_FILE_NAME = 'my-data.zip';

/** Where the tab (and the chat card's link) downloads the archive. */
export const DATA_EXPORT_PATH = '/api/me/data-export';

// ---- Erase my data ----

/** Where the signed-in person asks to erase their data, and reads their request's state. */
export const ERASURE_PATH = '/api/me/erasure';
/** Where programme admins list the requests waiting for them. */
export const ADMIN_ERASURES_PATH = '/api/admin/erasures';

/** The longest reason a person or an admin may give. */
export const ERASURE_REASON_MAX = 500;

/** A request's life: asked, then confirmed (erasing until done) or declined. */
export const ERASURE_STATES = ['pending', 'erasing', 'erased', 'declined'] as const;
export type ErasureState = (typeof ERASURE_STATES)[number];

/** The person's own request, as `GET /api/me/erasure` shows it (null when none). */
export interface MyErasure {
  request: {
    id: string;
    state: ErasureState;
    askedAt: string;
    decidedAt: string | null;
    /** Why an admin declined, when they did. */
    declineReason: string | null;
  } | null;
}

/** One waiting request as programme admins see it: who and when, never any content. */
export interface PendingErasure {
  id: string;
  name: string;
  askedAt: string;
  state: ErasureState;
  etag: string;
}

export interface PendingErasures {
  requests: PendingErasure[];
}

/** What erasure removes and what it keeps, in the words the confirmation and the notice use. */
export const ERASURE_WORDS = {
  removed:
    'Your profile, memberships, applications and sensitive answers, your own preparation, reflections, reviews and fit checks, your survey answers, your event answers, your insights written alone, your chat and calendar links, and your roles.',
  kept: 'Kept without your name, email or sign-in id: your pair’s record, its meetings, and the shared contract, goals and actions (they are your partner’s too), announcement delivery counts, attendance marks and the audit trail, so the cohort’s statistics still add up. Your partner’s own writing stays theirs.',
  confirm:
    'A programme admin confirms it is really you asking. Once erased, you cannot sign back in to this programme with the same account.',
} as const;
