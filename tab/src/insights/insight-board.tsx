import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CohortSummary } from '../../../bot/src/contracts/cohorts';
import type { InsightBoard, InsightKind } from '../../../bot/src/contracts/insights';
import type { ApiClient } from '../app/api-client';
import { SectionCard } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { useApiLoad } from '../shared/use-api-load';
import { loadInsightBoard } from './insights-api';

const useStyles = makeStyles({
  themes: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  theme: { margin: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  quote: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  who: { color: tokens.colorNeutralForeground2 },
});

const KIND_WORDS: Record<InsightKind, string> = {
  insight: 'Insight from',
  testimonial: 'Testimonial from',
};

/** The board itself: published insights grouped by theme, each with its authors' broad groups. */
export function InsightBoardThemes({ board }: { board: InsightBoard }) {
  const styles = useStyles();
  if (board.themes.length === 0) {
    return (
      <Text className={styles.who} data-testid="insight-board-empty">
        Nothing is on the board yet. Insights appear here once their authors agree and the programme
        team publishes them.
      </Text>
    );
  }
  return (
    <div className={styles.themes}>
      {board.themes.map((theme) => (
        <section
          key={theme.theme}
          aria-label={theme.themeText}
          data-testid={`theme-${theme.theme}`}
        >
          <Text as="h4" weight="semibold" className={styles.theme}>
            {theme.themeText}
          </Text>
          <ul className={styles.list}>
            {theme.insights.map((i) => (
              <li key={i.id} data-testid="board-insight">
                <Text as="h5" weight="semibold" className={styles.title}>
                  {i.title}
                </Text>
                <blockquote className={styles.quote}>
                  <Text>{i.text}</Text>
                </blockquote>
                <Text size={200} className={styles.who}>
                  {KIND_WORDS[i.kind]} {i.authorsText}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A sponsored cohort's insights board, loaded on its own. */
export function InsightBoardCard({ client, cohort }: { client: ApiClient; cohort: CohortSummary }) {
  const [load, , retry] = useApiLoad(
    () => loadInsightBoard(client, cohort.id),
    [client, cohort.id],
  );
  return (
    <SectionCard title={`Insights board: ${cohort.name}`} testId={`insight-board-${cohort.id}`}>
      {load.status === 'loading' && <Loading label="Loading the insights…" />}
      {load.status === 'failed' && (
        <Problem
          title="We couldn't load the insights"
          message={load.error.message}
          onRetry={retry}
        />
      )}
      {load.status === 'loaded' && <InsightBoardThemes board={load.data} />}
    </SectionCard>
  );
}

/** Every sponsored cohort's board, for the sponsor's home. */
export function SponsorInsightBoards({
  client,
  cohorts,
}: {
  client: ApiClient;
  cohorts: CohortSummary[];
}) {
  return (
    <>
      {cohorts.map((c) => (
        <InsightBoardCard key={c.id} client={client} cohort={c} />
      ))}
    </>
  );
}
