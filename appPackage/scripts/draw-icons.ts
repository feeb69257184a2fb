/**
 * Draws the Teams app icons: two people side by side, one taller and one shorter,
 * standing for the two halves of a reverse mentoring pair.
 *
 *   color.png   192×192, white and aqua figures on a solid NHS-style teal square
 *   outline.png  32×32, white figures on a transparent background
 *
 * Run with `npx tsx appPackage/scripts/draw-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  paint: Rgba;
}

/** A figure in unit coordinates: 0..1 across the symbol box, y pointing down. */
interface Figure {
  centreX: number;
  headY: number;
  headRadius: number;
  shoulderHalfWidth: number;
  bodyTop: number;
  baseY: number;
}

const TEAL: Rgba = [0, 121, 111, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AQUA: Rgba = [168, 230, 222, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SUBSAMPLES = 4;

const MENTOR: Figure = {
  centreX: 0.36,
  headY: 0.25,
  headRadius: 0.14,
  shoulderHalfWidth: 0.3,
  bodyTop: 0.45,
  baseY: 0.95,
};

const MENTEE: Figure = {
  centreX: 0.68,
  headY: 0.44,
  headRadius: 0.115,
  shoulderHalfWidth: 0.25,
  bodyTop: 0.6,
  baseY: 0.95,
};

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The top half of an ellipse whose centre sits on the base line: a pair of shoulders. */
function shoulders(cx: number, baseY: number, halfWidth: number, height: number): Shape {
  return (x, y) => y <= baseY && ((x - cx) / halfWidth) ** 2 + ((y - baseY) / height) ** 2 <= 1;
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

/** The figure's silhouette, grown by `margin` on every side (used to cut a gap around it). */
function figureShape(figure: Figure, margin = 0): Shape {
  const head = circle(figure.centreX, figure.headY, figure.headRadius + margin);
  const body = shoulders(
    figure.centreX,
    figure.baseY,
    figure.shoulderHalfWidth + margin,
    figure.baseY - figure.bodyTop + margin,
  );
  return union(head, body);
}

/** Maps a shape drawn in the unit symbol box onto a square image of `size` pixels. */
function placeInBox(shape: Shape, size: number, boxStart: number, boxSize: number): Shape {
  return (px, py) => shape((px / size - boxStart) / boxSize, (py / size - boxStart) / boxSize);
}

/** Paints are opaque or fully clear, so the top-most layer covering a point decides its colour. */
function colourAt(layers: Layer[], x: number, y: number): Rgba {
  return layers.reduce<Rgba>((colour, layer) => (layer.shape(x, y) ? layer.paint : colour), CLEAR);
}

/** Averages SUBSAMPLES² samples per pixel (premultiplied) so edges are smooth. */
function pixelColour(layers: Layer[], px: number, py: number): Rgba {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
    for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
      const sample = colourAt(layers, px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES);
      const alpha = sample[3] / 255;
      sum[0]! += sample[0] * alpha;
      sum[1]! += sample[1] * alpha;
      sum[2]! += sample[2] * alpha;
      sum[3]! += alpha;
    }
  }
  const coverage = sum[3]!;
  if (coverage === 0) return CLEAR;
  const channel = (i: number): number => Math.round(sum[i]! / coverage);
  return [channel(0), channel(1), channel(2), Math.round((coverage / SUBSAMPLES ** 2) * 255)];
}

function render(size: number, layers: Layer[]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      pixelColour(layers, x, y).forEach((value, i) => {
        png.data[offset + i] = value;
      });
    }
  }
  return PNG.sync.write(png);
}

function colourIconLayers(size: number): Layer[] {
  const place = (shape: Shape): Shape => placeInBox(shape, size, 0.2, 0.6);
  return [
    { shape: () => true, paint: TEAL },
    { shape: place(figureShape(MENTOR)), paint: AQUA },
    { shape: place(figureShape(MENTEE, 0.05)), paint: TEAL },
    { shape: place(figureShape(MENTEE)), paint: WHITE },
  ];
}

function outlineIconLayers(size: number): Layer[] {
  const place = (shape: Shape): Shape => placeInBox(shape, size, 0.06, 0.88);
  return [
    { shape: place(figureShape(MENTOR)), paint: WHITE },
    { shape: place(figureShape(MENTEE, 0.07)), paint: CLEAR },
    { shape: place(figureShape(MENTEE)), paint: WHITE },
  ];
}

function main(): void {
  const appPackageDir = path.resolve(__dirname, '..');
  writeFileSync(path.join(appPackageDir, 'color.png'), render(192, colourIconLayers(192)));
  writeFileSync(path.join(appPackageDir, 'outline.png'), render(32, outlineIconLayers(32)));
  console.log(`Wrote color.png (192×192) and outline.png (32×32) to ${appPackageDir}`);
}

main();
