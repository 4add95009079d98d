/** FAQ documents for the export tests: Swedish typography, markup-looking text, multi-line answers. */
import type { FaqDocument } from '../../src/faq/export.js';

export const callOff = {
  id: 'af-2025-0108-8097',
  reference: 'Af-2025/0108 8097',
  title: 'Avropsförfrågan AI-utvecklare med fokus på tillämpad AI, DevOps och MLOps',
  buyer: 'Arbetsförmedlingen',
  timezone: 'Europe/Stockholm',
};

export const sample: FaqDocument = {
  callOff,
  // 13:05 UTC is 14:05 in Stockholm in January (CET).
  exportedAt: '2026-01-27T13:05:00.000Z',
  items: [
    {
      number: 1,
      question: 'Får konsulten arbeta på distans, och i så fall hur mycket?',
      answer:
        'Ja. Enligt avsnitt 1.8 får högst 49 % av tiden utföras på distans – resten på plats i Solna.\n\nSe även ”Bilaga 2 – Kravspecifikation”.\nTimpriset anges i kronor, t.ex. 1 150,50 kr; inte i euro.',
      publishedAt: '2026-01-26T09:00:00.000Z',
    },
    {
      number: 2,
      question: 'Gäller kravet för [leverantören] om <script>alert("x")</script> & *fet* text?',
      answer: '=SUMMA(A1:A2) är ingen formel här; "citat", semikolon; komma, och é i idé.',
      publishedAt: '2026-01-27T08:30:00.000Z',
    },
    {
      number: 3,
      question: '# Rubrik?\n1. Punkt ett\n- punkt två',
      answer: 'Kort svar: nej.',
      publishedAt: '2026-07-01T10:00:00.000Z',
    },
  ],
};

export const empty: FaqDocument = { callOff, exportedAt: '2026-01-27T13:05:00.000Z', items: [] };
