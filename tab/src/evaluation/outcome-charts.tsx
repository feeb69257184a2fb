import {
  DataVizPalette,
  GroupedVerticalBarChart,
  VerticalBarChart,
  getColorFromToken,
} from '@fluentui/react-charts';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { EvaluationResults } from '../../../bot/src/contracts/evaluation-results';
import { useTableStyles } from '../shared/data-table';
import {
  formatNumber,
  medianBars,
  medianBarsSummary,
  rateBars,
  rateBarsSummary,
} from './outcome-format';
import { OutcomeTable } from './outcome-tables';

/**
 * The outcomes' charts (Fluent UI's v9 charts), loaded only when outcomes are shown: each chart
 * has a one-sentence text alternative and the table of the numbers it draws. Colours follow the
 * Teams theme (light, dark, high contrast) the tab is shown in.
 */

type ThemeName = 'default' | 'dark' | 'contrast';

/** The Teams theme of the nearest `data-theme` (set by the app's FluentProvider), kept current. */
function useThemeOf(ref: React.RefObject<HTMLElement>): ThemeName {
  const [theme, setTheme] = useState<ThemeName>('default');
  useEffect(() => {
    const host = ref.current?.closest('[data-theme]');
    if (!host) return undefined;
    const read = () => {
      const value = host.getAttribute('data-theme');
      setTheme(value === 'dark' || value === 'contrast' ? value : 'default');
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(host, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [ref]);
  return theme;
}

/** Before and after: two data-visualisation colours, or the high-contrast theme's own. */
function chartColours(theme: ThemeName): { before: string; after: string } {
  if (theme === 'contrast') return { before: '#1aebff', after: '#ffff01' };
  const dark = theme === 'dark';
  return {
    before: getColorFromToken(DataVizPalette.color1, dark),
    after: getColorFromToken(DataVizPalette.color2, dark),
  };
}

/**
 * The drawn chart is for the eye: its sentence and its table carry the same numbers for screen
 * readers and keyboards. `inert` keeps the chart's own focus helpers (tabster's hidden focus
 * stops) out of the tab order, so nothing focusable sits inside `aria-hidden`.
 */
const inert = (el: HTMLDivElement | null) => el?.setAttribute('inert', '');

const useStyles = makeStyles({
  charts: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXL },
  figure: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    minWidth: 0,
  },
  chart: { width: '100%', minWidth: 0, overflowX: 'auto' },
});

export default function OutcomeCharts({ results }: { results: EvaluationResults }) {
  const styles = useStyles();
  const s = useTableStyles();
  const ref = useRef<HTMLDivElement>(null);
  const colours = chartColours(useThemeOf(ref));
  const medians = medianBars(results);
  const rates = rateBars(results);
  const mediansText = medianBarsSummary(medians, results.minGroupSize);
  const ratesText = rateBarsSummary(rates, results.minGroupSize);
  return (
    <div ref={ref} className={styles.charts} data-testid="outcome-charts">
      <figure className={styles.figure} data-testid="chart-medians">
        <Text as="h3" size={400} weight="semibold">
          Confidence before and after
        </Text>
        <Text as="p" data-testid="chart-medians-summary">
          {mediansText}
        </Text>
        {medians.bars.length > 0 && (
          <div className={styles.chart} aria-hidden="true" ref={inert}>
            <GroupedVerticalBarChart
              chartTitle={mediansText}
              height={300}
              hideLegend={false}
              data={medians.bars.map((b) => ({
                name: b.domain,
                series: [
                  { key: 'before', data: b.before, legend: 'Median before', color: colours.before },
                  { key: 'after', data: b.after, legend: 'Median after', color: colours.after },
                ],
              }))}
            />
          </div>
        )}
        {medians.bars.length > 0 && (
          <OutcomeTable
            caption="The numbers in the chart: median confidence before and after, everyone"
            headers={['Domain', 'Median before', 'Median after', 'People']}
            testId="chart-medians-table"
          >
            {medians.bars.map((b) => (
              <tr key={b.domain}>
                <th scope="row" className={s.td}>
                  {b.domain}
                </th>
                <td className={s.td}>{formatNumber(b.before)}</td>
                <td className={s.td}>{formatNumber(b.after)}</td>
                <td className={s.td}>{b.n}</td>
              </tr>
            ))}
          </OutcomeTable>
        )}
      </figure>
      <figure className={styles.figure} data-testid="chart-rates">
        <Text as="h3" size={400} weight="semibold">
          Response rates
        </Text>
        <Text as="p" data-testid="chart-rates-summary">
          {ratesText}
        </Text>
        {rates.bars.length > 0 && (
          <div className={styles.chart} aria-hidden="true" ref={inert}>
            <VerticalBarChart
              chartTitle={ratesText}
              height={240}
              hideLegend
              yMaxValue={100}
              data={rates.bars.map((b) => ({
                x: b.survey,
                y: b.percent,
                legend: b.survey,
                color: colours.before,
                yAxisCalloutData: `${b.percent}%`,
              }))}
            />
          </div>
        )}
        {rates.bars.length > 0 && (
          <OutcomeTable
            caption="The numbers in the chart: response rates, everyone"
            headers={['Survey', 'Rate', 'Responded', 'Sent to']}
            testId="chart-rates-table"
          >
            {rates.bars.map((b) => (
              <tr key={b.survey}>
                <th scope="row" className={s.td}>
                  {b.survey}
                </th>
                <td className={s.td}>{b.percent}%</td>
                <td className={s.td}>{b.responded}</td>
                <td className={s.td}>{b.invited}</td>
              </tr>
            ))}
          </OutcomeTable>
        )}
      </figure>
    </div>
  );
}
