/**
 * The state of Edmonds' blossom algorithm (see max-weight-matching.ts) and the operations on
 * its alternating trees and blossoms: label, shrink an odd cycle into a blossom, expand one,
 * and augment the matching along a path through nested blossoms. Vertices are 1..n, blossoms
 * n+1..2n, 0 means "none"; edge tables are (2n+1) x (2n+1), weights (n+1) x (n+1).
 */

/** Duals stay exact in doubles well past this. */
const MAX_WEIGHT = 2 ** 40;

export class BlossomForest {
  /** Rows of the edge tables, for vertices and blossoms: 2n + 1. */
  protected readonly s: number;
  /** Rows of the weight table, for vertices only: n + 1. */
  protected readonly ws: number;
  /** Weight of the original edge (u, v); row and column 0 are zero. */
  protected readonly w: Float64Array;
  /** For x, y vertices or blossoms: the end vertices of the best edge between them (0: none). */
  protected readonly gu: Int32Array;
  protected readonly gv: Int32Array;
  protected readonly lab: Float64Array;
  /** The vertex matched to x (for a blossom, through its base); 0 when free. */
  readonly match: Int32Array;
  /** The vertex u with the least slack edge from an outer (S) vertex to x; 0 when none. */
  protected readonly slack: Int32Array;
  /** dist(slack[x], x), kept up to date for outer and unlabelled x across dual changes. */
  protected readonly slackAt: Float64Array;
  /** The outermost blossom containing x (x itself when x is not inside one). */
  protected readonly st: Int32Array;
  /** The vertex through which an inner (T) blossom was reached. */
  protected readonly pa: Int32Array;
  /** Label: -1 none, 0 outer (S), 1 inner (T). */
  protected readonly label: Int32Array;
  protected readonly vis: Int32Array;
  protected visMark = 0;
  /** flowerFrom[b * ws + v]: the child of blossom b containing vertex v. */
  protected readonly flowerFrom: Int32Array;
  /** A blossom's children around its odd cycle, starting at its base. */
  protected readonly flower: number[][];
  protected queue: number[] = [];
  protected head = 0;
  protected nx: number;

  constructor(
    protected readonly n: number,
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

  protected edgeWeight(x: number, y: number): number {
    const k = x * this.s + y;
    return this.w[this.gu[k]! * this.ws + this.gv[k]!]!;
  }

  /** Twice the slack of the best edge between x and y: zero when tight. */
  protected dist(x: number, y: number): number {
    const k = x * this.s + y;
    const u = this.gu[k]!;
    const v = this.gv[k]!;
    return this.lab[u]! + this.lab[v]! - 2 * this.w[u * this.ws + v]!;
  }

  protected updateSlack(u: number, x: number): void {
    const d = this.dist(u, x);
    if (this.slack[x] === 0 || d < this.slackAt[x]!) {
      this.slack[x] = u;
      this.slackAt[x] = d;
    }
  }

  protected setSlack(x: number): void {
    this.slack[x] = 0;
    for (let u = 1; u <= this.n; u++) {
      const top = this.st[u]!;
      if (this.edgeWeight(u, x) > 0 && top !== x && this.label[top] === 0) this.updateSlack(u, x);
    }
  }

  protected push(x: number): void {
    if (x <= this.n) this.queue.push(x);
    else for (const child of this.flower[x]!) this.push(child);
  }

  protected setTop(x: number, b: number): void {
    this.st[x] = b;
    if (x > this.n) for (const child of this.flower[x]!) this.setTop(child, b);
  }

  /** Position of child xr in blossom b's cycle, turning the cycle so the way to it is even. */
  protected evenPosition(b: number, xr: number): number {
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
  protected setMatch(x: number, y: number): void {
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

  protected augment(from: number, to: number): void {
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
  protected lowestCommon(from: number, to: number): number {
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

  protected addBlossom(u: number, lca: number, v: number): void {
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
  protected expandBlossom(b: number): void {
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
  protected onTightEdge(eu: number, ev: number): boolean {
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
}
