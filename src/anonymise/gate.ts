/**
 * The masking's expressions, built and run only where they could match. V8
 * compiles an expression on its first run, and the masking's `\p{…}` classes,
 * look-behinds and long alternations cost a one-shot `ask` a few ms each,
 * mostly on questions they never match. Each expression here comes with a
 * gate: a small expression for a piece every match of it must contain (a
 * digit, a company suffix, a trigger phrase), with the same flags, so a text
 * the gate does not match cannot be matched by the expression either and
 * skipping it changes no mask. Gates have no Unicode property classes, so
 * they are cheap to compile.
 */

export interface Gated {
  /** The expression, built on first use; null when the gate says the text cannot hold a match. */
  (text: string): RegExp | null;
  /** The expression itself (for callers that test many texts or reuse its source). */
  readonly re: () => RegExp;
}

/** `source` with `flags`, built on first use. */
export function lazy(source: () => string, flags: string): () => RegExp {
  let re: RegExp | null = null;
  return () => {
    re ??= new RegExp(source(), flags);
    return re;
  };
}

/** Every gated expression with its gate, so a test can check that no text its gate refuses holds a match. */
export const GATED_EXPRESSIONS: Array<{ gate: RegExp; re: () => RegExp }> = [];

/** `source` with `flags`, run only on texts that `gate` matches. */
export function gated(gate: RegExp, source: () => string, flags: string): Gated {
  if (gate.global || gate.sticky) throw new Error('a gate is tested, never scanned: no g or y flag');
  const build = lazy(source, flags);
  GATED_EXPRESSIONS.push({ gate, re: build });
  const f = (text: string) => (gate.test(text) ? build() : null);
  return Object.assign(f, { re: build });
}

/** Every `g` flag expression's matches in `text`, or none when its gate rules the text out. */
export function matchesIn(g: Gated, text: string): IterableIterator<RegExpExecArray> | RegExpExecArray[] {
  const re = g(text);
  return re ? text.matchAll(re) : [];
}

/** An ASCII digit (`\d`, also under the `i` and `u` flags). */
export const DIGIT_RE = /\d/u;
