import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { SURVEY_KINDS, type SurveyKind } from '../../../bot/src/contracts/evaluation';
import type { EvaluationPlanDetail } from '../../../bot/src/contracts/evaluation-api';
import { ApiRequestError, type ApiClient } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { SectionCard } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { describeFailure } from '../shared/use-form-submit';
import { type EvaluationApi, evaluationApi } from './evaluation-api';
import { PlanItemFields } from './plan-item-fields';
import { PlanReadOnly } from './plan-read-only';
import {
  type ItemDraft,
  PLAN_LIMITS,
  PLAN_SURVEY_TITLES,
  type PlanErrors,
  type PlanValues,
  checkPlan,
  errorsFrom,
  newItem,
  valuesOf,
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

function SurveyFields({
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

function PlanForm({
  api,
  detail,
  onSaved,
  onReload,
}: {
  api: EvaluationApi;
  detail: EvaluationPlanDetail;
  onSaved: (saved: EvaluationPlanDetail) => void;
  onReload: () => void;
}) {
  const formStyles = useFormStyles();
  const [values, setValues] = useState<PlanValues>(() => valuesOf(detail.plan));
  const [errors, setErrors] = useState<PlanErrors>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [stale, setStale] = useState(false);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const changeSurvey = (kind: SurveyKind, items: ItemDraft[], openDays?: string) =>
    setValues((v) => ({
      ...v,
      surveys: {
        ...v.surveys,
        [kind]: { items, openDays: openDays ?? v.surveys[kind].openDays },
      },
    }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    setStatus('');
    const checked = checkPlan(values, detail.plan.version);
    setErrors(checked.errors);
    if (!checked.plan) {
      setProblem('Some questions need attention: each problem is shown beside its field.');
      return;
    }
    setSaving(true);
    try {
      const saved = await api.savePlan(detail.cohortId, checked.plan, detail.etag);
      onSaved(saved);
      setStatus(`Saved: this is version ${saved.plan.version} of the plan.`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.fields.length > 0) {
        setErrors(errorsFrom(error.fields));
        setProblem('Some questions need attention: each problem is shown beside its field.');
      } else if (error instanceof ApiRequestError && error.code === 'plan_locked') {
        onReload();
      } else if (error instanceof ApiRequestError && error.status === 412) {
        setStale(true);
        setProblem(
          'Someone else saved this plan since you opened it, so yours was not saved. Load the latest plan to carry on (your changes here will be replaced by theirs).',
        );
      } else {
        setProblem(describeFailure(error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className={formStyles.form} onSubmit={onSubmit} noValidate data-testid="plan-form">
      <FormProblem problem={problem} testId="plan-problem" />
      {stale && (
        <div>
          <Button onClick={onReload} data-testid="plan-reload">
            Load the latest plan
          </Button>
        </div>
      )}
      <Field
        label={`Smallest group any figure may cover (${PLAN_LIMITS.minGroupSizeFloor}–${PLAN_LIMITS.minGroupSizeCeiling})`}
        hint="Figures about fewer people are hidden, so no one can be picked out."
        validationMessage={errors.minGroupSize}
      >
        <Input
          inputMode="numeric"
          value={values.minGroupSize}
          onChange={(_, d) => setValues((v) => ({ ...v, minGroupSize: d.value }))}
          data-testid="plan-minGroupSize"
        />
      </Field>
      {SURVEY_KINDS.map((kind) => (
        <SurveyFields
          key={kind}
          kind={kind}
          values={values}
          errors={errors}
          onChange={changeSurvey}
        />
      ))}
      <div className={formStyles.buttons}>
        <SubmitButton saving={saving} testId="plan-save">
          Save the plan
        </SubmitButton>
      </div>
      <FormStatus status={status} testId="plan-status" />
    </form>
  );
}

/**
 * The "Survey plan" tab of a cohort: its three surveys and their questions, editable until the
 * cohort starts or anyone answers, then shown read-only with the reason.
 */
export function PlanSection({
  client,
  cohortId,
  active,
  onSignInExpired,
}: {
  client: ApiClient;
  cohortId: string;
  active: boolean;
  onSignInExpired?: () => void;
}) {
  const api = useMemo(() => evaluationApi(client), [client]);
  const [load, setLoad, retry] = useApiLoad(
    () => api.plan(cohortId),
    [api, cohortId],
    onSignInExpired,
    {
      enabled: active,
    },
  );
  const [formKey, setFormKey] = useState(0);
  const reload = () => {
    setFormKey((k) => k + 1);
    retry();
  };

  if (load.status === 'loading')
    return <Loading label="Loading the survey plan…" testId="plan-loading" />;
  if (load.status === 'failed') {
    return (
      <Problem
        title="We couldn't load the survey plan"
        message={load.error.message}
        onRetry={retry}
        testId="plan-error"
      />
    );
  }
  const detail = load.data;
  if (!detail.editable) return <PlanReadOnly plan={detail.plan} lockedBy={detail.lockedBy} />;
  return (
    <>
      <Text>
        Three surveys measure what the programme changes: one when each pair starts, a check-in at
        the mid-point, and one at the end that repeats the first one&apos;s ratings so answers pair
        up. You can change them until the cohort starts or anyone answers.
      </Text>
      <PlanForm
        key={formKey}
        api={api}
        detail={detail}
        onSaved={(saved) => setLoad({ status: 'loaded', data: saved })}
        onReload={reload}
      />
    </>
  );
}
