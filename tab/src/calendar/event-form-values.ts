import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import type {
  CalendarApi,
  CalendarEvent,
  EventAudience,
  EventInput,
  EventType,
} from './calendar-api';
import { EVENT_AUDIENCES, EVENT_TYPES, EVENT_TYPE_WORDS } from './calendar-api';
import {
  AUDIENCE_CHOICES,
  describeAudience,
  formatEventWhen,
  fromLocalInputs,
  toLocalInputs,
  viewerTimeZone,
} from './calendar-format';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  latest: { display: 'block', marginTop: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
});

/** The form's fields as typed: everything is text until it is sent. */
interface EventFormValues {
  type: EventType;
  title: string;
  description: string;
  audience: EventAudience;
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  capacity: string;
}

type FormField = keyof EventFormValues;
type FormErrors = Partial<Record<FormField, string>>;

/** Which form field shows each API field's problem. */
const API_FIELDS: Record<string, FormField> = {
  type: 'type',
  title: 'title',
  description: 'description',
  audience: 'audience',
  start: 'startTime',
  end: 'endTime',
  location: 'location',
  capacity: 'capacity',
};

/** The order fields appear in, so focus goes to the first one with a problem. */
const FIELD_ORDER: FormField[] = [
  'type',
  'title',
  'description',
  'audience',
  'date',
  'startTime',
  'endTime',
  'location',
  'capacity',
];

/** Testids of the inputs, which double as the ids we focus. */
const TEST_IDS: Record<FormField, string> = {
  type: 'event-type',
  title: 'event-title',
  description: 'event-description',
  audience: 'event-audience',
  date: 'event-date',
  startTime: 'event-start',
  endTime: 'event-end',
  location: 'event-location',
  capacity: 'event-capacity',
};

function valuesFrom(event: Omit<CalendarEvent, 'going' | 'myResponse' | 'etag'>): EventFormValues {
  const start = toLocalInputs(event.start);
  const end = toLocalInputs(event.end);
  return {
    type: event.type,
    title: event.title,
    description: event.description ?? '',
    audience: event.audience,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    location: event.location ?? '',
    capacity: event.capacity === undefined || event.capacity === null ? '' : String(event.capacity),
  };
}

const EMPTY: EventFormValues = {
  type: 'induction',
  title: '',
  description: '',
  audience: 'everyone',
  date: '',
  startTime: '',
  endTime: '',
  location: '',
  capacity: '',
};

/** Checks what we can before sending; the API checks again. */
function check(values: EventFormValues): { errors: FormErrors; input?: EventInput } {
  const errors: FormErrors = {};
  const title = values.title.trim();
  if (title === '') errors.title = 'Write a title people will recognise.';
  else if (title.length < 3) errors.title = 'The title needs at least 3 characters.';
  if (values.date === '') errors.date = 'Choose the date of the event.';
  if (values.startTime === '') errors.startTime = 'Choose the start time.';
  if (values.endTime === '') errors.endTime = 'Choose the end time.';
  const start = fromLocalInputs(values.date, values.startTime);
  // The event ends on the day it starts; an end time before the start is refused.
  const end = start ? fromLocalInputs(values.date, values.endTime) : undefined;
  if (values.date !== '' && values.startTime !== '' && !start) {
    errors.startTime = 'Enter the start time as hours and minutes, like 14:00.';
  }
  if (start && end && Date.parse(end) <= Date.parse(start)) {
    errors.endTime = 'The end time must be after the start time.';
  }
  let capacity: number | undefined;
  const places = values.capacity.trim();
  if (places !== '') {
    capacity = Number(places);
    if (!/^\d+$/.test(places) || capacity < 1 || capacity > 10000) {
      errors.capacity = 'Write a whole number from 1 to 10000, or leave it empty for no limit.';
    }
  }
  if (Object.keys(errors).length > 0 || !start || !end) return { errors };
  return {
    errors,
    input: {
      type: values.type,
      title,
      description: values.description.trim(),
      audience: values.audience,
      start,
      end,
      location: values.location.trim(),
      ...(capacity !== undefined ? { capacity } : {}),
    },
  };
}

/** The API's words, made into a sentence next to the field. */
function apiFieldErrors(error: ApiRequestError): { errors: FormErrors; unplaced: string[] } {
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const field = API_FIELDS[f.field];
    const message = f.message.trim();
    if (!field) {
      unplaced.push(`${f.field}: ${message}`);
      continue;
    }
    if (field === 'endTime' && /after start/.test(message)) {
      errors.endTime = 'The end time must be after the start time.';
    } else {
      errors[field] = /^(is|must)\b/.test(message) ? `This ${message}.` : message;
    }
  }
  return { errors, unplaced };
}

interface EventFormProps {
  api: CalendarApi;
  cohortId: string;
  /** The event being edited; a new event when undefined. */
  event?: CalendarEvent;
  /** Called with the saved event (the API's answer). */
  onSaved: (event: CalendarEvent) => void;
  /** Called when a save found someone else's newer version, so the list can show it. */
  onLatest?: (event: CalendarEvent) => void;
  onCancel: () => void;
  /** h3 for a new event at the top of the calendar, h4 when it replaces an event in a month. */
  headingLevel?: 'h3' | 'h4';
  onSignInExpired?: () => void;
}

/** A coordinator's form for a new event or an edit, with each problem next to its field. */
export function EventForm({
  api,
  cohortId,
  event,
  onSaved,
  onLatest,
  onCancel,
  headingLevel = 'h3',
  onSignInExpired,
}: EventFormProps) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const headingId = useId();
  const idBase = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<EventFormValues>(() =>
    event ? valuesFrom(event) : { ...EMPTY },
  );
  const [etag, setEtag] = useState(event?.etag);
  const idOf = (field: FormField) => `${idBase}-${TEST_IDS[field]}`;
  const { errors, setErrors, problem, saving, save, fail, accept, place } = useFormSubmit({
    order: FIELD_ORDER,
    idOf,
  });
  const [latest, setLatest] = useState<CalendarEvent | undefined>();
  // The heading names the event as it was when the form opened, even if someone renames it.
  const [editedTitle] = useState(event?.title);

  const set =
    <K extends FormField>(field: K) =>
    (value: EventFormValues[K]) =>
      setValues((v) => ({ ...v, [field]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = accept(check(values));
    if (!input) return;
    await save(
      async () => {
        const saved =
          event && etag
            ? await api.updateEvent(cohortId, event.id, etag, input)
            : await api.createEvent(cohortId, input);
        onSaved(saved);
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 412 && error.current && event) {
          const value = error.current.value as Partial<CalendarEvent>;
          const fresh: CalendarEvent = {
            ...event,
            ...value,
            id: event.id,
            typeText: undefined,
            capacity: value.capacity,
            etag: error.current.etag,
          };
          setEtag(fresh.etag);
          setLatest(fresh);
          onLatest?.(fresh);
        } else if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
          onSignInExpired();
        } else if (error instanceof ApiRequestError && error.fields.length > 0) {
          place(apiFieldErrors(error));
        } else {
          fail(error);
        }
      },
    );
  }

  function loadLatest() {
    if (!latest) return;
    setValues(valuesFrom(latest));
    setErrors({});
    setLatest(undefined);
    headingRef.current?.focus();
  }

  const heading = editedTitle ? `Edit ${editedTitle}` : 'New event';
  const fieldProps = (field: FormField) => ({
    id: idOf(field),
    'data-testid': TEST_IDS[field],
  });

  return (
    <form
      className={formStyles.form}
      onSubmit={(e) => void submit(e)}
      aria-labelledby={headingId}
      data-testid="event-form"
      noValidate
    >
      <FocusHeading as={headingLevel} id={headingId} headingRef={headingRef}>
        {heading}
      </FocusHeading>
      <Text className={styles.muted}>
        Times are in your time zone ({viewerTimeZone()}). Everyone sees them in their own.
      </Text>
      {latest && (
        <MessageBar intent="warning" layout="multiline" data-testid="event-conflict">
          <MessageBarBody>
            <MessageBarTitle>Someone else changed this event a moment ago.</MessageBarTitle>
            Your changes are still in the form and nothing of yours was saved. Save your version to
            replace theirs, or load their version.
            <span className={styles.latest} data-testid="event-conflict-latest">
              <strong>Their version:</strong> {latest.title},{' '}
              {formatEventWhen(latest.start, latest.end)},{' '}
              {describeAudience(latest.audience).toLowerCase()}
              {latest.location ? `, ${latest.location}` : ''}
            </span>
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={loadLatest} data-testid="event-load-latest">
              Load their version
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <FormProblem
        problem={problem}
        title="We couldn't save the event"
        testId="event-form-problem"
      />
      <div className={formStyles.row}>
        <Field label="Type of event" required validationMessage={errors.type}>
          <Select
            {...fieldProps('type')}
            value={values.type}
            onChange={(_, d) => set('type')(d.value as EventType)}
          >
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {EVENT_TYPE_WORDS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Who it is for" required validationMessage={errors.audience}>
          <Select
            {...fieldProps('audience')}
            value={values.audience}
            onChange={(_, d) => set('audience')(d.value as EventAudience)}
          >
            {EVENT_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_CHOICES[a]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Title" required validationMessage={errors.title}>
        <Input
          {...fieldProps('title')}
          value={values.title}
          onChange={(_, d) => set('title')(d.value)}
          maxLength={140}
        />
      </Field>
      <Field
        label="Description (optional)"
        validationMessage={errors.description}
        hint="What the session is for and anything to prepare."
      >
        <Textarea
          {...fieldProps('description')}
          value={values.description}
          onChange={(_, d) => set('description')(d.value)}
          maxLength={4000}
          resize="vertical"
        />
      </Field>
      <div className={formStyles.row}>
        <Field label="Date" required validationMessage={errors.date}>
          <Input
            {...fieldProps('date')}
            type="date"
            value={values.date}
            onChange={(_, d) => set('date')(d.value)}
          />
        </Field>
        <Field label="Start time" required validationMessage={errors.startTime}>
          <Input
            {...fieldProps('startTime')}
            type="time"
            value={values.startTime}
            onChange={(_, d) => set('startTime')(d.value)}
          />
        </Field>
        <Field label="End time" required validationMessage={errors.endTime}>
          <Input
            {...fieldProps('endTime')}
            type="time"
            value={values.endTime}
            onChange={(_, d) => set('endTime')(d.value)}
          />
        </Field>
      </div>
      <Field
        label="Teams meeting link or place (optional)"
        validationMessage={errors.location}
        hint="Paste the Teams meeting link, or write where to go, like Room 4, Education Centre."
      >
        <Input
          {...fieldProps('location')}
          value={values.location}
          onChange={(_, d) => set('location')(d.value)}
          maxLength={500}
        />
      </Field>
      <Field
        label="Places (optional)"
        validationMessage={errors.capacity}
        hint="Leave empty when there is no limit."
      >
        <Input
          {...fieldProps('capacity')}
          type="number"
          inputMode="numeric"
          min={1}
          max={10000}
          step={1}
          value={values.capacity}
          onChange={(_, d) => set('capacity')(d.value)}
        />
      </Field>
      <div className={formStyles.buttons}>
        <SubmitButton saving={saving} testId="event-save">
          {latest ? 'Save my version' : event ? 'Save changes' : 'Add event'}
        </SubmitButton>
        <Button type="button" onClick={onCancel} disabled={saving} data-testid="event-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
