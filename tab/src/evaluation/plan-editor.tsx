import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { SURVEY_KINDS, type SurveyKind } from '../../../bot/src/contracts/evaluation';
import type { EvaluationPlanDetail } from '../../../bot/src/contracts/evaluation-api';
import { ApiRequestError, type ApiClient } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { describeFailure } from '../shared/use-form-submit';
import { type EvaluationApi, evaluationApi } from './evaluation-api';
import { SurveyFields } from './plan-survey-fields';
import { PlanReadOnly } from './plan-read-only';
import {
  type ItemDraft,
  PLAN_LIMITS,
  type PlanErrors,
  type PlanValues,
  checkPlan,
  errorsFrom,
  valuesOf,
} from './plan-values';

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
  const formRef = useRef<HTMLFormElement>(null);
  // Bumped by a refused save: the first problem (a field, a survey's list, or the form's own) is
  // brought to the person, as the form is long and "Save" is at its foot.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused === 0) return;
    const form = formRef.current;
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else {
      const near = form?.querySelector(
        '[data-testid$="-items-error"], [data-testid="plan-problem"]',
      );
      near?.scrollIntoView({ block: 'center' });
    }
  }, [refused]);

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
      setRefused((n) => n + 1);
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
      setRefused((n) => n + 1);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      noValidate
      data-testid="plan-form"
    >
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
