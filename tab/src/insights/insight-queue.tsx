import {
  Button,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  INSIGHT_LIMITS,
  INSIGHT_STATE_WORDS,
  INSIGHT_THEMES,
  INSIGHT_THEME_WORDS,
  type InsightText,
  type InsightTheme,
  type InsightView,
  insightTextSchema,
  returnInsightSchema,
} from '../../../bot/src/contracts/insights';
import { ApiRequestError, type ApiClient } from '../app/api-client';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { useFormSubmit } from '../shared/use-form-submit';
import { checkWith } from './insight-checks';
import { editInsight, loadInsightQueue, publishInsight, returnInsight } from './insights-api';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  words: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Mode = 'view' | 'edit' | 'return';
type Fields = 'title' | 'text' | 'note' | 'theme';

const STALE = 'Someone changed this insight since you opened it. It is shown again as it is now.';

/** One insight in the queue: publish under a theme, edit for anonymity, or return with a note. */
function QueuedInsight({
  client,
  insight,
  onChanged,
}: {
  client: ApiClient;
  insight: InsightView;
  onChanged: () => void;
}) {
  const styles = useStyles();
  const form = useFormStyles();
  const [mode, setMode] = useState<Mode>('view');
  const [theme, setTheme] = useState<InsightTheme>(insight.themeSuggestion ?? INSIGHT_THEMES[0]);
  const [title, setTitle] = useState(insight.title);
  const [text, setText] = useState(insight.text);
  const [note, setNote] = useState('');
  const { errors, problem, setProblem, saving, save, fail, accept } = useFormSubmit<Fields>();
  const ready = insight.state === 'in_moderation' && insight.agreed === insight.authors;
  const moderated = insight.state === 'in_moderation' || insight.state === 'awaiting_authors';

  // A stale change (412) saves nothing: say so and show the insight as it is now.
  const run = (action: () => Promise<unknown>) =>
    save(
      async () => {
        await action();
        setMode('view');
        onChanged();
      },
      (error) => {
        if (error instanceof ApiRequestError && error.status === 412) {
          setProblem(STALE);
          onChanged();
        } else fail(error);
      },
    );

  return (
    <li className={styles.item} data-testid="queued-insight">
      <Text weight="semibold" className={styles.words}>
        {insight.title}
      </Text>
      <Text className={styles.words}>{insight.text}</Text>
      <Text size={200} className={styles.muted}>
        {insight.kind === 'insight' ? 'Insight' : 'Testimonial'} from {insight.authorsText} ·{' '}
        {INSIGHT_STATE_WORDS[insight.state]} · {insight.agreed} of {insight.authors} agreed
        {insight.theme ? ` · ${INSIGHT_THEME_WORDS[insight.theme]}` : ''}
      </Text>
      <FormProblem problem={problem} />
      {mode === 'view' && moderated && (
        <div className={form.row}>
          {ready && (
            <Field label="Theme" validationMessage={errors.theme}>
              <Select
                value={theme}
                onChange={(_e, d) => setTheme(d.value as InsightTheme)}
                data-testid="insight-theme"
              >
                {INSIGHT_THEMES.map((t) => (
                  <option key={t} value={t}>
                    {INSIGHT_THEME_WORDS[t]}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <div className={form.buttons}>
            {ready && (
              <Button
                appearance="primary"
                disabled={saving}
                onClick={() => void run(() => publishInsight(client, insight, theme))}
                data-testid="insight-publish"
              >
                Publish to the board
              </Button>
            )}
            <Button onClick={() => setMode('edit')} data-testid="insight-edit">
              Edit for anonymity
            </Button>
            <Button onClick={() => setMode('return')} data-testid="insight-return">
              Return with a note
            </Button>
          </div>
        </div>
      )}
      {mode === 'edit' && (
        <form
          className={form.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const edited = accept(
              checkWith<Fields, InsightText>(insightTextSchema, { title, text }),
            );
            if (edited) void run(() => editInsight(client, insight, edited));
          }}
        >
          <Field label="Title" required validationMessage={errors.title}>
            <Input
              value={title}
              maxLength={INSIGHT_LIMITS.title}
              onChange={(_e, d) => setTitle(d.value)}
            />
          </Field>
          <Field
            label="Words"
            required
            validationMessage={errors.text}
            hint="Your edit goes back to every author, who must approve it before it is published."
          >
            <Textarea
              value={text}
              maxLength={INSIGHT_LIMITS.text}
              onChange={(_e, d) => setText(d.value)}
            />
          </Field>
          <div className={form.buttons}>
            <SubmitButton saving={saving} testId="insight-edit-save">
              Send the edit to the authors
            </SubmitButton>
            <Button onClick={() => setMode('view')}>Cancel</Button>
          </div>
        </form>
      )}
      {mode === 'return' && (
        <form
          className={form.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const checked = accept(
              checkWith<Fields, { note: string }>(returnInsightSchema, { note }),
            );
            if (checked) void run(() => returnInsight(client, insight, checked.note));
          }}
        >
          <Field label="Note for the authors" required validationMessage={errors.note}>
            <Textarea
              value={note}
              maxLength={INSIGHT_LIMITS.note}
              onChange={(_e, d) => setNote(d.value)}
            />
          </Field>
          <div className={form.buttons}>
            <SubmitButton saving={saving} testId="insight-return-send">
              Return to the authors
            </SubmitButton>
            <Button onClick={() => setMode('view')}>Cancel</Button>
          </div>
        </form>
      )}
    </li>
  );
}

/** The programme team's moderation queue for one cohort: every insight its authors sent. */
export function InsightQueueSection({
  client,
  cohortId,
  active,
}: {
  client: ApiClient;
  cohortId: string;
  active: boolean;
}) {
  const styles = useStyles();
  const [load, , retry] = useApiLoad(
    () => loadInsightQueue(client, cohortId),
    [client, cohortId],
    undefined,
    {
      enabled: active,
      keepWhileReloading: true,
    },
  );
  return (
    <div data-testid="insight-queue">
      <Text className={styles.muted}>
        Insights and testimonials every author agreed to. No names are shown: authors appear by
        their broad role. The cohort’s sponsors read what you publish.
      </Text>
      {load.status === 'loading' && <Loading label="Loading the insights…" />}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the insights"
          message={load.error.message}
          onRetry={retry}
        />
      )}
      {load.status === 'loaded' && load.data.insights.length === 0 && (
        <Text data-testid="insight-queue-empty">Nothing has been sent yet.</Text>
      )}
      {load.status === 'loaded' && load.data.insights.length > 0 && (
        <ul className={styles.list}>
          {load.data.insights.map((i) => (
            <QueuedInsight
              key={`${i.id}-${i.etag}`}
              client={client}
              insight={i}
              onChanged={retry}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
