import { DateTime } from 'luxon';
import type { ApplicationReviewVerb } from '../../../contracts/application-review';
import { execute, finishCard, subtle, text } from '../../../platform/teams/cards/card-kit';
import { type CardJson, CARD_VERSION, heading } from '../../../platform/teams/cards/render';

/**
 * The line manager's question: can this person be released for the programme's meetings and
 * sessions? It shows only the person's name, the cohort, the months the pairs meet and the
 * sessions' dates, and Yes / No. Nothing else of the application is handed to this builder, so
 * nothing else can reach the card.
 */
export interface ManagerReleaseCardData {
  cohortId: string;
  applicationId: string;
  applicantName: string;
  cohortName: string;
  /** The cohort's first and last day (yyyy-mm-dd): the pairs meet in between. */
  meetingsFrom: string;
  meetingsTo: string;
  /** "monthly" or "fortnightly". */
  frequency: string;
  /** The sessions the person would attend: title and start instant. */
  sessions: { title: string; start: string }[];
  /** The zone the dates are shown in. */
  timeZone: string;
}

const VERB: ApplicationReviewVerb = 'application.manager_answer';

function day(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

function when(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');
}

export function buildManagerReleaseCard(data: ManagerReleaseCardData): CardJson {
  const ids = { cohortId: data.cohortId, applicationId: data.applicationId };
  const sessions =
    data.sessions.length === 0
      ? [subtle('The session dates are not set yet; the programme team will share them.')]
      : data.sessions.map((s) => text(`• ${s.title}: ${when(s.start, data.timeZone)}`));
  const card: CardJson = {
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body: [
      heading('Can you release a colleague for mentoring?'),
      text(
        `${data.applicantName} has applied to ${data.cohortName} and named you as their line manager. ` +
          'We only need to know whether they can be released for the programme’s meetings and sessions.',
      ),
      text(
        `Meetings: ${data.frequency}, about an hour each, between ${day(data.meetingsFrom, data.timeZone)} ` +
          `and ${day(data.meetingsTo, data.timeZone)}.`,
      ),
      text('Sessions:', { weight: 'Bolder' }),
      ...sessions,
      subtle(
        `Times are shown in ${data.timeZone}. You will not see anything else of the application.`,
      ),
    ],
    actions: [
      execute('Yes, I can release them', VERB, { ...ids, released: 'yes' }, { style: 'positive' }),
      execute('No, I cannot', VERB, { ...ids, released: 'no' }),
    ],
  };
  finishCard(card);
  return card;
}

/** What replaces the card once the manager answered. */
export function buildManagerThanksCard(applicantName: string, released: boolean): CardJson {
  const card: CardJson = {
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body: [
      heading('Thank you'),
      text(
        released
          ? `You said you can release ${applicantName} for the meetings and sessions.`
          : `You said you cannot release ${applicantName} for the meetings and sessions.`,
      ),
      subtle('The programme team has your answer. If that changes, tell them.'),
    ],
  };
  finishCard(card);
  return card;
}
