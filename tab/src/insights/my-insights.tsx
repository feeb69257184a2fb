import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Membership } from '../../../bot/src/contracts/cohorts';
import {
  INSIGHT_LIMITS,
  INSIGHT_STATE_WORDS,
  INSIGHT_THEMES,
  INSIGHT_THEME_WORDS,
  type InsightConsent,
  type InsightKind,
  type InsightTheme,
  type MyInsightView,
  type NewInsight,
  insightConsentSchema,
  newInsightSchema,
} from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';
import { FormProblem, FormStatus, SubmitButton, useFormStyles } from '../shared/form-parts';
import { SectionCard, Subheading } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { useFormSubmit } from '../shared/use-form-submit';
import { checkWith } from './insight-checks';
import { answerInsight, loadMyInsights, writeInsight } from './insights-api';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  words: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** One of mine: its words, where it is, any note, and — when it waits for me — agree or ask. */
function MyInsight({
  client,
  insight,
  onChanged,
}: {
  client: ApiClient;
  insight: MyInsightView;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const form = useFormStyles();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const { errors, problem, saving, save, accept } = useFormSubmit<'note'>();
  const open = insight.state !== 'published' && !insight.iAgreed;

  const answer = (decision: 'agree' | 'change') => {
    const consent = accept(
      checkWith<'note', InsightConsent>(
        insightConsentSchema,
        decision === 'agree' ? { decision } : { decision, note },
      ),
    );
    if (!consent) return;
    return save(async () => {
      await answerInsight(client, insight, consent);
      onChanged();
    });
  };

  return (
    <li className={styles.item} data-testid="my-insight">
      <Text weight="semibold" className={styles.words}>
        {insight.title}
      </Text>
      <Text className={styles.words}>{insight.text}</Text>
      <Text size={200} className={styles.muted}>
        {insight.kind === 'insight' ? 'Insight' : 'Testimonial'} ·{' '}
        {INSIGHT_STATE_WORDS[insight.state]} · {insight.agreed} of {insight.authors} agreed · shown
        as {insight.authorsText}
      </Text>
      {insight.returnNote && insight.state === 'returned' && (
        <Text size={200}>Programme team’s note: {insight.returnNote}</Text>
      )}
      {insight.changeNote && insight.state === 'draft' && (
        <Text size={200}>Change asked for: {insight.changeNote}</Text>
      )}
      <FormProblem problem={problem} />
      {open && !asking && (
        <div className={form.buttons}>
          <Button
            appearance="primary"
            disabled={saving}
            onClick={() => void answer('agree')}
            data-testid="insight-agree"
          >
            I agree to these words
          </Button>
          <Button onClick={() => setAsking(true)} data-testid="insight-ask">
            Ask for a change
          </Button>
        </div>
      )}
      {asking && (
        <form
          className={form.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void answer('change');
          }}
        >
          <Field label="What should change?" required validationMessage={errors.note}>
            <Textarea
              value={note}
              maxLength={INSIGHT_LIMITS.note}
              onChange={(_e, d) => setNote(d.value)}
              data-testid="insight-change-note"
            />
          </Field>
          <div className={form.buttons}>
            <SubmitButton saving={saving} testId="insight-ask-send">
              Send to my co-author
            </SubmitButton>
            <Button onClick={() => setAsking(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </li>
  );
}

type Fields = 'title' | 'text' | 'themeSuggestion' | 'consentToQuote';

/** Writing a new insight (for my pair) or testimonial (my own), refusals next to each field. */
function WriteInsight({
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

/** A participant's insights and testimonials: theirs to write, agree to and follow. */
export function MyInsightsSection({
  client,
  memberships,
}: {
  client: ApiClient;
  memberships: Membership[];
}) {
  const styles = useStyles();
  const [load, , retry] = useApiLoad(() => loadMyInsights(client), [client], undefined, {
    keepWhileReloading: true,
  });
  const cohorts = memberships
    .filter((m) => m.pair)
    .map((m) => ({ id: m.cohort.id, name: m.cohort.name }));
  if (cohorts.length === 0) return null;
  return (
    <SectionCard title="Insights for leaders" testId="my-insights">
      <Text className={styles.muted}>
        Share what leaders should know. Nothing goes anywhere until you both agree; the programme
        team may suggest edits for anonymity, which come back to you both before it is published.
      </Text>
      {load.status === 'loading' && <Loading label="Loading your insights…" />}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load your insights"
          message={load.error.message}
          onRetry={retry}
        />
      )}
      {load.status === 'loaded' && load.data.insights.length > 0 && (
        <ul className={styles.list}>
          {load.data.insights.map((i) => (
            <MyInsight key={i.id} client={client} insight={i} onChanged={retry} />
          ))}
        </ul>
      )}
      <Subheading>Write one</Subheading>
      <WriteInsight client={client} cohorts={cohorts} onWritten={retry} />
    </SectionCard>
  );
}
