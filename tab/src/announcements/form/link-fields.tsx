import { Field, Input } from '@fluentui/react-components';
import { ANNOUNCEMENT_LIMITS } from '../../../../bot/src/contracts/announcements';
import { useFormStyles } from '../../shared/form-parts';
import type { FormErrors, FormField } from './announcement-checks';
import { useFieldsetStyles } from './fieldset-styles';

interface LinkFieldsProps {
  url: string;
  label: string;
  errors: FormErrors;
  idOf: (field: FormField) => string;
  onUrl: (value: string) => void;
  onLabel: (value: string) => void;
}

/** The optional link button: where it goes and what it says. */
export function LinkFields({ url, label, errors, idOf, onUrl, onLabel }: LinkFieldsProps) {
  const styles = useFieldsetStyles();
  const formStyles = useFormStyles();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Link button (optional)</legend>
      <div className={formStyles.row}>
        <Field label="Web address" validationMessage={errors.linkUrl} hint="Starting https://">
          <Input
            id={idOf('linkUrl')}
            type="url"
            inputMode="url"
            value={url}
            onChange={(_, d) => onUrl(d.value)}
            placeholder="https://"
            data-testid="announcement-link-url"
          />
        </Field>
        <Field
          label="Button text"
          validationMessage={errors.linkLabel}
          hint={`Up to ${ANNOUNCEMENT_LIMITS.linkLabel} characters; “Open link” when empty.`}
        >
          <Input
            id={idOf('linkLabel')}
            value={label}
            onChange={(_, d) => onLabel(d.value)}
            data-testid="announcement-link-label"
          />
        </Field>
      </div>
    </fieldset>
  );
}
