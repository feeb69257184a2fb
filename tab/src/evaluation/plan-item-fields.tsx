import {
  Button,
  Checkbox,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ITEM_AUDIENCES, type SurveyKind } from '../../../bot/src/contracts/evaluation';
import { useFormStyles } from '../shared/form-parts';
import {
  AUDIENCE_WORDS,
  type ItemDraft,
  PLAN_LIMITS,
  type PlanErrors,
  itemField,
} from './plan-values';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** One item of a survey in the plan editor: its wording, who is asked, its scale or quote tick. */
export function PlanItemFields({
  kind,
  index,
  item,
  errors,
  onChange,
  onRemove,
  canRemove,
}: {
  kind: SurveyKind;
  index: number;
  item: ItemDraft;
  errors: PlanErrors;
  onChange: (next: ItemDraft) => void;
  onRemove: () => void;
  canRemove: boolean;
}) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const key = (name: string) => itemField(kind, index, name);
  const testId = `plan-${kind}-item-${index}`;
  const scaleError = (name: string) => errors[key(`scale.${name}`)] ?? errors[key(name)];
  return (
    <fieldset className={styles.item} data-testid={testId}>
      <legend className={styles.legend}>
        Question {index + 1} ({item.kind === 'scale' ? 'rating' : 'free text'})
      </legend>
      <Text size={200} className={styles.muted}>
        Id {item.id}
        {item.domain ? `, confidence domain ${item.domain.replace(/_/g, ' ')}` : ''}
      </Text>
      <Field label="Wording" validationMessage={errors[key('text')]}>
        <Input
          value={item.text}
          onChange={(_, d) => onChange({ ...item, text: d.value })}
          data-testid={`${testId}-text`}
        />
      </Field>
      <div className={formStyles.row}>
        <Field label="Asked of" validationMessage={errors[key('audience')]}>
          <Select
            value={item.audience}
            onChange={(_, d) => onChange({ ...item, audience: d.value as ItemDraft['audience'] })}
            data-testid={`${testId}-audience`}
          >
            {ITEM_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_WORDS[a]}
              </option>
            ))}
          </Select>
        </Field>
        {item.kind === 'scale' && (
          <>
            <Field
              label={`Lowest point (${PLAN_LIMITS.scaleFloor}–${PLAN_LIMITS.scaleCeiling})`}
              validationMessage={scaleError('min')}
            >
              <Input
                inputMode="numeric"
                value={item.min}
                onChange={(_, d) => onChange({ ...item, min: d.value })}
                data-testid={`${testId}-min`}
              />
            </Field>
            <Field
              label={`Highest point (${PLAN_LIMITS.scaleFloor}–${PLAN_LIMITS.scaleCeiling})`}
              validationMessage={scaleError('max')}
            >
              <Input
                inputMode="numeric"
                value={item.max}
                onChange={(_, d) => onChange({ ...item, max: d.value })}
                data-testid={`${testId}-max`}
              />
            </Field>
          </>
        )}
      </div>
      {item.kind === 'scale' ? (
        <div className={formStyles.row}>
          <Field label="Words for the lowest point" validationMessage={scaleError('minLabel')}>
            <Input
              value={item.minLabel}
              onChange={(_, d) => onChange({ ...item, minLabel: d.value })}
              data-testid={`${testId}-minLabel`}
            />
          </Field>
          <Field label="Words for the highest point" validationMessage={scaleError('maxLabel')}>
            <Input
              value={item.maxLabel}
              onChange={(_, d) => onChange({ ...item, maxLabel: d.value })}
              data-testid={`${testId}-maxLabel`}
            />
          </Field>
        </div>
      ) : (
        <Checkbox
          checked={item.asksQuoteConsent}
          label='Ask "may we quote this anonymously?"'
          onChange={(_, d) => onChange({ ...item, asksQuoteConsent: d.checked === true })}
          data-testid={`${testId}-quote`}
        />
      )}
      {(errors[key('id')] || errors[key('kind')]) && (
        <Text role="alert">{errors[key('id')] ?? errors[key('kind')]}</Text>
      )}
      <div>
        <Button
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={`Remove question ${index + 1}`}
          data-testid={`${testId}-remove`}
        >
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
