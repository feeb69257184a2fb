import { ANNOUNCEMENT_LIMITS, AUDIENCES, AUDIENCE_WORDS } from '../../../contracts/announcements';
import {
  type FormState,
  execute,
  expandJourneyCard,
  field,
  formModel,
  subtle,
} from '../../../platform/teams/cards/card-kit';
import { type CardJson, cardTemplate, heading } from '../../../platform/teams/cards/render';

export type ComposerInputId =
  | 'cohortId'
  | 'title'
  | 'text'
  | 'linkUrl'
  | 'linkLabel'
  | 'audience'
  | 'people'
  | 'alsoInChannel'
  | 'sendDate'
  | 'sendTime';

export interface ComposerCardData extends FormState<ComposerInputId> {
  cohorts: { id: string; name: string }[];
  /** People to choose from for "Chosen people" (the first 200 of the cohort). */
  people: { id: string; name: string }[];
  timeZone: string;
}

const template = cardTemplate(
  [
    heading('New announcement'),
    subtle(
      'Goes to each person in their chat with the bot. You will see a preview before anything is sent.',
    ),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'cohortId',
      label: 'Cohort',
      isRequired: true,
      errorMessage: 'Choose the cohort',
      choices: [{ $data: '${cohorts}', title: '${name}', value: '${id}' }],
    }),
    ...field({
      type: 'Input.Text',
      id: 'title',
      label: 'Title',
      isRequired: true,
      maxLength: ANNOUNCEMENT_LIMITS.title,
      errorMessage: 'Give the announcement a title',
    }),
    ...field({
      type: 'Input.Text',
      id: 'text',
      label: 'Message (bold with **text**, lists with - at the start of a line)',
      isMultiline: true,
      isRequired: true,
      maxLength: ANNOUNCEMENT_LIMITS.text,
      errorMessage: 'Write the message',
    }),
    ...field({
      type: 'Input.Text',
      id: 'linkUrl',
      label: 'Link button (optional web address, https://…)',
      style: 'Url',
    }),
    ...field({
      type: 'Input.Text',
      id: 'linkLabel',
      label: 'Link button text',
      maxLength: ANNOUNCEMENT_LIMITS.linkLabel,
    }),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'audience',
      label: 'Who should get it?',
      isRequired: true,
      errorMessage: 'Choose who should get it',
      choices: AUDIENCES.map((kind) => ({ title: AUDIENCE_WORDS[kind], value: kind })),
    }),
    ...field({
      type: 'Input.ChoiceSet',
      id: 'people',
      label: 'Chosen people (when "Chosen people" is picked)',
      isMultiSelect: true,
      style: 'filtered',
      choices: [{ $data: '${people}', title: '${name}', value: '${id}' }],
    }),
    ...field({
      type: 'Input.Toggle',
      id: 'alsoInChannel',
      label: 'Programme channel',
      title: "Also post it in the programme's channel",
      valueOn: 'true',
      valueOff: 'false',
    }),
    ...field({ type: 'Input.Date', id: 'sendDate', label: 'Send on (leave empty to send now)' }),
    ...field({ type: 'Input.Time', id: 'sendTime', label: 'At (${timeZone})' }),
  ],
  [execute('Preview', 'announcement.preview', {}, { style: 'positive' })],
);

/** The coordinator's composer ("announce"); invalid input comes back here with messages. */
export function buildComposerCard(data: ComposerCardData): CardJson {
  return expandJourneyCard(template, {
    cohorts: data.cohorts,
    people: data.people,
    timeZone: data.timeZone,
    form: formModel(
      {
        cohortId: data.cohorts[0]?.id ?? '',
        title: '',
        text: '',
        linkUrl: '',
        linkLabel: '',
        audience: 'cohort',
        people: '',
        alsoInChannel: 'false',
        sendDate: '',
        sendTime: '',
      },
      data,
    ),
  });
}
