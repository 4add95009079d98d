/**
 * Compatibility normalisation (NFKC) before masking: full-width digits and
 * letters ("０７０－１２３ ４５ ６７", "ａｎｎａ＠ｆｏｒｅｔａｇｅｔ．ｓｅ"), mathematical
 * alphanumerics, ligatures and odd spaces become the plain characters the
 * detectors know, and invisible format characters (zero-width space, soft
 * hyphen, bidi marks) are dropped, so none of them can carry a number or an
 * address past the masking. The public wording is built from the normalised
 * text; each of its characters keeps the input range it came from, so what
 * was masked or dropped can still be reported in input offsets.
 */

export interface Normalised {
  text: string;
  /** Input offset where character i of `text` starts / ends (both empty when the text is unchanged). */
  from: number[];
  to: number[];
}

/** One base character with its combining marks: NFKC composes within it. */
const CLUSTER_RE = /\P{M}\p{M}*|\p{M}+/gsu;
const INVISIBLE_RE = /^\p{Cf}+$/u;
/**
 * Kept as written: superscripts, subscripts, fractions and the ellipsis ("50
 * m²", "½ dag", "…") identify no one, and NFKC would change what the supplier
 * wrote ("m2", "1⁄2", "...").
 */
const KEEP_RE = /^[\u00b2\u00b3\u00b9\u00bc-\u00be\u2026\u2070-\u209f\u2150-\u215f\u2189]$/u;

/** Characters NFKC may change or that are invisible; plain Swedish text has none. */
const MAYBE_CHANGED_RE = /[^\t\n\r\u0020-\u007e\u00c0-\u00ff\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac]/u;
/** Unchanged text: character i came from input offset i (no arrays built). */
const IDENTITY: number[] = [];
const IDENTITY_END: number[] = [];

export function normaliseCompat(input: string): Normalised {
  if (!MAYBE_CHANGED_RE.test(input) || (input.normalize('NFKC') === input && !/\p{Cf}/u.test(input))) {
    return { text: input, from: IDENTITY, to: IDENTITY_END };
  }
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (const m of input.matchAll(CLUSTER_RE)) {
    const cluster = m[0];
    if (INVISIBLE_RE.test(cluster)) continue;
    const out = KEEP_RE.test(cluster) ? cluster : cluster.normalize('NFKC');
    for (let i = 0; i < out.length; i++) {
      from.push(m.index);
      to.push(m.index + cluster.length);
    }
    text += out;
  }
  return { text, from, to };
}

/** An input range for the normalised range [start, end). */
export function inputRange(n: Normalised, start: number, end: number): { start: number; end: number } {
  if (n.from === IDENTITY) return { start, end };
  if (n.from.length === 0) return { start: 0, end: 0 };
  const s = n.from[Math.min(start, n.from.length - 1)] ?? 0;
  const e = end > start ? (n.to[Math.min(end, n.to.length) - 1] ?? s) : s;
  return { start: s, end: e };
}
