/**
 * A composer wrapper that turns every answer into "not in the documents, but
 * this section may be relevant", from what retrieval really returned: the
 * best-ranked passage, quoted verbatim (its first line, cut at a word). The
 * surfaces' tests use it so they do not depend on where the fitted answer
 * model puts its thresholds. `invent` adds a second related section whose
 * quote is in no document, which the core's grounding guard must drop.
 */
import type { Composer } from '../../src/core/ports.js';
import { relatedLine } from '../../src/core/related.js';
import type { Citation, Passage } from '../../src/core/types.js';

export const INVENTED_QUOTE = 'Leverantören får alltid fakturera i förskott.';

export function relatedQuoteOf(p: Passage): string {
  const first = (p.chunk.text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  if (first.length <= 90) return first;
  return first.slice(0, first.lastIndexOf(' ', 90)).trim();
}

export function relatedComposer(opts: { invent?: boolean } = {}) {
  return (inner: Composer): Composer => ({
    async compose(input) {
      await inner.compose(input);
      const best = input.passages.find((p) => p.chunk.kind === 'document');
      if (!best) return { status: 'not_in_documents', answer: 'Finns inte i dokumenten.', citations: [] };
      const related: Citation[] = [
        {
          document: best.chunk.document,
          section: best.chunk.section,
          heading: best.chunk.heading,
          quote: relatedQuoteOf(best),
          page: best.chunk.page,
        },
      ];
      if (opts.invent) related.push({ ...related[0]!, section: '9.9', heading: 'Påhittat', quote: INVENTED_QUOTE });
      return {
        status: 'not_in_documents',
        answer: [
          'Upphandlingsdokumenten besvarar inte din fråga tydligt. Frågan är registrerad och besvaras av den upphandlande myndigheten.',
          ...related.map((c) => relatedLine(`Avsnitt ${c.section} (${c.heading})`, c.quote)),
        ].join('\n'),
        citations: [],
        related,
      };
    },
  });
}
