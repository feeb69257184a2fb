import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  INSIGHT_LIMITS,
  INSIGHT_THEMES,
  INSIGHT_THEME_WORDS,
  type InsightKind,
  type InsightTheme,
  type NewInsight,
  newInsightSchema,
} from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { useFormSubmit } from '../shared/use-form-submit';
import { checkWith } from './insight-checks';
import { writeInsight } from './insights-api';

type Fields = 'title' | 'text' | 'themeSuggestion' | 'consentToQuote';

/** Writing a new insight (for my pair) or testimonial (my own), refusals next to each field. */
export function WriteInsight({
  client,
  cohorts,
  onWritten,
}: {
  client: ApiClient;
  cohorts: { id: string; name: string }[];
  onWritten: () => void;
}) {
  const form = useFormStyles();
  const [cohortId, setCohortId] = useState(cohorts[0]?.id ?? '');
  const [kind, setKind] = useState<InsightKind>('insight');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [theme, setTheme] = useState<InsightTheme | ''>('');
  const [consent, setConsent] = useState(false);
  const { errors, problem, saving, save, status, setStatus, accept } = useFormSubmit<Fields>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = accept(
      checkWith<Fields, NewInsight>(newInsightSchema, {
        cohortId,
        kind,
        title,
        text,
        ...(theme ? { themeSuggestion: theme } : {}),
        ...(kind === 'testimonial' ? { consentToQuote: consent } : {}),
      }),
    );
    if (!input) return;
    await save(async () => {
      await writeInsight(client, input);
      setTitle('');
      setText('');
      setConsent(false);
      setStatus(
        kind === 'insight'
          ? 'Saved. Your partner will see it here and agree, or ask for a change.'
          : 'Sent to the programme team.',
      );
      onWritten();
    });
  }

  return (
    <form
      className={form.form}
      noValidate
      onSubmit={(e) => void submit(e)}
      data-testid="write-insight"
    >
      <FormProblem problem={problem} />
      {cohorts.length > 1 && (
        <Field label="Cohort">
          <Select value={cohortId} onChange={(_e, d) => setCohortId(d.value)}>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label="What is it?">
        <RadioGroup value={kind} onChange={(_e, d) => setKind(d.value as InsightKind)}>
          <Radio value="insight" label="An insight from our pair: what leaders should know" />
          <Radio value="testimonial" label="My testimonial about the programme" />
        </RadioGroup>
      </Field>
      <Field label="Title" required validationMessage={errors.title}>
        <Input
          value={title}
          maxLength={INSIGHT_LIMITS.title}
          onChange={(_e, d) => setTitle(d.value)}
          data-testid="insight-title"
        />
      </Field>
      <Field
        label="Your words"
        required
        validationMessage={errors.text}
        hint="No names, please: it is shown only with your broad role (a mentor or a senior leader)."
      >
        <Textarea
          value={text}
          maxLength={INSIGHT_LIMITS.text}
          onChange={(_e, d) => setText(d.value)}
          data-testid="insight-text"
        />
      </Field>
      <Field label="Theme (a suggestion)" validationMessage={errors.themeSuggestion}>
        <Select value={theme} onChange={(_e, d) => setTheme(d.value as InsightTheme | '')}>
          <option value="">No suggestion</option>
          {INSIGHT_THEMES.map((t) => (
            <option key={t} value={t}>
              {INSIGHT_THEME_WORDS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {kind === 'testimonial' && (
        <Field validationMessage={errors.consentToQuote}>
          <Checkbox
            checked={consent}
            onChange={(_e, d) => setConsent(d.checked === true)}
            label="I agree to be quoted anonymously"
            data-testid="insight-consent"
          />
        </Field>
      )}
      <div className={form.buttons}>
        <SubmitButton saving={saving} testId="insight-write">
          {kind === 'insight' ? 'Save for my partner to agree' : 'Send to the programme team'}
        </SubmitButton>
      </div>
      <FormStatus status={status} testId="insight-status" />
    </form>
  );
}
