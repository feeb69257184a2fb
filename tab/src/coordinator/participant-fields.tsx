/** A participant's details as a form: fields, the check before sending, the API's problems. */
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { ZodType } from 'zod';
import { ApiRequestError } from '../app/api-client';

export type Errors = Record<string, string>;

export interface Details {
  displayName: string;
  email: string;
  jobTitle: string;
  organisation: string;
  band: string;
  role: string;
}

export const EMPTY: Details = {
  displayName: '',
  email: '',
  jobTitle: '',
  organisation: '',
  band: '',
  role: 'mentor',
};

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

export const sentence = (m: string) =>
  /^(is|must)\b/.test(m) ? `This ${m}.` : m.charAt(0).toUpperCase() + m.slice(1);

export function check<T>(schema: ZodType<T>, body: object): { errors: Errors; input?: T } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { errors: {} as Errors, input: parsed.data };
  const errors: Errors = {};
  for (const i of parsed.error.issues) errors[i.path.join('.')] ??= sentence(i.message);
  return { errors };
}

export function placeFields(error: unknown, setErrors: (e: Errors) => void): boolean {
  if (!(error instanceof ApiRequestError) || error.fields.length === 0) return false;
  setErrors(Object.fromEntries(error.fields.map((f) => [f.field, sentence(f.message)])));
  return true;
}

export function DetailFields({
  values,
  errors,
  onChange,
  withRole,
}: {
  values: Details;
  errors: Errors;
  onChange: (v: Details) => void;
  withRole: boolean;
}) {
  const styles = useStyles();
  const field = (name: keyof Details, label: string, required = false) => (
    <Field
      label={label}
      required={required}
      validationMessage={errors[name]}
      validationState={errors[name] ? 'error' : 'none'}
    >
      <Input
        value={values[name]}
        onChange={(_e, d) => onChange({ ...values, [name]: d.value })}
        data-testid={`person-${name}`}
      />
    </Field>
  );
  return (
    <div className={styles.fields}>
      {field('displayName', 'Name', true)}
      {field('email', 'Work email', true)}
      {withRole && (
        <Field
          label="Takes part as"
          validationMessage={errors.role}
          validationState={errors.role ? 'error' : 'none'}
        >
          <Select
            value={values.role}
            onChange={(_e, d) => onChange({ ...values, role: d.value })}
            data-testid="person-role"
          >
            <option value="mentor">Mentor</option>
            <option value="mentee">Mentee</option>
          </Select>
        </Field>
      )}
      {field('jobTitle', 'Job title')}
      {field('organisation', 'Organisation')}
      {field('band', 'Band or grade')}
    </div>
  );
}
