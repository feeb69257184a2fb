import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';

/**
 * Renders a PDF's page in the real Chromium with pdfjs-dist (served to the page from
 * node_modules through `page.route`, on a made-up origin: no network), and reads its text the
 * way a reader's PDF viewer would. Used by the browser test of the sponsor's report.
 */

const ORIGIN = 'http://pdf-render.test';
const PDFJS = path.resolve(__dirname, '../../node_modules/pdfjs-dist/build');

/** Runs in the page: loads pdf.js, draws the page to a canvas, reads every page's text. */
const RENDER_IN_PAGE = `async (origin, pageNumber) => {
  const pdfjs = await import(origin + '/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = origin + '/pdf.worker.mjs';
  const doc = await pdfjs.getDocument({ url: origin + '/report.pdf' }).promise;
  const shown = await doc.getPage(pageNumber);
  const viewport = shown.getViewport({ scale: 1.5 });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  document.body.append(canvas);
  await shown.render({ canvasContext: canvas.getContext('2d'), canvas, viewport }).promise;
  const texts = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => item.str || '').join(' '));
  }
  return { pages: doc.numPages, png: canvas.toDataURL('image/png'), text: texts.join('\\n') };
}`;

export interface RenderedPdf {
  pages: number;
  /** The page drawn to a canvas, as PNG bytes. */
  png: Buffer;
  /** The text of every page, in reading order, one page after another. */
  text: string;
}

export async function renderPdf(
  browser: Browser,
  bytes: Uint8Array,
  pageNumber = 1,
): Promise<RenderedPdf> {
  const page = await browser.newPage();
  try {
    await page.route(`${ORIGIN}/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === 'index.html') {
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>pdf</title>',
        });
      }
      if (name === 'report.pdf')
        return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(bytes) });
      if (name === 'pdf.mjs' || name === 'pdf.worker.mjs') {
        return route.fulfill({
          contentType: 'text/javascript',
          body: readFileSync(path.join(PDFJS, name)),
        });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/index.html`);
    // Passed as text: the test's compiler would rewrite an `import()` inside a function.
    const result = (await page.evaluate(
      `(${RENDER_IN_PAGE})(${JSON.stringify(ORIGIN)}, ${pageNumber})`,
    )) as { pages: number; png: string; text: string };
    const png = Buffer.from(result.png.replace(/^data:image\/png;base64,/, ''), 'base64');
    return { pages: result.pages, png, text: result.text };
  } finally {
    await page.close();
  }
}

/** How many pixels of a PNG are not (near) white, and how many there are. */
export function inkedPixels(png: Buffer): { inked: number; total: number } {
  const image = PNG.sync.read(png);
  let inked = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [
      image.data[i]!,
      image.data[i + 1]!,
      image.data[i + 2]!,
      image.data[i + 3]!,
    ];
    // A transparent pixel shows the (white) page.
    if (a > 0 && (r < 240 || g < 240 || b < 240)) inked += 1;
  }
  return { inked, total: image.width * image.height };
}
