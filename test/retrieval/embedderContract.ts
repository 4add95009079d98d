/**
 * The contract every Embedder must keep (a standard test suite, run against
 * each implementation): stable id with the dimension in it, vectors of that
 * dimension, L2-normalised, deterministic, order-preserving, and similar
 * texts closer than unrelated ones.
 */
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/core/ports.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

export function describeEmbedderContract(name: string, make: () => Embedder | Promise<Embedder>): void {
  describe(`Embedder contract: ${name}`, () => {
    it('names its dimension and returns vectors of it, one per text, in order', async () => {
      const embedder = await make();
      expect(embedder.id).toMatch(new RegExp(String(embedder.dimensions)));
      const texts = ['Sista anbudsdag är 2026-02-02.', 'Kontaktperson är Åsa.', 'Anbud lämnas via TendSign.'];
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const v of vectors) {
        expect(v).toHaveLength(embedder.dimensions);
        expect(v.every((x) => Number.isFinite(x))).toBe(true);
      }
      const single = await embedder.embed([texts[1]!]);
      expect(cosine(single[0]!, vectors[1]!)).toBeCloseTo(1, 5);
    });

    it('returns unit vectors, the same for the same text', async () => {
      const embedder = await make();
      const [a, b] = await embedder.embed([
        'Hur länge ska anbudet vara giltigt?',
        'Hur länge ska anbudet vara giltigt?',
      ]);
      expect(norm(a!)).toBeCloseTo(1, 5);
      expect(a).toEqual(b);
    });

    it('puts a text closer to a paraphrase than to an unrelated text', async () => {
      const embedder = await make();
      const [q, near, far] = await embedder.embed([
        'När sker öppningen av anbuden?',
        'Anbudsöppning sker hos myndigheten 2026-02-03 07:00.',
        'Konsulten ska ha erfarenhet av maskininlärning och Kubernetes.',
      ]);
      expect(cosine(q!, near!)).toBeGreaterThan(cosine(q!, far!));
    });

    it('accepts an empty list', async () => {
      const embedder = await make();
      expect(await embedder.embed([])).toEqual([]);
    });
  });
}
