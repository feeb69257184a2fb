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

/** Duals stay exact in doubles well past this. */
const MAX_WEIGHT = 2 ** 40;

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

class BlossomSolver {
  /** Rows of the edge tables, for vertices and blossoms: 2n + 1. */
  private readonly s: number;
  /** Rows of the weight table, for vertices only: n + 1. */
  private readonly ws: number;
  /** Weight of the original edge (u, v); row and column 0 are zero. */
  private readonly w: Float64Array;
  /** For x, y vertices or blossoms: the end vertices of the best edge between them (0: none). */
  private readonly gu: Int32Array;
  private readonly gv: Int32Array;
  private readonly lab: Float64Array;
  /** The vertex matched to x (for a blossom, through its base); 0 when free. */
  readonly match: Int32Array;
  /** The vertex u with the least slack edge from an outer (S) vertex to x; 0 when none. */
  private readonly slack: Int32Array;
  /** dist(slack[x], x), kept up to date for outer and unlabelled x across dual changes. */
  private readonly slackAt: Float64Array;
  /** For each vertex, bestRootFor's last answer; -1 before the first. */
  private readonly rootBest: Int32Array;
  /** The outermost blossom containing x (x itself when x is not inside one). */
  private readonly st: Int32Array;
  /** The vertex through which an inner (T) blossom was reached. */
  private readonly pa: Int32Array;
  /** Label: -1 none, 0 outer (S), 1 inner (T). */
  private readonly label: Int32Array;
  private readonly vis: Int32Array;
  private visMark = 0;
  /** flowerFrom[b * ws + v]: the child of blossom b containing vertex v. */
  private readonly flowerFrom: Int32Array;
  /** A blossom's children around its odd cycle, starting at its base. */
  private readonly flower: number[][];
  private queue: number[] = [];
  private head = 0;
  private nx: number;

  constructor(
    private readonly n: number,
    weight: Float64Array,
  ) {
    const s = 2 * n + 1;
    const ws = n + 1;
    this.s = s;
    this.ws = ws;
    this.nx = n;
    this.w = new Float64Array(ws * ws);
    this.gu = new Int32Array(s * s);
    this.gv = new Int32Array(s * s);
    this.lab = new Float64Array(s);
    this.match = new Int32Array(s);
    this.slack = new Int32Array(s);
    this.slackAt = new Float64Array(s);
    this.rootBest = new Int32Array(n + 1).fill(-1);
    this.st = new Int32Array(s);
    this.pa = new Int32Array(s);
    this.label = new Int32Array(s);
    this.vis = new Int32Array(s);
    this.flowerFrom = new Int32Array(s * ws);
    this.flower = Array.from({ length: s }, () => []);
    let wMax = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = i === j ? 0 : weight[i * n + j]!;
        if (!Number.isInteger(x) || x < 0 || x > MAX_WEIGHT || x !== weight[j * n + i])
          throw new RangeError('weights are symmetric whole numbers >= 0');
        this.w[(i + 1) * ws + j + 1] = x;
        this.gu[(i + 1) * s + j + 1] = i + 1;
        this.gv[(i + 1) * s + j + 1] = j + 1;
        if (x > wMax) wMax = x;
      }
    }
    for (let u = 0; u <= n; u++) this.st[u] = u;
    for (let u = 1; u <= n; u++) {
      this.flowerFrom[u * ws + u] = u;
      this.lab[u] = wMax;
    }
  }

  solve(): void {
    while (this.stage());
  }

  private edgeWeight(x: number, y: number): number {
    const k = x * this.s + y;
    return this.w[this.gu[k]! * this.ws + this.gv[k]!]!;
  }

  /** Twice the slack of the best edge between x and y: zero when tight. */
  private dist(x: number, y: number): number {
    const k = x * this.s + y;
    const u = this.gu[k]!;
    const v = this.gv[k]!;
    return this.lab[u]! + this.lab[v]! - 2 * this.w[u * this.ws + v]!;
  }

  private updateSlack(u: number, x: number): void {
    const d = this.dist(u, x);
    if (this.slack[x] === 0 || d < this.slackAt[x]!) {
      this.slack[x] = u;
      this.slackAt[x] = d;
    }
  }

  private setSlack(x: number): void {
    this.slack[x] = 0;
    for (let u = 1; u <= this.n; u++) {
      const top = this.st[u]!;
      if (this.edgeWeight(u, x) > 0 && top !== x && this.label[top] === 0) this.updateSlack(u, x);
    }
  }

  private push(x: number): void {
    if (x <= this.n) this.queue.push(x);
    else for (const child of this.flower[x]!) this.push(child);
  }

  private setTop(x: number, b: number): void {
    this.st[x] = b;
    if (x > this.n) for (const child of this.flower[x]!) this.setTop(child, b);
  }

  /** Position of child xr in blossom b's cycle, turning the cycle so the way to it is even. */
  private evenPosition(b: number, xr: number): number {
    const cycle = this.flower[b]!;
    const pr = cycle.indexOf(xr);
    if (pr % 2 === 0) return pr;
    for (let i = 1, j = cycle.length - 1; i < j; i++, j--) {
      const t = cycle[i]!;
      cycle[i] = cycle[j]!;
      cycle[j] = t;
    }
    return cycle.length - pr;
  }

  /** Matches x (vertex or blossom) along its best edge towards y, re-basing blossoms inside. */
  private setMatch(x: number, y: number): void {
    const k = x * this.s + y;
    this.match[x] = this.gv[k]!;
    if (x <= this.n) return;
    const xr = this.flowerFrom[x * this.ws + this.gu[k]!]!;
    const pr = this.evenPosition(x, xr);
    const cycle = this.flower[x]!;
    for (let i = 0; i < pr; i++) this.setMatch(cycle[i]!, cycle[i ^ 1]!);
    this.setMatch(xr, y);
    this.flower[x] = [...cycle.slice(pr), ...cycle.slice(0, pr)];
  }

  private augment(from: number, to: number): void {
    let u = from;
    let v = to;
    for (;;) {
      const xnv = this.st[this.match[u]!]!;
      this.setMatch(u, v);
      if (xnv === 0) return;
      this.setMatch(xnv, this.st[this.pa[xnv]!]!);
      u = this.st[this.pa[xnv]!]!;
      v = xnv;
    }
  }

  /** The nearest common outer blossom of two trees' paths to their roots; 0 when disjoint. */
  private lowestCommon(from: number, to: number): number {
    const mark = ++this.visMark;
    let u = from;
    let v = to;
    while (u !== 0 || v !== 0) {
      if (u !== 0) {
        if (this.vis[u] === mark) return u;
        this.vis[u] = mark;
        u = this.st[this.match[u]!]!;
        if (u !== 0) u = this.st[this.pa[u]!]!;
      }
      const t = u;
      u = v;
      v = t;
    }
    return 0;
  }

  private addBlossom(u: number, lca: number, v: number): void {
    const { n, s, ws } = this;
    let b = n + 1;
    while (b <= this.nx && this.st[b] !== 0) b++;
    if (b > this.nx) this.nx++;
    this.lab[b] = 0;
    this.label[b] = 0;
    this.match[b] = this.match[lca]!;
    const cycle = [lca];
    const walk = (start: number): void => {
      for (let x = start; x !== lca;) {
        const y = this.st[this.match[x]!]!;
        cycle.push(x, y);
        this.push(y);
        x = this.st[this.pa[y]!]!;
      }
    };
    walk(u);
    cycle.splice(1, cycle.length - 1, ...cycle.slice(1).reverse());
    walk(v);
    this.flower[b] = cycle;
    this.setTop(b, b);
    for (let x = 1; x <= this.nx; x++) {
      this.gu[b * s + x] = this.gv[b * s + x] = 0;
      this.gu[x * s + b] = this.gv[x * s + b] = 0;
    }
    this.flowerFrom.fill(0, b * ws, b * ws + ws);
    for (const xs of cycle) {
      for (let x = 1; x <= this.nx; x++) {
        if (
          this.edgeWeight(xs, x) > 0 &&
          (this.edgeWeight(b, x) === 0 || this.dist(xs, x) < this.dist(b, x))
        ) {
          this.gu[b * s + x] = this.gu[xs * s + x]!;
          this.gv[b * s + x] = this.gv[xs * s + x]!;
          this.gu[x * s + b] = this.gu[x * s + xs]!;
          this.gv[x * s + b] = this.gv[x * s + xs]!;
        }
      }
      for (let x = 1; x <= n; x++)
        if (this.flowerFrom[xs * ws + x] !== 0) this.flowerFrom[b * ws + x] = xs;
    }
    this.setSlack(b);
  }

  /** Dissolves an inner blossom whose dual reached zero, relabelling the path through it. */
  private expandBlossom(b: number): void {
    const cycle = this.flower[b]!;
    for (const child of cycle) this.setTop(child, child);
    const xr = this.flowerFrom[b * this.ws + this.gu[b * this.s + this.pa[b]!]!]!;
    const pr = this.evenPosition(b, xr);
    const turned = this.flower[b]!;
    for (let i = 0; i < pr; i += 2) {
      const xs = turned[i]!;
      const xns = turned[i + 1]!;
      this.pa[xs] = this.gu[xns * this.s + xs]!;
      this.label[xs] = 1;
      this.label[xns] = 0;
      this.slack[xs] = 0;
      this.setSlack(xns);
      this.push(xns);
    }
    this.label[xr] = 1;
    this.pa[xr] = this.pa[b]!;
    for (let i = pr + 1; i < turned.length; i++) {
      const xs = turned[i]!;
      this.label[xs] = -1;
      this.setSlack(xs);
    }
    this.st[b] = 0;
  }

  /** A tight edge from an outer vertex: grow the tree, shrink a blossom, or augment. */
  private onTightEdge(eu: number, ev: number): boolean {
    const u = this.st[eu]!;
    const v = this.st[ev]!;
    if (this.label[v] === -1) {
      this.pa[v] = eu;
      this.label[v] = 1;
      const nu = this.st[this.match[v]!]!;
      this.slack[v] = this.slack[nu] = 0;
      this.label[nu] = 0;
      this.push(nu);
    } else if (this.label[v] === 0) {
      const lca = this.lowestCommon(u, v);
      if (lca === 0) {
        this.augment(u, v);
        this.augment(v, u);
        return true;
      }
      this.addBlossom(u, lca, v);
    }
    return false;
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
