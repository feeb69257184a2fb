import type { ApiRequestError } from '../../app/api-client';
import { fromLocalInputs } from '../../calendar/calendar-format';
import {
  ANNOUNCEMENT_LIMITS,
  type AnnouncementAudience,
  type CreateAnnouncementRequest,
  type OpenCallList,
  createAnnouncementBody,
} from '../../../../bot/src/contracts/announcements';
import { type FieldProblem, problemsOf } from '../../../../bot/src/contracts/field-problem';

/** The form as typed: everything stays as people wrote it until it is sent. */
export interface AnnouncementValues {
  title: string;
  text: string;
  linkUrl: string;
  linkLabel: string;
  audience: AnnouncementAudience;
  participantIds: string[];
  /** For "applications are open": the lists chosen beside the window. */
  lists: OpenCallList[];
  alsoInChannel: boolean;
  when: 'now' | 'later';
  date: string;
  time: string;
}

export type FormField =
  | 'title'
  | 'text'
  | 'linkUrl'
  | 'linkLabel'
  | 'audience'
  | 'participantIds'
  | 'lists'
  | 'alsoInChannel'
  | 'date'
  | 'time';

export type FormErrors = Partial<Record<FormField, string>>;

/** The order fields appear in, so the cursor goes to the first one with a problem. */
export const FIELD_ORDER: FormField[] = [
  'title',
  'text',
  'linkUrl',
  'linkLabel',
  'audience',
  'participantIds',
  'lists',
  'alsoInChannel',
  'date',
  'time',
];

export const EMPTY_VALUES: AnnouncementValues = {
  title: '',
  text: '',
  linkUrl: '',
  linkLabel: '',
  audience: 'cohort',
  participantIds: [],
  lists: [],
  alsoInChannel: false,
  when: 'now',
  date: '',
  time: '',
};

const L = ANNOUNCEMENT_LIMITS;
const DAY_MS = 24 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function isHttpsAddress(value: string): boolean {
  if (!/^https:\/\/\S+$/i.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks what can be checked here, with the contract's limits, in words for each field; then
 * the request as it would be sent, with the contract's schema (the one the service checks it
 * with), so nothing the service would refuse is sent.
 */
export function checkAnnouncement(
  values: AnnouncementValues,
  now: Date,
): { errors: FormErrors; input?: CreateAnnouncementRequest } {
  const errors: FormErrors = {};
  const title = values.title.trim();
  const text = values.text.trim();
  const linkUrl = values.linkUrl.trim();
  const linkLabel = values.linkLabel.trim();
  if (title === '') errors.title = 'Write a title, so people know what it is about.';
  else if (title.length > L.title) {
    errors.title = `Keep the title to ${L.title} characters or fewer; it has ${title.length}.`;
  }
  if (text === '') errors.text = 'Write the message people will read.';
  else if (text.length > L.text) {
    errors.text = `Shorten the message to ${L.text} characters or fewer; it has ${text.length}.`;
  }
  if (linkUrl !== '' && !isHttpsAddress(linkUrl)) {
    errors.linkUrl = 'Write the whole web address, starting https://';
  } else if (linkUrl === '' && linkLabel !== '') {
    errors.linkUrl = 'Add the web address the button opens, or clear the button text.';
  }
  if (linkLabel.length > L.linkLabel) {
    errors.linkLabel = `Keep the button text to ${L.linkLabel} characters or fewer; it has ${linkLabel.length}.`;
  }
  if (values.audience === 'people' && values.participantIds.length === 0) {
    errors.participantIds = 'Choose at least one person, or choose another audience.';
  }
  let sendAt: string | undefined;
  if (values.when === 'later') {
    if (values.date === '') errors.date = 'Choose the day to send it.';
    if (values.time === '') errors.time = 'Choose the time to send it.';
    if (values.date !== '' && values.time !== '') {
      sendAt = fromLocalInputs(values.date, values.time);
      const where = values.date < localDate(now) ? 'date' : 'time';
      if (!sendAt) errors.time = 'Write the time as hours and minutes, like 09:30.';
      else if (Date.parse(sendAt) <= now.getTime()) {
        errors[where] = 'This time has passed. Choose a later time, or send it now.';
      } else if (Date.parse(sendAt) > now.getTime() + L.sendAheadDays * DAY_MS) {
        errors.date = 'Choose a day within the next year.';
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  const input: CreateAnnouncementRequest = {
    title,
    text,
    ...(linkUrl ? { linkUrl, ...(linkLabel ? { linkLabel } : {}) } : {}),
    audience: values.audience,
    ...(values.audience === 'people' ? { participantIds: values.participantIds } : {}),
    ...(values.audience === 'applications_open' ? { lists: values.lists } : {}),
    alsoInChannel: values.alsoInChannel,
    ...(sendAt ? { sendAt } : {}),
  };
  const parsed = createAnnouncementBody.safeParse(input);
  if (!parsed.success) {
    const placed = placeProblems(problemsOf(parsed.error), values, now);
    // Every field of the request has a place on the form; anything else goes with the message.
    if (placed.unplaced.length > 0) placed.errors.text ??= placed.unplaced.join('; ');
    return { errors: placed.errors };
  }
  return { errors, input };
}

/** Problems with the request (the service's, or the schema's), as sentences beside their fields. */
export function placeProblems(
  fields: FieldProblem[],
  values: AnnouncementValues,
  now: Date,
): { errors: FormErrors; unplaced: string[] } {
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const f of fields) {
    const name = f.field.split('.')[0] ?? '';
    const message = f.message.trim();
    const sentence = /^(is|must|has)\b/.test(message)
      ? `This ${message}.`
      : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    if (name === 'sendAt') {
      errors[values.date !== '' && values.date < localDate(now) ? 'date' : 'time'] = sentence;
    } else if (name === 'audience' && /nobody/.test(message)) {
      errors.audience = 'Nobody is in this group right now. Choose another audience.';
    } else if (name === 'participantIds' && /nobody|at least/.test(message)) {
      errors.participantIds = 'Choose at least one person who is on the roster.';
    } else if ((FIELD_ORDER as string[]).includes(name)) {
      errors[name as FormField] = sentence;
    } else {
      unplaced.push(`${f.field}: ${message}`);
    }
  }
  return { errors, unplaced };
}

/** The service's words, as a sentence next to the field they are about. */
export function placeApiErrors(
  error: ApiRequestError,
  values: AnnouncementValues,
  now: Date,
): { errors: FormErrors; unplaced: string[] } {
  return placeProblems(error.fields, values, now);
}
