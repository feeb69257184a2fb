import {
  type ApplicationSettings,
  type ApplicationSettingsDetail,
  applicationSettingsSchema,
} from '../../../bot/src/contracts/applications';
import {
  type DecisionMessage,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '../../../bot/src/contracts/decision-messages';
import { problemsOf } from '../../../bot/src/contracts/field-problem';
import { OPEN_CALL_LISTS, OPEN_CALL_WORDS } from '../../../bot/src/contracts/announcements';
import type { AnnouncementValues } from '../announcements/form/announcement-checks';
import type { ApiClient } from '../app/api-client';

/** The programme team's application settings as typed, their check (the contract's), and calls. */

export interface SettingsValues {
  opensAt: string;
  closesAt: string;
  ladder: string;
  minimumBandGap: string;
  perspectives: string;
  requireTraining: boolean;
  awarenessEventIds: string[];
  /** The words each applicant is told, per decision (the kind defaults until changed). */
  decisionMessages: Record<ReviewDecision, DecisionMessage>;
}

/** One template's title or text, named by its path in the contract. */
export type TemplateField = `decisionMessages.${ReviewDecision}.${keyof DecisionMessage}`;
export type SettingsField = Exclude<keyof SettingsValues, 'decisionMessages'> | TemplateField;

export const TEMPLATE_FIELDS: TemplateField[] = REVIEW_DECISIONS.flatMap((d) => [
  `decisionMessages.${d}.title` as const,
  `decisionMessages.${d}.text` as const,
]);

/** Where a problem's path goes on the form: a template's own field, or the top-level one. */
export function fieldOf(path: string): SettingsField | undefined {
  const three = path.split('.').slice(0, 3).join('.');
  if ((TEMPLATE_FIELDS as string[]).includes(three)) return three as TemplateField;
  const top = path.split('.')[0] as SettingsField;
  return SETTINGS_ORDER.includes(top) ? top : undefined;
}

export const SETTINGS_ORDER: SettingsField[] = [
  'opensAt',
  'closesAt',
  'ladder',
  'minimumBandGap',
  'perspectives',
  'requireTraining',
  'awarenessEventIds',
  ...TEMPLATE_FIELDS,
];

export function settingsValuesFrom(s: ApplicationSettingsDetail['settings']): SettingsValues {
  return {
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    ladder: s.ladder.join('\n'),
    minimumBandGap: String(s.minimumBandGap),
    perspectives: s.perspectives.join('\n'),
    requireTraining: s.requireTraining,
    awarenessEventIds: [...s.awarenessEventIds],
    decisionMessages: structuredClone(s.decisionMessages),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Checks with the contract's schema; gives the problems by field, or what to send. */
export function checkSettings(values: SettingsValues): {
  errors: Partial<Record<SettingsField, string>>;
  input?: ApplicationSettings;
} {
  const gap = values.minimumBandGap.trim();
  const parsed = applicationSettingsSchema.safeParse({
    opensAt: values.opensAt,
    closesAt: values.closesAt,
    ladder: lines(values.ladder),
    minimumBandGap: /^-?\d+(\.\d+)?$/.test(gap) ? Number(gap) : gap,
    perspectives: lines(values.perspectives),
    requireTraining: values.requireTraining,
    awarenessEventIds: values.awarenessEventIds,
    decisionMessages: values.decisionMessages,
  });
  if (parsed.success) return { errors: {}, input: parsed.data };
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const p of problemsOf(parsed.error)) {
    const field = fieldOf(p.field);
    if (field) errors[field] ??= sentenceOf(p.message);
  }
  return { errors };
}

function sentenceOf(message: string): string {
  const m = message.trim();
  if (/^(is|must)\b/.test(m)) return `This ${m}.`;
  return `${m.charAt(0).toUpperCase()}${m.slice(1)}.`;
}

const settingsPath = (cohortId: string) =>
  `/api/cohorts/${encodeURIComponent(cohortId)}/application-settings`;

export function applicationSettingsApi(client: ApiClient) {
  return {
    get: (cohortId: string) => client.request<ApplicationSettingsDetail>(settingsPath(cohortId)),
    save: (cohortId: string, settings: ApplicationSettings, etag: string | undefined) =>
      client.request<ApplicationSettingsDetail>(settingsPath(cohortId), {
        method: 'PUT',
        body: settings,
        ifMatch: etag,
      }),
  };
}

/** Who hears that applications are open: the announcement's lists, and the programme channel. */
export const OPEN_CALL_REACH = [...OPEN_CALL_LISTS, 'channel'] as const;
export type OpenCallReach = (typeof OPEN_CALL_REACH)[number];
export const OPEN_CALL_REACH_WORDS: Record<OpenCallReach, string> = {
  ...OPEN_CALL_WORDS,
  channel: 'The programme channel linked to this cohort',
};

/**
 * "Applications are open", ready for the announcement composer (the coordinator edits it), to
 * the audience chosen beside the window.
 */
export function openAnnouncement(
  cohortName: string,
  detail: ApplicationSettingsDetail,
  sessions: string[],
  shareLink: string | null,
  reach: readonly OpenCallReach[],
): Partial<AnnouncementValues> {
  const w = detail.window;
  const when = !w
    ? ''
    : w.state === 'upcoming'
      ? `Applications open on ${w.opensWords} and close on ${w.closesWords}.`
      : `Applications are open now and close on ${w.closesWords}.`;
  const text = [
    `Would you like to take part in ${cohortName}? ${when}`,
    'Mentors share their experience with a more senior colleague; mentees learn from it. Open Reverse mentoring in Teams and choose Apply: it takes about ten minutes, and your draft is kept between steps.',
    ...(sessions.length > 0
      ? [`Come to an awareness session to find out more: ${sessions.join('; ')}.`]
      : []),
  ].join('\n\n');
  return {
    title: `Applications are open: ${cohortName}`,
    text,
    audience: 'applications_open',
    lists: OPEN_CALL_LISTS.filter((l) => reach.includes(l)),
    alsoInChannel: reach.includes('channel'),
    ...(shareLink ? { linkUrl: shareLink, linkLabel: 'Open Reverse mentoring' } : {}),
  };
}
