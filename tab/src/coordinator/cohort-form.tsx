import { Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { ZodType } from 'zod';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import { ARRANGEMENTS } from '../../../bot/src/contracts/cohorts';
import { WEEKDAYS, WEEKDAY_WORDS } from '../../../bot/src/contracts/cohort-settings';
import { fromUkDate, toUkDate } from '../shared/uk-date';

/** The cohort form's values, as typed. */
export interface CohortValues {
  name: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  startHour: string;
  endHour: string;
  days: number[];
  frequency: string;
  plannedMeetings: string;
  minimumMeetings: string;
  minimumMinutes: string;
  arrangements: string[];
}

export type CohortErrors = Record<string, string>;

export const NEW_COHORT_VALUES: CohortValues = {
  name: '',
  startDate: '',
  endDate: '',
  timeZone: 'Europe/London',
  startHour: '9',
  endHour: '17',
  days: [1, 2, 3, 4, 5],
  frequency: 'monthly',
  plannedMeetings: '6',
  minimumMeetings: '3',
  minimumMinutes: '60',
  arrangements: ['reverse', 'reciprocal'],
};

export function valuesOf(c: CohortSummary): CohortValues {
  return {
    name: c.name,
    startDate: toUkDate(c.startDate),
    endDate: toUkDate(c.endDate),
    timeZone: c.timeZone,
    startHour: String(c.workingHours.startHour),
    endHour: String(c.workingHours.endHour),
    days: [...c.workingHours.days],
    frequency: c.cadence.frequency,
    plannedMeetings: String(c.cadence.plannedMeetings),
    minimumMeetings: String(c.cadence.minimumMeetings),
    minimumMinutes: String(c.cadence.minimumMinutes),
    arrangements: [...c.arrangements],
  };
}

const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The body the API takes, from what was typed. */
export function bodyOf(v: CohortValues) {
  return {
    name: v.name,
    startDate: fromUkDate(v.startDate),
    endDate: fromUkDate(v.endDate),
    timeZone: v.timeZone,
    workingHours: { startHour: num(v.startHour), endHour: num(v.endHour), days: v.days },
    cadence: {
      frequency: v.frequency,
      plannedMeetings: num(v.plannedMeetings),
      minimumMeetings: num(v.minimumMeetings),
      minimumMinutes: num(v.minimumMinutes),
    },
    arrangements: v.arrangements,
  };
}

const sentence = (message: string) =>
  /^(is|must)\b/.test(message)
    ? `This ${message}.`
    : message.charAt(0).toUpperCase() + message.slice(1);

/** Checks the values with the contract's schema: each problem by field, or what to send. */
export function checkCohort<T>(
  schema: ZodType<T>,
  v: CohortValues,
): { errors: CohortErrors; input?: T } {
  const parsed = schema.safeParse(bodyOf(v));
  if (parsed.success) return { errors: {}, input: parsed.data };
  const errors: CohortErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    errors[field] ??=
      field.endsWith('Date') && /real date/.test(issue.message)
        ? 'Write the date as dd/mm/yyyy, e.g. 03/04/2027.'
        : sentence(issue.message);
  }
  return { errors };
}

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    '> *': { flexGrow: 1, flexBasis: '160px', minWidth: 0 },
  },
  checks: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

const HOURS = Array.from({ length: 25 }, (_, h) => h);
const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** The cohort's fields (create and edit), each with its problem beside it. */
export function CohortFields({
  values,
  errors,
  onChange,
}: {
  values: CohortValues;
  errors: CohortErrors;
  onChange: (next: CohortValues) => void;
}) {
  const styles = useStyles();
  const set = (change: Partial<CohortValues>) => onChange({ ...values, ...change });
  const problem = (field: string) =>
    errors[field] ? { validationMessage: errors[field], validationState: 'error' as const } : {};
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  return (
    <div className={styles.fields} data-testid="cohort-fields">
      <Field label="Name" required {...problem('name')}>
        <Input
          value={values.name}
          onChange={(_e, d) => set({ name: d.value })}
          data-testid="cohort-name"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Starts (dd/mm/yyyy)" required {...problem('startDate')}>
          <Input
            value={values.startDate}
            placeholder="dd/mm/yyyy"
            onChange={(_e, d) => set({ startDate: d.value })}
            data-testid="cohort-start"
          />
        </Field>
        <Field label="Ends (dd/mm/yyyy)" required {...problem('endDate')}>
          <Input
            value={values.endDate}
            placeholder="dd/mm/yyyy"
            onChange={(_e, d) => set({ endDate: d.value })}
            data-testid="cohort-end"
          />
        </Field>
      </div>
      <Field
        label="Time zone"
        hint="An IANA time zone, such as Europe/London"
        required
        {...problem('timeZone')}
      >
        <Input
          value={values.timeZone}
          onChange={(_e, d) => set({ timeZone: d.value })}
          data-testid="cohort-time-zone"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Messages from" {...problem('workingHours.startHour')}>
          <Select
            value={values.startHour}
            onChange={(_e, d) => set({ startHour: d.value })}
            data-testid="cohort-start-hour"
          >
            {HOURS.slice(0, 24).map((h) => (
              <option key={h} value={h}>
                {hourText(h)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Messages until" {...problem('workingHours.endHour')}>
          <Select
            value={values.endHour}
            onChange={(_e, d) => set({ endHour: d.value })}
            data-testid="cohort-end-hour"
          >
            {HOURS.slice(1).map((h) => (
              <option key={h} value={h}>
                {hourText(h)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Working days" {...problem('workingHours.days')}>
        <div className={styles.checks} role="group" aria-label="Working days">
          {WEEKDAYS.map((d) => (
            <Checkbox
              key={d}
              label={WEEKDAY_WORDS[d]}
              checked={values.days.includes(d)}
              onChange={(_e, data) => set({ days: toggle(values.days, d, Boolean(data.checked)) })}
            />
          ))}
        </div>
      </Field>
      <div className={styles.row}>
        <Field label="Pairs meet" {...problem('cadence.frequency')}>
          <Select value={values.frequency} onChange={(_e, d) => set({ frequency: d.value })}>
            <option value="monthly">Monthly</option>
            <option value="fortnightly">Fortnightly</option>
          </Select>
        </Field>
        <Field label="Meetings planned" {...problem('cadence.plannedMeetings')}>
          <Input
            type="number"
            value={values.plannedMeetings}
            onChange={(_e, d) => set({ plannedMeetings: d.value })}
            data-testid="cohort-planned"
          />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Fewest meetings to complete" {...problem('cadence.minimumMeetings')}>
          <Input
            type="number"
            value={values.minimumMeetings}
            onChange={(_e, d) => set({ minimumMeetings: d.value })}
            data-testid="cohort-minimum"
          />
        </Field>
        <Field
          label="Shortest meeting that counts (minutes)"
          {...problem('cadence.minimumMinutes')}
        >
          <Input
            type="number"
            value={values.minimumMinutes}
            onChange={(_e, d) => set({ minimumMinutes: d.value })}
            data-testid="cohort-minutes"
          />
        </Field>
      </div>
      <Field label="Arrangements offered" {...problem('arrangements')}>
        <div className={styles.checks} role="group" aria-label="Arrangements offered">
          {ARRANGEMENTS.map((a) => (
            <Checkbox
              key={a}
              label={a === 'reverse' ? 'Reverse' : 'Reciprocal'}
              checked={values.arrangements.includes(a)}
              onChange={(_e, data) =>
                set({ arrangements: toggle(values.arrangements, a, Boolean(data.checked)) })
              }
              data-testid={`cohort-arrangement-${a}`}
            />
          ))}
        </div>
      </Field>
    </div>
  );
}
