import { type PDFDocument, type PDFFont, type PDFPage, PageSizes, rgb } from 'pdf-lib';
import { drawable, fit, wrap } from './pdf-text';

/**
 * A small top-to-bottom layout over pdf-lib for the sponsor's report: A4 pages with margins,
 * headings, wrapped paragraphs and tables that continue on a new page (header repeated), and a
 * footer on every page. Every string goes through `drawable` (standard fonts are WinAnsi).
 */

export const COLOURS = {
  text: rgb(0.13, 0.13, 0.13),
  muted: rgb(0.4, 0.4, 0.4),
  rule: rgb(0.75, 0.75, 0.75),
  shade: rgb(0.94, 0.94, 0.96),
  before: rgb(0.62, 0.7, 0.84),
  after: rgb(0.2, 0.3, 0.6),
};

export const MARGIN = 50;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** A table column: its heading, its share of the width, and where its text sits. */
export interface Column {
  heading: string;
  width: number;
  align?: 'left' | 'right';
}

export class PdfWriter {
  page!: PDFPage;
  /** The baseline the next line is drawn on, from the page's bottom. */
  y = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  get width(): number {
    return this.page.getWidth() - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(PageSizes.A4);
    this.y = this.page.getHeight() - MARGIN;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(value: string, x: number, size: number, font = this.fonts.regular, colour = COLOURS.text) {
    this.page.drawText(drawable(value, font), { x, y: this.y, size, font, color: colour });
  }

  heading(value: string, size = 14): void {
    this.ensure(size * 3);
    this.gap(size * 1.4);
    this.text(value, MARGIN, size, this.fonts.bold);
    this.gap(size * 0.6);
  }

  paragraph(value: string, size = 10, font = this.fonts.regular, colour = COLOURS.text): void {
    for (const line of wrap(value, font, size, this.width)) {
      this.ensure(size * 1.4);
      this.gap(size * 1.4);
      this.text(line, MARGIN, size, font, colour);
    }
  }

  /**
   * A table; `null` cells are drawn as `hiddenText` in italics, running on over the empty (`''`)
   * cells that follow. Widths are shares of the whole width.
   */
  table(columns: Column[], rows: (string | null)[][], hiddenText: string, size = 8.5): void {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const lineHeight = size * 1.9;
    // Headings wrap onto at most two lines; the shaded band grows to hold them.
    const headings = columns.map((c, i) =>
      wrap(c.heading, this.fonts.bold, size, (widths[i] ?? 0) - 6).slice(0, 2),
    );
    const headingLines = Math.max(1, ...headings.map((h) => h.length));
    const header = () => {
      const band = lineHeight + (headingLines - 1) * size * 1.2;
      this.ensure(band + lineHeight);
      this.gap(lineHeight);
      this.page.drawRectangle({
        x: MARGIN,
        y: this.y - size * 0.6 - (headingLines - 1) * size * 1.2,
        width: this.width,
        height: band,
        color: COLOURS.shade,
      });
      for (let line = 0; line < headingLines; line += 1) {
        if (line > 0) this.gap(size * 1.2);
        const words = headings.map((h) => h[line] ?? '');
        this.cells(words, columns, widths, size, this.fonts.bold);
      }
    };
    header();
    for (const row of rows) {
      if (this.y - lineHeight < MARGIN + 20) {
        this.newPage();
        header();
      }
      this.gap(lineHeight);
      this.cells(row, columns, widths, size, this.fonts.regular, hiddenText);
      this.page.drawLine({
        start: { x: MARGIN, y: this.y - size * 0.6 },
        end: { x: MARGIN + this.width, y: this.y - size * 0.6 },
        thickness: 0.4,
        color: COLOURS.rule,
      });
    }
  }

  private cells(
    row: (string | null)[],
    columns: Column[],
    widths: number[],
    size: number,
    font: PDFFont,
    hiddenText = '',
  ): void {
    let x = MARGIN;
    row.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      const hidden = cell === null;
      const useFont = hidden ? this.fonts.italic : font;
      // A hidden cell's words may run on over the empty cells after it.
      let room = width;
      for (let j = i + 1; hidden && row[j] === ''; j += 1) room += widths[j] ?? 0;
      const value = fit(hidden ? hiddenText : cell, useFont, size, room - 6);
      const textWidth = useFont.widthOfTextAtSize(value, size);
      const right = columns[i]?.align === 'right' && room === width;
      const left = right ? x + width - 3 - textWidth : x + 3;
      this.page.drawText(value, {
        x: left,
        y: this.y,
        size,
        font: useFont,
        color: hidden ? COLOURS.muted : COLOURS.text,
      });
      x += width;
    });
  }

  /** "Page i of n" and a line of words at the foot of every page. */
  footers(words: string): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const size = 7.5;
      const font = this.fonts.regular;
      page.drawText(fit(words, font, size, page.getWidth() - 2 * MARGIN - 70), {
        x: MARGIN,
        y: MARGIN - 20,
        size,
        font,
        color: COLOURS.muted,
      });
      const number = `Page ${i + 1} of ${pages.length}`;
      page.drawText(number, {
        x: page.getWidth() - MARGIN - font.widthOfTextAtSize(number, size),
        y: MARGIN - 20,
        size,
        font,
        color: COLOURS.muted,
      });
    });
  }
}
