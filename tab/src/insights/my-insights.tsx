import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Membership } from '../../../bot/src/contracts/cohorts';
import {
  INSIGHT_LIMITS,
  INSIGHT_STATE_WORDS,
  type InsightConsent,
  type MyInsightView,
  insightConsentSchema,
} from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';
import { FormProblem, SubmitButton, useFormStyles } from '../shared/form-parts';
import { SectionCard, Subheading } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { useFormSubmit } from '../shared/use-form-submit';
import { checkWith } from './insight-checks';
import { answerInsight, loadMyInsights, withdrawInsight } from './insights-api';
import { WriteInsight } from './write-insight';

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
  const [withdrawing, setWithdrawing] = useState(false);
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

  const withdraw = () =>
    save(async () => {
      await withdrawInsight(client, insight);
      onChanged();
    });

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
      {!asking && !withdrawing && (
        <div className={form.buttons}>
          <Button onClick={() => setWithdrawing(true)} data-testid="insight-withdraw">
            Withdraw and delete
          </Button>
        </div>
      )}
      {withdrawing && (
        <div className={styles.item}>
          <Text size={200}>
            It will be deleted at once: taken out of the programme team’s queue and off the board.
            {insight.authors > 1 && ' Your co-author is told it was withdrawn, not by whom.'}
          </Text>
          <div className={form.buttons}>
            <Button
              appearance="primary"
              disabled={saving}
              onClick={() => void withdraw()}
              data-testid="insight-withdraw-confirm"
            >
              Yes, withdraw it
            </Button>
            <Button onClick={() => setWithdrawing(false)}>Keep it</Button>
          </div>
        </div>
      )}
    </li>
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
