import {
  Button,
  Checkbox,
  Field,
  Link,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import {
  APPLICATION_CONSENT,
  type MyApplication,
  type MySensitiveAnswers,
} from '../../../bot/src/contracts/applications';
import { PRIVACY_NOTICE_QUERY } from '../../../bot/src/contracts/privacy';
import { ApiRequestError } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { describeFailure, useFormSubmit } from '../shared/use-form-submit';
import { FocusHeading } from '../shared/view-header';
import type { ApplyApi } from './apply-api';
import { AboutFields, MeetingFields, NotesField, PerspectiveFields } from './apply-fields';
import {
  type ApplyField,
  type ApplyStep,
  type ApplyValues,
  FIELD_ORDER,
  STEPS,
  STEP_FIELDS,
  STEP_TITLES,
  checkSteps,
  draftOf,
  placeProblems,
  resumeStep,
  valuesFrom,
} from './apply-values';
import { SensitiveStep } from './sensitive-step';

const useStyles = makeStyles({
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  step: {
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
  },
  consent: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

const CONFLICT =
  'Your application was changed in another window. We have loaded the latest version: check it and carry on.';

/** The multi-step application form; each step is saved as a draft before the next one. */
export function ApplyForm({
  api,
  application,
  onChanged,
  onReload,
}: {
  api: ApplyApi;
  application: MyApplication;
  /** The application as the service now holds it (after a save or a submit). */
  onChanged: (next: MyApplication) => void;
  /** Read the application again, saying why (after a conflict or a refusal). */
  onReload: (why: string) => void;
}) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const idBase = useId().replace(/:/g, '');
  const idOf = (field: ApplyField) => `${idBase}-${field}`;
  const options = application.form;
  const cohortId = application.cohortId;
  const [values, setValues] = useState<ApplyValues>(() => valuesFrom(application.answers));
  const [step, setStep] = useState<ApplyStep>(() =>
    application.etag ? resumeStep(application.answers, options) : 'about',
  );
  const [sensitive, setSensitive] = useState<MySensitiveAnswers>(application.sensitive);
  const etag = useRef(application.etag);
  const submit = useFormSubmit<ApplyField>({ order: FIELD_ORDER, idOf });
  const { errors, setErrors, problem, setProblem, saving, save, accept, place, status, setStatus } =
    submit;
  const at = STEPS.indexOf(step);

  const set =
    <K extends ApplyField>(field: K) =>
    (value: ApplyValues[K]) => {
      setValues((v) => ({ ...v, [field]: value }));
      setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    };

  function refused(error: unknown) {
    if (error instanceof ApiRequestError && error.fields.length > 0) {
      place(placeProblems(error.fields));
    } else if (error instanceof ApiRequestError && error.status === 412) {
      onReload(CONFLICT);
    } else if (error instanceof ApiRequestError && error.status === 409) {
      onReload(error.message);
    } else {
      setProblem(describeFailure(error));
    }
  }

  function goTo(next: ApplyStep) {
    setStep(next);
    setStatus('');
    requestAnimationFrame(() => document.getElementById(`${idBase}-step-heading`)?.focus());
  }

  async function saveAndGo(next: ApplyStep) {
    const checked = checkSteps(values, options, [step]);
    if (!accept({ errors: checked, input: Object.keys(checked).length === 0 ? true : undefined })) {
      return;
    }
    await save(async () => {
      const saved = await api.saveDraft(cohortId, draftOf(values, step), etag.current);
      etag.current = saved.etag;
      onChanged(saved);
      setStatus('Your draft is saved.');
      goTo(next);
    }, refused);
  }

  async function send() {
    const checked = checkSteps(values, options, STEPS);
    const first = STEPS.find((s) => STEP_FIELDS[s].some((f) => checked[f]));
    if (first && first !== step) {
      goTo(first);
      setErrors(checked);
      return;
    }
    if (!accept({ errors: checked, input: first ? undefined : true })) return;
    await save(async () => {
      const sent = await api.submit(cohortId, draftOf(values), etag.current);
      etag.current = sent.etag;
      onChanged(sent);
    }, refused);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (step === 'send') void send();
    else if (step === 'optional') goTo('send');
    else void saveAndGo(STEPS[at + 1]!);
  }

  const fieldProps = { values, set, errors, idOf, options };

  return (
    <form className={formStyles.form} onSubmit={onSubmit} noValidate data-testid="apply-form">
      <ol className={styles.steps} aria-label="Steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={mergeClasses(styles.step, s === step && styles.current)}
            aria-current={s === step ? 'step' : undefined}
          >
            {i + 1}. {STEP_TITLES[s]}
          </li>
        ))}
      </ol>
      <Text>
        <Link
          href={PRIVACY_NOTICE_QUERY}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="apply-privacy-link"
        >
          How your information is used: the privacy notice
        </Link>
      </Text>
      <FocusHeading as="h3" id={`${idBase}-step-heading`} focusOnShow={false} testId="apply-step">
        Step {at + 1} of {STEPS.length}: {STEP_TITLES[step]}
      </FocusHeading>
      <FormProblem problem={problem} testId="apply-problem" />
      {step === 'about' && <AboutFields {...fieldProps} />}
      {step === 'perspectives' && <PerspectiveFields {...fieldProps} />}
      {step === 'meeting' && <MeetingFields {...fieldProps} />}
      {step === 'optional' && (
        <SensitiveStep api={api} cohortId={cohortId} stored={sensitive} onStored={setSensitive} />
      )}
      {step === 'send' && (
        <>
          <NotesField {...fieldProps} />
          <div className={styles.consent} data-testid="apply-consent-text">
            {APPLICATION_CONSENT.sections.map((s) => (
              <Text key={s.heading}>
                <Text weight="semibold">{s.heading}. </Text>
                {s.text}
              </Text>
            ))}
          </div>
          <Field validationMessage={errors.consent} required>
            <Checkbox
              id={idOf('consent')}
              label={APPLICATION_CONSENT.agreement}
              checked={values.consent}
              onChange={(_, d) => set('consent')(d.checked === true)}
              data-testid="apply-consent"
            />
          </Field>
        </>
      )}
      <div className={formStyles.buttons}>
        {at > 0 && (
          <Button onClick={() => goTo(STEPS[at - 1]!)} disabled={saving} data-testid="apply-back">
            Back
          </Button>
        )}
        {step === 'send' ? (
          <SubmitButton saving={saving} busyLabel="Sending…" testId="apply-submit">
            Send my application
          </SubmitButton>
        ) : (
          <SubmitButton saving={saving} testId="apply-next">
            {step === 'optional' ? 'Next' : 'Save and continue'}
          </SubmitButton>
        )}
      </div>
      <FormStatus status={status} testId="apply-status" />
    </form>
  );
}
