import {
  Button,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiRequestError } from '../app/api-client';
import {
  type CalendarEvent,
  EVENT_AUDIENCES,
  EVENT_LIMITS,
  EVENT_TYPES,
  EVENT_TYPE_WORDS,
  type EventAudience,
  type EventType,
} from '../../../bot/src/contracts/calendar';
import { RECIPROCAL_COUNT_NOTE, audienceLabel } from '../../../bot/src/contracts/audience-counts';
import type { CalendarApi } from './calendar-api';
import { AUDIENCE_CHOICES, viewerTimeZone } from './calendar-format';
import { EventConflict } from './event-conflict';
import {
  EMPTY,
  type EventFormValues,
  FIELD_ORDER,
  type FormField,
  TEST_IDS,
  checkEventForm,
  placeProblems,
  valuesFrom,
} from './event-form-values';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { useApiLoad } from '../shared/use-api-load';
import { useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
});

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
  // How many each audience invites today; the form works without it if it cannot load.
  const [countsLoad] = useApiLoad(() => api.audienceCounts(cohortId), [api, cohortId]);
  const counts = countsLoad.status === 'loaded' ? countsLoad.data : undefined;
  const chosenCount = counts?.[values.audience];
  // The heading names the event as it was when the form opened, even if someone renames it.
  const [editedTitle] = useState(event?.title);

  const set =
    <K extends FormField>(field: K) =>
    (value: EventFormValues[K]) =>
      setValues((v) => ({ ...v, [field]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = accept(checkEventForm(values));
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
            typeText: EVENT_TYPE_WORDS[value.type ?? event.type],
            capacity: value.capacity,
            etag: error.current.etag,
          };
          setEtag(fresh.etag);
          setLatest(fresh);
          onLatest?.(fresh);
        } else if (error instanceof ApiRequestError && error.status === 401 && onSignInExpired) {
          onSignInExpired();
        } else if (error instanceof ApiRequestError && error.fields.length > 0) {
          place(placeProblems(error.fields));
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
      {latest && <EventConflict latest={latest} onLoadLatest={loadLatest} />}
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
        <Field
          label="Who it is for"
          required
          validationMessage={errors.audience}
          hint={chosenCount && chosenCount.reciprocal > 0 ? RECIPROCAL_COUNT_NOTE : undefined}
        >
          <Select
            {...fieldProps('audience')}
            value={values.audience}
            onChange={(_, d) => set('audience')(d.value as EventAudience)}
          >
            {EVENT_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {audienceLabel(AUDIENCE_CHOICES[a], counts?.[a])}
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
          maxLength={EVENT_LIMITS.titleMax}
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
          maxLength={EVENT_LIMITS.descriptionMax}
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
          maxLength={EVENT_LIMITS.locationMax}
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
          min={EVENT_LIMITS.capacityMin}
          max={EVENT_LIMITS.capacityMax}
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
