import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { EvaluationQuotes } from '../../../bot/src/contracts/evaluation-quotes';
import { RESULT_GROUP_WORDS, SURVEY_WORDS } from '../../../bot/src/contracts/evaluation-words';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  quote: { marginBlockEnd: tokens.spacingVerticalS },
});

/** "From a mentor", "From a mentee", or nothing when the side had too few people to say. */
function sideWords(side: 'mentor' | 'mentee' | null): string {
  return side ? ` (${RESULT_GROUP_WORDS[side].toLowerCase().replace(/s$/, '')})` : '';
}

/**
 * What people allowed to be quoted anonymously, for the programme team only: the words, never
 * who wrote them. A survey too few people sent gives no quote at all, and says so.
 */
export function QuotesSection({ quotes }: { quotes: EvaluationQuotes }) {
  const styles = useStyles();
  const shown = quotes.surveys.filter((s) => s.withheld || s.items.some((i) => i.quotes.length));
  return (
    <section className={styles.section} aria-labelledby="quotes-heading" data-testid="quotes">
      <Text as="h3" id="quotes-heading" size={400} weight="semibold" className={styles.heading}>
        In their own words
      </Text>
      <Text className={styles.muted}>
        Only answers whose authors ticked &ldquo;may be quoted anonymously&rdquo;, without names, in
        no particular order. These are for the programme team: sponsors do not see them.
      </Text>
      {shown.length === 0 && <Text data-testid="quotes-none">No one has allowed a quote yet.</Text>}
      {shown.map((survey) => (
        <div key={survey.survey} data-testid={`quotes-${survey.survey}`}>
          <Text as="h4" weight="semibold" className={styles.heading}>
            {SURVEY_WORDS[survey.survey]}
          </Text>
          {survey.withheld ? (
            <Text block className={styles.muted}>
              Hidden: fewer than {quotes.minGroupSize} people sent this survey, so their words could
              point to one of them.
            </Text>
          ) : (
            survey.items
              .filter((item) => item.quotes.length > 0)
              .map((item) => (
                <div key={item.itemId}>
                  <Text block italic>
                    {item.prompt}
                  </Text>
                  <ul className={styles.list}>
                    {item.quotes.map((quote, i) => (
                      <li key={i} className={styles.quote}>
                        <Text>
                          &ldquo;{quote.text}&rdquo;{sideWords(quote.side)}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </div>
              ))
          )}
        </div>
      ))}
    </section>
  );
}
