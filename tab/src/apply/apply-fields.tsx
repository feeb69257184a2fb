import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import {
  APPLICATION_ARRANGEMENTS,
  APPLICATION_LIMITS,
  APPLICATION_ROLES,
  AVAILABILITY_SLOTS,
  AVAILABILITY_SLOT_WORDS,
  type ApplicationFormOptions,
  MEETING_MODES,
} from '../../../bot/src/contracts/applications';
import { useFormStyles } from '../shared/form-parts';
import type { ApplyField, ApplyValues } from './apply-values';
import { CheckGroup } from '../shared/check-group';

/** The fields of each step of the application, each with its problem beside it. */

const ROLE_WORDS: Record<string, string> = {
  mentor: 'Mentor: I share my experience with a more senior colleague',
  mentee: 'Mentee: I am the more senior colleague who wants to learn',
  either: 'Either: the programme team decides',
};
const ARRANGEMENT_WORDS: Record<string, string> = {
  reverse: 'Reverse: a more junior colleague mentors a more senior one',
  reciprocal: 'Reciprocal: we learn from each other',
  either: 'Either',
};
const MODE_WORDS: Record<string, string> = {
  online: 'Online (Teams)',
  'in-person': 'In person',
  either: 'Either',
};

export interface StepFieldsProps {
  values: ApplyValues;
  set: <K extends ApplyField>(field: K) => (value: ApplyValues[K]) => void;
  errors: Partial<Record<ApplyField, string>>;
  idOf: (field: ApplyField) => string;
  options: ApplicationFormOptions;
}

function Choice({
  field,
  label,
  choices,
  words,
  props,
}: {
  field: 'role' | 'arrangement' | 'band' | 'meetingMode';
  label: string;
  choices: readonly string[];
  words?: Record<string, string>;
  props: StepFieldsProps;
}) {
  const { values, set, errors, idOf } = props;
  return (
    <Field label={label} required validationMessage={errors[field]}>
      <Select
        id={idOf(field)}
        value={values[field]}
        onChange={(_, d) => set(field)(d.value)}
        data-testid={`apply-${field}`}
      >
        <option value="">Choose…</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {words?.[c] ?? c}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function TextField({
  field,
  label,
  hint,
  type = 'text',
  props,
}: {
  field: 'organisation' | 'directorate' | 'lineManagerName' | 'lineManagerEmail' | 'location';
  label: string;
  hint?: string;
  type?: 'text' | 'email';
  props: StepFieldsProps;
}) {
  const { values, set, errors, idOf } = props;
  return (
    <Field
      label={label}
      hint={hint}
      required={field !== 'location'}
      validationMessage={errors[field]}
    >
      <Input
        id={idOf(field)}
        type={type}
        value={values[field]}
        maxLength={type === 'email' ? APPLICATION_LIMITS.emailMax : APPLICATION_LIMITS.textMax}
        onChange={(_, d) => set(field)(d.value)}
        data-testid={`apply-${field}`}
      />
    </Field>
  );
}

export function AboutFields(props: StepFieldsProps) {
  const styles = useFormStyles();
  return (
    <>
      <div className={styles.row}>
        <Choice
          field="role"
          label="I would like to be"
          choices={APPLICATION_ROLES}
          words={ROLE_WORDS}
          props={props}
        />
        <Choice
          field="arrangement"
          label="Kind of mentoring"
          choices={APPLICATION_ARRANGEMENTS}
          words={ARRANGEMENT_WORDS}
          props={props}
        />
      </div>
      <Choice
        field="band"
        label="Your band or grade"
        choices={props.options.ladder}
        props={props}
      />
      <div className={styles.row}>
        <TextField field="organisation" label="Organisation" props={props} />
        <TextField field="directorate" label="Directorate or department" props={props} />
      </div>
      <div className={styles.row}>
        <TextField
          field="lineManagerName"
          label="Line manager's name"
          hint="They are asked only whether you can be released for the meetings."
          props={props}
        />
        <TextField
          field="lineManagerEmail"
          label="Line manager's email"
          type="email"
          props={props}
        />
      </div>
    </>
  );
}

export function PerspectiveFields({ values, set, errors, idOf, options }: StepFieldsProps) {
  return (
    <>
      <CheckGroup
        legend="Perspectives you can share"
        hint="Voluntary: choose any that describe your own experience, or none."
        options={options.perspectives}
        selected={values.perspectivesShared}
        onChange={set('perspectivesShared')}
        error={errors.perspectivesShared}
        firstId={idOf('perspectivesShared')}
        testId="apply-shared"
      />
      <CheckGroup
        legend="Perspectives you want to learn about"
        options={options.perspectives}
        selected={values.perspectivesWanted}
        onChange={set('perspectivesWanted')}
        error={errors.perspectivesWanted}
        firstId={idOf('perspectivesWanted')}
        testId="apply-wanted"
      />
    </>
  );
}

export function MeetingFields(props: StepFieldsProps) {
  const { values, set, errors, idOf } = props;
  const styles = useFormStyles();
  return (
    <>
      <div className={styles.row}>
        <Choice
          field="meetingMode"
          label="How you can meet"
          choices={MEETING_MODES}
          words={MODE_WORDS}
          props={props}
        />
        <TextField
          field="location"
          label="Where you work"
          hint="Needed if you meet in person: a site or town."
          props={props}
        />
      </div>
      <CheckGroup
        legend="When you are usually free"
        hint="Choose at least one morning or afternoon."
        options={AVAILABILITY_SLOTS}
        words={AVAILABILITY_SLOT_WORDS}
        selected={values.availability}
        onChange={set('availability')}
        error={errors.availability}
        firstId={idOf('availability')}
        testId="apply-availability"
      />
    </>
  );
}

export function NotesField({ values, set, errors, idOf }: StepFieldsProps) {
  return (
    <Field
      label="Anything the programme team should know"
      hint="Optional: adjustments, dates you are away, anything that helps."
      validationMessage={errors.notes}
    >
      <Textarea
        id={idOf('notes')}
        value={values.notes}
        maxLength={APPLICATION_LIMITS.notesMax}
        resize="vertical"
        onChange={(_, d) => set('notes')(d.value)}
        data-testid="apply-notes"
      />
    </Field>
  );
}
