import { Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { fromLocalInputs, viewerTimeZone } from '../../calendar/calendar-format';
import { useFormStyles } from '../../shared/form-parts';
import { formatWhen } from '../announcement-words';
import type { AnnouncementValues, FormErrors, FormField } from './announcement-checks';
import { useFieldsetStyles } from './fieldset-styles';

interface SendTimeFieldsProps {
  when: AnnouncementValues['when'];
  date: string;
  time: string;
  errors: FormErrors;
  idOf: (field: FormField) => string;
  onWhen: (value: AnnouncementValues['when']) => void;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
}

/** Now, or a day and time in the coordinator's own time zone. */
export function SendTimeFields({
  when,
  date,
  time,
  errors,
  idOf,
  onWhen,
  onDate,
  onTime,
}: SendTimeFieldsProps) {
  const styles = useFieldsetStyles();
  const formStyles = useFormStyles();
  const laterAt = when === 'later' ? fromLocalInputs(date, time) : undefined;
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>When to send it</legend>
      <RadioGroup
        value={when}
        onChange={(_, d) => onWhen(d.value as AnnouncementValues['when'])}
        layout="horizontal"
        aria-label="When to send it"
        data-testid="announcement-when"
      >
        <Radio value="now" label="Send now" data-testid="announcement-when-now" />
        <Radio value="later" label="Send later" data-testid="announcement-when-later" />
      </RadioGroup>
      {when === 'later' && (
        <>
          <div className={formStyles.row}>
            <Field label="Date" required validationMessage={errors.date}>
              <Input
                id={idOf('date')}
                type="date"
                value={date}
                onChange={(_, d) => onDate(d.value)}
                data-testid="announcement-date"
              />
            </Field>
            <Field label="Time" required validationMessage={errors.time}>
              <Input
                id={idOf('time')}
                type="time"
                value={time}
                onChange={(_, d) => onTime(d.value)}
                data-testid="announcement-time"
              />
            </Field>
          </div>
          <Text size={200} className={styles.muted}>
            In your time zone ({viewerTimeZone()}).
            {laterAt ? ` It goes out ${formatWhen(laterAt)}.` : ''}
          </Text>
        </>
      )}
    </fieldset>
  );
}
