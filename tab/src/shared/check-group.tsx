import { Checkbox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useFieldsetStyles } from '../announcements/form/fieldset-styles';

const useStyles = makeStyles({
  options: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 240px), 1fr))',
    columnGap: tokens.spacingHorizontalM,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Several choices under one legend (a fieldset of checkboxes), with the group's problem below
 * it; the first box carries `firstId`, so focus can be put on the group.
 */
export function CheckGroup<T extends string>({
  legend,
  hint,
  options,
  words,
  selected,
  onChange,
  error,
  firstId,
  testId,
}: {
  legend: string;
  hint?: string;
  options: readonly T[];
  words?: Record<string, string>;
  selected: readonly string[];
  onChange: (next: T[]) => void;
  error?: string;
  firstId: string;
  testId: string;
}) {
  const styles = useStyles();
  const fieldset = useFieldsetStyles();
  const hintId = useId();
  const errorId = useId();
  const described = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const toggle = (option: T, on: boolean) =>
    onChange(options.filter((o) => (o === option ? on : selected.includes(o))));
  return (
    <fieldset
      className={fieldset.fieldset}
      aria-describedby={described || undefined}
      data-testid={testId}
    >
      <legend className={fieldset.legend}>{legend}</legend>
      {hint && (
        <Text id={hintId} size={200} className={fieldset.muted}>
          {hint}
        </Text>
      )}
      <div className={styles.options}>
        {options.map((option, i) => (
          <Checkbox
            key={option}
            // An id of undefined would replace the one that ties the box to its label.
            {...(i === 0 ? { id: firstId } : {})}
            label={words?.[option] ?? option}
            checked={selected.includes(option)}
            onChange={(_, d) => toggle(option, d.checked === true)}
            data-testid={`${testId}-${option}`}
          />
        ))}
      </div>
      {error && (
        <Text id={errorId} size={200} className={styles.error} data-testid={`${testId}-error`}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}
