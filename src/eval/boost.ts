/**
 * Gradient-boosted depth-2 regression trees for a logistic loss (Newton
 * leaves, L2 on leaf values), with split points at feature quantiles. Used
 * for the question model, where the decision to answer depends on features
 * together (a strong best candidate counts only with the kind asked for, and
 * so on) more than a linear score can say. Deterministic: no sampling, so a
 * refit on the same data gives the same model, and two feature sets compare
 * without a seed's luck between them.
 */
import type { BoostedTrees, TreeNode } from '../answering/trees.js';
import { treesLogit } from '../answering/trees.js';

export interface BoostOptions {
  rounds?: number;
  learningRate?: number;
  depth?: number;
  /** Split points per feature (quantiles). */
  bins?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  /** Least summed hessian on each side of a split. */
  minChildWeight?: number;
}

const DEFAULTS: Required<BoostOptions> = {
  rounds: 150,
  learningRate: 0.1,
  depth: 2,
  bins: 16,
  lambda: 1,
  minChildWeight: 2,
};

function splitPoints(rows: readonly (readonly number[])[], bins: number): number[][] {
  const d = rows[0]?.length ?? 0;
  const out: number[][] = [];
  for (let j = 0; j < d; j++) {
    const values = rows.map((r) => r[j]!).sort((a, b) => a - b);
    const points = new Set<number>();
    for (let q = 1; q < bins; q++) points.add(values[Math.floor((q * (values.length - 1)) / bins)]!);
    out.push([...points].sort((a, b) => a - b));
  }
  return out;
}

/**
 * Fits the trees. `weights` (default: all alike) say how much each row's loss
 * counts; they are scaled to a mean of 1, so the penalties (lambda,
 * minChildWeight) mean the same with and without them.
 */
export function fitBoostedTrees(
  features: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  opts: BoostOptions = {},
  weights?: readonly number[],
): BoostedTrees {
  const o = { ...DEFAULTS, ...opts };
  const total = weights ? weights.reduce((a, b) => a + b, 0) : rows.length;
  const weight = rows.map((_, i) => (weights ? (weights[i]! * rows.length) / total : 1));
  const points = splitPoints(rows, o.bins);
  const model: BoostedTrees = { features: [...features], learningRate: o.learningRate, trees: [] };
  const z = rows.map(() => 0);
  const all = rows.map((_, i) => i);

  const sums = (idx: readonly number[], g: number[], h: number[]) => {
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i]!;
      H += h[i]!;
    }
    return { G, H };
  };
  const grow = (idx: number[], depth: number, g: number[], h: number[]): TreeNode => {
    const { G, H } = sums(idx, g, h);
    const leaf: TreeNode = { leaf: -G / (H + o.lambda) };
    if (depth === 0) return leaf;
    let best = { gain: 1e-9, feature: -1, threshold: 0 };
    const parent = (G * G) / (H + o.lambda);
    points.forEach((ts, f) => {
      for (const t of ts) {
        let gl = 0;
        let hl = 0;
        for (const i of idx) {
          if (rows[i]![f]! <= t) {
            gl += g[i]!;
            hl += h[i]!;
          }
        }
        const hr = H - hl;
        if (hl < o.minChildWeight || hr < o.minChildWeight) continue;
        const gain = (gl * gl) / (hl + o.lambda) + ((G - gl) * (G - gl)) / (hr + o.lambda) - parent;
        if (gain > best.gain) best = { gain, feature: f, threshold: t };
      }
    });
    if (best.feature < 0) return leaf;
    const left = idx.filter((i) => rows[i]![best.feature]! <= best.threshold);
    const right = idx.filter((i) => rows[i]![best.feature]! > best.threshold);
    return {
      feature: best.feature,
      threshold: best.threshold,
      left: grow(left, depth - 1, g, h),
      right: grow(right, depth - 1, g, h),
    };
  };

  for (let round = 0; round < o.rounds; round++) {
    const p = z.map((v) => 1 / (1 + Math.exp(-v)));
    const g = p.map((pi, i) => (pi - labels[i]!) * weight[i]!);
    const h = p.map((pi, i) => Math.max(pi * (1 - pi), 1e-6) * weight[i]!);
    const tree = grow(all, o.depth, g, h);
    model.trees.push(tree);
    rows.forEach((row, i) => {
      z[i] = treesLogit({ ...model, trees: [tree] }, row) + z[i]!;
    });
  }
  return model;
}
