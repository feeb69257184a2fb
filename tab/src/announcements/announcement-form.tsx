import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import type { ApiClient } from '../app/api-client';
import { fromLocalInputs, viewerTimeZone } from '../calendar/calendar-format';
import {
  AUDIENCES,
  AUDIENCE_CHOICES,
  MAX_LINK_LABEL,
  MAX_TEXT,
  MAX_TITLE,
  audienceSizes,
  createAnnouncement,
  formatWhen,
} from './announcement-api';
import type { Announcement, AnnouncementInput, Audience } from './announcement-api';
import { AnnouncementPreview } from './announcement-preview';
import { PeoplePicker } from './announcement-people';
import type { CohortParticipant, PairHealthRow } from '../coordinator/coordinator-api';
import { plural } from '../coordinator/coordinator-api';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import type { LoadState } from '../shared/use-api-load';
import { describeFailure, useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
  subheading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    marginBottom: tokens.spacingVerticalXS,
  },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    '@media (min-width: 960px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
  textarea: { width: '100%' },
  reach: { fontWeight: tokens.fontWeightSemibold },
});

/** The form as typed: everything stays as people wrote it until it is sent. */
interface Values {
  title: string;
  text: string;
  linkUrl: string;
  linkLabel: string;
  audience: Audience;
  participantIds: string[];
  alsoInChannel: boolean;
  when: 'now' | 'later';
  date: string;
  time: string;
}

type FormField =
  | 'title'
  | 'text'
  | 'linkUrl'
  | 'linkLabel'
  | 'audience'
  | 'participantIds'
  | 'alsoInChannel'
  | 'date'
  | 'time';
type Errors = Partial<Record<FormField, string>>;

/** The order fields appear in, so the cursor goes to the first one with a problem. */
const ORDER: FormField[] = [
  'title',
  'text',
  'linkUrl',
  'linkLabel',
  'audience',
  'participantIds',
  'alsoInChannel',
  'date',
  'time',
];

const EMPTY: Values = {
  title: '',
  text: '',
  linkUrl: '',
  linkLabel: '',
  audience: 'cohort',
  participantIds: [],
  alsoInChannel: false,
  when: 'now',
  date: '',
  time: '',
};

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

/** Checks what can be checked here; the service checks everything again. */
function check(values: Values, now: Date): { errors: Errors; input?: AnnouncementInput } {
  const errors: Errors = {};
  const title = values.title.trim();
  const text = values.text.trim();
  const linkUrl = values.linkUrl.trim();
  const linkLabel = values.linkLabel.trim();
  if (title === '') errors.title = 'Write a title, so people know what it is about.';
  else if (title.length > MAX_TITLE) {
    errors.title = `Keep the title to ${MAX_TITLE} characters or fewer; it has ${title.length}.`;
  }
  if (text === '') errors.text = 'Write the message people will read.';
  else if (text.length > MAX_TEXT) {
    errors.text = `Shorten the message to ${MAX_TEXT} characters or fewer; it has ${text.length}.`;
  }
  if (linkUrl !== '' && !isHttpsAddress(linkUrl)) {
    errors.linkUrl = 'Write the whole web address, starting https://';
  } else if (linkUrl === '' && linkLabel !== '') {
    errors.linkUrl = 'Add the web address the button opens, or clear the button text.';
  }
  if (linkLabel.length > MAX_LINK_LABEL) {
    errors.linkLabel = `Keep the button text to ${MAX_LINK_LABEL} characters or fewer; it has ${linkLabel.length}.`;
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
      } else if (Date.parse(sendAt) > now.getTime() + 365 * 24 * 3600_000) {
        errors.date = 'Choose a day within the next year.';
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      title,
      text,
      ...(linkUrl ? { linkUrl, ...(linkLabel ? { linkLabel } : {}) } : {}),
      audience: values.audience,
      ...(values.audience === 'people' ? { participantIds: values.participantIds } : {}),
      alsoInChannel: values.alsoInChannel,
      ...(sendAt ? { sendAt } : {}),
    },
  };
}

/** The service's words, as a sentence next to the field they are about. */
function placeApiErrors(
  error: ApiRequestError,
  values: Values,
  now: Date,
): { errors: Errors; unplaced: string[] } {
  const errors: Errors = {};
  const unplaced: string[] = [];
  for (const f of error.fields) {
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
    } else if ((ORDER as string[]).includes(name)) {
      errors[name as FormField] = sentence;
    } else {
      unplaced.push(`${f.field}: ${message}`);
    }
  }
  return { errors, unplaced };
}

interface AnnouncementFormProps {
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  people: LoadState<CohortParticipant[]>;
  pairs: LoadState<PairHealthRow[]>;
  onRetryPeople?: () => void;
  onSent: (announcement: Announcement) => void;
  onCancel: () => void;
  onSignInExpired?: () => void;
}

/** Writing an announcement: fields, who it goes to, when, and a preview of the card. */
export function AnnouncementForm({
  client,
  cohortId,
  cohortName,
  people,
  pairs,
  onRetryPeople,
  onSent,
  onCancel,
  onSignInExpired,
}: AnnouncementFormProps) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const idBase = useId().replace(/:/g, '');
  const headingId = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const idOf = (field: FormField) => `${idBase}-${field}`;
  const { errors, setErrors, problem, setProblem, saving, save, accept, place } = useFormSubmit({
    order: ORDER,
    idOf,
  });

  /** Changes a value; its problem, if any, is cleared until the next check. */
  const set =
    <K extends keyof Values>(field: K) =>
    (value: Values[K]) => {
      setValues((v) => ({ ...v, [field]: value }));
      const clears: FormField[] =
        field === 'when'
          ? ['date', 'time']
          : field === 'audience'
            ? ['audience', 'participantIds']
            : [field as FormField];
      setErrors((e) =>
        clears.some((f) => e[f])
          ? { ...e, ...Object.fromEntries(clears.map((f) => [f, undefined])) }
          : e,
      );
    };

  const sizes =
    people.status === 'loaded'
      ? audienceSizes(people.data, pairs.status === 'loaded' ? pairs.data : undefined)
      : {};
  const reach =
    values.audience === 'people' ? values.participantIds.length : sizes[values.audience];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const now = new Date();
    const input = accept(check(values, now));
    if (!input) return;
    await save(
      async () => {
        const created = await createAnnouncement(client, cohortId, input);
        onSent(created);
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
          onSignInExpired();
        } else if (error instanceof ApiRequestError && error.fields.length > 0) {
          place(placeApiErrors(error, values, now));
        } else if (error instanceof ApiRequestError && error.status === 403) {
          setProblem('Only the programme team can send announcements. Nothing was sent.');
        } else {
          setProblem(`Nothing was sent. ${describeFailure(error)}`);
        }
      },
    );
  }

  const link = values.linkUrl.trim()
    ? { url: values.linkUrl.trim(), label: values.linkLabel.trim() || 'Open link' }
    : undefined;
  const laterAt = values.when === 'later' ? fromLocalInputs(values.date, values.time) : undefined;
  const textLength = values.text.trim().length;
  const reachWords =
    reach === undefined
      ? null
      : reach === 0
        ? values.audience === 'people'
          ? 'Nobody chosen yet.'
          : 'Nobody is in this group right now.'
        : `Goes to ${plural(reach, 'person', 'people')}.`;

  return (
    <div className={styles.layout} data-testid="announcement-compose">
      <form
        className={formStyles.form}
        onSubmit={(e) => void submit(e)}
        aria-labelledby={headingId}
        noValidate
        data-testid="announcement-form"
      >
        <FocusHeading as="h3" id={headingId}>
          New announcement
        </FocusHeading>
        <Text className={styles.muted}>
          People get it as a message from the Reverse mentoring bot in Teams, with a “Got it” button
          so you can see who has read it.
        </Text>
        <FormProblem
          problem={problem}
          title="We couldn't send the announcement"
          testId="announcement-form-problem"
        />

        <Field label="Title" required validationMessage={errors.title}>
          <Input
            id={idOf('title')}
            value={values.title}
            onChange={(_, d) => set('title')(d.value)}
            data-testid="announcement-title"
          />
        </Field>
        <Field
          label="Message"
          required
          validationMessage={errors.text}
          hint={
            <>
              Use <span className={styles.code}>**bold**</span> for what matters most. For a list,
              start each line with a dash and a space (<span className={styles.code}>- </span>).{' '}
              <span data-testid="announcement-text-count">
                {textLength} of {MAX_TEXT} characters.
              </span>
            </>
          }
        >
          <Textarea
            id={idOf('text')}
            className={styles.textarea}
            value={values.text}
            onChange={(_, d) => set('text')(d.value)}
            rows={7}
            resize="vertical"
            data-testid="announcement-text"
          />
        </Field>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Link button (optional)</legend>
          <div className={formStyles.row}>
            <Field label="Web address" validationMessage={errors.linkUrl} hint="Starting https://">
              <Input
                id={idOf('linkUrl')}
                type="url"
                inputMode="url"
                value={values.linkUrl}
                onChange={(_, d) => set('linkUrl')(d.value)}
                placeholder="https://"
                data-testid="announcement-link-url"
              />
            </Field>
            <Field
              label="Button text"
              validationMessage={errors.linkLabel}
              hint={`Up to ${MAX_LINK_LABEL} characters; “Open link” when empty.`}
            >
              <Input
                id={idOf('linkLabel')}
                value={values.linkLabel}
                onChange={(_, d) => set('linkLabel')(d.value)}
                data-testid="announcement-link-label"
              />
            </Field>
          </div>
        </fieldset>

        <Field label="Who it goes to" required validationMessage={errors.audience}>
          <Select
            id={idOf('audience')}
            value={values.audience}
            onChange={(_, d) => set('audience')(d.value as Audience)}
            data-testid="announcement-audience"
          >
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_CHOICES[a]}
                {a !== 'people' && sizes[a] !== undefined ? ` (${sizes[a]})` : ''}
              </option>
            ))}
          </Select>
        </Field>
        {values.audience === 'people' && (
          <PeoplePicker
            load={people}
            onRetry={onRetryPeople}
            selected={values.participantIds}
            onChange={set('participantIds')}
            error={errors.participantIds}
            searchId={idOf('participantIds')}
          />
        )}

        <Field
          validationMessage={errors.alsoInChannel}
          hint="It is posted once in the channel linked to this cohort, as well as to each person. If no channel is linked, only people’s chats get it."
        >
          <Checkbox
            id={idOf('alsoInChannel')}
            checked={values.alsoInChannel}
            onChange={(_, d) => set('alsoInChannel')(d.checked === true)}
            label="Also post in the programme channel"
            data-testid="announcement-channel"
          />
        </Field>

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>When to send it</legend>
          <RadioGroup
            value={values.when}
            onChange={(_, d) => set('when')(d.value as Values['when'])}
            layout="horizontal"
            aria-label="When to send it"
            data-testid="announcement-when"
          >
            <Radio value="now" label="Send now" data-testid="announcement-when-now" />
            <Radio value="later" label="Send later" data-testid="announcement-when-later" />
          </RadioGroup>
          {values.when === 'later' && (
            <>
              <div className={formStyles.row}>
                <Field label="Date" required validationMessage={errors.date}>
                  <Input
                    id={idOf('date')}
                    type="date"
                    value={values.date}
                    onChange={(_, d) => set('date')(d.value)}
                    data-testid="announcement-date"
                  />
                </Field>
                <Field label="Time" required validationMessage={errors.time}>
                  <Input
                    id={idOf('time')}
                    type="time"
                    value={values.time}
                    onChange={(_, d) => set('time')(d.value)}
                    data-testid="announcement-time"
                  />
                </Field>
              </div>
              <Text size={200} className={styles.muted}>
                In your time zone ({viewerTimeZone()}).
                {laterAt ? ` It goes out ${formatWhen(laterAt)}.` : ''}
              </Text>
            </>
          )}
        </fieldset>

        {reachWords && (
          <Text className={styles.reach} data-testid="announcement-reach">
            {reachWords}
          </Text>
        )}
        <div className={formStyles.buttons}>
          <SubmitButton saving={saving} busyLabel="Sending…" testId="announcement-send">
            {values.when === 'later' ? 'Schedule' : 'Send now'}
          </SubmitButton>
          <Button
            type="button"
            onClick={onCancel}
            disabled={saving}
            data-testid="announcement-discard"
          >
            Cancel
          </Button>
        </div>
      </form>

      <section className={styles.preview} aria-labelledby={`${idBase}-preview`}>
        <Text
          as="h4"
          size={400}
          weight="semibold"
          id={`${idBase}-preview`}
          className={styles.subheading}
        >
          Preview
        </Text>
        <Text size={200} className={styles.muted}>
          What people will see in their chat with the bot.
        </Text>
        <AnnouncementPreview
          cohortName={cohortName}
          title={values.title}
          text={values.text}
          link={link}
        />
      </section>
    </div>
  );
}
