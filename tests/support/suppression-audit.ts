import type { PublishedTable } from '../../bot/src/contracts/evaluation-results';

/**
 * An adversary's view of a published count table: which hidden entries can be worked out
 * exactly from the shown ones and "each row's and column's cells add up to its total", by any
 * combination of rows and columns. Used by the participation tests to audit every table the
 * domain publishes (the suppression's own tests audit random grids the same way).
 */

/** Every row and column of the extended grid (cells plus totals) as lists of [r, c]. */
export function gridLines(height: number, width: number): [number, number][][] {
  const all: [number, number][][] = [];
  for (let r = 0; r < height; r += 1) all.push(Array.from({ length: width }, (_, c) => [r, c]));
  for (let c = 0; c < width; c += 1) all.push(Array.from({ length: height }, (_, r) => [r, c]));
  return all;
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let found = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && found < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= found && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) continue;
    [m[found], m[pivot]] = [m[pivot]!, m[found]!];
    for (let i = 0; i < m.length; i += 1) {
      if (i === found) continue;
      const factor = m[i]![c]! / m[found]![c]!;
      for (let j = c; j < columns; j += 1) m[i]![j]! -= factor * m[found]![j]!;
    }
    found += 1;
  }
  return found;
}

/**
 * The hidden entries pinned down exactly: x_j is determined when dropping its column from the
 * hidden part of the line equations lowers their rank.
 */
export function recoverableCells(table: PublishedTable): [number, number][] {
  return recoverableHidden(table.cells.map((row) => row.map((cell) => !cell.shown)));
}

/** The same, for a grid of hidden flags (cells plus totals, totals in the last row and column). */
export function recoverableHidden(hidden: boolean[][]): [number, number][] {
  const height = hidden.length;
  const width = hidden[0]!.length;
  const unknowns: [number, number][] = [];
  hidden.forEach((row, r) => row.forEach((h, c) => h && unknowns.push([r, c])));
  if (unknowns.length === 0) return [];
  const equations = gridLines(height, width).map((line) => {
    const coefficient = new Map<string, number>();
    for (const [r, c] of line) {
      const isTotal = line.every(([r2]) => r2 === r) ? c === width - 1 : r === height - 1;
      coefficient.set(`${r},${c}`, isTotal ? -1 : 1);
    }
    return unknowns.map(([r, c]) => coefficient.get(`${r},${c}`) ?? 0);
  });
  const full = rank(equations);
  return unknowns.filter(
    (_, j) => rank(equations.map((row) => row.filter((__, k) => k !== j))) < full,
  );
}

/** The shown counts of a published table, hidden ones as undefined. */
export function shownCounts(table: PublishedTable): (number | undefined)[][] {
  return table.cells.map((row) => row.map((cell) => (cell.shown ? cell.count : undefined)));
}
