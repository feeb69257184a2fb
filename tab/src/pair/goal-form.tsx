import { Button, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import {
  type GoalInput,
  type GoalStatus,
  JOURNEY_LIMITS,
} from '../../../bot/src/contracts/journey';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { checkGoal } from './pair-checks';
import { GOAL_STATUSES, describeGoalStatus } from './pair-format';
import { useFormSubmit } from '../shared/use-form-submit';

interface GoalFormProps {
  initial: GoalInput;
  submitLabel: string;
  /** Resolves true when saved (the dialog holding the form then closes), false to keep it open. */
  onSubmit: (goal: GoalInput) => Promise<boolean>;
  onCancel?: () => void;
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
  notice,
  testId,
}: GoalFormProps) {
  const styles = useFormStyles();
  const [values, setValues] = useState<GoalInput>(initial);
  const { errors, setErrors, problem, saving, save } = useFormSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = checkGoal(values);
    if (Object.keys(refused).length > 0) {
      setErrors(refused);
      return;
    }
    // Saved, the dialog holding the form closes; refused, every word typed stays.
    await save(async () => {
      await onSubmit(values);
    });
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      {notice}
      <FormProblem problem={problem} />
      <Field
        label="Goal"
        required
        validationMessage={errors.text}
        hint="What you want to get from your mentoring, in a sentence."
      >
        <Input
          value={values.text}
          onChange={(_, d) => setValues((v) => ({ ...v, text: d.value }))}
          maxLength={JOURNEY_LIMITS.goalText}
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
          maxLength={JOURNEY_LIMITS.goalNote}
          resize="vertical"
          data-testid="goal-note"
        />
      </Field>
      <div className={styles.buttons}>
        <SubmitButton saving={saving} testId="goal-save">
          {submitLabel}
        </SubmitButton>
        {onCancel && (
          <Button type="button" onClick={onCancel} disabled={saving} data-testid="goal-cancel">
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
