import * as z from 'zod';
import {
  DEFAULT_RETENTION_COHORT_MONTHS,
  DEFAULT_RETENTION_SENSITIVE_MONTHS,
  DEFAULT_RETENTION_UNMATCHED_MONTHS,
} from './retention';
import { cleanText } from './text';
import { ERASURE_WORDS } from './data-rights';

/**
 * Privacy: the programme's contact and data controller (set by programme admins, published in
 * the privacy notice), the words of the privacy notice itself (one source for the tab and
 * docs/privacy.md), and the port through which a coordinator's view of a person's application
 * is written to the audit trail (`personal_data.viewed`).
 */

export const PRIVACY_LIMITS = { name: 120, email: 254, controller: 200 } as const;

const L = PRIVACY_LIMITS;

const line = (max: number) =>
  cleanText(
    z
      .string({ message: 'must be text' })
      .trim()
      .min(1, 'is required')
      .max(max, `must be at most ${max} characters`),
  );

const email = z
  .string({ message: 'is required' })
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(L.email, `must be at most ${L.email} characters`)
  .email('must be an email address');

/** `PUT /api/programme/privacy-settings` (If-Match once saved). */
export const privacySettingsSchema = z
  .object({
    /** Who people contact about their data (usually the programme lead). */
    contactName: line(L.name),
    contactEmail: email,
    /** The organisation that decides how the data is used (the data controller). */
    controllerName: line(L.controller),
    /** The data protection officer: both, or neither. */
    dpoName: line(L.name).optional(),
    dpoEmail: email.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.dpoName && !v.dpoEmail) {
      ctx.addIssue({ code: 'custom', path: ['dpoEmail'], message: 'is required with a name' });
    }
    if (v.dpoEmail && !v.dpoName) {
      ctx.addIssue({ code: 'custom', path: ['dpoName'], message: 'is required with an email' });
    }
  });
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** `GET /api/programme/privacy-settings` (no sign-in: the privacy notice publishes it). */
export interface PrivacySettingsView {
  /** Null until a programme admin has saved them. */
  settings: PrivacySettings | null;
  /** Send back as If-Match to change saved settings; null before the first save. */
  etag: string | null;
}

/** Where the privacy notice is in the tab (the app manifest's privacy link points here too). */
export const PRIVACY_NOTICE_QUERY = '?view=privacy';

/** Retention the product applies unless the organisation configures otherwise (the retention contract's). */
export const RETENTION_DEFAULTS = {
  /** Special-category answers: months after the cohort closes. */
  sensitiveMonths: DEFAULT_RETENTION_SENSITIVE_MONTHS,
  /** Applications of people never matched: months after their cohort closes. */
  unmatchedApplicationMonths: DEFAULT_RETENTION_UNMATCHED_MONTHS,
  /** The rest of a closed cohort's personal information: months after it closes. */
  cohortMonths: DEFAULT_RETENTION_COHORT_MONTHS,
} as const;

export interface NoticeSection {
  id: string;
  title: string;
  points: string[];
}

const R = RETENTION_DEFAULTS;

/** The privacy notice, section by section: the tab shows these words; docs/privacy.md quotes them. */
export const PRIVACY_NOTICE: readonly NoticeSection[] = [
  {
    id: 'collected',
    title: 'What we collect',
    points: [
      'Your name, email, job title, organisation and band, from your application or the programme team’s roster.',
      'Your application: the role and arrangement you want, your line manager, how and when you can meet, and the perspectives you can share or want to learn.',
      'Only if you choose, and with your explicit consent: sensitive information such as ethnicity, disability or sexual orientation.',
      'Your pairing: your agreement, meeting dates, goals, agreed actions, your own preparation and reflections.',
      'Your survey answers, event replies and which announcements you received.',
    ],
  },
  {
    id: 'why',
    title: 'Why we use it',
    points: [
      'To run the programme: review applications, train, match pairs and support them.',
      'Sensitive information is used only to make good matches and to report on fairness in totals.',
      'Survey answers show whether the programme works, reported only in totals of five people or more.',
    ],
  },
  {
    id: 'who-sees',
    title: 'Who sees what',
    points: [
      'Your partner sees your name, job title and organisation, and what you choose to share with them. Never your sensitive information.',
      'Your reflections and preparation are private to you unless you choose to share one with your partner.',
      'Your programme team (coordinators of your cohort) sees your application, and the dates, counts and state of your pairing; never what you discuss, your reflections, goals or actions, and never your sensitive information. Each time they open the applications, it is recorded.',
      'Executive sponsors see only totals for the cohorts they sponsor, never fewer than five people, and insights only with your agreement.',
      'Your line manager is only asked to confirm time to take part, and sees nothing else.',
    ],
  },
  {
    id: 'kept',
    title: 'How long we keep it',
    points: [
      `Sensitive information is deleted ${R.sensitiveMonths} months after your cohort closes.`,
      `Applications of people who were never matched are deleted ${R.unmatchedApplicationMonths} months after their cohort closes.`,
      `The rest of your personal information in a closed cohort is deleted ${R.cohortMonths} months after it closes; only the cohort’s totals of five or more people are kept.`,
      'Your organisation can configure these periods; your programme team can tell you what applies.',
    ],
  },
  {
    id: 'rights',
    title: 'Your rights',
    points: [
      'See and take your data: download everything the app holds about you from "Your data" on your home in the tab, or type "my data" in your chat with the app.',
      `Erase your data: ask from "Your data" on your home in the tab; a programme admin confirms it is really you asking. ${ERASURE_WORDS.removed} ${ERASURE_WORDS.kept}`,
      'Withdraw consent for your sensitive information or an insight at any time: it is removed at once and leaves future matching and totals.',
      'Ask your programme contact (below) about any of these, or to complain; you can also contact the Information Commissioner’s Office.',
    ],
  },
];

/** The programme team's view of one person's application, as the audit trail records it. */
export interface ApplicationViewed {
  applicationId: string;
  /** The person's name, to find the entries about them (no content of the application). */
  displayName: string;
}

/** Records that someone who runs a cohort viewed people's applications (the privacy feature). */
export interface PersonalDataViewLog {
  applicationsViewed(
    actor: { userId: string; name: string },
    cohortId: string,
    viewed: readonly ApplicationViewed[],
  ): Promise<void>;
}
