import {
  type CalendarEvent,
  EVENT_LIMITS,
  type EventAudience,
  type EventInput,
  type EventType,
  eventInputSchema,
} from '../../../bot/src/contracts/calendar';
import type { FieldProblem } from '../../../bot/src/contracts/field-problem';
import { problemsOf } from '../../../bot/src/contracts/field-problem';
import { fromLocalInputs, toLocalInputs } from './calendar-format';

/** The form's fields as typed: everything is text until it is sent. */
export interface EventFormValues {
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

export type FormField = keyof EventFormValues;
export type FormErrors = Partial<Record<FormField, string>>;

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
export const FIELD_ORDER: FormField[] = [
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
export const TEST_IDS: Record<FormField, string> = {
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

export function valuesFrom(
  event: Omit<CalendarEvent, 'going' | 'myResponse' | 'etag'>,
): EventFormValues {
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

export const EMPTY: EventFormValues = {
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

/**
 * Checks what we can before sending, with the API's own schema and limits (the contract), and
 * says each problem in words next to its field; the API checks again.
 */
export function checkEventForm(values: EventFormValues): {
  errors: FormErrors;
  input?: EventInput;
} {
  const errors: FormErrors = {};
  const title = values.title.trim();
  if (title === '') errors.title = 'Write a title people will recognise.';
  else if (title.length < EVENT_LIMITS.titleMin) {
    errors.title = `The title needs at least ${EVENT_LIMITS.titleMin} characters.`;
  }
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
    const { capacityMin, capacityMax } = EVENT_LIMITS;
    if (!/^\d+$/.test(places) || capacity < capacityMin || capacity > capacityMax) {
      errors.capacity = `Write a whole number from ${capacityMin} to ${capacityMax}, or leave it empty for no limit.`;
    }
  }
  if (Object.keys(errors).length > 0 || !start || !end) return { errors };
  const input: EventInput = {
    type: values.type,
    title,
    description: values.description.trim(),
    audience: values.audience,
    start,
    end,
    location: values.location.trim(),
    ...(capacity !== undefined ? { capacity } : {}),
  };
  // Whatever the friendlier checks above did not catch (a description or place over its
  // limit), the API's schema does, in the same words the API would answer.
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) {
    const placed = placeProblems(problemsOf(parsed.error)).errors;
    if (Object.keys(placed).length > 0) return { errors: placed };
  }
  return { errors, input };
}

/** The API's words, made into a sentence next to the field. */
export function placeProblems(problems: readonly FieldProblem[]): {
  errors: FormErrors;
  unplaced: string[];
} {
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const f of problems) {
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
