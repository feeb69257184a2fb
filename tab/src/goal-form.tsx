import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ApiRequestError } from './api-client';
import type { GoalInput, GoalStatus } from './api-types';
import { GOAL_STATUSES, describeGoalStatus } from './pair-format';

export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    '> *': { flexGrow: 1, flexBasis: '200px', minWidth: 0 },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export type FieldErrors = Record<string, string>;

/** Sentence-cases the API's field message: 'is required' → 'This is required'. */
export function fieldErrorsFrom(error: ApiRequestError): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of error.fields) {
    const message = f.message.trim();
    errors[f.field] = /^(is|must)\b/.test(message) ? `This ${message}.` : message;
  }
  return errors;
}

export function describeFailure(error: unknown): string {
  return error instanceof ApiRequestError
    ? error.message
    : 'Something went wrong. Your text is kept; try again in a minute.';
}

interface GoalFormProps {
  initial: GoalInput;
  submitLabel: string;
  /** Resolves true when saved (the form then clears or closes), false to keep the form as is. */
  onSubmit: (goal: GoalInput) => Promise<boolean>;
  onCancel?: () => void;
  /** Cleared after a save when adding, so the next goal starts empty. */
  clearAfterSave?: boolean;
  /** Shown above the fields, such as the "changed a moment ago" notice. */
  notice?: ReactNode;
  testId: string;
}

/** Text, status and note of a goal, with the API's refusals next to each field. */
export function GoalForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  clearAfterSave,
  notice,
  testId,
}: GoalFormProps) {
  const styles = useFormStyles();
  const [values, setValues] = useState<GoalInput>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (values.text.trim() === '') {
      setErrors({ text: 'Write the goal before saving.' });
      return;
    }
    setSaving(true);
    setErrors({});
    setProblem(undefined);
    try {
      const saved = await onSubmit(values);
      if (saved && clearAfterSave) setValues(initial);
    } catch (error) {
      if (error instanceof ApiRequestError && error.fields.length > 0) {
        setErrors(fieldErrorsFrom(error));
      } else {
        setProblem(describeFailure(error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      {notice}
      {problem && (
        <MessageBar intent="error" data-testid="form-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Field
        label="Goal"
        required
        validationMessage={errors.text}
        hint="What you want to get from your mentoring, in a sentence."
      >
        <Input
          value={values.text}
          onChange={(_, d) => setValues((v) => ({ ...v, text: d.value }))}
          maxLength={500}
          data-testid="goal-text"
        />
      </Field>
      <div className={styles.row}>
        <Field label="Progress" validationMessage={errors.status}>
          <Select
            value={values.status}
            onChange={(_, d) => setValues((v) => ({ ...v, status: d.value as GoalStatus }))}
            data-testid="goal-status"
          >
            {GOAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {describeGoalStatus(s)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Note (optional)" validationMessage={errors.note}>
        <Textarea
          value={values.note}
          onChange={(_, d) => setValues((v) => ({ ...v, note: d.value }))}
          maxLength={2000}
          resize="vertical"
          data-testid="goal-note"
        />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={saving} data-testid="goal-save">
          {saving ? 'Saving…' : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" onClick={onCancel} disabled={saving} data-testid="goal-cancel">
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
