import { DateTime } from 'luxon';
import {
  AUDIENCES,
  type CreateAnnouncementBody,
  createAnnouncementBody,
} from '../../../contracts/announcements';
import { sendTimeProblem } from './announcement';

/** The composer card's inputs, as Teams sends them (all strings). */
export type ComposerFields = Partial<
  Record<
    | 'cohortId'
    | 'title'
    | 'text'
    | 'linkUrl'
    | 'linkLabel'
    | 'audience'
    | 'people'
    | 'alsoInChannel'
    | 'sendDate'
    | 'sendTime',
    string
  >
>;

export type ComposerResult =
  | { ok: true; cohortId: string; input: CreateAnnouncementBody }
  | { ok: false; errors: Record<string, string> };

/** Where an API field's problem is shown on the card. */
const CARD_FIELD: Record<string, string> = {
  participantIds: 'people',
  sendAt: 'sendDate',
};

/**
 * The composer card's strings → a validated announcement input, checked with the contract's
 * request body (the same schema the API and the tab use). A send date and time are read
 * in the coordinator's own time zone; every problem is returned against its card field.
 */
export function parseComposer(fields: ComposerFields, timeZone: string, now: Date): ComposerResult {
  const errors: Record<string, string> = {};
  const cohortId = (fields.cohortId ?? '').trim();
  if (!cohortId) errors.cohortId = 'Choose the cohort';

  let sendAt: string | undefined;
  const date = (fields.sendDate ?? '').trim();
  const time = (fields.sendTime ?? '').trim();
  if (date || time) {
    if (!date) errors.sendDate = 'Choose the day to send it, or clear the time to send now';
    else {
      const when = DateTime.fromISO(`${date}T${time || '09:00'}`, { zone: timeZone });
      if (!when.isValid) errors.sendDate = 'Write the date as a calendar date';
      else sendAt = when.toUTC().toISO() ?? undefined;
    }
  }
  // The card offers the cohort's audiences only. "Applications are open" goes out beside the
  // application window, from the tab, to the lists chosen there: a submission crafted to carry
  // it (or anything else) is refused on the audience field, and the rest is still checked.
  const asked = fields.audience || 'cohort';
  const offered = (AUDIENCES as readonly string[]).includes(asked);
  if (!offered) {
    errors.audience =
      asked === 'applications_open'
        ? 'Applications are open is sent from the cohort’s Applications tab, beside the application window, to the lists chosen there: choose another audience here'
        : 'Choose one of the audiences offered';
  }
  const people = (fields.people ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const parsed = createAnnouncementBody.safeParse({
    title: fields.title ?? '',
    text: fields.text ?? '',
    linkUrl: fields.linkUrl ?? '',
    linkLabel: fields.linkLabel ?? '',
    audience: offered ? asked : 'cohort',
    participantIds: people.length > 0 ? people : undefined,
    alsoInChannel: fields.alsoInChannel === 'true',
    sendAt,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'text');
      const field = CARD_FIELD[key] ?? key;
      errors[field] ??= sentence(issue.message);
    }
  }
  const timeProblem = sendTimeProblem(sendAt, now);
  if (timeProblem) errors.sendDate ??= sentence(`The send time ${timeProblem}`);
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, cohortId, input: parsed.data };
}

function sentence(message: string): string {
  const text = /^(is|must|has)\b/.test(message) ? `This ${message}` : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
