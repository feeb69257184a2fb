import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SurveyItem } from '../../../bot/src/contracts/evaluation';
import type { MyResponse, OpenSurvey } from '../../../bot/src/contracts/evaluation-api';
import { ApiRequestError } from '../app/api-client';
import { FormProblem, FormStatus, useFormStyles } from '../shared/form-parts';
import { SectionCard } from '../shared/section-card';
import { describeFailure } from '../shared/use-form-submit';
import type { EvaluationApi } from './evaluation-api';
import {
  type ItemValue,
  type PlacedProblems,
  type SurveyValues,
  SURVEY_TITLES,
  answersFrom,
  checkAnswers,
  placeProblems,
  pointLabel,
  valueOf,
  valuesFrom,
} from './survey-values';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground2 },
  latest: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  // On a phone the points wrap onto more lines rather than run off the card.
  points: { flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS },
});

const NO_PROBLEMS: PlacedProblems = { byItem: {}, unplaced: [] };

/** Your answers are yours: said on the form and again on the thank-you. */
const PRIVATE_WORDS =
  'Your answers are private: your partner, other participants and the programme team never see them. Only figures combined across a group of people are reported, and your words only if you tick that they may be quoted anonymously.';

function ItemField({
  item,
  value,
  error,
  onChange,
}: {
  item: SurveyItem;
  value: ItemValue;
  error: string | undefined;
  onChange: (next: ItemValue) => void;
}) {
  const styles = useStyles();
  const testId = `survey-item-${item.id}`;
  if (item.kind === 'scale') {
    const points: number[] = [];
    for (let p = item.scale.min; p <= item.scale.max; p += 1) points.push(p);
    return (
      <Field label={item.text} validationMessage={error} data-testid={testId}>
        <RadioGroup
          layout="horizontal"
          className={styles.points}
          value={value.point}
          onChange={(_, data) => onChange({ ...value, point: data.value })}
        >
          {points.map((p) => (
            <Radio
              key={p}
              value={String(p)}
              label={pointLabel(item, p)}
              data-testid={`${testId}-${p}`}
            />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  return (
    <div>
      <Field label={item.text} validationMessage={error}>
        <Textarea
          value={value.text}
          resize="vertical"
          onChange={(_, data) => onChange({ ...value, text: data.value })}
          data-testid={testId}
        />
      </Field>
      {item.asksQuoteConsent && (
        <Checkbox
          checked={value.mayQuote}
          label="You may quote this anonymously"
          onChange={(_, data) => onChange({ ...value, mayQuote: data.checked === true })}
          data-testid={`${testId}-quote`}
        />
      )}
    </div>
  );
}

function answerWords(item: SurveyItem, value: ItemValue): string {
  if (item.kind === 'scale') return pointLabel(item, Number(value.point));
  return value.mayQuote ? `${value.text} (may be quoted anonymously)` : value.text;
}

/**
 * One open survey as a form: the items of the person's side, what they saved before, "Save for
 * later" and "Send". A save that meets answers changed elsewhere (a chat card) shows the latest
 * and keeps what was typed; nothing is overwritten without the person choosing to.
 */
export function SurveyForm({ survey, api }: { survey: OpenSurvey; api: EvaluationApi }) {
  const styles = useStyles();
  const formStyles = useFormStyles();
  const title = `${SURVEY_TITLES[survey.survey]}: ${survey.cohortName}`;
  const [response, setResponse] = useState<MyResponse | null>(survey.response);
  const [values, setValues] = useState<SurveyValues>(() =>
    valuesFrom(survey.response?.answers ?? []),
  );
  const [problems, setProblems] = useState<PlacedProblems>(NO_PROBLEMS);
  const [failure, setFailure] = useState<string | undefined>();
  const [conflict, setConflict] = useState<MyResponse | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const testId = `survey-${survey.cohortId}-${survey.survey}`;

  if (response?.state === 'submitted') {
    return (
      <SectionCard title={title} testId={testId}>
        <MessageBar intent="success" layout="multiline" data-testid="survey-thanks">
          <MessageBarBody>
            <MessageBarTitle>Thank you: your answers are sent</MessageBarTitle>
            {PRIVATE_WORDS}
          </MessageBarBody>
        </MessageBar>
      </SectionCard>
    );
  }

  async function latestSaved(): Promise<MyResponse | null> {
    const mine = await api.mySurveys();
    const same = mine.surveys.find(
      (s) => s.cohortId === survey.cohortId && s.survey === survey.survey,
    );
    return same?.response ?? null;
  }

  /** Shows the problems, with focus on the first question that has one. */
  function showProblems(found: PlacedProblems) {
    setProblems(found);
    const first = survey.items.find((item) => found.byItem[item.id]);
    if (!first) return;
    const box = document.querySelector(`[data-focus-item="${CSS.escape(first.id)}"]`);
    box?.querySelector<HTMLElement>('input:checked, textarea, input')?.focus();
  }

  async function save(state: 'partial' | 'submitted') {
    setFailure(undefined);
    setStatus('');
    const answers = answersFrom(survey.items, values);
    const checked = checkAnswers({
      planVersion: survey.planVersion,
      state,
      answers,
      ...(response ? { etag: response.etag } : {}),
    });
    showProblems(checked.problems);
    if (!checked.body) return;
    setSaving(true);
    try {
      const saved = await api.saveAnswers(survey.cohortId, survey.survey, checked.body);
      setResponse(saved);
      setConflict(null);
      setStatus(`Saved. You can come back to it until ${survey.closesOn}.`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.fields.length > 0) {
        showProblems(placeProblems(answers, error.fields));
      } else if (
        error instanceof ApiRequestError &&
        (error.status === 412 || error.code === 'already_submitted')
      ) {
        const latest = await latestSaved().catch(() => null);
        if (latest?.state === 'submitted') setResponse(latest);
        else if (latest) {
          setResponse(latest);
          setConflict(latest);
        } else setFailure(describeFailure(error));
      } else {
        setFailure(describeFailure(error));
      }
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save('submitted');
  }

  const latestValues = conflict ? valuesFrom(conflict.answers) : {};
  const unplaced = [...problems.unplaced, ...(failure ? [failure] : [])];

  return (
    <SectionCard title={title} testId={testId}>
      <Text data-testid="survey-closes">Open until {survey.closesOn}.</Text>
      <Text className={styles.muted}>{PRIVATE_WORDS}</Text>
      {conflict && (
        <MessageBar intent="warning" layout="multiline" data-testid="survey-conflict">
          <MessageBarBody>
            <MessageBarTitle>Your answers changed elsewhere</MessageBarTitle>
            They were saved from another place (perhaps the survey card in chat) since you opened
            this page. Nothing of yours was overwritten: what you typed is still in the form. The
            latest saved answers are:
            <ul className={styles.latest} data-testid="survey-latest">
              {survey.items
                .filter((item) => latestValues[item.id] !== undefined)
                .map((item) => (
                  <li key={item.id}>
                    {item.text}: {answerWords(item, valueOf(latestValues, item.id))}
                  </li>
                ))}
            </ul>
          </MessageBarBody>
          <MessageBarActions>
            <Button
              onClick={() => {
                setValues(latestValues);
                setConflict(null);
              }}
              data-testid="survey-use-latest"
            >
              Use the latest
            </Button>
            <Button onClick={() => setConflict(null)} data-testid="survey-keep-mine">
              Keep what I typed
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <form className={formStyles.form} onSubmit={onSubmit} noValidate>
        <FormProblem problem={unplaced.join(' ') || undefined} testId="survey-problem" />
        {survey.items.map((item) => (
          <div key={item.id} data-focus-item={item.id}>
            <ItemField
              item={item}
              value={valueOf(values, item.id)}
              error={problems.byItem[item.id]}
              onChange={(next) => setValues((v) => ({ ...v, [item.id]: next }))}
            />
          </div>
        ))}
        <div className={formStyles.buttons}>
          <Button
            disabled={saving || conflict !== null}
            onClick={() => void save('partial')}
            data-testid="survey-save"
          >
            Save for later
          </Button>
          <Button
            type="submit"
            appearance="primary"
            disabled={saving || conflict !== null}
            data-testid="survey-send"
          >
            {saving ? 'Saving…' : 'Send'}
          </Button>
        </div>
        <FormStatus status={status} testId="survey-status" />
      </form>
    </SectionCard>
  );
}
