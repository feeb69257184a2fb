import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { SurveyItem } from '../../../bot/src/contracts/evaluation';
import type { EvaluationResults } from '../../../bot/src/contracts/evaluation-results';
import type { ApiClient } from '../app/api-client';
import { formatDate } from '../shared/format';
import { describeFailure } from '../shared/use-form-submit';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { domainWords } from './outcome-format';
import { CHANGE_HEADERS, ChangeRow, OutcomeTable, RatesTable, byGroup } from './outcome-tables';
import { type ReportFormat, downloadReport, getPlan, getQuotes, getResults } from './outcomes-api';
import { BreakdownSection } from './breakdown-section';
import { ParticipationSection } from './participation-section';
import { QuotesSection } from './quotes-section';

/** The charts (and @fluentui/react-charts) load only when outcomes are shown. */
const OutcomeCharts = lazy(() => import('./outcome-charts'));

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL, minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface OutcomesViewProps {
  client: ApiClient;
  cohortId: string;
  cohortName: string;
  /** Those who run the cohort read the plan for the items' words; a sponsor sees no items. */
  withItems: boolean;
  onSignInExpired?: () => void;
}

/**
 * A cohort's outcomes for those who run it and its sponsors: aggregates only, each figure shown
 * or "Hidden: fewer than N people"; charts with their tables; the PDF and CSV reports.
 */
export function OutcomesView({
  client,
  cohortId,
  cohortName,
  withItems,
  onSignInExpired,
}: OutcomesViewProps) {
  const styles = useStyles();
  const [load, , retry] = useApiLoad(
    async () => {
      const [results, plan, quotes] = await Promise.all([
        getResults(client, cohortId),
        withItems ? getPlan(client, cohortId).catch(() => null) : Promise.resolve(null),
        // Quotes are the programme team's alone: a sponsor never asks for them.
        withItems ? getQuotes(client, cohortId).catch(() => null) : Promise.resolve(null),
      ]);
      return {
        results,
        items: plan ? planItems(plan.plan.surveys.baseline.items) : null,
        quotes,
      };
    },
    [client, cohortId, withItems],
    onSignInExpired,
  );
  return (
    <section
      className={styles.view}
      aria-label={`Outcomes of ${cohortName}`}
      data-testid="outcomes"
    >
      <div className={styles.bar}>
        <ReportButtons client={client} cohortId={cohortId} cohortName={cohortName} />
      </div>
      {load.status === 'loading' && (
        <Loading label="Loading the outcomes…" testId="outcomes-loading" />
      )}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the outcomes"
          message={load.error.message}
          onRetry={retry}
          testId="outcomes-error"
        />
      )}
      {load.status === 'loaded' && (
        <>
          <Outcomes results={load.data.results} items={load.data.items} />
          {load.data.quotes && <QuotesSection quotes={load.data.quotes} />}
        </>
      )}
    </section>
  );
}

/** Each scale item's words by id (the baseline's: the final repeats them). */
function planItems(items: SurveyItem[]): Map<string, string> {
  return new Map(items.filter((i) => i.kind === 'scale').map((i) => [i.id, i.text]));
}

export function Outcomes({
  results,
  items,
}: {
  results: EvaluationResults;
  items: Map<string, string> | null;
}) {
  const styles = useStyles();
  const min = results.minGroupSize;
  return (
    <>
      {results.retainedAt && (
        <Text data-testid="outcomes-retained">
          These are the figures kept when the cohort’s personal data was deleted, on{' '}
          {formatDate(results.retainedAt)}: they will not change.
        </Text>
      )}
      <Text className={styles.muted} data-testid="outcomes-note">
        Figures covering fewer than {min} people are hidden, and so is any figure that would let one
        be worked out. Medians are on each question&apos;s scale; a domain adds up its questions.
      </Text>
      <Suspense fallback={<Loading label="Loading the charts…" testId="charts-loading" />}>
        <OutcomeCharts results={results} />
      </Suspense>
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        Response rates
      </Text>
      <RatesTable rates={results.responseRates} minGroupSize={min} />
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        Confidence before and after, by domain
      </Text>
      <OutcomeTable
        caption="Paired change for people who answered both the baseline and the final (Wilcoxon signed-rank test; effect size: rank-biserial)"
        headers={['Domain', ...CHANGE_HEADERS]}
        testId="domains-table"
      >
        {byGroup(results.domains).map((d) => (
          <ChangeRow
            key={`${d.domain}-${d.group}`}
            label={domainWords[d.domain]}
            group={d.group}
            change={d.change}
            minGroupSize={min}
            testId={`domain-${d.domain}-${d.group}`}
          />
        ))}
      </OutcomeTable>
      {items && results.items.length > 0 && (
        <>
          <Text as="h3" size={400} weight="semibold" className={styles.heading}>
            Each question before and after
          </Text>
          <OutcomeTable
            caption="Paired change per question, for the people it was asked of"
            headers={['Question', ...CHANGE_HEADERS]}
            testId="items-table"
          >
            {results.items.map((item) => (
              <ChangeRow
                key={`${item.itemId}-${item.group}`}
                label={items.get(item.itemId) ?? item.itemId}
                group={item.group}
                change={item.change}
                minGroupSize={min}
                testId={`item-${item.itemId}-${item.group}`}
              />
            ))}
          </OutcomeTable>
        </>
      )}
      {results.participation && <ParticipationSection participation={results.participation} />}
      {results.breakdowns && <BreakdownSection breakdowns={results.breakdowns} />}
    </>
  );
}

function ReportButtons({
  client,
  cohortId,
  cohortName,
}: {
  client: ApiClient;
  cohortId: string;
  cohortName: string;
}) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [status, setStatus] = useState('');
  async function download(format: ReportFormat) {
    setBusy(format);
    setStatus('');
    try {
      const filename = await downloadReport(client, cohortId, cohortName, format);
      setStatus(`Downloaded ${filename}.`);
    } catch (error) {
      setStatus(`We couldn't download the report. ${describeFailure(error)}`);
    } finally {
      setBusy(null);
    }
  }
  return (
    <>
      <Button
        disabled={busy !== null}
        onClick={() => void download('pdf')}
        data-testid="report-pdf"
      >
        Download PDF
      </Button>
      <Button
        disabled={busy !== null}
        onClick={() => void download('csv')}
        data-testid="report-csv"
      >
        Download CSV
      </Button>
      <Text role="status" data-testid="report-status">
        {status}
      </Text>
    </>
  );
}
