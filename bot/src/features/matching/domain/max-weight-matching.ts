import { BlossomForest } from './blossom-forest';

/**
 * Maximum-weight matching in a general graph: Edmonds' blossom algorithm in its primal-dual
 * form (O(n^3)), on a dense weight matrix held in typed arrays. Used for the reciprocal pool,
 * where anyone may be paired with anyone, so odd cycles ("blossoms") occur and the bipartite
 * assignment solvers do not apply.
 *
 * Inside, vertices are numbered 1..n and blossoms n+1..2n (0 means "none"). Each vertex and
 * blossom has a dual value `lab`; an edge (u, v) is tight when lab[u] + lab[v] = 2 w(u, v).
 * Each stage grows alternating trees from every free vertex along tight edges, shrinks odd
 * cycles into blossoms, and either finds an augmenting path (one more matched edge, the stage
 * ends) or changes the duals by the largest step that keeps them feasible. The algorithm ends
 * when a free vertex's dual reaches zero: no augmenting path can then add weight.
 * `tests/unit/matching-reciprocal-solver.test.ts` holds it against brute force.
 */

/**
 * The maximum-weight matching of a graph of `n` vertices given by a symmetric n x n matrix
 * (row-major): weight[i * n + j] > 0 is an edge of that weight, 0 is no edge. Weights are
 * whole numbers (so the duals stay exact). Returns each vertex's partner, or -1.
 */
export function maxWeightMatching(n: number, weight: Float64Array): Int32Array {
  if (!Number.isInteger(n) || n < 0 || weight.length !== n * n)
    throw new RangeError('weight is an n x n matrix');
  const solver = new BlossomSolver(n, weight);
  solver.solve();
  const mate = new Int32Array(n).fill(-1);
  for (let u = 1; u <= n; u++) if (solver.match[u]! > 0) mate[u - 1] = solver.match[u]! - 1;
  return mate;
}

class BlossomSolver extends BlossomForest {
  /** For each vertex, bestRootFor's last answer; -1 before the first. */
  private readonly rootBest: Int32Array;

  constructor(n: number, weight: Float64Array) {
    super(n, weight);
    this.rootBest = new Int32Array(n + 1).fill(-1);
  }

  solve(): void {
    while (this.stage());
  }
  /** A free vertex of its own, outside any blossom: the root of a one-vertex tree. */
  private isLoneRoot(r: number): boolean {
    return this.st[r] === r && this.match[r] === 0;
  }

  /**
   * The lone root r != x with the heaviest edge to vertex x (0 when none). Lone roots all
   * carry the same dual (they have been outer in every stage), so this is also the one with
   * the least slack to x. The set of lone roots only shrinks, so an answer stays right while
   * its root stays a lone root; otherwise it is looked up again.
   */
  private bestRootFor(x: number): number {
    const known = this.rootBest[x]!;
    if (known === 0 || (known > 0 && this.isLoneRoot(known))) return known;
    const { n, ws, w } = this;
    let best = 0;
    let bestWeight = 0;
    for (let r = 1; r <= n; r++) {
      const weight = w[r * ws + x]!;
      if (weight > bestWeight && r !== x && this.isLoneRoot(r)) {
        best = r;
        bestWeight = weight;
      }
    }
    this.rootBest[x] = best;
    return best;
  }

  /**
   * The least-slack edges from the lone roots, as scanning each of them would record them:
   * for a vertex target through bestRootFor, for a blossom target over all lone roots. This
   * replaces a scan of every free vertex at the start of every stage (O(n^2) a stage).
   */
  private seedRootSlack(): void {
    const { n, st } = this;
    for (let x = 1; x <= n; x++) {
      if (st[x] !== x) continue;
      const r = this.bestRootFor(x);
      if (r > 0) this.updateSlack(r, x);
    }
    for (let b = n + 1; b <= this.nx; b++) {
      if (st[b] !== b) continue;
      for (let r = 1; r <= n; r++)
        if (this.isLoneRoot(r) && this.edgeWeight(r, b) > 0) this.updateSlack(r, b);
    }
  }

  /** One stage: true when it augmented the matching, false when no gain is left. */
  private stage(): boolean {
    const { n, s, ws, lab, st, label, slack, slackAt, w } = this;
    label.fill(-1, 1, this.nx + 1);
    slack.fill(0, 1, this.nx + 1);
    this.queue = [];
    this.head = 0;
    let roots = 0;
    for (let x = 1; x <= this.nx; x++) {
      if (st[x] === x && this.match[x] === 0) {
        this.pa[x] = 0;
        label[x] = 0;
        roots++;
        // Free vertices of their own are not scanned: seedRootSlack stands in for their scans.
        if (x > n) this.push(x);
      }
    }
    if (roots === 0) return false;
    this.seedRootSlack();
    for (;;) {
      while (this.head < this.queue.length) {
        const u = this.queue[this.head++]!;
        let top = st[u]!;
        if (label[top] === 1) continue;
        const labU = lab[u]!;
        const row = u * ws;
        for (let v = 1; v <= n; v++) {
          const weight = w[row + v]!;
          if (weight === 0) continue;
          const x = st[v]!;
          if (x === top) continue;
          const gap = labU + lab[v]! - 2 * weight;
          if (gap === 0) {
            if (this.onTightEdge(u, v)) return true;
            // A blossom formed on the way may now hold u.
            top = st[u]!;
          } else if (x === v) {
            // The hot path: v is a vertex of its own, and (u, v) is its edge to u.
            if (slack[v] === 0 || gap < slackAt[v]!) {
              slack[v] = u;
              slackAt[v] = gap;
            }
          } else this.updateSlack(u, x);
        }
      }
      let d = Infinity;
      for (let b = n + 1; b <= this.nx; b++)
        if (st[b] === b && label[b] === 1) d = Math.min(d, lab[b]! / 2);
      for (let x = 1; x <= this.nx; x++) {
        if (st[x] !== x || slack[x] === 0) continue;
        if (label[x] === -1) d = Math.min(d, slackAt[x]!);
        else if (label[x] === 0) d = Math.min(d, slackAt[x]! / 2);
      }
      for (let u = 1; u <= n; u++) {
        const l = label[st[u]!];
        if (l === 0) {
          if (lab[u]! <= d) return false;
          lab[u] = lab[u]! - d;
        } else if (l === 1) lab[u] = lab[u]! + d;
      }
      for (let b = n + 1; b <= this.nx; b++) {
        if (st[b] !== b) continue;
        if (label[b] === 0) lab[b] = lab[b]! + 2 * d;
        else if (label[b] === 1) lab[b] = lab[b]! - 2 * d;
      }
      // Edges from outer vertices lose d of slack at an unlabelled end, 2d at an outer one.
      for (let x = 1; x <= this.nx; x++) {
        if (st[x] !== x || slack[x] === 0) continue;
        if (label[x] === -1) slackAt[x] = slackAt[x]! - d;
        else if (label[x] === 0) slackAt[x] = slackAt[x]! - 2 * d;
      }
      this.queue = [];
      this.head = 0;
      for (let x = 1; x <= this.nx; x++) {
        const u = slack[x]!;
        if (st[x] === x && u !== 0 && st[u] !== x && this.dist(u, x) === 0) {
          const k = u * s + x;
          if (this.onTightEdge(this.gu[k]!, this.gv[k]!)) return true;
        }
      }
      for (let b = n + 1; b <= this.nx; b++)
        if (st[b] === b && label[b] === 1 && lab[b] === 0) this.expandBlossom(b);
    }
  }
}
