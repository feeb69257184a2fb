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
