import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SurveyKind } from '../../../bot/src/contracts/evaluation';
import { useFormStyles } from '../shared/form-parts';
import { SectionCard } from '../shared/section-card';
import { PlanItemFields } from './plan-item-fields';
import {
  type ItemDraft,
  PLAN_LIMITS,
  PLAN_SURVEY_TITLES,
  type PlanErrors,
  type PlanValues,
  newItem,
} from './plan-values';

const useStyles = makeStyles({
  items: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  listError: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** One survey of the plan in the editor: its days open and its questions, to add or remove. */
export function SurveyFields({
  kind,
  values,
  errors,
  onChange,
}: {
  kind: SurveyKind;
  values: PlanValues;
  errors: PlanErrors;
  onChange: (kind: SurveyKind, items: ItemDraft[], openDays?: string) => void;
}) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const survey = values.surveys[kind];
  const full = survey.items.length >= PLAN_LIMITS.itemsPerSurvey;
  const listError = errors[`surveys.${kind}.items`];
  return (
    <SectionCard title={PLAN_SURVEY_TITLES[kind]} testId={`plan-${kind}`}>
      <Field
        label={`Days open once sent (${PLAN_LIMITS.surveyOpenDaysMin}–${PLAN_LIMITS.surveyOpenDaysMax})`}
        validationMessage={errors[`surveys.${kind}.openDays`]}
      >
        <Input
          inputMode="numeric"
          value={survey.openDays}
          onChange={(_, d) => onChange(kind, survey.items, d.value)}
          data-testid={`plan-${kind}-openDays`}
        />
      </Field>
      <ol className={styles.items}>
        {survey.items.map((item, index) => (
          <li key={item.key}>
            <PlanItemFields
              kind={kind}
              index={index}
              item={item}
              errors={errors}
              canRemove={survey.items.length > 1}
              onChange={(next) =>
                onChange(
                  kind,
                  survey.items.map((i) => (i.key === item.key ? next : i)),
                )
              }
              onRemove={() =>
                onChange(
                  kind,
                  survey.items.filter((i) => i.key !== item.key),
                )
              }
            />
          </li>
        ))}
      </ol>
      {listError && (
        <Text role="alert" className={styles.listError} data-testid={`plan-${kind}-items-error`}>
          {listError}
        </Text>
      )}
      <div className={formStyles.buttons}>
        <Button
          disabled={full}
          onClick={() => onChange(kind, [...survey.items, newItem('scale', survey.items)])}
          data-testid={`plan-${kind}-add-scale`}
        >
          Add a rating question
        </Button>
        <Button
          disabled={full}
          onClick={() => onChange(kind, [...survey.items, newItem('text', survey.items)])}
          data-testid={`plan-${kind}-add-text`}
        >
          Add a free-text question
        </Button>
      </div>
      {full && (
        <Text className={styles.muted}>
          A survey holds at most {PLAN_LIMITS.itemsPerSurvey} questions.
        </Text>
      )}
    </SectionCard>
  );
}
