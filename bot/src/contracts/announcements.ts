import * as z from 'zod';
import { isoInstant } from './dates';
import { isWellFormedId } from './ids';
import { cleanText } from './text';

/**
 * Announcements on the wire: the limits, enums, request body and response shapes shared by the
 * bot's routes, the chat composer card and the tab's form. Defined once here; every surface
 * imports them (the tab bundles this file, so it imports nothing but zod).
 */

/** Every limit an announcement is checked against, on every surface. */
export const ANNOUNCEMENT_LIMITS = {
  /** Characters in the title (after trimming). */
  title: 140,
  /** Characters in the message (after trimming). */
  text: 4000,
  /** Characters on the link button. */
  linkLabel: 40,
  /** People chosen one by one; their ids are stored in one table property (64 KiB). */
  people: 500,
  /** Characters in one participant id. */
  participantId: 100,
  /** Days ahead a send may be scheduled. */
  sendAheadDays: 365,
} as const;

/** The link button's words when the coordinator gave none. */
export const DEFAULT_LINK_LABEL = 'Open link';

/** The audiences of the cohort the composer offers (the chat card and the tab's select). */
export const AUDIENCES = ['cohort', 'mentors', 'mentees', 'needs_check_in', 'people'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * "Applications are open" (issue 15) goes beyond the cohort, to the lists the coordinator
 * chooses beside the window: the people of the cohorts they run (earlier cohorts' alumni
 * included) and everyone on those cohorts' "tell me about the next cohort" lists; each person
 * once. The programme channel is `alsoInChannel`.
 */
export const OPEN_CALL_LISTS = ['cohorts', 'next-cohort'] as const;
export type OpenCallList = (typeof OPEN_CALL_LISTS)[number];

export const OPEN_CALL_WORDS: Record<OpenCallList, string> = {
  cohorts: 'The people of the cohorts you run, earlier cohorts’ alumni included',
  'next-cohort': 'Everyone who asked to hear about the next cohort',
};

/** Every audience an announcement may have: the cohort's, or the open call's lists. */
export const ANNOUNCEMENT_AUDIENCES = [...AUDIENCES, 'applications_open'] as const;
export type AnnouncementAudience = (typeof ANNOUNCEMENT_AUDIENCES)[number];

/** The audience choices, in words (the chat composer and the tab's select). */
export const AUDIENCE_WORDS: Record<AnnouncementAudience, string> = {
  cohort: 'Everyone in the cohort',
  mentors: 'Mentors',
  mentees: 'Mentees',
  needs_check_in: 'Pairs needing a check-in',
  people: 'Chosen people',
  applications_open: 'Applications are open: the lists chosen beside the window',
};

/** An announcement, or an event's invitation or reminder (same fan-out, different card). */
export const BROADCAST_KINDS = ['announcement', 'event-invitation', 'event-reminder'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];

export const ANNOUNCEMENT_STATUSES = ['scheduled', 'sending', 'sent', 'cancelled'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const RECIPIENT_STATUSES = [
  'queued',
  'sending',
  'sent',
  'blocked',
  'failed',
  'unconfirmed',
  'cancelled',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

const HTTPS_ONLY = 'must be a web address starting https://';

const httpsUrl = z
  .string()
  .trim()
  .url(HTTPS_ONLY)
  .refine((v) => v.startsWith('https://'), HTTPS_ONLY);

const L = ANNOUNCEMENT_LIMITS;

/** `POST /api/cohorts/{cohortId}/announcements`: what a coordinator sends. */
export const createAnnouncementBody = z
  .object({
    title: cleanText(
      z
        .string({ message: 'is required' })
        .trim()
        .min(1, 'is required')
        .max(L.title, `must be at most ${L.title} characters`),
    ),
    text: cleanText(
      z
        .string({ message: 'is required' })
        .trim()
        .min(1, 'is required')
        .max(L.text, `must be at most ${L.text} characters; shorten it`),
      { multiLine: true },
    ),
    linkUrl: z.preprocess((v) => (v === '' ? undefined : v), httpsUrl.optional()),
    linkLabel: cleanText(
      z.string().trim().max(L.linkLabel, `must be at most ${L.linkLabel} characters`),
    ).optional(),
    audience: z.enum(ANNOUNCEMENT_AUDIENCES, {
      message: 'must be cohort, mentors, mentees, needs_check_in, people or applications_open',
    }),
    /** For `applications_open` only: the lists it goes to. */
    lists: z
      .array(z.enum(OPEN_CALL_LISTS, { message: 'must be cohorts or next-cohort' }))
      .max(OPEN_CALL_LISTS.length)
      .transform((l) => [...new Set(l)])
      .optional(),
    participantIds: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(L.participantId)
          .refine(isWellFormedId, 'is not a participant id'),
      )
      .max(L.people, `choose at most ${L.people} people; for more, pick a group`)
      .optional(),
    alsoInChannel: z.boolean({ message: 'must be true or false' }).default(false),
    /** Omitted: send now. */
    sendAt: isoInstant().optional(),
  })
  .strict()
  .refine((v) => v.audience !== 'people' || (v.participantIds?.length ?? 0) > 0, {
    message: 'choose at least one person',
    path: ['participantIds'],
  })
  .refine(
    (v) => v.audience !== 'applications_open' || (v.lists?.length ?? 0) > 0 || v.alsoInChannel,
    { message: 'choose at least one: a list of people or the programme channel', path: ['lists'] },
  );

/** The body as checked (defaults applied). */
export type CreateAnnouncementBody = z.output<typeof createAnnouncementBody>;
/** The body as a client writes it (`alsoInChannel` may be left out). */
export type CreateAnnouncementRequest = z.input<typeof createAnnouncementBody>;

/** `PUT /api/cohorts/{cohortId}/channel`: links the programme's shared channel. */
export const linkChannelBody = z
  .object({
    channelId: cleanText(
      z.string({ message: 'is required' }).trim().min(1, 'is required').max(300),
    ),
    teamId: cleanText(z.string().trim().max(300)).optional(),
    channelName: cleanText(z.string().trim().max(200)).optional(),
  })
  .strict();

export type LinkChannelBody = z.output<typeof linkChannelBody>;

/** One announcement, as the API lists it (never anything a pair wrote). */
export interface Announcement {
  id: string;
  kind: BroadcastKind;
  title: string;
  text: string;
  link: { url: string; label: string } | null;
  eventId: string | null;
  audience: AnnouncementAudience;
  participantIds: string[];
  /** For `applications_open`: the lists it went to (empty otherwise). */
  lists: OpenCallList[];
  alsoInChannel: boolean;
  /** UTC ISO instant when sending starts (or started). */
  sendAt: string;
  status: AnnouncementStatus;
  /** Set once sending starts and the audience is known. */
  recipientCount: number | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

/** People only: the programme channel's post is reported apart (`channelPost`). */
export interface DeliveryCounts {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  blocked: number;
  failed: number;
  unconfirmed: number;
  cancelled: number;
  acknowledged: number;
}

export interface AnnouncementRecipient {
  participantId: string;
  displayName: string;
  status: RecipientStatus;
  reason: string | null;
  attempts: number;
  sentAt: string | null;
  acknowledgedAt: string | null;
}

/** The programme channel's post, when the announcement went there too. */
export interface ChannelPost {
  status: RecipientStatus;
  reason: string | null;
}

/** `GET /api/cohorts/{cohortId}/announcements/{id}` (`?recipients=none` leaves the rows out). */
export interface AnnouncementReport {
  announcement: Announcement;
  counts: DeliveryCounts;
  channelPost: ChannelPost | null;
  recipientsIncluded: boolean;
  recipients: AnnouncementRecipient[];
}

/** `GET /api/cohorts/{cohortId}/announcements`: the most recent, newest first. */
export interface AnnouncementList {
  announcements: Announcement[];
}

/** `POST …/resend-unconfirmed`: how many people were queued again. */
export interface ResendAnswer {
  queued: number;
}
