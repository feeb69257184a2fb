import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type {
  Figure,
  PairedChangeFigures,
  ResponseRate,
  ResultGroup,
} from '../../../bot/src/contracts/evaluation-results';
import { useTableStyles } from '../shared/data-table';
import {
  formatDifference,
  formatEffect,
  formatNumber,
  formatPValue,
  formatRate,
  groupWords,
  hiddenWords,
  shown,
  surveyWords,
} from './outcome-format';

/**
 * The outcomes as tables: response rates, and the paired pre/post change per domain or item.
 * A hidden figure spans its row's number columns with words only.
 */

const useStyles = makeStyles({
  caption: {
    textAlign: 'start',
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalM,
  },
});

export function OutcomeTable({
  caption,
  headers,
  children,
  testId,
}: {
  caption: string;
  headers: string[];
  children: ReactNode;
  testId: string;
}) {
  const s = useTableStyles();
  const own = useStyles();
  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label={caption}>
      <table className={s.table} data-testid={testId}>
        <caption className={mergeClasses(s.muted, own.caption)}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={s.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function HiddenCells({ span, minGroupSize }: { span: number; minGroupSize: number }) {
  const s = useTableStyles();
  return (
    <td colSpan={span} className={mergeClasses(s.td, s.muted)} data-testid="figure-hidden">
      {hiddenWords(minGroupSize)}
    </td>
  );
}

const GROUP_ORDER: ResultGroup[] = ['all', 'mentor', 'mentee'];
export const byGroup = <T extends { group: ResultGroup }>(rows: T[]) =>
  [...rows].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));

export function RatesTable({
  rates,
  minGroupSize,
}: {
  rates: ResponseRate[];
  minGroupSize: number;
}) {
  const s = useTableStyles();
  return (
    <OutcomeTable
      caption="Response rates: who was sent each survey and who sent it back"
      headers={['Survey', 'Who', 'Responded', 'Sent to', 'Rate']}
      testId="rates-table"
    >
      {rates.map((r) => {
        const figure = shown(r.figure);
        return (
          <tr key={`${r.survey}-${r.group}`}>
            <th scope="row" className={mergeClasses(s.td, s.rowHeader)}>
              {surveyWords[r.survey]}
            </th>
            <td className={s.td}>{groupWords[r.group]}</td>
            {figure ? (
              <>
                <td className={s.td}>{figure.responded}</td>
                <td className={s.td}>{figure.invited}</td>
                <td className={s.td}>{figure.invited > 0 ? formatRate(figure.rate) : '–'}</td>
              </>
            ) : (
              <HiddenCells span={3} minGroupSize={minGroupSize} />
            )}
          </tr>
        );
      })}
    </OutcomeTable>
  );
}

export const CHANGE_HEADERS = [
  'Who',
  'Median before',
  'Median after',
  'Median change',
  'Significance',
  'Effect size',
  'People',
];

/** One row of a pre/post change: its label, the group, and the figures or "Hidden". */
export function ChangeRow({
  label,
  group,
  change,
  minGroupSize,
  testId,
}: {
  label: string;
  group: ResultGroup;
  change: Figure<PairedChangeFigures>;
  minGroupSize: number;
  testId: string;
}) {
  const s = useTableStyles();
  const figures = shown(change);
  return (
    <tr data-testid={testId}>
      <th scope="row" className={mergeClasses(s.td, s.rowHeader)}>
        {label}
      </th>
      <td className={s.td}>{groupWords[group]}</td>
      {figures ? (
        <>
          <td className={s.td}>{formatNumber(figures.medianBefore)}</td>
          <td className={s.td}>{formatNumber(figures.medianAfter)}</td>
          <td className={s.td}>{formatDifference(figures.medianDifference)}</td>
          <td className={s.td}>{formatPValue(figures)}</td>
          <td className={s.td}>{formatEffect(figures.rankBiserial)}</td>
          <td className={s.td}>{figures.n}</td>
        </>
      ) : (
        <HiddenCells span={6} minGroupSize={minGroupSize} />
      )}
    </tr>
  );
}
