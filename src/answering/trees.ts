/**
 * Boosted decision trees, evaluated: the question model's form. Each tree is
 * small (depth 2); the model's log-odds are the sum of the trees' leaves
 * times the learning rate. Fitted by src/eval/boost.ts; stored in the model file.
 */

export type TreeNode = { feature: number; threshold: number; left: TreeNode; right: TreeNode } | { leaf: number };

export interface BoostedTrees {
  features: string[];
  learningRate: number;
  trees: TreeNode[];
}

function leafOf(node: TreeNode, x: readonly number[]): number {
  let n = node;
  while (!('leaf' in n)) n = x[n.feature]! <= n.threshold ? n.left : n.right;
  return n.leaf;
}

/** The log-odds the trees give a feature vector. */
export function treesLogit(model: BoostedTrees, x: readonly number[]): number {
  let z = 0;
  for (const tree of model.trees) z += model.learningRate * leafOf(tree, x);
  return z;
}

/** Checks a stored tree: every split names a feature of the vector and every leaf is a number. */
export function isTree(node: unknown, features: number): node is TreeNode {
  if (typeof node !== 'object' || node === null) return false;
  const n = node as Record<string, unknown>;
  if ('leaf' in n) return Number.isFinite(n.leaf);
  return (
    Number.isInteger(n.feature) &&
    (n.feature as number) >= 0 &&
    (n.feature as number) < features &&
    Number.isFinite(n.threshold) &&
    isTree(n.left, features) &&
    isTree(n.right, features)
  );
}
