import { Text, makeStyles, tokens } from '@fluentui/react-components';
import {
  BREAKDOWN_COLUMN_WORDS,
  breakdownRowWords,
  breakdownTitle,
  withheldWords,
} from '../../../bot/src/contracts/evaluation-breakdown-words';
import type {
  BreakdownColumn,
  EqualityBreakdowns,
} from '../../../bot/src/contracts/evaluation-results';
import { PublishedCountTable } from './participation-section';

/**
 * Equality monitoring: the pairs by the mentor's special-category answer and where the pair is,
 * one table per category, shown whole or withheld whole (never a partial table).
 */

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const columnWords = (label: string) => BREAKDOWN_COLUMN_WORDS[label as BreakdownColumn] ?? label;

export function BreakdownSection({ breakdowns }: { breakdowns: EqualityBreakdowns }) {
  const styles = useStyles();
  const min = breakdowns.minGroupSize;
  return (
    <section className={styles.section} data-testid="breakdowns">
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        Equality monitoring
      </Text>
      <Text className={styles.muted}>
        Pairs by their mentor&apos;s answer, given with consent. A table is shown only when every
        group in it has at least {min} people; otherwise it is withheld whole.
      </Text>
      {breakdowns.categories.length === 0 && (
        <Text data-testid="breakdowns-none">No mentor has shared an answer to count.</Text>
      )}
      {breakdowns.categories.map(({ category, table }) =>
        table.withheld ? (
          <Text key={category} data-testid={`breakdown-${category}`}>
            {breakdownTitle(category)}. {withheldWords(min)}.
          </Text>
        ) : (
          <PublishedCountTable
            key={category}
            table={table}
            caption={breakdownTitle(category)}
            minGroupSize={min}
            rowWords={breakdownRowWords}
            columnWords={columnWords}
            testId={`breakdown-${category}`}
          />
        ),
      )}
    </section>
  );
}
