/** FAQ as JSON, exactly the shape of the interface contract (`faq export --format json`). */
import { type FaqDocument, orderedItems } from './document.js';

export function renderJson(doc: FaqDocument): Buffer {
  const body = {
    callOff: doc.callOff.id,
    reference: doc.callOff.reference,
    exportedAt: doc.exportedAt,
    items: orderedItems(doc).map((i) => ({
      number: i.number,
      question: i.question,
      answer: i.answer,
      publishedAt: i.publishedAt,
      ...(i.amendedAt ? { amendedAt: i.amendedAt } : {}),
    })),
    ...(doc.tenderPeriodNote ? { tenderPeriodNote: doc.tenderPeriodNote } : {}),
    ...(doc.registerHead ? { registerHead: { seq: doc.registerHead.seq, hash: doc.registerHead.hash } } : {}),
  };
  return Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
}
