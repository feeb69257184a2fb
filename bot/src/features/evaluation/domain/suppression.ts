import { EVALUATION_LIMITS } from '../../../contracts/evaluation';

/**
 * Small-number suppression for a table of aggregate cells (people counted by row and column,
 * e.g. respondents by survey and role) with its row totals, column totals and grand total.
 *
 * The table is seen as an extended grid: rows 0…R−1 and columns 0…C−1 are the cells, column C
 * holds the row totals, row R the column totals, and [R][C] the grand total. Each row and each
 * column of that grid is a "line" whose cells add up to its total, so one hidden entry alone in
 * a line could be worked out by subtraction.
 *
 * 1. Primary: every entry (cell or total) covering fewer than `minGroupSize` people is hidden,
 *    zero included ("nobody in this group" can tell something too).
 * 2. Secondary, to a fixed point:
 *    a. a line with exactly one hidden entry gets its smallest shown entry hidden too (cells
 *       before totals, then the first), the classic rule;
 *    b. a hidden entry that several lines could still pin down together (in the graph whose
 *       nodes are the lines and whose edges are the hidden entries, a bridge) gets a partner:
 *       the smallest shown entry that closes a cycle through it. With (a) and (b) no hidden
 *       entry can be worked out from the published ones by any sum or difference of lines.
 */

export interface Grid {
  /** counts[r][c]: how many people cell (r, c) covers; every row the same length. */
  counts: readonly (readonly number[])[];
}

/** The extended grid's counts: the cells, each row's total, each column's total, the grand. */
export function withTotals(counts: readonly (readonly number[])[]): number[][] {
  const columns = counts[0]?.length ?? 0;
  const rows = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, c) =>
    rows.reduce((sum, row) => sum + row[c]!, 0),
  );
  return [...rows, totals];
}

/** Throws unless `minGroupSize` is a whole number within the contract's floor and ceiling. */
export function checkMinGroupSize(minGroupSize: number): void {
  const { minGroupSizeFloor: floor, minGroupSizeCeiling: ceiling } = EVALUATION_LIMITS;
  if (!Number.isInteger(minGroupSize) || minGroupSize < floor || minGroupSize > ceiling) {
    throw new RangeError(`minGroupSize must be a whole number from ${floor} to ${ceiling}`);
  }
}

type Entry = [number, number];

function lineEntries(extended: number[][]): Entry[][] {
  const height = extended.length;
  const width = extended[0]?.length ?? 0;
  const lines: Entry[][] = [];
  for (let r = 0; r < height; r += 1) {
    lines.push(Array.from({ length: width }, (_, c): Entry => [r, c]));
  }
  for (let c = 0; c < width; c += 1) {
    lines.push(Array.from({ length: height }, (_, r): Entry => [r, c]));
  }
  return lines;
}

/** Smallest shown entry among `candidates`: fewest people, cells before totals, then first. */
function smallestShown(
  candidates: Entry[],
  extended: number[][],
  hidden: boolean[][],
): Entry | undefined {
  const lastRow = extended.length - 1;
  const lastColumn = (extended[0]?.length ?? 1) - 1;
  const isTotal = ([r, c]: Entry) => (r === lastRow || c === lastColumn ? 1 : 0);
  let best: Entry | undefined;
  for (const entry of candidates) {
    if (hidden[entry[0]]![entry[1]]) continue;
    if (
      !best ||
      extended[entry[0]]![entry[1]]! < extended[best[0]]![best[1]]! ||
      (extended[entry[0]]![entry[1]]! === extended[best[0]]![best[1]]! &&
        isTotal(entry) < isTotal(best))
    ) {
      best = entry;
    }
  }
  return best;
}

/**
 * The hidden entries' graph: node r is row line r, node height + c is column line c; each
 * hidden entry (r, c) joins them. Returns the nodes reachable from `from` without `skip`.
 */
function reachable(hidden: boolean[][], from: number, skip: Entry): Set<number> {
  const height = hidden.length;
  const width = hidden[0]?.length ?? 0;
  const seen = new Set<number>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const neighbours: number[] = [];
    if (node < height) {
      for (let c = 0; c < width; c += 1) {
        if (hidden[node]![c] && !(skip[0] === node && skip[1] === c)) neighbours.push(height + c);
      }
    } else {
      const c = node - height;
      for (let r = 0; r < height; r += 1) {
        if (hidden[r]![c] && !(skip[0] === r && skip[1] === c)) neighbours.push(r);
      }
    }
    for (const next of neighbours) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** For a bridge (r, c), the shown entries that would close a cycle through it. */
function cycleClosers(hidden: boolean[][], [r, c]: Entry): Entry[] | undefined {
  const height = hidden.length;
  const width = hidden[0]?.length ?? 0;
  const side = reachable(hidden, r, [r, c]);
  if (side.has(height + c)) return undefined; // not a bridge
  const closers: Entry[] = [];
  for (let i = 0; i < height; i += 1) {
    for (let j = 0; j < width; j += 1) {
      if (!hidden[i]![j] && side.has(i) !== side.has(height + j)) closers.push([i, j]);
    }
  }
  return closers;
}

/**
 * Which entries of the extended grid (`withTotals(counts)`) to hide so that no figure covers
 * fewer than `minGroupSize` people and none can be worked out from the rest. `alsoHide` marks
 * entries of the extended grid to hide from the start, whatever their count: a total whose count
 * is not of distinct people (the same person counted in several rows) may cover fewer people.
 */
export function suppressGrid(
  counts: readonly (readonly number[])[],
  minGroupSize: number,
  alsoHide?: readonly (readonly boolean[])[],
): boolean[][] {
  checkMinGroupSize(minGroupSize);
  const extended = withTotals(counts);
  const hidden = extended.map((row, r) =>
    row.map((count, c) => count < minGroupSize || alsoHide?.[r]?.[c] === true),
  );
  const lines = lineEntries(extended);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r]![c]).length !== 1) continue;
      const partner = smallestShown(line, extended, hidden);
      if (partner) {
        hidden[partner[0]]![partner[1]] = true;
        changed = true;
      }
    }
    if (changed) continue;
    for (let r = 0; r < extended.length && !changed; r += 1) {
      for (let c = 0; c < extended[r]!.length && !changed; c += 1) {
        if (!hidden[r]![c]) continue;
        const closers = cycleClosers(hidden, [r, c]);
        const partner = closers && smallestShown(closers, extended, hidden);
        if (partner) {
          hidden[partner[0]]![partner[1]] = true;
          changed = true;
        }
      }
    }
  }
  return hidden;
}

/**
 * A breakdown by special-category data (ethnicity, disability, sexual orientation…) is shown
 * only when every cell covers at least `minGroupSize` people; otherwise it is withheld whole
 * (no secondary suppression, which would still show the shape of small groups).
 */
export function specialCategoryBreakdownAllowed(
  counts: readonly (readonly number[])[],
  minGroupSize: number,
): boolean {
  checkMinGroupSize(minGroupSize);
  return counts.length > 0 && counts.every((row) => row.every((count) => count >= minGroupSize));
}
