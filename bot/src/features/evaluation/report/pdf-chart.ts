import { CONFIDENCE_DOMAINS, type EvaluationPlan } from '../../../contracts/evaluation';
import type { EvaluationResults } from '../../../contracts/evaluation-results';
import { fit } from './pdf-text';
import { COLOURS, MARGIN, type PdfWriter } from './pdf-writer';
import { DOMAIN_WORDS, formatNumber, hiddenWords } from './report-words';

/**
 * The report's chart, drawn with pdf-lib shapes: for each confidence domain, the median score
 * before (baseline) and after (final) over everyone whose answers pair up, as two horizontal
 * bars on a shared axis from 0 to the domain's highest possible score, with a legend. A domain
 * whose figure is hidden shows the words "hidden: fewer than k people" instead of bars.
 */

export interface ChartBar {
  label: string;
  /** Null when the figure is hidden. */
  values: { before: number; after: number } | null;
}

/** The highest score a domain can reach for one person: the sum of its items' top points. */
export function axisMaximum(plan: EvaluationPlan): number {
  let most = 1;
  for (const side of ['mentor', 'mentee'] as const) {
    for (const domain of CONFIDENCE_DOMAINS) {
      const top = plan.surveys.baseline.items
        .filter((i) => i.kind === 'scale' && i.domain === domain)
        .filter((i) => i.audience === side || i.audience === 'both')
        .reduce((sum, i) => sum + (i.kind === 'scale' ? i.scale.max : 0), 0);
      most = Math.max(most, top);
    }
  }
  return most;
}

/** The chart's bars: each confidence domain (not the total) for everyone (`all`). */
export function chartBars(results: EvaluationResults): ChartBar[] {
  return CONFIDENCE_DOMAINS.map((domain) => {
    const figure = results.domains.find((d) => d.domain === domain && d.group === 'all');
    const change = figure?.change;
    return {
      label: DOMAIN_WORDS[domain],
      values: change?.shown ? { before: change.medianBefore, after: change.medianAfter } : null,
    };
  });
}

const LABEL_WIDTH = 160;
const BAR = 9;
const ROW = 2 * BAR + 10;

/** Draws the chart at the writer's position, moving it down past the chart. */
export function drawDomainChart(
  w: PdfWriter,
  bars: ChartBar[],
  axisMax: number,
  minGroupSize: number,
): void {
  const { regular, italic } = w.fonts;
  const height = 30 + bars.length * ROW + 30;
  w.ensure(height);
  const plotX = MARGIN + LABEL_WIDTH;
  const plotWidth = w.width - LABEL_WIDTH - 30;
  const scale = (v: number) => (Math.max(0, Math.min(v, axisMax)) / axisMax) * plotWidth;

  // Legend.
  w.gap(14);
  const legend: [string, typeof COLOURS.before][] = [
    ['Before (baseline median)', COLOURS.before],
    ['After (final median)', COLOURS.after],
  ];
  let lx = plotX;
  for (const [words, colour] of legend) {
    w.page.drawRectangle({ x: lx, y: w.y - 1, width: 10, height: 8, color: colour });
    w.page.drawText(words, { x: lx + 14, y: w.y, size: 8, font: regular, color: COLOURS.text });
    lx += 24 + regular.widthOfTextAtSize(words, 8);
  }
  w.gap(10);
  const top = w.y;

  bars.forEach((bar, i) => {
    const rowTop = top - i * ROW;
    const label = fit(bar.label, regular, 8.5, LABEL_WIDTH - 8);
    w.page.drawText(label, {
      x: MARGIN,
      y: rowTop - BAR - 4,
      size: 8.5,
      font: regular,
      color: COLOURS.text,
    });
    if (!bar.values) {
      w.page.drawText(hiddenWords(minGroupSize), {
        x: plotX + 6,
        y: rowTop - BAR - 4,
        size: 8.5,
        font: italic,
        color: COLOURS.muted,
      });
      return;
    }
    const pairs: [number, typeof COLOURS.before][] = [
      [bar.values.before, COLOURS.before],
      [bar.values.after, COLOURS.after],
    ];
    pairs.forEach(([value, colour], j) => {
      const y = rowTop - (j + 1) * BAR - 2;
      const width = scale(value);
      w.page.drawRectangle({
        x: plotX,
        y,
        width: Math.max(width, 0.5),
        height: BAR - 1,
        color: colour,
      });
      w.page.drawText(formatNumber(value), {
        x: plotX + width + 3,
        y: y + 1.5,
        size: 7,
        font: regular,
        color: COLOURS.text,
      });
    });
  });

  // Axis: the baseline of the bars and a tick at each whole point (or every few points).
  const bottom = top - bars.length * ROW - 2;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    w.page.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness: 0.7,
      color: COLOURS.muted,
    });
  line(plotX, top, plotX, bottom);
  line(plotX, bottom, plotX + plotWidth, bottom);
  const step = Math.max(1, Math.ceil(axisMax / 10));
  for (let v = 0; v <= axisMax; v += step) {
    const x = plotX + scale(v);
    line(x, bottom, x, bottom - 3);
    const words = String(v);
    w.page.drawText(words, {
      x: x - regular.widthOfTextAtSize(words, 7) / 2,
      y: bottom - 11,
      size: 7,
      font: regular,
      color: COLOURS.muted,
    });
  }
  w.y = bottom - 14;
  w.paragraph(
    `Median confidence score per domain (0 to ${axisMax}), everyone whose baseline and final pair up.`,
    8,
    italic,
    COLOURS.muted,
  );
}
