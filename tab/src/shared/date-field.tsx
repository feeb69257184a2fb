import { Field } from '@fluentui/react-components';
import { DatePicker } from '@fluentui/react-datepicker-compat';
import { useState } from 'react';
import { useLocale } from './locale';
import {
  dateOfIso,
  datePattern,
  firstDayOfWeek,
  formatIsoDate,
  isoOfDate,
  parseLocalDate,
} from './local-dates';

interface DateFieldProps {
  label: string;
  /** yyyy-mm-dd, or '' for none. */
  value: string;
  /** Called with yyyy-mm-dd, or '' when the field is cleared or what was typed is no date. */
  onChange: (iso: string) => void;
  required?: boolean;
  /** The form's problem with the field (from its check or the API), shown below it. */
  validationMessage?: string;
  /** The earliest date the calendar offers, yyyy-mm-dd. */
  min?: string;
  testId: string;
}

/**
 * A date typed or picked (Fluent's date picker) in the person's locale, such as 07/03/2027 in
 * en-GB; the form gets yyyy-mm-dd, the wire's form. What cannot be read as a date is said next
 * to the field, in the locale's own pattern.
 */
export function DateField({
  label,
  value,
  onChange,
  required,
  validationMessage,
  min,
  testId,
}: DateFieldProps) {
  const locale = useLocale();
  const pattern = datePattern(locale);
  const [unreadable, setUnreadable] = useState(false);
  const example = formatIsoDate('2027-03-07', locale);
  // What was typed and could not be read says how to write it, before "choose a date".
  const problem = unreadable
    ? `Write the date as ${pattern.words}, like ${example}.`
    : validationMessage;

  return (
    <Field
      label={label}
      required={required}
      validationMessage={problem}
      hint={problem ? undefined : `${pattern.words}, like ${example}`}
    >
      <DatePicker
        allowTextInput
        value={dateOfIso(value) ?? null}
        minDate={min ? dateOfIso(min) : undefined}
        firstDayOfWeek={firstDayOfWeek(locale)}
        placeholder={pattern.words}
        formatDate={(date) => (date ? formatIsoDate(isoOfDate(date), locale) : '')}
        parseDateFromString={(text) => {
          const iso = parseLocalDate(text, locale);
          return iso ? (dateOfIso(iso) ?? null) : null;
        }}
        onSelectDate={(date) => {
          setUnreadable(false);
          onChange(date ? isoOfDate(date) : '');
        }}
        onValidationResult={(result) => {
          const bad = result.error === 'invalid-input';
          setUnreadable(bad);
          if (bad) onChange('');
        }}
        data-testid={testId}
      />
    </Field>
  );
}
